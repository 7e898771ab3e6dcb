package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.NotifiedAlert;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The wording shared by the built-in channels, in the style of Alertmanager's default templates. */
public final class NotificationText {

    private NotificationText() {
    }

    /**
     * The title: {@code [FIRING:3] HighErrorRate orders} (group label values), {@code [ACKNOWLEDGED:3] …} when
     * every firing alert is acknowledged, {@code [RESOLVED] …}, or for a digest {@code [FIRING:12] 12 alerts in 4 groups}.
     */
    public static String title(AlertNotification notification) {
        StringBuilder title = new StringBuilder("[").append(notification.isAcknowledged() ? "ACKNOWLEDGED"
                : notification.status().label().toUpperCase(Locale.ROOT));
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
            for (String detail : details(alert)) {
                text.append("  ").append(detail).append('\n');
            }
            shown++;
        }
        String more = more(notification, shown);
        if (!more.isEmpty()) {
            text.append(more).append('\n');
        }
        return text.toString();
    }

    /**
     * The escalation details of an alert as plain lines, in this order and only those that apply:
     * {@code Runbook: https://…}, {@code Response target: 15m}, {@code Escalation level: 2},
     * {@code Acknowledged by alice at 2026-02-08T12:03:00Z: on it}.
     */
    public static List<String> details(NotifiedAlert shown) {
        List<String> details = new ArrayList<>(4);
        String runbook = runbookUrl(shown.alert());
        if (!runbook.isEmpty()) {
            details.add("Runbook: " + runbook);
        }
        String target = responseTarget(shown);
        if (!target.isEmpty()) {
            details.add("Response target: " + target);
        }
        if (shown.escalationLevel() > 1 && shown.isFiring() && !shown.isAcknowledged()) {
            details.add("Escalation level: " + shown.escalationLevel());
        }
        AlertAcknowledgement acknowledgement = shown.acknowledgement();
        if (acknowledgement != null) {
            details.add(acknowledged(acknowledgement));
        }
        return details;
    }

    /** {@code Acknowledged by alice at 2026-02-08T12:03:00Z} and {@code : comment} when there is one. */
    public static String acknowledged(AlertAcknowledgement acknowledgement) {
        return ChannelTexts.oneLine("Acknowledged by " + acknowledgement.by() + " at " + time(acknowledgement.at())
                + (acknowledgement.comment().isEmpty() ? "" : ": " + acknowledgement.comment()));
    }

    /** The response target to show while the alert fires unacknowledged ({@code 15m}), else {@code ""}. */
    public static String responseTarget(NotifiedAlert shown) {
        if (!shown.isFiring() || shown.isAcknowledged()) {
            return "";
        }
        Duration target = shown.alert().responseTarget();
        return target == null ? "" : ChannelTexts.oneLine(shown.alert().annotations().get(Alert.RESPONSE_TARGET_ANNOTATION));
    }

    /**
     * The alert's runbook link if it is an http or https URL safe to put in a link (no spaces, quotes, angle
     * brackets or pipes), else {@code ""}: an annotation set by hand is never turned into a {@code javascript:} link.
     */
    public static String runbookUrl(Alert alert) {
        String url = alert.runbookUrl().trim();
        boolean web = url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7);
        if (!web || url.length() > 2000) {
            return "";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '|' || c == '`' || c == 0x7f) {
                return "";
            }
        }
        return url;
    }

    /** An instant to the second, e.g. {@code 2026-02-08T12:03:00Z}. */
    public static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Emoji marking a severity (or resolution) in chat messages. */
    public static String emoji(NotifiedAlert shown) {
        if (!shown.isFiring()) {
            return "\u2705";
        }
        if (shown.isAcknowledged()) {
            return "\uD83D\uDC40"; // eyes: someone is looking
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
