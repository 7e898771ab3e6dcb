package dev.monitor.job;

/**
 * The meters a {@link JobMonitor} registers (with a meter registry): names, descriptions and tag keys, in one
 * place. The timer is in the registry's base time unit; the state gauge is a unitless level; counters count what
 * their name says.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #STATE}</td><td>gauge: 1 up (or new), 0.5 late or running too long or failing, 0 down</td><td>job</td></tr>
 *   <tr><td>{@value #LAST_SUCCESS}</td><td>time gauge: when the last run succeeded, in seconds since the epoch
 *       ({@code NaN} before the first)</td><td>job</td></tr>
 *   <tr><td>{@value #DURATION}</td><td>timer</td><td>job</td></tr>
 *   <tr><td>{@value #RUNS}</td><td>counter</td><td>job, outcome</td></tr>
 *   <tr><td>{@value #CHECKINS_DROPPED}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #CHECKINS_UNKNOWN}</td><td>counter</td><td></td></tr>
 *   <tr><td>{@value #STATE_ERRORS}</td><td>counter</td><td></td></tr>
 * </table>
 */
public final class JobMeters {

    /** Where a job stands. */
    public static final String STATE = "monitor.job.state";
    /** Description of {@link #STATE}. */
    public static final String STATE_DESCRIPTION = "Where a job stands: 1 up, 0.5 late, running too long or failing, 0 down";
    /**
     * When the last run succeeded, in seconds since the epoch; {@code NaN} before the first success. Its age is
     * {@code time() - monitor_job_last_success_seconds} in Prometheus.
     */
    public static final String LAST_SUCCESS = "monitor.job.last.success";
    /** Description of {@link #LAST_SUCCESS}. */
    public static final String LAST_SUCCESS_DESCRIPTION = "When the last run of a job succeeded, in seconds since the epoch";
    /** Durations of finished runs (from start to success or failure). */
    public static final String DURATION = "monitor.job.duration";
    /** Description of {@link #DURATION}. */
    public static final String DURATION_DESCRIPTION = "Duration of finished job runs, from start to success or failure";
    /** Finished runs by outcome (pings count as successes). */
    public static final String RUNS = "monitor.job.runs";
    /** Description of {@link #RUNS}. */
    public static final String RUNS_DESCRIPTION = "Finished job runs by outcome";
    /** Check-ins dropped because the monitor's queue was full. */
    public static final String CHECKINS_DROPPED = "monitor.job.checkins.dropped";
    /** Description of {@link #CHECKINS_DROPPED}. */
    public static final String CHECKINS_DROPPED_DESCRIPTION = "Job check-ins dropped because the monitor's queue was full";
    /** Check-ins by name for a job that does not exist. */
    public static final String CHECKINS_UNKNOWN = "monitor.job.checkins.unknown";
    /** Description of {@link #CHECKINS_UNKNOWN}. */
    public static final String CHECKINS_UNKNOWN_DESCRIPTION = "Job check-ins by name for a job that does not exist";
    /** State file writes that failed. */
    public static final String STATE_ERRORS = "monitor.job.state.errors";
    /** Description of {@link #STATE_ERRORS}. */
    public static final String STATE_ERRORS_DESCRIPTION = "Job state file writes that failed";

    /** Tag: the job's name. */
    public static final String TAG_JOB = "job";
    /** Tag: the run's outcome, {@code success} or {@code failure}. */
    public static final String TAG_OUTCOME = "outcome";

    private JobMeters() {
    }
}
