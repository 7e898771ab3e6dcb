package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed notifications (fixed times and ids) for exact payload assertions. */
public final class SampleNotifications {

    public static final Instant STARTS = Instant.parse("2026-02-08T12:00:00Z");
    public static final Instant ENDS = Instant.parse("2026-02-08T12:05:00Z");
    public static final Instant CREATED = Instant.parse("2026-02-08T12:06:00Z");
    public static final Instant STALE = Instant.parse("2026-02-08T16:16:00Z");

    private SampleNotifications() {
    }

    /** Two alerts of group {@code service=orders}: a firing CRITICAL and a resolved HIGH. */
    public static AlertNotification group() {
        Alert down = Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .label("instance", "db-1").summary("primary database unreachable")
                .description("connection refused for 2 minutes").annotation("runbook", "https://runbooks.example/db")
                .source("https://orders.example/health").build();
        Alert latency = Alert.builder("HighLatency").severity(AlertSeverity.HIGH).label("service", "orders")
                .summary("p95 above 2 s").build();
        return new AlertNotification("n-1", "/", "/:{service=\"orders\"}", Map.of("service", "orders"),
                List.of(new NotifiedAlert(down, AlertStatus.FIRING, STARTS, null),
                        new NotifiedAlert(latency, AlertStatus.RESOLVED, STARTS, ENDS)),
                1, 1, 1, CREATED, STALE);
    }

    /** When alice acknowledged in {@link #escalated()}. */
    public static final Instant ACKNOWLEDGED_AT = Instant.parse("2026-02-08T12:03:00Z");

    /**
     * Two firing alerts of group {@code service=orders}: a CRITICAL at escalation level 2 with a runbook and a 15-minute
     * response target, and a HIGH with its own runbook, acknowledged by alice with a comment.
     */
    public static AlertNotification escalated() {
        Alert down = Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("primary database unreachable").runbookUrl("https://runbooks.example/db")
                .responseTarget(java.time.Duration.ofMinutes(15)).build();
        Alert latency = Alert.builder("HighLatency").severity(AlertSeverity.HIGH).label("service", "orders")
                .summary("p95 above 2 s").runbookUrl("https://runbooks.example/latency?team=a&b=c").build();
        AlertAcknowledgement alice = new AlertAcknowledgement("alice", ACKNOWLEDGED_AT, "on it");
        return new AlertNotification("n-3", "/", "/:{service=\"orders\"}", Map.of("service", "orders"),
                List.of(new NotifiedAlert(down, AlertStatus.FIRING, STARTS, null, null, 2),
                        new NotifiedAlert(latency, AlertStatus.FIRING, STARTS, null, alice, 1)),
                2, 0, 1, CREATED, STALE, 1, List.of());
    }

    /** One firing CRITICAL with a runbook and a response target, acknowledged by alice. */
    public static AlertNotification acknowledged() {
        Alert down = Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("primary database unreachable").runbookUrl("https://runbooks.example/db")
                .responseTarget(java.time.Duration.ofMinutes(15)).build();
        return new AlertNotification("n-4", "/", "/:{service=\"orders\"}", Map.of("service", "orders"),
                List.of(new NotifiedAlert(down, AlertStatus.FIRING, STARTS, null,
                        new AlertAcknowledgement("alice", ACKNOWLEDGED_AT, ""), 2)),
                1, 0, 1, CREATED, STALE, 1, List.of());
    }

    /** The same group, everything resolved. */
    public static AlertNotification resolvedGroup() {
        Alert down = Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("primary database unreachable").build();
        return new AlertNotification("n-2", "/", "/:{service=\"orders\"}", Map.of("service", "orders"),
                List.of(new NotifiedAlert(down, AlertStatus.RESOLVED, STARTS, ENDS)), 0, 1, 1, CREATED, STALE);
    }

    /** A digest of {@code groups} groups with {@code perGroup} firing alerts each, {@code shown} of them listed. */
    public static AlertNotification digest(int groups, int perGroup, int shown) {
        List<NotifiedAlert> alerts = new ArrayList<>();
        for (int g = 0; g < groups && alerts.size() < shown; g++) {
            for (int a = 0; a < perGroup && alerts.size() < shown; a++) {
                alerts.add(new NotifiedAlert(Alert.builder("Check" + a).severity(AlertSeverity.MEDIUM)
                        .label("service", "svc-" + g).summary("check " + a + " of svc-" + g + " failing "
                                + "x".repeat(200)).description("d".repeat(3000)).build(), AlertStatus.FIRING, STARTS, null));
            }
        }
        return new AlertNotification("digest-1", "digest", "digest:test", new LinkedHashMap<>(), alerts, groups * perGroup, 0,
                groups, CREATED, STALE);
    }
}
