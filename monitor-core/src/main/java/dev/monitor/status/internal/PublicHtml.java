package dev.monitor.status.internal;

import dev.monitor.pii.Scrubber;
import dev.monitor.status.ComponentState;
import dev.monitor.status.ComponentStatus;
import dev.monitor.status.PublicIncident;
import dev.monitor.status.IncidentImpact;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import dev.monitor.status.MaintenanceStatus;
import dev.monitor.status.PublicStatus;
import dev.monitor.status.StatusComponent;
import dev.monitor.status.StatusIncident;
import dev.monitor.status.StatusSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders the public status page from a {@link PublicStatus}, and the authorized internal view (the public page
 * followed by every check, target and alert of a {@link StatusSnapshot}). Same style sheet, same policy and the same
 * rules as {@link StatusHtml}: every text scrubbed, cut, then escaped. Not API.
 */
public final class PublicHtml {

    /**
     * Where the page's other forms are, already decided by the adapter (absolute paths or URLs).
     *
     * @param feed the Atom feed
     * @param summary the Statuspage-compatible summary JSON
     * @param internalJson the internal JSON (shown in the internal view only)
     */
    public record Links(String feed, String summary, String internalJson) {
    }

    private PublicHtml() {
    }

    /** The page of {@code status}; with {@code internal}, the internal view, which adds every check, target and alert. */
    public static String render(PublicStatus status, Links links, Scrubber scrubber, @Nullable StatusSnapshot internal) {
        StringBuilder html = new StringBuilder(8192 + status.components().size() * 12_000);
        String title = StatusHtml.shown(scrubber, status.title());
        String feed = StatusHtml.escape(scrubber.scrub(links.feed()));
        StatusHtml.head(html, title, status.refresh().toSeconds(), "<link rel=\"alternate\" type=\"application/atom+xml\" "
                + "title=\"" + title + " incidents and maintenance\" href=\"" + feed + "\">\n");
        String headline = status.overall().headline();
        if (status.overall() == ComponentState.OPERATIONAL && status.indicator() == IncidentImpact.NONE) {
            headline = "All systems operational";
        }
        html.append("<h1>").append(title).append("</h1>\n")
                .append("<p class=\"overall ").append(status.overall().jsonValue()).append("\" id=\"overall\">")
                .append(StatusHtml.escape(headline)).append("</p>\n")
                .append("<p class=\"updated\">Updated ").append(StatusHtml.time(status.generatedAt()))
                .append(" · refreshes every ").append(status.refresh().toSeconds()).append(" s</p>\n</header>\n");

        List<PublicIncident> open = status.incidents().stream().filter(incident -> !incident.resolved()).toList();
        if (!open.isEmpty()) {
            incidents(html, "current-incidents", "Current incidents", open, status, scrubber);
        }
        maintenance(html, status, scrubber);
        components(html, status, scrubber);
        List<PublicIncident> past = status.incidents().stream().filter(PublicIncident::resolved).toList();
        if (past.isEmpty()) {
            html.append("<section aria-labelledby=\"past-incidents\">\n<h2 id=\"past-incidents\">Past incidents</h2>\n")
                    .append("<p>No incidents in the last 7 days.</p>\n</section>\n");
        } else {
            incidents(html, "past-incidents", "Past incidents", past, status, scrubber);
        }
        if (internal != null) {
            internal(html, internal, scrubber);
        }
        html.append("<footer><p>Subscribe with the <a href=\"").append(feed).append("\">Atom feed</a> · the same data as <a href=\"")
                .append(StatusHtml.escape(scrubber.scrub(links.summary()))).append("\">JSON</a>");
        if (internal != null) {
            html.append(" · <a href=\"").append(StatusHtml.escape(scrubber.scrub(links.internalJson())))
                    .append("\">internal JSON</a>");
        }
        html.append(".</p></footer>\n</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void components(StringBuilder html, PublicStatus status, Scrubber scrubber) {
        html.append("<section aria-labelledby=\"components-title\">\n<h2 id=\"components-title\">Components</h2>\n");
        if (status.components().isEmpty()) {
            html.append("<p>No public components are configured.</p>\n</section>\n");
            return;
        }
        Map<String, List<ComponentStatus>> groups = new LinkedHashMap<>();
        for (ComponentStatus component : status.components()) {
            groups.computeIfAbsent(component.group(), group -> new ArrayList<>()).add(component);
        }
        for (Map.Entry<String, List<ComponentStatus>> group : groups.entrySet()) {
            if (!group.getKey().isEmpty()) {
                html.append("<h3>").append(StatusHtml.shown(scrubber, group.getKey())).append("</h3>\n");
            }
            html.append("<ul class=\"components\">\n");
            for (ComponentStatus component : group.getValue()) {
                component(html, component, scrubber);
            }
            html.append("</ul>\n");
        }
        html.append("</section>\n");
    }

    private static void component(StringBuilder html, ComponentStatus component, Scrubber scrubber) {
        ComponentState state = component.state();
        html.append("<li class=\"component\" id=\"component-").append(StatusHtml.escape(component.id()))
                .append("\" data-state=\"").append(state.jsonValue()).append("\">\n<div class=\"row\"><span class=\"name\">")
                .append(StatusHtml.shown(scrubber, component.name())).append("</span><span class=\"state ")
                .append(state.jsonValue()).append("\">").append(StatusHtml.escape(state.text())).append("</span></div>\n");
        if (!component.description().isEmpty()) {
            html.append("<p class=\"description\">").append(StatusHtml.shown(scrubber, component.description())).append("</p>\n");
        }
        if (!component.days().isEmpty()) {
            int count = component.days().size();
            html.append("<ol class=\"bars\" aria-label=\"Daily uptime of ").append(StatusHtml.shown(scrubber, component.name()))
                    .append(", the last ").append(count).append(" days\">");
            for (ComponentStatus.Day day : component.days()) {
                StringBuilder text = new StringBuilder(80).append(day.date()).append(": ");
                text.append(day.uptimePercent() == null ? "no data" : StatusHtml.percent(day.uptimePercent()) + " uptime");
                if (day.incidents().isEmpty()) {
                    text.append(", no incidents");
                } else {
                    text.append(", incidents: ");
                    for (int i = 0; i < day.incidents().size(); i++) {
                        text.append(i == 0 ? "" : "; ").append(scrubber.scrub(day.incidents().get(i), StatusHtml.MAX_TEXT_LENGTH));
                    }
                }
                String shown = StatusHtml.escape(text.toString());
                html.append("<li class=\"").append(StatusHtml.barClass(day.uptimePercent())).append("\" title=\"").append(shown)
                        .append("\"><span class=\"sr\">").append(shown).append("</span></li>");
            }
            html.append("</ol>\n<p class=\"legend\"><span><span class=\"long\">").append(count)
                    .append(" days ago</span><span class=\"short\">30 days ago</span></span><span>");
            if (component.uptimePercent() != null) {
                html.append("<span class=\"long\">").append(StatusHtml.percent(component.uptimePercent())).append(" uptime</span>");
            }
            Double month = lastDays(component.days(), 30); // narrow screens show the last 30 bars, and their uptime
            if (month != null) {
                html.append("<span class=\"short\">").append(StatusHtml.percent(month)).append(" uptime</span>");
            }
            html.append("</span><span>Today</span></p>\n");
        }
        html.append("</li>\n");
    }

    /** The uptime over the last {@code count} days, or {@code null} without checks. */
    private static @Nullable Double lastDays(List<ComponentStatus.Day> days, int count) {
        double up = 0;
        long checks = 0;
        for (ComponentStatus.Day day : days.subList(Math.max(0, days.size() - count), days.size())) {
            if (day.uptimePercent() != null) {
                checks += day.checks();
                up += day.checks() * day.uptimePercent() / 100;
            }
        }
        return checks == 0 ? null : Math.min(100.0, 100.0 * Math.round(up) / checks);
    }

    private static void incidents(StringBuilder html, String id, String heading, List<PublicIncident> incidents, PublicStatus status,
            Scrubber scrubber) {
        html.append("<section aria-labelledby=\"").append(id).append("\">\n<h2 id=\"").append(id).append("\">").append(heading)
                .append("</h2>\n<ol class=\"incidents\">\n");
        for (PublicIncident incident : incidents) {
            String state = incident.resolved() ? "operational" : incident.impact() == IncidentImpact.MINOR
                    || incident.impact() == IncidentImpact.NONE ? "degraded" : "outage";
            html.append("<li class=\"incident\" id=\"incident-").append(StatusHtml.escape(incident.id()))
                    .append("\">\n<div class=\"row\"><span class=\"name\">").append(StatusHtml.shown(scrubber, incident.title()))
                    .append("</span><span class=\"state ").append(state).append("\">")
                    .append(StatusHtml.escape(incident.status().text())).append("</span></div>\n<p class=\"meta\">Impact: ")
                    .append(StatusHtml.escape(incident.impact().text().toLowerCase(java.util.Locale.ROOT)));
            List<String> names = names(incident.components(), status);
            if (!names.isEmpty()) {
                html.append(" · affects ").append(StatusHtml.shown(scrubber, String.join(", ", names)));
            }
            html.append("</p>\n<ol class=\"updates\" reversed>");
            List<IncidentUpdate> updates = incident.updates();
            for (int i = updates.size() - 1; i >= 0; i--) {
                IncidentUpdate update = updates.get(i);
                html.append("<li><b>").append(StatusHtml.escape(update.status().text())).append("</b> ")
                        .append(StatusHtml.time(update.at())).append(" — ").append(StatusHtml.shown(scrubber, update.body()))
                        .append("</li>");
            }
            html.append("</ol>\n");
            if (incident.postmortemUrl() != null) {
                html.append("<p class=\"meta\"><a href=\"").append(StatusHtml.escape(scrubber.scrub(incident.postmortemUrl())))
                        .append("\" rel=\"noopener noreferrer\">Post-mortem</a></p>\n");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n</section>\n");
    }

    private static void maintenance(StringBuilder html, PublicStatus status, Scrubber scrubber) {
        List<Maintenance> shown = status.maintenances().stream()
                .filter(maintenance -> maintenance.status(status.generatedAt()) != MaintenanceStatus.COMPLETED).toList();
        if (shown.isEmpty()) {
            return;
        }
        html.append("<section aria-labelledby=\"maintenance-title\">\n<h2 id=\"maintenance-title\">Scheduled maintenance</h2>\n")
                .append("<ul class=\"maintenance\">\n");
        for (Maintenance maintenance : shown) {
            MaintenanceStatus state = maintenance.status(status.generatedAt());
            html.append("<li class=\"incident\" id=\"maintenance-").append(StatusHtml.escape(maintenance.id()))
                    .append("\">\n<div class=\"row\"><span class=\"name\">").append(StatusHtml.shown(scrubber, maintenance.title()))
                    .append("</span><span class=\"state maintenance\">").append(StatusHtml.escape(state.text()))
                    .append("</span></div>\n<p class=\"meta\">").append(StatusHtml.time(maintenance.startsAt())).append(" to ")
                    .append(StatusHtml.time(maintenance.endsAt()));
            List<String> names = names(maintenance.components(), status);
            if (!names.isEmpty()) {
                html.append(" · affects ").append(StatusHtml.shown(scrubber, String.join(", ", names)));
            }
            html.append("</p>\n");
            if (!maintenance.description().isEmpty()) {
                html.append("<p class=\"summary\">").append(StatusHtml.shown(scrubber, maintenance.description())).append("</p>\n");
            }
            html.append("</li>\n");
        }
        html.append("</ul>\n</section>\n");
    }

    private static void internal(StringBuilder html, StatusSnapshot internal, Scrubber scrubber) {
        html.append("<section aria-labelledby=\"internal-title\">\n<h2 id=\"internal-title\">Internal: every check and target")
                .append("</h2>\n<p class=\"overall ").append(internal.overall().jsonValue()).append("\">")
                .append(StatusHtml.escape(internal.overall().headline())).append("</p>\n");
        if (internal.components().isEmpty()) {
            html.append("<p>No components are monitored.</p>\n");
        } else {
            html.append("<ul class=\"components\">\n");
            for (StatusComponent component : internal.components()) {
                StatusHtml.component(html, component, scrubber);
            }
            html.append("</ul>\n");
        }
        html.append("<h2>Internal: alerts</h2>\n");
        if (internal.incidents().isEmpty()) {
            html.append("<p>No incidents recorded.</p>\n");
        } else {
            html.append("<ol class=\"incidents\">\n");
            for (StatusIncident incident : internal.incidents()) {
                StatusHtml.incident(html, incident, scrubber);
            }
            html.append("</ol>\n");
        }
        html.append("</section>\n");
    }

    private static List<String> names(List<String> ids, PublicStatus status) {
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            for (ComponentStatus component : status.components()) {
                if (component.id().equals(id)) {
                    names.add(component.name());
                }
            }
        }
        return names;
    }
}
