package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;

/**
 * The dispatcher's own alerts: {@code AlertsDropped} (fires were dropped to stay within bounds) and
 * {@code AlertNotifierFailing} (a channel keeps failing). They travel the pipeline like any alert, but are not
 * counted as the application's, are never dropped for the active-alert limit, are listed first in a digest,
 * and {@code AlertsDropped} reaches every channel whatever the routes say.
 */
public final class OwnAlerts {

    /** Name of the meta-alert raised when a channel keeps failing. */
    public static final String NOTIFIER_FAILING = "AlertNotifierFailing";
    /** Name of the meta-alert that reports alerts dropped to stay within bounds. */
    public static final String ALERTS_DROPPED = "AlertsDropped";
    /** Label carried by the dispatcher's own alerts. */
    public static final String COMPONENT_LABEL = "component";
    private static final String COMPONENT = "monitor-alerts";
    private static final String SOURCE = "monitor alert dispatcher";

    private OwnAlerts() {
    }

    /** Whether {@code alert} is one of the dispatcher's own alerts. */
    public static boolean isOwn(Alert alert) {
        return COMPONENT.equals(alert.labels().get(COMPONENT_LABEL))
                && (ALERTS_DROPPED.equals(alert.name()) || NOTIFIER_FAILING.equals(alert.name()));
    }

    /** Whether {@code alert} is the dispatcher's {@code AlertsDropped} report. */
    static boolean isDropReport(Alert alert) {
        return ALERTS_DROPPED.equals(alert.name()) && isOwn(alert);
    }

    /** The {@code AlertsDropped} report of {@code total} drops, {@code bySeverity} as "critical 3, medium 10". */
    static Alert dropped(AlertSeverity highest, long total, String bySeverity, long queueDrops, long limitDrops) {
        return Alert.builder(ALERTS_DROPPED)
                .severity(highest)
                .label(COMPONENT_LABEL, COMPONENT)
                .summary(total + " alerts dropped to protect the application (" + bySeverity + ")")
                .description("The alert dispatcher received more alerts than it can hold: " + queueDrops
                        + " fires found its queue full and " + limitDrops + " new alerts exceeded the limit of active "
                        + "alerts. Counts are totals since the dispatcher started; see monitor.alerts.dropped.")
                .annotation("dropped_total", Long.toString(total))
                .annotation("dropped_queue_full", Long.toString(queueDrops))
                .annotation("dropped_active_limit", Long.toString(limitDrops))
                .source(SOURCE)
                .build();
    }

    /** The fingerprint of the {@code AlertsDropped} report, to resolve it. */
    static String droppedFingerprint() {
        return Alert.builder(ALERTS_DROPPED).label(COMPONENT_LABEL, COMPONENT).build().fingerprint();
    }

    /** The {@code AlertNotifierFailing} alert of {@code channel}, failing for {@code reason}. */
    static Alert notifierFailing(String channel, String reason) {
        return Alert.builder(NOTIFIER_FAILING)
                .severity(AlertSeverity.HIGH)
                .label(COMPONENT_LABEL, COMPONENT)
                .label("channel", channel)
                .summary("Alert channel '" + channel + "' is failing (" + reason + ")")
                .description("Notifications to '" + channel + "' keep failing (last reason: " + reason
                        + "). They stay in the outbox and are retried; check the channel's endpoint and credentials.")
                .source(SOURCE)
                .build();
    }
}
