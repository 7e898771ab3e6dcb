package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What identifies a notification on every replica of a fleet alike, for its claim in the fleet store: SHA-256 (hex)
 * of the channel, the receiver (route), the recipients (an escalation step's), the counts, and each alert shown by
 * fingerprint with its status, acknowledgement and escalation level. Ids, times and texts differ between replicas
 * and are left out. Not API.
 */
final class NotificationClaimKey {

    private NotificationClaimKey() {
    }

    static String of(String channel, AlertNotification notification) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        StringBuilder text = new StringBuilder(128);
        text.append(channel).append('\u0000').append(notification.receiver()).append('\u0000');
        for (String recipient : notification.recipients()) {
            text.append(recipient).append(',');
        }
        text.append('\u0000').append(notification.firingCount()).append('/').append(notification.resolvedCount())
                .append('/').append(notification.acknowledgedCount()).append('/').append(notification.groupCount());
        List<NotifiedAlert> alerts = new ArrayList<>(notification.alerts());
        alerts.sort(Comparator.comparing((NotifiedAlert shown) -> shown.alert().fingerprint())
                .thenComparing(shown -> shown.status()));
        for (NotifiedAlert shown : alerts) {
            text.append('\u0000').append(shown.alert().fingerprint()).append(':').append(shown.status().name())
                    .append(':').append(shown.acknowledgement() != null ? 'a' : '-').append(':')
                    .append(shown.escalationLevel());
        }
        return HexFormat.of().formatHex(sha.digest(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
