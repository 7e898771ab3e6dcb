package dev.monitor.status.internal;

import dev.monitor.pii.Scrubber;
import dev.monitor.status.PublicIncident;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import dev.monitor.status.MaintenanceStatus;
import dev.monitor.status.PublicStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Renders the incidents and maintenance of a {@link PublicStatus} as an Atom 1.0 feed (RFC 4287): one entry per
 * incident (its updates newest first) and per maintenance window. Ids are {@code urn:uuid:} name-based on the page id
 * and the entry's id, so they never change; {@code updated} is the entry's latest update (for a maintenance: its
 * announcement, start or end, whichever is the latest passed). Every text scrubbed, cut and XML-escaped. Not API.
 */
public final class AtomFeed {

    /** The feed's media type. */
    public static final String CONTENT_TYPE = "application/atom+xml; charset=utf-8";

    private AtomFeed() {
    }

    /**
     * The feed.
     *
     * @param status what to list
     * @param pageId the page id, the root of every entry id
     * @param pageUrl the page's URL (entries link to their anchor on it)
     * @param feedUrl the feed's own URL
     * @param since when the page was built: the feed's {@code updated} while it has no entry
     */
    public static byte[] render(PublicStatus status, String pageId, String pageUrl, String feedUrl, Instant since, Scrubber scrubber) {
        record Entry(String id, String title, Instant published, Instant updated, String anchor, String html) {
        }
        List<Entry> entries = new ArrayList<>();
        Instant now = status.generatedAt();
        for (PublicIncident incident : status.incidents()) {
            StringBuilder html = new StringBuilder(256);
            html.append("<p>Impact: ").append(incident.impact().jsonValue()).append("</p><ul>");
            for (int i = incident.updates().size() - 1; i >= 0; i--) {
                IncidentUpdate update = incident.updates().get(i);
                html.append("<li><b>").append(update.status().text()).append("</b> ").append(update.at()).append(": ")
                        .append(StatusHtml.shown(scrubber, update.body())).append("</li>");
            }
            html.append("</ul>");
            if (incident.postmortemUrl() != null) {
                html.append("<p><a href=\"").append(StatusHtml.escape(scrubber.scrub(incident.postmortemUrl())))
                        .append("\">Post-mortem</a></p>");
            }
            entries.add(new Entry(incident.id(), shown(scrubber, incident.title()) + " (" + incident.status().text() + ")",
                    incident.createdAt(), incident.updatedAt(), "incident-" + incident.id(), html.toString()));
        }
        for (Maintenance maintenance : status.maintenances()) {
            MaintenanceStatus state = maintenance.status(now);
            Instant updated = state == MaintenanceStatus.COMPLETED ? maintenance.endsAt()
                    : state == MaintenanceStatus.IN_PROGRESS ? maintenance.startsAt() : maintenance.createdAt();
            if (updated.isBefore(maintenance.createdAt())) {
                updated = maintenance.createdAt();
            }
            String html = "<p>Scheduled maintenance from " + maintenance.startsAt() + " to " + maintenance.endsAt() + "</p>"
                    + (maintenance.description().isEmpty() ? "" : "<p>" + StatusHtml.shown(scrubber, maintenance.description()) + "</p>");
            entries.add(new Entry(maintenance.id(), "Maintenance: " + shown(scrubber, maintenance.title()) + " (" + state.text() + ")",
                    maintenance.createdAt(), updated, "maintenance-" + maintenance.id(), html));
        }
        entries.sort(Comparator.comparing(Entry::updated).reversed());
        Instant feedUpdated = entries.isEmpty() ? since : entries.get(0).updated();
        String page = scrubber.scrub(pageUrl);
        String title = shown(scrubber, status.title());

        StringBuilder xml = new StringBuilder(1024 + entries.size() * 1024);
        xml.append("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n")
                .append("<id>").append(uuid(pageId)).append("</id>\n")
                .append("<title>").append(StatusHtml.escape(title)).append(" — incidents and maintenance</title>\n")
                .append("<updated>").append(feedUpdated).append("</updated>\n")
                .append("<link rel=\"self\" type=\"application/atom+xml\" href=\"").append(StatusHtml.escape(scrubber.scrub(feedUrl)))
                .append("\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"").append(StatusHtml.escape(page)).append("\"/>\n")
                .append("<author><name>").append(StatusHtml.escape(title)).append("</name></author>\n");
        for (Entry entry : entries) {
            xml.append("<entry>\n<id>").append(uuid(pageId + "/" + entry.id())).append("</id>\n")
                    .append("<title>").append(StatusHtml.escape(entry.title())).append("</title>\n")
                    .append("<published>").append(entry.published()).append("</published>\n")
                    .append("<updated>").append(entry.updated()).append("</updated>\n")
                    .append("<link rel=\"alternate\" type=\"text/html\" href=\"").append(StatusHtml.escape(page + "#" + entry.anchor()))
                    .append("\"/>\n<content type=\"html\">").append(StatusHtml.escape(entry.html())).append("</content>\n</entry>\n");
        }
        xml.append("</feed>\n");
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String shown(Scrubber scrubber, String text) {
        return scrubber.scrub(text, StatusHtml.MAX_TEXT_LENGTH);
    }

    private static String uuid(String name) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes(("dev.monitor.status/" + name).getBytes(StandardCharsets.UTF_8));
    }
}
