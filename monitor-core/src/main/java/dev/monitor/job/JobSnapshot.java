package dev.monitor.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a job stands at one moment. Texts are already scrubbed.
 *
 * @param name the job's name
 * @param schedule the schedule as shown in alerts and on the status page ({@link JobSchedule#toString()})
 * @param state whether it checks in on time
 * @param since when it entered {@code state}
 * @param runningSince when the run under way started, or {@code null} when none is
 * @param overrun whether the run under way has run longer than the job's maximum runtime
 * @param failing whether the failure threshold was reached and the recovery threshold not yet
 * @param consecutiveFailures failed runs in a row up to now
 * @param lastCheckIn the last check-in of any kind, or {@code null}
 * @param lastSuccess the last successful run, or {@code null}
 * @param lastFailure the last failed run, or {@code null}
 * @param nextDue when the next run is expected (before the grace time), or {@code null} when the schedule has
 *     no further run
 * @param recentRuns the last finished runs, oldest first, at most the monitor's history size
 */
public record JobSnapshot(String name, String schedule, JobState state, Instant since, @Nullable Instant runningSince,
        boolean overrun, boolean failing, int consecutiveFailures, @Nullable Instant lastCheckIn,
        @Nullable JobRun lastSuccess, @Nullable JobRun lastFailure, @Nullable Instant nextDue, List<JobRun> recentRuns) {

    /** Validates and copies the arguments. */
    public JobSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        recentRuns = List.copyOf(Objects.requireNonNull(recentRuns, "recentRuns"));
    }

    /** The duration of the last run that had one, or {@code null}. */
    public @Nullable Duration lastDuration() {
        for (int i = recentRuns.size() - 1; i >= 0; i--) {
            Duration duration = recentRuns.get(i).duration();
            if (duration != null) {
                return duration;
            }
        }
        return null;
    }

    /** Whether the job is healthy: checked in on time (or new), not failing and not overrunning. */
    public boolean healthy() {
        return (state == JobState.NEW || state == JobState.UP) && !failing && !overrun;
    }
}
