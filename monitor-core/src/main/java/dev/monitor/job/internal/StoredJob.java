package dev.monitor.job.internal;

import dev.monitor.job.JobRun;
import dev.monitor.job.JobState;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the state file keeps of one job. Texts are scrubbed before they get here. Not API.
 *
 * @param schedule the schedule it was kept under ({@code JobSchedule.toString()})
 * @param state its state
 * @param since when it entered the state
 * @param lastCheckIn its last check-in, or null
 * @param runningSince the start of a run that had not finished, or null
 * @param consecutiveFailures failed runs in a row
 * @param consecutiveSuccesses successful runs in a row
 * @param failing whether the failure threshold was reached
 * @param missedAlerted whether the missed alert is active
 * @param failedAlerted whether the failed alert is active
 * @param overrunAlerted whether the overrun alert is active
 * @param lastSuccess the last successful run, or null
 * @param lastFailure the last failed run, or null
 * @param runs recent runs, oldest first
 */
public record StoredJob(String schedule, JobState state, Instant since, @Nullable Instant lastCheckIn,
        @Nullable Instant runningSince, int consecutiveFailures, int consecutiveSuccesses, boolean failing,
        boolean missedAlerted, boolean failedAlerted, boolean overrunAlerted, @Nullable JobRun lastSuccess,
        @Nullable JobRun lastFailure, List<JobRun> runs) {

    /** Copies the runs. */
    public StoredJob {
        runs = List.copyOf(runs);
    }
}
