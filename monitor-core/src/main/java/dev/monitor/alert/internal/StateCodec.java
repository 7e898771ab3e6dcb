package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.Silence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON encoding of what the dispatcher keeps in its journal: outbox entries, alerts, silences and
 * incidents. Only scrubbed alerts are ever encoded; escalation notifications name responders by id, never
 * by address.
 */
public final class StateCodec {

    /** Journal key prefix of outbox entries. */
    public static final String OUTBOX_PREFIX = "outbox:";
    /** Journal key prefix of alerts. */
    public static final String ALERT_PREFIX = "alert:";
    /** Journal key prefix of silences. */
    public static final String SILENCE_PREFIX = "silence:";
    /** Journal key prefix of incidents (timeline, acknowledgement, escalation state). */
    public static final String INCIDENT_PREFIX = "incident:";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StateCodec() {
    }

    /** An alert's state, as restored after a restart. */
    public record StoredAlert(String fingerprint, Alert alert, long startsAt, long endsAt, boolean notified) {
    }

    /** An incident, as restored after a restart. */
    public record StoredIncident(String fingerprint, String publicFingerprint, Alert alert, String policy, long startsAt,
            long endsAt, int level, int repeats, long nextAt, @Nullable AlertAcknowledgement acknowledgement,
            @Nullable String heldBy, List<Incident.NotifiedTarget> notifiedTargets, List<AlertTimelineEntry> timeline,
            int omitted) {
    }

    /** A silence, as restored after a restart. */
    public record StoredSilence(String id, Silence silence, long startsAt, long endsAt) {
    }

    /** Encodes an outbox entry. */
    public static byte[] encode(OutboxEntry entry) {
        ObjectNode node = JSON.createObjectNode();
        node.put("channel", entry.channel());
        node.put("createdAt", entry.createdAt());
        node.put("fallbackFrom", entry.fallbackFrom());
        node.set("notification", notification(entry.notification()));
        return bytes(node);
    }

    /** Decodes an outbox entry. */
    public static OutboxEntry decodeEntry(byte[] bytes) {
        JsonNode node = JSON.readTree(bytes);
        return new OutboxEntry(node.get("channel").asString(), notification(node.get("notification")),
                node.get("createdAt").asLong(), node.path("fallbackFrom").asString(""));
    }

    /** Encodes an alert's state. */
    public static byte[] encode(ActiveAlert alert) {
        ObjectNode node = JSON.createObjectNode();
        node.put("fingerprint", alert.fingerprint);
        node.put("startsAt", alert.startsAt);
        node.put("endsAt", alert.endsAt);
        node.put("notified", alert.notified);
        node.set("alert", alert(alert.scrubbed));
        return bytes(node);
    }

    /** Decodes an alert's state. */
    public static StoredAlert decodeAlert(byte[] bytes) {
        JsonNode node = JSON.readTree(bytes);
        return new StoredAlert(node.get("fingerprint").asString(), alert(node.get("alert")), node.get("startsAt").asLong(),
                node.get("endsAt").asLong(), node.get("notified").asBoolean());
    }

    /** Encodes a silence. */
    public static byte[] encode(String id, Silence silence, long startsAt, long endsAt) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id);
        node.put("startsAt", startsAt);
        node.put("endsAt", endsAt);
        node.put("comment", silence.comment());
        node.put("createdBy", silence.createdBy());
        ArrayNode matchers = node.putArray("matchers");
        for (AlertMatcher matcher : silence.matchers()) {
            ObjectNode m = matchers.addObject();
            m.put("label", matcher.label());
            m.put("op", matcher.operator());
            m.put("value", matcher.value());
        }
        return bytes(node);
    }

    /** Decodes a silence. */
    public static StoredSilence decodeSilence(byte[] bytes) {
        JsonNode node = JSON.readTree(bytes);
        long startsAt = node.get("startsAt").asLong();
        long endsAt = node.get("endsAt").asLong();
        Silence.Builder silence = Silence.builder().startsAt(Instant.ofEpochMilli(startsAt)).endsAt(Instant.ofEpochMilli(endsAt))
                .comment(node.path("comment").asString("")).createdBy(node.path("createdBy").asString(""));
        for (JsonNode m : node.get("matchers")) {
            silence.match(AlertMatcher.of(m.get("label").asString(), m.get("op").asString(), m.get("value").asString()));
        }
        return new StoredSilence(node.get("id").asString(), silence.build(), startsAt, endsAt);
    }

    /** Encodes an incident. */
    public static byte[] encode(Incident incident) {
        ObjectNode node = JSON.createObjectNode();
        node.put("fingerprint", incident.fingerprint);
        node.put("publicFingerprint", incident.publicFingerprint);
        node.set("alert", alert(incident.alert));
        node.put("policy", incident.policy == null ? "" : incident.policy.name());
        node.put("startsAt", incident.startsAt);
        node.put("endsAt", incident.endsAt);
        node.put("level", incident.level);
        node.put("repeats", incident.repeats);
        node.put("nextAt", incident.nextAt);
        if (incident.acknowledgement != null) {
            node.set("acknowledgement", acknowledgement(incident.acknowledgement));
        }
        if (incident.heldBy != null) {
            node.put("heldBy", incident.heldBy);
        }
        ArrayNode targets = node.putArray("notifiedTargets");
        for (Incident.NotifiedTarget target : incident.notifiedTargets) {
            targets.addObject().put("channel", target.channel()).put("responder", target.responder());
        }
        ArrayNode timeline = node.putArray("timeline");
        for (AlertTimelineEntry entry : incident.timeline) {
            ObjectNode e = timeline.addObject();
            e.put("type", entry.type().name());
            e.put("at", entry.at().toEpochMilli());
            e.put("level", entry.level());
            ArrayNode channels = e.putArray("channels");
            entry.channels().forEach(channels::add);
            e.put("actor", entry.actor());
            e.put("detail", entry.detail());
        }
        node.put("omitted", incident.omitted);
        return bytes(node);
    }

    /** Decodes an incident. */
    public static StoredIncident decodeIncident(byte[] bytes) {
        JsonNode node = JSON.readTree(bytes);
        List<Incident.NotifiedTarget> targets = new ArrayList<>();
        for (JsonNode t : node.path("notifiedTargets")) {
            targets.add(new Incident.NotifiedTarget(t.get("channel").asString(), t.get("responder").asString()));
        }
        List<AlertTimelineEntry> timeline = new ArrayList<>();
        for (JsonNode e : node.path("timeline")) {
            List<String> channels = new ArrayList<>();
            for (JsonNode channel : e.path("channels")) {
                channels.add(channel.asString());
            }
            timeline.add(new AlertTimelineEntry(AlertTimelineEntry.Type.valueOf(e.get("type").asString()),
                    Instant.ofEpochMilli(e.get("at").asLong()), e.get("level").asInt(), channels, e.get("actor").asString(),
                    e.get("detail").asString()));
        }
        JsonNode held = node.get("heldBy");
        return new StoredIncident(node.get("fingerprint").asString(), node.get("publicFingerprint").asString(),
                alert(node.get("alert")), node.get("policy").asString(), node.get("startsAt").asLong(), node.get("endsAt").asLong(),
                node.get("level").asInt(), node.get("repeats").asInt(), node.get("nextAt").asLong(),
                acknowledgement(node.get("acknowledgement")), held == null ? null : held.asString(), targets, timeline,
                node.path("omitted").asInt(0));
    }

    private static ObjectNode acknowledgement(AlertAcknowledgement acknowledgement) {
        ObjectNode node = JSON.createObjectNode();
        node.put("by", acknowledgement.by());
        node.put("at", acknowledgement.at().toEpochMilli());
        node.put("comment", acknowledgement.comment());
        return node;
    }

    private static @Nullable AlertAcknowledgement acknowledgement(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return new AlertAcknowledgement(node.get("by").asString(), Instant.ofEpochMilli(node.get("at").asLong()),
                node.path("comment").asString(""));
    }

    private static ObjectNode notification(AlertNotification notification) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", notification.id());
        node.put("receiver", notification.receiver());
        node.put("groupKey", notification.groupKey());
        node.set("groupLabels", map(notification.groupLabels()));
        ArrayNode alerts = node.putArray("alerts");
        for (NotifiedAlert shown : notification.alerts()) {
            ObjectNode a = alerts.addObject();
            a.set("alert", alert(shown.alert()));
            a.put("status", shown.status().name());
            a.put("startsAt", shown.startsAt().toEpochMilli());
            if (shown.endsAt() != null) {
                a.put("endsAt", shown.endsAt().toEpochMilli());
            }
            if (shown.acknowledgement() != null) {
                a.set("acknowledgement", acknowledgement(shown.acknowledgement()));
            }
            if (shown.escalationLevel() > 0) {
                a.put("escalationLevel", shown.escalationLevel());
            }
        }
        node.put("acknowledged", notification.acknowledgedCount());
        if (!notification.recipients().isEmpty()) {
            ArrayNode recipients = node.putArray("recipients");
            notification.recipients().forEach(recipients::add);
        }
        node.put("firing", notification.firingCount());
        node.put("resolved", notification.resolvedCount());
        node.put("groups", notification.groupCount());
        node.put("createdAt", notification.createdAt().toEpochMilli());
        node.put("staleAfter", notification.staleAfter().toEpochMilli());
        return node;
    }

    private static AlertNotification notification(JsonNode node) {
        List<NotifiedAlert> alerts = new ArrayList<>();
        for (JsonNode a : node.get("alerts")) {
            JsonNode endsAt = a.get("endsAt");
            alerts.add(new NotifiedAlert(alert(a.get("alert")), AlertStatus.valueOf(a.get("status").asString()),
                    Instant.ofEpochMilli(a.get("startsAt").asLong()), endsAt == null ? null : Instant.ofEpochMilli(endsAt.asLong()),
                    acknowledgement(a.get("acknowledgement")), a.path("escalationLevel").asInt(0)));
        }
        List<String> recipients = new ArrayList<>();
        for (JsonNode recipient : node.path("recipients")) {
            recipients.add(recipient.asString());
        }
        return new AlertNotification(node.get("id").asString(), node.get("receiver").asString(), node.get("groupKey").asString(),
                map(node.get("groupLabels")), alerts, node.get("firing").asInt(), node.get("resolved").asInt(),
                node.get("groups").asInt(), Instant.ofEpochMilli(node.get("createdAt").asLong()),
                Instant.ofEpochMilli(node.get("staleAfter").asLong()), node.path("acknowledged").asInt(0), recipients);
    }

    private static ObjectNode alert(Alert alert) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", alert.name());
        node.put("severity", alert.severity().label());
        node.put("summary", alert.summary());
        node.put("description", alert.description());
        node.put("source", alert.source());
        node.set("labels", map(alert.labels()));
        node.set("annotations", map(alert.annotations()));
        return node;
    }

    private static Alert alert(JsonNode node) {
        return Alert.builder(node.get("name").asString())
                .severity(AlertSeverity.of(node.get("severity").asString()))
                .summary(node.get("summary").asString())
                .description(node.get("description").asString())
                .source(node.get("source").asString())
                .labels(map(node.get("labels")))
                .annotations(map(node.get("annotations")))
                .build();
    }

    private static ObjectNode map(Map<String, String> map) {
        ObjectNode node = JSON.createObjectNode();
        map.forEach(node::put);
        return node;
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            map.put(entry.getKey(), entry.getValue().asString());
        }
        return map;
    }

    private static byte[] bytes(ObjectNode node) {
        return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    }
}
