package dev.monitor.job;

import dev.monitor.job.internal.JobTracker;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A monitored job, as {@link JobMonitor#add added}: the handle its code checks in with. Check-ins are cheap and
 * safe on any thread: each reads the clock and puts one small record into the monitor's bounded queue, without
 * a lock, I/O or logging; the monitor's own thread evaluates it (at the latest after its
 * {@link JobMonitor.Builder#evaluationInterval evaluation interval}). A check-in never throws: when the queue is
 * full it is dropped and counted ({@value JobMeters#CHECKINS_DROPPED}); after {@link JobMonitor#remove} or
 * {@link JobMonitor#close} it is ignored.
 *
 * <pre>{@code
 * Job export = jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *").build());
 * export.start();
 * try {
 *     exportOrders();
 *     export.success();
 * } catch (IOException e) {
 *     export.fail(e);
 * }
 * // or, the same in one line:
 * executor.scheduleAtFixedRate(export.wrap(this::exportOrders), ...);
 * }</pre>
 *
 * <p>One run is tracked at a time: a {@link #start()} while a run is under way starts the run anew. Runs of
 * {@link #wrap wrapped} tasks carry their own start, so their durations are right even when they overlap.
 */
public final class Job {

    private final JobMonitor monitor;
    private final JobTracker tracker;

    Job(JobMonitor monitor, JobTracker tracker) {
        this.monitor = monitor;
        this.tracker = tracker;
    }

    JobTracker tracker() {
        return tracker;
    }

    /** The job's name. */
    public String name() {
        return tracker.definition().name();
    }

    /** The job's definition. */
    public JobDefinition definition() {
        return tracker.definition();
    }

    /** A run started. */
    public void start() {
        monitor.record(tracker, CheckIn.START, null, null, null);
    }

    /** A run finished well; its duration is measured from the last {@link #start()}, if any. */
    public void success() {
        monitor.record(tracker, CheckIn.SUCCESS, null, null, null);
    }

    /**
     * A run failed with {@code message}; the message is scrubbed, then cut to {@value JobRun#MAX_MESSAGE_LENGTH}
     * characters, on the monitor's thread. A null message is taken as none.
     */
    public void fail(String message) {
        monitor.record(tracker, CheckIn.FAIL, null, message, null);
    }

    /** A run failed with {@code error}: its type and message are the failure message (scrubbed, then cut). */
    public void fail(Throwable error) {
        monitor.record(tracker, CheckIn.FAIL, null, null, error);
    }

    /** A heartbeat: the job is alive and well; a success without a duration. */
    public void ping() {
        monitor.record(tracker, CheckIn.PING, null, null, null);
    }

    /**
     * {@code task} checking in by itself: {@code start} before it, {@code success} after it, and {@code fail} with
     * the exception's type and message when it throws. The exception is then rethrown unchanged; the task's
     * behaviour is not changed in any way.
     */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            java.time.Instant started = monitor.record(tracker, CheckIn.START, null, null, null);
            try {
                task.run();
            } catch (Throwable e) { // also a checked exception thrown sneakily
                monitor.record(tracker, CheckIn.FAIL, started, null, e);
                throw Job.<RuntimeException>rethrow(e);
            }
            monitor.record(tracker, CheckIn.SUCCESS, started, null, null);
        };
    }

    /**
     * {@code task} checking in by itself, as {@link #wrap(Runnable)}; its result and any exception it throws,
     * checked or not, reach the caller unchanged.
     */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            java.time.Instant started = monitor.record(tracker, CheckIn.START, null, null, null);
            T result;
            try {
                result = task.call();
            } catch (Throwable e) {
                monitor.record(tracker, CheckIn.FAIL, started, null, e);
                throw Job.<RuntimeException>rethrow(e);
            }
            monitor.record(tracker, CheckIn.SUCCESS, started, null, null);
            return result;
        };
    }

    /** Throws {@code error} itself, whatever its type: the wrapped task's exception reaches the caller unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable error) throws E {
        throw (E) error;
    }

    /** Where the job stands now, check-ins sent so far included. */
    public JobSnapshot snapshot() {
        return monitor.snapshot(tracker);
    }

    @Override
    public String toString() {
        return "Job[" + name() + ", " + definition().schedule() + "]";
    }
}
