package dev.monitor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One finished run of a job, as kept in its bounded history.
 *
 * @param startedAt when its {@link CheckIn#START} came, or {@code null} for a run that did not send one (a
 *     {@link CheckIn#PING}, or a success or failure without a start)
 * @param finishedAt when it succeeded or failed
 * @param duration from start to finish, or {@code null} without a start
 * @param outcome how it ended
 * @param message the failure message, already scrubbed and cut to {@value #MAX_MESSAGE_LENGTH} characters, or
 *     {@code null}
 */
public record JobRun(@Nullable Instant startedAt, Instant finishedAt, @Nullable Duration duration, JobOutcome outcome,
        @Nullable String message) {

    /** Longest failure message kept, after scrubbing. */
    public static final int MAX_MESSAGE_LENGTH = 1000;

    /** Validates the arguments. */
    public JobRun {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        if (message != null && message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message must be at most " + MAX_MESSAGE_LENGTH + " characters, was "
                    + message.length());
        }
    }

    /** Whether the run succeeded. */
    public boolean succeeded() {
        return outcome == JobOutcome.SUCCESS;
    }
}
