package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON for channel payloads (Jackson 3 trees): objects and arrays to fill, serialization, and alerts as Prometheus and
 * Alertmanager show them ({@link #labels(Alert)}, {@link #annotations(NotifiedAlert)}, {@link #time(Instant)}). Every
 * text of a notification is already scrubbed key-aware by the dispatcher, so maps of labels and annotations can be
 * written as they are.
 */
public final class AlertJson {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private AlertJson() {
    }

    /** A new empty object. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A new empty array. */
    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Serializes {@code node}. */
    public static String write(Object node) {
        return MAPPER.writeValueAsString(node);
    }

    /** A JSON string literal for {@code text}. */
    public static String string(String text) {
        return MAPPER.writeValueAsString(text);
    }

    /** An object node holding {@code map}. */
    public static ObjectNode object(Map<String, String> map) {
        ObjectNode node = object();
        map.forEach(node::put);
        return node;
    }

    /**
     * Puts the counts of {@code notification} into {@code target}: {@code firing}, {@code resolved}, {@code groups} (of a
     * digest), {@code alerts} (one {@linkplain NotificationText#line line} per alert, at most {@code maxAlerts}, each cut
     * to 500 characters) and {@code more} ("12 alerts, +9 more") when not all are listed.
     */
    public static void putSummary(ObjectNode target, AlertNotification notification, int maxAlerts) {
        target.put("firing", notification.firingCount());
        target.put("resolved", notification.resolvedCount());
        if (notification.isDigest()) {
            target.put("groups", notification.groupCount());
        }
        ArrayNode alerts = target.putArray("alerts");
        for (NotifiedAlert alert : notification.alerts()) {
            if (alerts.size() >= maxAlerts) {
                break;
            }
            alerts.add(ChannelTexts.truncate(NotificationText.line(alert), 500));
        }
        String more = NotificationText.more(notification, alerts.size());
        if (!more.isEmpty()) {
            target.put("more", more);
        }
    }

    /** Every label of {@code alert} as Prometheus sees it: {@code alertname}, {@code severity}, then the labels. */
    public static Map<String, String> labels(Alert alert) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Alert.ALERTNAME_LABEL, alert.name());
        labels.put(Alert.SEVERITY_LABEL, alert.severity().label());
        labels.putAll(alert.labels());
        return labels;
    }

    /** The annotations as Alertmanager expects them: {@code summary}, {@code description} (if any), then the annotations. */
    public static Map<String, String> annotations(Alert alert) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", alert.summary());
        if (!alert.description().isEmpty()) {
            annotations.put("description", alert.description());
        }
        if (!alert.source().isEmpty() && !isUrl(alert.source())) {
            annotations.put("source", alert.source());
        }
        annotations.putAll(alert.annotations());
        return annotations;
    }

    /**
     * The annotations of {@link #annotations(Alert)} and, when they apply, {@code acknowledged_by},
     * {@code acknowledged_at}, {@code acknowledgement_comment} and {@code escalation_level}.
     */
    public static Map<String, String> annotations(NotifiedAlert shown) {
        Map<String, String> annotations = annotations(shown.alert());
        AlertAcknowledgement acknowledgement = shown.acknowledgement();
        if (acknowledgement != null) {
            annotations.put("acknowledged_by", acknowledgement.by());
            annotations.put("acknowledged_at", time(acknowledgement.at()));
            if (!acknowledgement.comment().isEmpty()) {
                annotations.put("acknowledgement_comment", acknowledgement.comment());
            }
        }
        if (shown.escalationLevel() > 0) {
            annotations.put("escalation_level", Integer.toString(shown.escalationLevel()));
        }
        return annotations;
    }

    /** The alert's source when it is a URL (Alertmanager's {@code generatorURL}), else "". */
    public static String generatorUrl(Alert alert) {
        return isUrl(alert.source()) ? alert.source() : "";
    }

    private static boolean isUrl(String text) {
        return text.startsWith("https://") || text.startsWith("http://");
    }

    /** RFC 3339 UTC time, as Alertmanager writes it. */
    public static String time(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
