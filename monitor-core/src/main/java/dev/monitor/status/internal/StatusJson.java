package dev.monitor.status.internal;

import dev.monitor.pii.Scrubber;
import dev.monitor.status.StatusComponent;
import dev.monitor.status.StatusIncident;
import dev.monitor.status.StatusTimelineEntry;
import dev.monitor.status.StatusSnapshot;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders a {@link StatusSnapshot} as JSON: the same data as the HTML page, every text from outside scrubbed and cut
 * to {@link StatusHtml#MAX_TEXT_LENGTH} characters like there. Not API.
 */
public final class StatusJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private StatusJson() {
    }

    /** The JSON document for {@code snapshot}, UTF-8; every text of the snapshot passes {@code scrubber} (again). */
    public static byte[] render(StatusSnapshot snapshot, Scrubber scrubber) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + snapshot.components().size() * 600);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("title", shown(scrubber, snapshot.title()));
            json.writeStringProperty("status", snapshot.overall().jsonValue());
            json.writeStringProperty("generated_at", snapshot.generatedAt().toString());
            json.writeNumberProperty("refresh_seconds", snapshot.refresh().toSeconds());
            json.writeName("components");
            json.writeStartArray();
            for (StatusComponent component : snapshot.components()) {
                component(json, component, scrubber);
            }
            json.writeEndArray();
            json.writeName("incidents");
            json.writeStartArray();
            for (StatusIncident incident : snapshot.incidents()) {
                json.writeStartObject();
                json.writeStringProperty("name", shown(scrubber, incident.name()));
                json.writeStringProperty("severity", shown(scrubber, incident.severity()));
                json.writeStringProperty("status", incident.resolved() ? "resolved" : "firing");
                json.writeStringProperty("summary", shown(scrubber, incident.summary()));
                json.writeStringProperty("started_at", incident.startedAt().toString());
                optional(json, "resolved_at", incident.resolvedAt());
                optional(json, "acknowledged_at", incident.acknowledgedAt());
                if (incident.acknowledgedBy() != null) {
                    json.writeStringProperty("acknowledged_by", shown(scrubber, incident.acknowledgedBy()));
                }
                json.writeNumberProperty("escalation_level", incident.escalationLevel());
                json.writeName("timeline");
                json.writeStartArray();
                for (StatusTimelineEntry step : incident.timeline()) {
                    json.writeStartObject();
                    json.writeStringProperty("event", shown(scrubber, step.event()));
                    json.writeStringProperty("at", step.at().toString());
                    if (step.level() > 0) {
                        json.writeNumberProperty("level", step.level());
                    }
                    if (step.actor() != null) {
                        json.writeStringProperty("actor", shown(scrubber, step.actor()));
                    }
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void component(JsonGenerator json, StatusComponent component, Scrubber scrubber) {
        json.writeStartObject();
        json.writeStringProperty("name", shown(scrubber, component.name()));
        json.writeStringProperty("kind", component.kind().jsonValue());
        json.writeStringProperty("state", component.state().jsonValue());
        json.writeBooleanProperty("critical", component.critical());
        if (component.responseTimeMillis() != null) {
            json.writeNumberProperty("response_time_ms", component.responseTimeMillis());
        }
        optional(json, "checked_at", component.checkedAt());
        if (component.detail() != null) {
            json.writeStringProperty("detail", shown(scrubber, component.detail()));
        }
        if (component.uptime24h() != null || component.uptime7d() != null || component.uptime30d() != null) {
            json.writeName("uptime_percent");
            json.writeStartObject();
            number(json, "24h", component.uptime24h());
            number(json, "7d", component.uptime7d());
            number(json, "30d", component.uptime30d());
            json.writeEndObject();
        }
        if (component.p95Millis24h() != null) {
            json.writeNumberProperty("response_time_p95_24h_ms", component.p95Millis24h());
        }
        if (!component.days().isEmpty()) {
            json.writeName("days");
            json.writeStartArray();
            for (StatusComponent.StatusDay day : component.days()) {
                json.writeStartObject();
                json.writeStringProperty("date", shown(scrubber, day.date()));
                json.writeNumberProperty("checks", day.checks());
                number(json, "uptime_percent", day.uptimePercent());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static String shown(Scrubber scrubber, String text) {
        return scrubber.scrub(text, StatusHtml.MAX_TEXT_LENGTH);
    }

    private static void number(JsonGenerator json, String name, @Nullable Double value) {
        if (value != null) {
            json.writeNumberProperty(name, Math.floor(value * 1000) / 1000);
        }
    }

    private static void optional(JsonGenerator json, String name, @Nullable Instant value) {
        if (value != null) {
            json.writeStringProperty(name, value.toString());
        }
    }
}
