package dev.monitor.alert.channel.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.NotifiedAlert;
import java.util.Locale;
import java.util.Map;

/** The wording shared by the built-in channels, in the style of Alertmanager's default templates. */
public final class NotificationText {

    private NotificationText() {
    }

    /**
     * The title: {@code [FIRING:3] HighErrorRate orders} (group label values), {@code [RESOLVED] …}, or
     * for a digest {@code [FIRING:12] 12 alerts in 4 groups}.
     */
    public static String title(AlertNotification notification) {
        StringBuilder title = new StringBuilder("[").append(notification.status().label().toUpperCase(Locale.ROOT));
        if (notification.firingCount() > 0) {
            title.append(':').append(notification.firingCount());
        }
        title.append("] ");
        if (notification.isDigest()) {
            int total = notification.firingCount() + notification.resolvedCount();
            title.append(total).append(total == 1 ? " alert" : " alerts").append(" in ").append(notification.groupCount())
                    .append(" groups");
        } else if (!notification.groupLabels().isEmpty()) {
            title.append(String.join(" ", notification.groupLabels().values()));
        } else if (!notification.alerts().isEmpty()) {
            title.append(notification.alerts().get(0).alert().name());
        } else {
            title.append(notification.receiver());
        }
        return ChannelTexts.oneLine(title.toString());
    }

    /** "12 alerts, +9 more" style count of what is not shown, or "" when everything is shown. */
    public static String more(AlertNotification notification) {
        int omitted = notification.omittedCount();
        if (omitted <= 0) {
            return "";
        }
        int total = notification.firingCount() + notification.resolvedCount();
        return total + " alerts, +" + omitted + " more";
    }

    /** "+N more" for alerts not shown beyond the first {@code shown}. */
    public static String more(AlertNotification notification, int shown) {
        int total = notification.firingCount() + notification.resolvedCount();
        int omitted = total - shown;
        return omitted <= 0 ? "" : total + " alerts, +" + omitted + " more";
    }

    /** One line for an alert: {@code [CRITICAL] ServiceDown: orders is down (service=orders)}, or RESOLVED. */
    public static String line(NotifiedAlert shown) {
        Alert alert = shown.alert();
        StringBuilder line = new StringBuilder("[")
                .append(shown.isFiring() ? alert.severity().name() : "RESOLVED").append("] ").append(alert.name());
        if (!alert.summary().equals(alert.name())) {
            line.append(": ").append(alert.summary());
        }
        if (!alert.labels().isEmpty()) {
            line.append(" (").append(labels(alert.labels())).append(')');
        }
        return ChannelTexts.oneLine(line.toString());
    }

    /** {@code k=v, k2=v2}. */
    public static String labels(Map<String, String> labels) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(label.getKey()).append('=').append(label.getValue());
        }
        return text.toString();
    }

    /** A plain-text rendering of the whole notification, at most {@code maxAlerts} alerts listed. */
    public static String plain(AlertNotification notification, int maxAlerts) {
        StringBuilder text = new StringBuilder(title(notification)).append('\n');
        int shown = 0;
        for (NotifiedAlert alert : notification.alerts()) {
            if (shown >= maxAlerts) {
                break;
            }
            text.append("- ").append(line(alert)).append('\n');
            if (!alert.alert().description().isEmpty()) {
                text.append("  ").append(ChannelTexts.oneLine(alert.alert().description())).append('\n');
            }
            shown++;
        }
        String more = more(notification, shown);
        if (!more.isEmpty()) {
            text.append(more).append('\n');
        }
        return text.toString();
    }

    /** Emoji marking a severity (or resolution) in chat messages. */
    public static String emoji(NotifiedAlert shown) {
        if (!shown.isFiring()) {
            return "\u2705";
        }
        return emoji(shown.alert().severity());
    }

    /** Emoji marking a severity. */
    public static String emoji(AlertSeverity severity) {
        return switch (severity) {
            case CRITICAL -> "\uD83D\uDD34";
            case HIGH -> "\uD83D\uDFE0";
            case MEDIUM -> "\uD83D\uDFE1";
            case LOW -> "\uD83D\uDD35";
            case INFO -> "\u26AA";
        };
    }

    /** An RGB colour for a severity, or green when resolved. */
    public static int color(AlertNotification notification) {
        if (notification.firingCount() == 0) {
            return 0x2EB67D;
        }
        return color(notification.highestSeverity());
    }

    /** An RGB colour for a severity. */
    public static int color(AlertSeverity severity) {
        return switch (severity) {
            case CRITICAL -> 0xD92B2B;
            case HIGH -> 0xF2711C;
            case MEDIUM -> 0xF2C744;
            case LOW -> 0x3B82F6;
            case INFO -> 0x9CA3AF;
        };
    }
}
