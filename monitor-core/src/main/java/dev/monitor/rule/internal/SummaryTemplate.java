package dev.monitor.rule.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A summary or description template with {@code {{placeholder}}} and {@code {{placeholder|filter}}}
 * parts, parsed once when the rule is built (an unknown placeholder or filter is an error then, not at
 * 3 a.m.). Filters format numbers: {@code percent} (0.053 → {@code 5.3%}), {@code ms} (seconds →
 * {@code 1250 ms}), {@code int} (rounded). Placeholders {@code labels.KEY} read the rule's labels. Not API.
 */
public final class SummaryTemplate {

    /** The filters a numeric placeholder accepts. */
    public static final Set<String> FILTERS = Set.of("percent", "ms", "int");

    private sealed interface Part permits Literal, Placeholder {
    }

    private record Literal(String text) implements Part {
    }

    private record Placeholder(String name, String filter) implements Part {
    }

    private final String source;
    private final List<Part> parts;

    private SummaryTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    /**
     * Parses {@code text}.
     *
     * @param setting the setting's name for error messages, e.g. {@code "summary"}
     * @param names the placeholders allowed besides {@code labels.KEY}
     * @throws IllegalArgumentException naming the setting and the bad placeholder, filter or brace
     */
    public static SummaryTemplate parse(String text, String setting, Set<String> names) {
        Objects.requireNonNull(text, setting);
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                throw new IllegalArgumentException(setting + ": '{{' at position " + open + " is never closed with '}}' in \""
                        + text + "\"");
            }
            String inside = text.substring(open + 2, close).strip();
            if (inside.startsWith("$")) {
                inside = inside.substring(1); // Prometheus style {{ $value }} and {{ $labels.x }}
            }
            String name = inside;
            String filter = "";
            int bar = inside.indexOf('|');
            if (bar >= 0) {
                name = inside.substring(0, bar).strip();
                filter = inside.substring(bar + 1).strip();
                if (!FILTERS.contains(filter)) {
                    throw new IllegalArgumentException(setting + ": unknown filter '" + filter + "' in {{" + inside
                            + "}}; use one of " + new TreeSet<>(FILTERS));
                }
            }
            boolean label = name.startsWith("labels.") && name.length() > "labels.".length();
            if (!label && !names.contains(name)) {
                throw new IllegalArgumentException(setting + ": unknown placeholder {{" + inside + "}}; use one of "
                        + new TreeSet<>(names) + " or labels.NAME");
            }
            parts.add(new Placeholder(name, filter));
            at = close + 2;
        }
        return new SummaryTemplate(text, List.copyOf(parts));
    }

    /**
     * Renders with {@code values}: {@code Double}s are formatted (with the placeholder's filter),
     * anything else is inserted as text; a missing value or label renders as {@code ""}. Nothing is cut here: the
     * caller scrubs the whole text, then cuts it.
     *
     * @param labels the label values as shown: already scrubbed knowing their key ({@code RuleRuntime.scrubLabels}),
     *     since once inserted into the text a value no longer has its key
     */
    public String render(Map<String, ?> values, Map<String, String> labels) {
        StringBuilder out = new StringBuilder(source.length() + 32);
        for (Part part : parts) {
            if (part instanceof Literal literal) {
                out.append(literal.text());
            } else if (part instanceof Placeholder placeholder) {
                if (placeholder.name().startsWith("labels.")) {
                    String value = labels.get(placeholder.name().substring("labels.".length()));
                    out.append(value == null ? "" : value);
                    continue;
                }
                Object value = values.get(placeholder.name());
                if (value instanceof Double number) {
                    out.append(format(number, placeholder.filter()));
                } else if (value != null) {
                    out.append(value);
                }
            }
        }
        return out.toString();
    }

    /** The template text as given. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    private static String format(double value, String filter) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (filter) {
            case "percent" -> RuleTexts.number(Math.round(value * 1000) / 10.0) + "%";
            case "ms" -> Math.round(value * 1000) + " ms";
            case "int" -> Long.toString(Math.round(value));
            default -> RuleTexts.number(value);
        };
    }
}
