package dev.monitor.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a channel is asked to deliver: the state of one alert group (or, as a digest, of several
 * groups merged while the channel was rate limited). It lists at most a bounded number of alerts in
 * detail, firing ones first; {@link #firingCount()} and {@link #resolvedCount()} count all of them,
 * so a channel can render "12 alerts, +9 more". All texts are already scrubbed.
 *
 * <p>An escalation notification ({@link dev.monitor.alert.escalation escalation}) may be addressed to
 * particular {@link #recipients() recipients}, e.g. the phone number of whoever is on call; a channel that
 * {@linkplain dev.monitor.alert.channel.AlertChannel#supportsRecipients() supports recipients} sends to them
 * instead of its configured ones. Other notifications have none.
 *
 * @param id unique id of this notification, stable across restarts while it waits in the outbox
 * @param receiver the route that produced it (its name or position), or {@code "digest"}
 * @param groupKey identifies the group across notifications, e.g. to deduplicate incidents
 * @param groupLabels the grouping labels and their values
 * @param alerts the alerts shown in detail, firing first
 * @param firingCount how many alerts fire, including those not shown
 * @param resolvedCount how many alerts resolved, including those not shown
 * @param groupCount how many groups this notification covers: 1, or more for a digest
 * @param createdAt when the notification was created
 * @param staleAfter when, without a newer notification of the group, its firing alerts may be considered stale
 * @param acknowledgedCount how many of the firing alerts are acknowledged, including those not shown
 * @param recipients the addresses to notify in the channel's terms (phone numbers, e-mail addresses), or empty for
 *     the channel's configured recipients
 */
public record AlertNotification(String id, String receiver, String groupKey, Map<String, String> groupLabels,
        List<NotifiedAlert> alerts, int firingCount, int resolvedCount, int groupCount, Instant createdAt,
        Instant staleAfter, int acknowledgedCount, List<String> recipients) {

    /** Checks the arguments and copies the collections. */
    public AlertNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(receiver, "receiver");
        Objects.requireNonNull(groupKey, "groupKey");
        groupLabels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(groupLabels, "groupLabels")));
        alerts = List.copyOf(Objects.requireNonNull(alerts, "alerts"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(staleAfter, "staleAfter");
        if (firingCount < 0 || resolvedCount < 0 || firingCount + resolvedCount < alerts.size()) {
            throw new IllegalArgumentException("counts must be at least the alerts shown (" + alerts.size() + "), were firing="
                    + firingCount + ", resolved=" + resolvedCount);
        }
        if (groupCount < 1) {
            throw new IllegalArgumentException("groupCount must be at least 1, was " + groupCount);
        }
        if (acknowledgedCount < 0 || acknowledgedCount > firingCount) {
            throw new IllegalArgumentException("acknowledgedCount must be between 0 and firingCount (" + firingCount
                    + "), was " + acknowledgedCount);
        }
        recipients = List.copyOf(Objects.requireNonNull(recipients, "recipients"));
    }

    /** A notification without acknowledged alerts, for the channels' configured recipients. */
    public AlertNotification(String id, String receiver, String groupKey, Map<String, String> groupLabels,
            List<NotifiedAlert> alerts, int firingCount, int resolvedCount, int groupCount, Instant createdAt,
            Instant staleAfter) {
        this(id, receiver, groupKey, groupLabels, alerts, firingCount, resolvedCount, groupCount, createdAt, staleAfter, 0,
                List.of());
    }

    /** Whether alerts fire and every one of them is acknowledged. */
    public boolean isAcknowledged() {
        return firingCount > 0 && acknowledgedCount == firingCount;
    }

    /** This notification addressed to {@code recipients} (in the channel's terms). */
    public AlertNotification withRecipients(List<String> recipients) {
        return new AlertNotification(id, receiver, groupKey, groupLabels, alerts, firingCount, resolvedCount, groupCount,
                createdAt, staleAfter, acknowledgedCount, recipients);
    }

    /** {@link AlertStatus#FIRING} if any alert fires, else {@link AlertStatus#RESOLVED}. */
    public AlertStatus status() {
        return firingCount > 0 ? AlertStatus.FIRING : AlertStatus.RESOLVED;
    }

    /** Whether this notification merges several groups. */
    public boolean isDigest() {
        return groupCount > 1;
    }

    /** How many alerts are counted but not shown in detail. */
    public int omittedCount() {
        return firingCount + resolvedCount - alerts.size();
    }

    /** The firing alerts shown. */
    public List<NotifiedAlert> firing() {
        List<NotifiedAlert> firing = new ArrayList<>();
        for (NotifiedAlert alert : alerts) {
            if (alert.isFiring()) {
                firing.add(alert);
            }
        }
        return firing;
    }

    /** The resolved alerts shown. */
    public List<NotifiedAlert> resolved() {
        List<NotifiedAlert> resolved = new ArrayList<>();
        for (NotifiedAlert alert : alerts) {
            if (!alert.isFiring()) {
                resolved.add(alert);
            }
        }
        return resolved;
    }

    /** The most urgent severity among the alerts shown (firing ones if any fire). */
    public AlertSeverity highestSeverity() {
        AlertSeverity highest = AlertSeverity.INFO;
        boolean anyFiring = firingCount > 0;
        for (NotifiedAlert alert : alerts) {
            if ((!anyFiring || alert.isFiring()) && alert.alert().severity().isAtLeast(highest)) {
                highest = alert.alert().severity();
            }
        }
        return highest;
    }

    /** Labels (including {@code alertname} and {@code severity}) shared by every alert shown. */
    public Map<String, String> commonLabels() {
        Map<String, String> common = null;
        for (NotifiedAlert shown : alerts) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(Alert.ALERTNAME_LABEL, shown.alert().name());
            labels.put(Alert.SEVERITY_LABEL, shown.alert().severity().label());
            labels.putAll(shown.alert().labels());
            if (common == null) {
                common = labels;
            } else {
                common.entrySet().retainAll(labels.entrySet());
            }
        }
        return common == null ? Map.of() : Collections.unmodifiableMap(common);
    }

    /** Annotations shared by every alert shown. */
    public Map<String, String> commonAnnotations() {
        Map<String, String> common = null;
        for (NotifiedAlert shown : alerts) {
            if (common == null) {
                common = new LinkedHashMap<>(shown.alert().annotations());
            } else {
                common.entrySet().retainAll(shown.alert().annotations().entrySet());
            }
        }
        return common == null ? Map.of() : Collections.unmodifiableMap(common);
    }
}
