package dev.monitor.alert.escalation;

import dev.monitor.config.DurationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Someone on call in place of the rotation from {@code from} (inclusive) to {@code to} (exclusive): a swap,
 * a holiday cover, at most {@link DurationLimits#MAX_PERIOD} (366 days) long. Where overrides overlap, the one added
 * last wins.
 *
 * @param responder the responder's id
 * @param from the start of the window
 * @param to the end of the window, after {@code from} and at most 366 days after it
 */
public record OnCallOverride(String responder, Instant from, Instant to) {

    /** Checks the arguments. */
    public OnCallOverride {
        OnCallSchedule.checkId("override responder", responder);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("override of '" + responder + "' must end after it starts, was from " + from
                    + " to " + to);
        }
        DurationLimits.requirePeriod("override of '" + responder + "' (from " + from + " to " + to + ")",
                Duration.between(from, to));
    }

    /** Whether the window contains {@code at}. */
    public boolean covers(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }
}
