package dev.monitor.job.internal;

import dev.monitor.job.CheckIn;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One check-in on its way from the caller's thread to the monitor's: what the caller gave, unscrubbed. Scrubbing
 * happens on the monitor's thread. Not API.
 *
 * @param tracker the job
 * @param kind the kind of check-in
 * @param at when it was sent
 * @param runStartedAt the start of this run, for wrapped tasks (whose runs may overlap); else {@code null}
 * @param message the raw failure message, or {@code null}
 * @param error the failure's exception, or {@code null}
 */
public record CheckInEvent(JobTracker tracker, CheckIn kind, Instant at, @Nullable Instant runStartedAt,
        @Nullable String message, @Nullable Throwable error) {
}
