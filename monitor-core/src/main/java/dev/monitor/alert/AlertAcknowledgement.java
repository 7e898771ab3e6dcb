package dev.monitor.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Someone took an alert in hand ({@link AlertDispatcher#acknowledge(String, String, String)}): escalation
 * and reminders stop for it, and notifications show who and when.
 *
 * @param by who acknowledged, as it may leave the process: passed through the dispatcher's
 *     {@link AlertDispatcher.Builder#personNames(java.util.function.UnaryOperator) personNames} seam (by default
 *     the PII scrubber) before it is kept anywhere
 * @param at when, by the dispatcher's clock
 * @param comment an optional note ({@code ""} when none), already scrubbed
 */
public record AlertAcknowledgement(String by, Instant at, String comment) {

    /** Checks the arguments. */
    public AlertAcknowledgement {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(comment, "comment");
    }
}
