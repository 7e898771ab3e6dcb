package dev.monitor.status.internal;

import dev.monitor.pii.Scrubber;
import dev.monitor.status.ComponentState;
import dev.monitor.status.StatusComponent;
import dev.monitor.status.StatusIncident;
import dev.monitor.status.StatusTimelineEntry;
import dev.monitor.status.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Renders a {@link StatusSnapshot} as one self-contained HTML document: no script, no external asset (the
 * style sheet is inline and allowed by its hash in the Content-Security-Policy, the icon is an empty data
 * URL), reloading itself with {@code <meta http-equiv="refresh">}. Every text from outside (title, names,
 * summaries, errors, who acted) passes the scrubber, is cut to {@value #MAX_TEXT_LENGTH} characters, and is
 * HTML-escaped, in element content and in attribute values alike. Not API.
 */
public final class StatusHtml {

    /** Longest text shown: longer ones are cut after they were scrubbed. */
    public static final int MAX_TEXT_LENGTH = 1000;

    /**
     * The style sheet of both pages (the public one and the internal view). Colours meet WCAG AA in both schemes
     * (text 4.5:1, bars 3:1), checked by a test that computes the ratios from this very text.
     */
    static final String STYLE = ":root{color-scheme:light dark;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--none:#6e7781;"
            + "--maint:#0969da;--fg:#1f2328;--muted:#59636e;--bg:#ffffff;--line:#d1d9e0;--on-state:#ffffff}"
            + "@media (prefers-color-scheme:dark){:root{--ok:#3fb950;--warn:#d29922;--bad:#f85149;--none:#9198a1;"
            + "--maint:#58a6ff;--fg:#e6edf3;--muted:#9198a1;--bg:#0d1117;--line:#3d444d;--on-state:#0d1117}}"
            + "*{box-sizing:border-box}"
            + "body{margin:0;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\",Roboto,\"DejaVu Sans\",sans-serif;color:var(--fg);"
            + "background:var(--bg)}"
            + "main{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem}"
            + "h1{font-size:1.6rem;margin:0 0 .75rem;overflow-wrap:anywhere}h2{font-size:1.15rem;margin:2rem 0 .75rem}"
            + "h3{font-size:1rem;margin:1.25rem 0 .5rem;color:var(--muted)}"
            + ".overall{padding:.9rem 1.1rem;border-radius:.5rem;color:var(--on-state);font-weight:600;margin:0}"
            + ".overall.operational{background:var(--ok)}.overall.degraded{background:var(--warn)}"
            + ".overall.outage{background:var(--bad)}.overall.unknown{background:var(--none)}"
            + ".overall.maintenance{background:var(--maint)}"
            + ".updated,.meta{color:var(--muted);font-size:.875rem;margin:.25rem 0 0}"
            + "ul.components,ol.incidents,ul.maintenance{list-style:none;margin:0;padding:0;border:1px solid var(--line);"
            + "border-radius:.5rem}"
            + ".component,.incident{padding:.8rem 1rem;border-top:1px solid var(--line)}"
            + ".component:first-child,.incident:first-child{border-top:0}"
            + ".row{display:flex;justify-content:space-between;gap:1rem;align-items:baseline}"
            + ".name{font-weight:600;overflow-wrap:anywhere}.state{font-weight:600;white-space:nowrap}"
            + ".state.operational{color:var(--ok)}.state.degraded{color:var(--warn)}.state.outage{color:var(--bad)}"
            + ".state.unknown{color:var(--muted)}.state.maintenance{color:var(--maint)}"
            + ".description{margin:.25rem 0 0;color:var(--muted);font-size:.875rem}"
            + "ol.bars{display:flex;gap:2px;list-style:none;margin:.5rem 0 0;padding:0;height:1.75rem}"
            + "ol.bars li{flex:1;min-width:0;border-radius:1px;background:var(--none)}ol.bars li.up{background:var(--ok)}"
            + "ol.bars li.partial{background:var(--warn)}ol.bars li.down{background:var(--bad)}"
            + ".legend{display:flex;justify-content:space-between;color:var(--muted);font-size:.75rem;margin:.2rem 0 0}"
            + ".short{display:none}"
            + "@media (max-width:600px){ol.bars{gap:1px}ol.bars li:nth-child(-n+60){display:none}.long{display:none}"
            + ".short{display:inline}}"
            + ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
            + ".detail{font-family:ui-monospace,\"DejaVu Sans Mono\",monospace;font-size:.8rem;overflow-wrap:anywhere;margin:.25rem 0 0}"
            + ".summary{margin:.25rem 0 0;overflow-wrap:anywhere}"
            + "ol.timeline,ol.updates{margin:.35rem 0 0;padding-left:1.1rem;color:var(--muted);font-size:.8rem}"
            + "ol.updates{color:var(--fg);font-size:.875rem}ol.updates li{margin:.25rem 0;overflow-wrap:anywhere}"
            + "ol.updates b{font-weight:600}"
            + "footer{margin-top:2rem;color:var(--muted);font-size:.875rem}a{color:inherit}";

    /** The Content-Security-Policy the page needs: nothing but its own inline style sheet and a data: icon. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + hash(STYLE) + "'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatusHtml() {
    }

    /**
     * The page for {@code snapshot}; {@code jsonLink} is where the same data is as JSON. Every text of the snapshot
     * passes {@code scrubber} (again: a snapshot may come from anywhere) before it is cut and escaped; the link passes it
     * too, and is escaped.
     */
    public static String render(StatusSnapshot snapshot, String jsonLink, Scrubber scrubber) {
        StringBuilder html = new StringBuilder(4096 + snapshot.components().size() * 1500);
        String title = shown(scrubber, snapshot.title());
        head(html, title, snapshot.refresh().toSeconds(), "");
        html.append("<h1>").append(title).append("</h1>\n")
                .append("<p class=\"overall ").append(snapshot.overall().jsonValue()).append("\" id=\"overall\">")
                .append(escape(snapshot.overall().headline())).append("</p>\n")
                .append("<p class=\"updated\">Updated ").append(time(snapshot.generatedAt()))
                .append(" · refreshes every ").append(snapshot.refresh().toSeconds()).append(" s</p>\n</header>\n");

        html.append("<section aria-labelledby=\"components-title\">\n<h2 id=\"components-title\">Components</h2>\n");
        if (snapshot.components().isEmpty()) {
            html.append("<p>No components are monitored.</p>\n");
        } else {
            html.append("<ul class=\"components\">\n");
            for (StatusComponent component : snapshot.components()) {
                component(html, component, scrubber);
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");

        html.append("<section aria-labelledby=\"incidents-title\">\n<h2 id=\"incidents-title\">Recent incidents</h2>\n");
        if (snapshot.incidents().isEmpty()) {
            html.append("<p>No incidents recorded.</p>\n");
        } else {
            html.append("<ol class=\"incidents\">\n");
            for (StatusIncident incident : snapshot.incidents()) {
                incident(html, incident, scrubber);
            }
            html.append("</ol>\n");
        }
        // an operator's link may carry a credential (https://user:password@…, ?token=…): scrubbed like any text
        html.append("</section>\n<footer><p>The same data as <a href=\"").append(escape(scrubber.scrub(jsonLink)))
                .append("\">JSON</a>.</p></footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * Opens the document up to {@code <header>}: {@code title} is already scrubbed and escaped, the page reloads every
     * {@code refreshSeconds}, {@code extraHead} (already escaped) goes at the end of the head.
     */
    static void head(StringBuilder html, String title, long refreshSeconds, String extraHead) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta http-equiv=\"refresh\" content=\"").append(Math.max(1, refreshSeconds)).append("\">\n")
                .append("<meta name=\"robots\" content=\"noindex\">\n")
                .append("<title>").append(title).append("</title>\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n").append(extraHead)
                .append("<style>").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n<header>\n");
    }

    static void component(StringBuilder html, StatusComponent component, Scrubber scrubber) {
        ComponentState state = component.state();
        html.append("<li class=\"component\" data-state=\"").append(state.jsonValue()).append("\">\n<div class=\"row\">")
                .append("<span class=\"name\">").append(shown(scrubber, component.name())).append("</span>")
                .append("<span class=\"state ").append(state.jsonValue()).append("\">").append(escape(state.text()))
                .append("</span></div>\n<p class=\"meta\">").append(escape(component.kind().text()));
        if (!component.critical()) {
            html.append(" · not critical");
        }
        if (component.responseTimeMillis() != null) {
            html.append(" · ").append(component.responseTimeMillis()).append(" ms");
        }
        if (component.uptime24h() != null) {
            html.append(" · uptime ").append(percent(component.uptime24h())).append(" (24 h)");
            if (component.uptime7d() != null) {
                html.append(", ").append(percent(component.uptime7d())).append(" (7 d)");
            }
            if (component.uptime30d() != null) {
                html.append(", ").append(percent(component.uptime30d())).append(" (30 d)");
            }
        }
        if (component.p95Millis24h() != null) {
            html.append(" · p95 ").append(component.p95Millis24h()).append(" ms (24 h)");
        }
        if (component.checkedAt() != null) {
            html.append(" · checked ").append(time(component.checkedAt()));
        }
        html.append("</p>\n");
        if (component.detail() != null) {
            html.append("<p class=\"detail\">").append(shown(scrubber, component.detail())).append("</p>\n");
        }
        if (!component.days().isEmpty()) {
            html.append("<ol class=\"bars\" aria-label=\"Daily uptime of the last ").append(component.days().size())
                    .append(" days\">");
            for (StatusComponent.StatusDay day : component.days()) {
                String text = shown(scrubber, day.date()) + ": " + (day.uptimePercent() == null ? "no data"
                        : percent(day.uptimePercent()) + " up, " + day.checks() + " checks");
                html.append("<li class=\"").append(barClass(day.uptimePercent())).append("\" title=\"").append(text).append("\">")
                        .append("<span class=\"sr\">").append(text).append("</span></li>");
            }
            html.append("</ol>\n");
        }
        html.append("</li>\n");
    }

    static void incident(StringBuilder html, StatusIncident incident, Scrubber scrubber) {
        String state = incident.resolved() ? "operational" : "outage";
        html.append("<li class=\"incident\">\n<div class=\"row\"><span class=\"name\">").append(shown(scrubber, incident.name()))
                .append("</span><span class=\"state ").append(state).append("\">")
                .append(incident.resolved() ? "Resolved" : "Ongoing").append("</span></div>\n")
                .append("<p class=\"summary\">").append(shown(scrubber, incident.summary())).append("</p>\n")
                .append("<p class=\"meta\">").append(shown(scrubber, incident.severity())).append(" · started ")
                .append(time(incident.startedAt()));
        if (incident.escalationLevel() > 0) {
            html.append(" · escalated to level ").append(incident.escalationLevel());
        }
        if (incident.acknowledgedAt() != null) {
            html.append(" · acknowledged ");
            if (incident.acknowledgedBy() != null) {
                html.append("by ").append(shown(scrubber, incident.acknowledgedBy())).append(' ');
            }
            html.append(time(incident.acknowledgedAt()));
        }
        if (incident.resolvedAt() != null) {
            html.append(" · resolved ").append(time(incident.resolvedAt()));
        }
        html.append("</p>\n");
        if (!incident.timeline().isEmpty()) {
            html.append("<ol class=\"timeline\">");
            for (StatusTimelineEntry step : incident.timeline()) {
                html.append("<li>").append(time(step.at())).append(' ').append(shown(scrubber, step.event().replace('_', ' ')));
                if (step.level() > 0) {
                    html.append(" (level ").append(step.level()).append(')');
                }
                if (step.actor() != null) {
                    html.append(" by ").append(shown(scrubber, step.actor()));
                }
                html.append("</li>");
            }
            html.append("</ol>\n");
        }
        html.append("</li>\n");
    }

    /** A text from outside as the page shows it: scrubbed, then cut, then escaped. */
    static String shown(Scrubber scrubber, String text) {
        return escape(scrubber.scrub(text, MAX_TEXT_LENGTH));
    }

    static String time(Instant instant) {
        return "<time datetime=\"" + instant + "\">" + SHOWN.format(instant) + "</time>";
    }

    static String barClass(@Nullable Double percent) {
        if (percent == null) {
            return "none";
        }
        return percent >= 99.9 ? "up" : percent >= 95 ? "partial" : "down";
    }

    /** A percentage with up to two decimals: {@code 100%}, {@code 99.95%}. */
    static String percent(double value) {
        double rounded = Math.floor(value * 100) / 100; // never show 100% for 99.999%
        String text = String.format(Locale.ROOT, "%.2f", rounded);
        text = text.endsWith(".00") ? text.substring(0, text.length() - 3) : text.endsWith("0") ? text.substring(0, text.length() - 1) : text;
        return text + "%";
    }

    /** Escapes {@code & < > " '} and replaces control characters, for element content and quoted attribute values. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f ? "\uFFFD" : null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static String hash(String style) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(style.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
