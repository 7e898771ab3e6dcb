#!/usr/bin/env python3
"""Rewrites the property tables of docs/spring.md from the starter's generated configuration metadata.

Run after `./mvnw -q -B -o -DskipTests -pl monitor-spring -am package`:
    python3 docs/tools/spring-properties-table.py
The tables sit between the markers <!-- properties:start --> and <!-- properties:end -->.
"""
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
metadata = json.loads((root / "monitor-spring/target/classes/META-INF/spring-configuration-metadata.json").read_text())
additional = json.loads((root / "monitor-spring/src/main/resources/META-INF/additional-spring-configuration-metadata.json").read_text())
defaults = {p["name"]: p["defaultValue"] for p in additional.get("properties", []) if "defaultValue" in p}


def show(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(show(v) for v in value) if value else "(empty)"
    return str(value)


sections = {}
for prop in sorted(metadata["properties"], key=lambda p: p["name"]):
    name = prop["name"]
    default = prop.get("defaultValue", defaults.get(name))
    shown = "(unset)" if default is None else show(default)
    description = prop.get("description", "").replace("|", "\\|").replace("\n", " ")
    # monitor.<feature>.*, and the management.endpoint.<id>.access entries Boot generates for the operator endpoints
    sections.setdefault(".".join(name.split(".")[:2]), []).append(f"| `{name}` | `{shown}` | {description} |")

out = []
for group, rows in sorted(sections.items(), key=lambda item: (not item[0].startswith("monitor."), item[0])):
    out.append(f"#### `{group}.*`\n\n| property | default | description |\n|---|---|---|")
    out.extend(rows)
    out.append("")
table = "\n".join(out)

doc = root / "docs/spring.md"
text = doc.read_text()
text, count = re.subn(r"(<!-- properties:start -->\n).*?(<!-- properties:end -->)",
                      lambda m: m.group(1) + "\n" + table + "\n" + m.group(2), text, flags=re.S)
if count != 1:
    raise SystemExit("docs/spring.md has no <!-- properties:start --> ... <!-- properties:end --> section")
doc.write_text(text)
print(f"{sum(len(r) for r in sections.values())} properties in {len(sections)} tables")
