package dev.monitor.job.backup;

import dev.monitor.config.internal.OwnScheduler;
import dev.monitor.job.Job;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BackupVerifier} running as a monitored job on its schedule, as {@link BackupVerifier#schedule started}: at
 * each time of the job's {@link JobSchedule} (computed on the {@link JobMonitor#clock() job monitor's clock}) it checks
 * in {@code start}, runs {@link BackupVerifier#verify()} on a daemon thread of the job's own and checks in {@code success},
 * or {@code fail} with the failed checks (already scrubbed; the job monitor scrubs and cuts the message again).
 *
 * <p>One verification runs at a time: a due time that comes while the last run is still under way is skipped (the job
 * shows the run as running too long once it passes its maximum runtime). A verification is bounded by the verifier's
 * restore timeout. The schedule stops at {@link #close()}, when the job monitor is closed or when the job is removed
 * from it; the job itself stays added, so its state (and state file entry) survive.
 *
 * <p>Never throws into the scheduler; thread-safe.
 */
public final class BackupJob implements AutoCloseable {

    private final BackupVerifier verifier;
    private final JobMonitor monitor;
    private final Job job;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final ScheduledThreadPoolExecutor runner;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Object lock = new Object();
    // guarded by lock
    private @Nullable ScheduledFuture<?> next;
    private @Nullable Instant nextRun;
    private boolean closed;
    private volatile @Nullable BackupReport lastReport;

    BackupJob(BackupVerifier verifier, JobMonitor monitor, Job job, @Nullable ScheduledExecutorService timer) {
        this.verifier = verifier;
        this.monitor = monitor;
        this.job = job;
        this.clock = monitor.clock();
        // two threads: a due time is awaited (and skipped) while a verification runs, never queued behind it
        this.runner = OwnScheduler.create("monitor-backup-" + verifier.name(), timer == null ? 2 : 1);
        this.timer = timer == null ? runner : timer;
    }

    /** Plans the first run after now. */
    void start() {
        planAfter(clock.instant());
    }

    /** The monitored job the verifications check in with. */
    public Job job() {
        return job;
    }

    /** The verifier that runs. */
    public BackupVerifier verifier() {
        return verifier;
    }

    /** When the next scheduled verification starts, or {@code null} when none is planned (closed, or no further time). */
    public @Nullable Instant nextRun() {
        synchronized (lock) {
            return nextRun;
        }
    }

    /** The report of the last verification this job ran, or {@code null} before the first. */
    public @Nullable BackupReport lastReport() {
        return lastReport;
    }

    /**
     * Verifies now on the calling thread, outside the schedule (e.g. once at start-up), checking in as a scheduled run
     * does; returns the report. When a verification is already under way, none is started: the report of the last
     * finished one is returned, or {@code null} if there is none yet. Never throws.
     */
    public @Nullable BackupReport runNow() {
        if (!running.compareAndSet(false, true)) {
            return lastReport;
        }
        try {
            return verifyAndCheckIn();
        } finally {
            running.set(false);
        }
    }

    /** Stops the schedule and the verifier's thread; a verification under way finishes (bounded by its timeout). Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            nextRun = null;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
        }
        runner.shutdown(); // also the timer when it is the verifier's own; a timer given by the caller keeps running
    }

    /** Whether the schedule must stop: closed here, the monitor closed or the job removed from it. */
    private boolean stopped() {
        synchronized (lock) {
            if (closed) {
                return true;
            }
        }
        return monitor.isClosed() || monitor.job(job.name()) != job;
    }

    private void planAfter(Instant after) {
        JobSchedule schedule = job.definition().schedule();
        Instant due;
        try {
            due = schedule.nextAfter(after);
        } catch (RuntimeException e) {
            due = null;
        }
        synchronized (lock) {
            nextRun = closed ? null : due;
            if (closed || due == null) {
                return;
            }
            awaitLocked(due);
        }
    }

    /** Sets the timer for {@code due}, from the clock's time. Under {@code lock}. */
    private void awaitLocked(Instant due) {
        long delay = Math.max(0, nanosBetween(clock.instant(), due));
        Instant target = due;
        try {
            next = timer.schedule(() -> fire(target), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            next = null;
            nextRun = null; // the timer was shut down: nothing more runs
        }
    }

    /** On the timer: runs the verification due at {@code due} (if the clock says so) and plans the next one. */
    private void fire(Instant due) {
        try {
            if (stopped()) {
                close();
                return;
            }
            Instant now = clock.instant();
            if (now.isBefore(due)) { // the timer ran early against the monitor's clock: wait for the rest
                synchronized (lock) {
                    if (!closed) {
                        awaitLocked(due);
                    }
                }
                return;
            }
            if (running.compareAndSet(false, true)) {
                try {
                    runner.execute(() -> {
                        try {
                            verifyAndCheckIn();
                        } finally {
                            running.set(false);
                        }
                    });
                } catch (RejectedExecutionException e) {
                    running.set(false);
                }
            }
            planAfter(now.isAfter(due) ? now : due);
        } catch (RuntimeException e) {
            // never into the timer: a clock or schedule that throws ends the schedule, as nextRun() then shows
            synchronized (lock) {
                nextRun = null;
            }
        }
    }

    private @Nullable BackupReport verifyAndCheckIn() {
        job.start();
        BackupReport report;
        try {
            report = verifier.verify();
        } catch (RuntimeException | Error e) { // verify() never throws; a failure here is a bug, reported, not thrown
            job.fail(e);
            return null;
        }
        lastReport = report;
        if (report.ok()) {
            job.success();
        } else {
            job.fail(failureMessage(report.failures()));
        }
        return report;
    }

    /** {@code "age: newest backup is 3d old (max 26h); restore: ..."}: the failed checks, already scrubbed. */
    static String failureMessage(List<BackupCheck> failures) {
        return failures.stream().map(check -> check.kind().label() + ": " + check.message())
                .collect(Collectors.joining("; "));
    }

    private static long nanosBetween(Instant from, Instant to) {
        try {
            return Duration.between(from, to).toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "BackupJob[" + verifier.name() + ", " + job.definition().schedule() + "]";
    }

    static void requireSameName(BackupVerifier verifier, String jobName) {
        if (!Objects.equals(verifier.name(), jobName)) {
            throw new IllegalArgumentException("the job definition must be named after the verifier '" + verifier.name()
                    + "', was '" + jobName + "'");
        }
    }
}
