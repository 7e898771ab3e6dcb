package dev.monitor.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Something the dispatcher did with an alert or a notification, as seen by {@link AlertEventListener}s
 * (a status page, an audit log, escalation). Texts are already scrubbed.
 *
 * @param type what happened
 * @param time when it happened
 * @param fingerprint the alert's fingerprint, or {@code null} for events about notifications
 * @param alert the (scrubbed) alert, or {@code null} for events about notifications
 * @param channel the channel, for {@link Type#NOTIFIED} and {@link Type#DELIVERY_FAILED}; else {@code null}
 * @param notificationId the notification, for {@link Type#NOTIFIED} and {@link Type#DELIVERY_FAILED}; else {@code null}
 * @param reason why: the suppression (e.g. {@code silence:…}, {@code maintenance:…}, {@code inhibited}),
 *     the failure ({@code http_500}, {@code timeout}…), the drop ({@code queue_full}…), who acknowledged (as
 *     {@link AlertAcknowledgement#by()} shows it) or the escalation level reached ({@code level 2}); else {@code null}
 */
public record AlertEvent(Type type, Instant time, @Nullable String fingerprint, @Nullable Alert alert,
        @Nullable String channel, @Nullable String notificationId, @Nullable String reason) {

    /** What happened. */
    public enum Type {
        /** A new alert started firing. */
        FIRED,
        /** A fire repeated an alert that already fires. */
        DEDUPLICATED,
        /** A new alert is not notified because of a silence, a maintenance window or an inhibition. */
        SUPPRESSED,
        /** A notification reached a channel. */
        NOTIFIED,
        /** A delivery attempt failed; {@link #reason()} says why. The notification may still be retried. */
        DELIVERY_FAILED,
        /** An alert was resolved. */
        RESOLVED,
        /** Alerts or notifications were dropped to stay within bounds; {@link #reason()} says which bound. */
        DROPPED,
        /** Someone acknowledged an alert; {@link #reason()} says who. */
        ACKNOWLEDGED,
        /** An alert's escalation reached a level (or repeated its last); {@link #reason()} says which. */
        ESCALATED
    }

    /** Checks the required arguments. */
    public AlertEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }
}
