package dev.monitor.alert.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * About one delivery attempt, passed to {@link AlertChannel#send}.
 *
 * @param notificationId the notification being delivered (a digest has its own id)
 * @param attempt 1 for the first attempt, then 2, 3…
 * @param timeout how long this attempt may take; the channel should give up (and report
 *     {@link DeliveryResult#retryable}) by then. The dispatcher stops waiting shortly after it anyway.
 */
public record DeliveryContext(String notificationId, int attempt, Duration timeout) {

    /** Checks the arguments. */
    public DeliveryContext {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(timeout, "timeout");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
        }
    }
}
