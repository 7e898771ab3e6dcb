package dev.monitor.status.internal;

import dev.monitor.pii.Scrubber;
import dev.monitor.status.ComponentState;
import dev.monitor.status.ComponentStatus;
import dev.monitor.status.PublicIncident;
import dev.monitor.status.IncidentStatus;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import dev.monitor.status.MaintenanceStatus;
import dev.monitor.status.PublicStatus;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders a {@link PublicStatus} in the shape of Statuspage's public {@code /api/v2/summary.json}: {@code page},
 * {@code components}, {@code incidents} (unresolved), {@code scheduled_maintenances} (upcoming and in progress) and
 * {@code status}. Every text is scrubbed and cut again. Not API.
 */
public final class SummaryJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /**
     * The page's identity.
     *
     * @param id the page id
     * @param url the page's URL
     * @param zone the page's time zone
     * @param createdAt when the page was built (the components' {@code created_at})
     */
    public record Page(String id, String url, ZoneId zone, Instant createdAt) {
    }

    private SummaryJson() {
    }

    /** The summary document, UTF-8. */
    public static byte[] render(PublicStatus status, Page page, Scrubber scrubber) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 + status.components().size() * 400);
        String updated = status.generatedAt().toString();
        Map<String, String> groupIds = new LinkedHashMap<>();
        for (ComponentStatus component : status.components()) {
            if (!component.group().isEmpty()) {
                groupIds.computeIfAbsent(component.group(), group -> "group-" + (groupIds.size() + 1));
            }
        }
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeName("page");
            json.writeStartObject();
            json.writeStringProperty("id", page.id());
            json.writeStringProperty("name", shown(scrubber, status.title()));
            json.writeStringProperty("url", scrubber.scrub(page.url()));
            json.writeStringProperty("time_zone", zone(page.zone()));
            json.writeStringProperty("updated_at", updated);
            json.writeEndObject();

            json.writeName("components");
            json.writeStartArray();
            int position = 1;
            for (Map.Entry<String, String> group : groupIds.entrySet()) {
                json.writeStartObject();
                json.writeStringProperty("id", group.getValue());
                json.writeStringProperty("name", shown(scrubber, group.getKey()));
                ComponentState worst = ComponentState.OPERATIONAL;
                json.writeName("components");
                json.writeStartArray();
                for (ComponentStatus component : status.components()) {
                    if (component.group().equals(group.getKey())) {
                        json.writeString(component.id());
                        worst = rank(component.state()) > rank(worst) ? component.state() : worst;
                    }
                }
                json.writeEndArray();
                componentFields(json, worst, null, position++, null, true, page, updated);
                json.writeEndObject();
            }
            for (ComponentStatus component : status.components()) {
                component(json, component, component.group().isEmpty() ? null : groupIds.get(component.group()), position++,
                        page, updated, scrubber);
            }
            json.writeEndArray();

            json.writeName("incidents");
            json.writeStartArray();
            for (PublicIncident incident : status.incidents()) {
                if (!incident.resolved()) {
                    incident(json, incident, status, page, scrubber);
                }
            }
            json.writeEndArray();

            json.writeName("scheduled_maintenances");
            json.writeStartArray();
            for (Maintenance maintenance : status.maintenances()) {
                if (maintenance.status(status.generatedAt()) != MaintenanceStatus.COMPLETED) {
                    maintenance(json, maintenance, status, page, scrubber);
                }
            }
            json.writeEndArray();

            json.writeName("status");
            json.writeStartObject();
            json.writeStringProperty("indicator", status.indicator().jsonValue());
            json.writeStringProperty("description", description(status));
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    /** Statuspage's sentence for the indicator. */
    static String description(PublicStatus status) {
        return switch (status.indicator()) {
            case NONE -> switch (status.overall()) {
                case MAINTENANCE -> "Service Under Maintenance";
                case UNKNOWN -> "No Data Yet";
                default -> "All Systems Operational";
            };
            case MINOR -> "Minor Service Outage";
            case MAJOR -> "Partial System Outage";
            case CRITICAL -> "Major System Outage";
        };
    }

    /** Statuspage's word for a component state; a component not checked yet is reported operational. */
    static String componentStatus(ComponentState state) {
        return switch (state) {
            case OPERATIONAL, UNKNOWN -> "operational";
            case DEGRADED -> "degraded_performance";
            case OUTAGE -> "major_outage";
            case MAINTENANCE -> "under_maintenance";
        };
    }

    private static void component(JsonGenerator json, ComponentStatus component, @Nullable String groupId, int position, Page page,
            String updated, Scrubber scrubber) {
        json.writeStartObject();
        json.writeStringProperty("id", component.id());
        json.writeStringProperty("name", shown(scrubber, component.name()));
        componentFields(json, component.state(), component.description().isEmpty() ? null
                : shown(scrubber, component.description()), position, groupId, false, page, updated);
        json.writeEndObject();
    }

    private static void componentFields(JsonGenerator json, ComponentState state, @Nullable String description, int position,
            @Nullable String groupId, boolean group, Page page, String updated) {
        json.writeStringProperty("status", componentStatus(state));
        json.writeStringProperty("created_at", page.createdAt().toString());
        json.writeStringProperty("updated_at", updated);
        json.writeNumberProperty("position", position);
        nullable(json, "description", description);
        json.writeBooleanProperty("showcase", !group);
        json.writeNullProperty("start_date");
        nullable(json, "group_id", groupId);
        json.writeStringProperty("page_id", page.id());
        json.writeBooleanProperty("group", group);
        json.writeBooleanProperty("only_show_if_degraded", false);
    }

    private static void incident(JsonGenerator json, PublicIncident incident, PublicStatus status, Page page, Scrubber scrubber) {
        json.writeStartObject();
        json.writeStringProperty("id", incident.id());
        json.writeStringProperty("name", shown(scrubber, incident.title()));
        json.writeStringProperty("status", incident.status().jsonValue());
        json.writeStringProperty("created_at", incident.createdAt().toString());
        json.writeStringProperty("updated_at", incident.updatedAt().toString());
        Instant monitoring = null;
        for (IncidentUpdate update : incident.updates()) {
            if (update.status() == IncidentStatus.MONITORING && monitoring == null) {
                monitoring = update.at();
            }
        }
        nullable(json, "monitoring_at", monitoring == null ? null : monitoring.toString());
        nullable(json, "resolved_at", incident.resolvedAt() == null ? null : incident.resolvedAt().toString());
        json.writeStringProperty("impact", incident.impact().jsonValue());
        json.writeStringProperty("shortlink", scrubber.scrub(page.url()) + "#incident-" + incident.id());
        json.writeStringProperty("started_at", incident.createdAt().toString());
        json.writeStringProperty("page_id", page.id());
        nullable(json, "postmortem_url", incident.postmortemUrl() == null ? null : scrubber.scrub(incident.postmortemUrl()));
        updates(json, incident.id(), incident.updates(), scrubber);
        affected(json, incident.components(), status, page, scrubber);
        json.writeEndObject();
    }

    private static void maintenance(JsonGenerator json, Maintenance maintenance, PublicStatus status, Page page,
            Scrubber scrubber) {
        MaintenanceStatus state = maintenance.status(status.generatedAt());
        json.writeStartObject();
        json.writeStringProperty("id", maintenance.id());
        json.writeStringProperty("name", shown(scrubber, maintenance.title()));
        json.writeStringProperty("status", state.jsonValue());
        json.writeStringProperty("created_at", maintenance.createdAt().toString());
        json.writeStringProperty("updated_at", maintenance.createdAt().toString());
        json.writeNullProperty("monitoring_at");
        json.writeNullProperty("resolved_at");
        json.writeStringProperty("impact", "maintenance");
        json.writeStringProperty("shortlink", scrubber.scrub(page.url()) + "#maintenance-" + maintenance.id());
        json.writeStringProperty("started_at", maintenance.startsAt().toString());
        json.writeStringProperty("page_id", page.id());
        json.writeStringProperty("scheduled_for", maintenance.startsAt().toString());
        json.writeStringProperty("scheduled_until", maintenance.endsAt().toString());
        IncidentStatus shown = state == MaintenanceStatus.SCHEDULED ? IncidentStatus.INVESTIGATING : IncidentStatus.MONITORING;
        json.writeName("incident_updates");
        json.writeStartArray();
        json.writeStartObject();
        json.writeStringProperty("id", maintenance.id() + "-1");
        json.writeStringProperty("status", shown == IncidentStatus.INVESTIGATING ? "scheduled" : "in_progress");
        json.writeStringProperty("body", maintenance.description().isEmpty() ? shown(scrubber, maintenance.title())
                : shown(scrubber, maintenance.description()));
        json.writeStringProperty("incident_id", maintenance.id());
        json.writeStringProperty("created_at", maintenance.createdAt().toString());
        json.writeStringProperty("updated_at", maintenance.createdAt().toString());
        json.writeStringProperty("display_at", maintenance.createdAt().toString());
        json.writeNullProperty("affected_components");
        json.writeEndObject();
        json.writeEndArray();
        affected(json, maintenance.components(), status, page, scrubber);
        json.writeEndObject();
    }

    private static void updates(JsonGenerator json, String incidentId, List<IncidentUpdate> updates, Scrubber scrubber) {
        json.writeName("incident_updates");
        json.writeStartArray();
        for (int i = updates.size() - 1; i >= 0; i--) { // newest first, as Statuspage lists them
            IncidentUpdate update = updates.get(i);
            json.writeStartObject();
            json.writeStringProperty("id", incidentId + "-" + (i + 1));
            json.writeStringProperty("status", update.status().jsonValue());
            json.writeStringProperty("body", shown(scrubber, update.body()));
            json.writeStringProperty("incident_id", incidentId);
            json.writeStringProperty("created_at", update.at().toString());
            json.writeStringProperty("updated_at", update.at().toString());
            json.writeStringProperty("display_at", update.at().toString());
            json.writeNullProperty("affected_components");
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void affected(JsonGenerator json, List<String> ids, PublicStatus status, Page page, Scrubber scrubber) {
        json.writeName("components");
        json.writeStartArray();
        int position = 1;
        for (ComponentStatus component : status.components()) {
            if (ids.contains(component.id())) {
                component(json, component, null, position, page, status.generatedAt().toString(), scrubber);
            }
            position++;
        }
        json.writeEndArray();
    }

    private static int rank(ComponentState state) {
        return switch (state) {
            case OPERATIONAL, UNKNOWN -> 0;
            case MAINTENANCE -> 1;
            case DEGRADED -> 2;
            case OUTAGE -> 3;
        };
    }

    private static String zone(ZoneId zone) {
        String id = zone.normalized().getId();
        return "Z".equals(id) ? "Etc/UTC" : id;
    }

    private static String shown(Scrubber scrubber, String text) {
        return scrubber.scrub(text, StatusHtml.MAX_TEXT_LENGTH);
    }

    private static void nullable(JsonGenerator json, String name, @Nullable String value) {
        if (value == null) {
            json.writeNullProperty(name);
        } else {
            json.writeStringProperty(name, value);
        }
    }
}
