package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.escalation.EscalationPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The notifications escalation sends to its own targets: one alert, receiver {@code escalation:<policy>},
 * group key {@code escalation:<fingerprint>} (so a PagerDuty target keeps one incident per alert from trigger
 * through acknowledge to resolve), recipients as responder ids until the pipeline turns them into addresses.
 */
final class EscalationNotifications {

    /** Prefix of the receiver of escalation notifications. */
    static final String RECEIVER_PREFIX = "escalation:";
    /** Prefix of the group key of escalation notifications. */
    static final String GROUP_PREFIX = "escalation:";

    private EscalationNotifications() {
    }

    static AlertNotification of(Incident incident, EscalationPolicy policy, int level, List<String> responders,
            long now, String id, long staleAfterMillis) {
        Alert alert = incident.alert;
        boolean firing = incident.isFiring();
        NotifiedAlert shown = new NotifiedAlert(alert, firing ? AlertStatus.FIRING : AlertStatus.RESOLVED,
                Instant.ofEpochMilli(incident.startsAt), firing ? null : Instant.ofEpochMilli(incident.endsAt),
                incident.acknowledgement, level);
        return new AlertNotification(id, RECEIVER_PREFIX + policy.name(), GROUP_PREFIX + incident.publicFingerprint,
                Map.of(Alert.ALERTNAME_LABEL, alert.name()), List.of(shown), firing ? 1 : 0, firing ? 0 : 1, 1,
                Instant.ofEpochMilli(now), Instant.ofEpochMilli(now + staleAfterMillis),
                firing && incident.acknowledgement != null ? 1 : 0, responders);
    }
}
