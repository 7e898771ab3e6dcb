package dev.monitor.job.backup.internal;

import dev.monitor.config.internal.DurationText;
import dev.monitor.job.backup.RestoreProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link RestoreProbe} on a thread of its own, bounded by a timeout: at the timeout the probe's thread is
 * interrupted and the restore reported as failed. A probe that ignores the interrupt keeps its thread; while it does,
 * no other probe is started, so a hanging restore costs one thread, not one per run. Not API.
 */
public final class RestoreRunner {

    private final String threadName;
    /** True while the last probe started is running; cleared by the probe itself before its result is handed over. */
    private volatile @Nullable AtomicBoolean running;

    /** A runner whose probe threads are named {@code threadName}. */
    public RestoreRunner(String threadName) {
        this.threadName = threadName;
    }

    /**
     * What the probe did.
     *
     * @param figures what it reported ({@code null} when it failed; empty when it reported nothing)
     * @param failure why it failed (raw: the caller strips paths, scrubs and shortens it), or {@code null}
     */
    public record Outcome(@Nullable Map<String, Long> figures, @Nullable String failure) {
    }

    /** Runs {@code probe} on {@code backup} and waits at most {@code timeout} for it. Never throws. */
    public Outcome run(RestoreProbe probe, Path backup, Duration timeout) {
        AtomicBoolean previous = running;
        if (previous != null && previous.get()) {
            return new Outcome(null, "the previous restore probe is still running (it did not stop when interrupted at its "
                    + "timeout); no new one is started until it ends");
        }
        AtomicBoolean busy = new AtomicBoolean(true);
        // cleared before the result is set, so that a verification right after this one never finds it still busy
        FutureTask<@Nullable Map<String, Long>> task = new FutureTask<>(() -> {
            try {
                return probe.restore(backup);
            } finally {
                busy.set(false);
            }
        });
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                busy.set(false); // also when the task was cancelled before the thread got to run it
            }
        }, threadName);
        thread.setDaemon(true);
        running = busy;
        thread.start();
        try {
            Map<String, Long> figures = task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Outcome(figures == null ? Map.of() : figures, null);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Outcome(null, describe(cause));
        } catch (TimeoutException e) {
            task.cancel(true);
            return new Outcome(null, "the restore probe did not finish within "
                    + (timeout.getSeconds() == 0 ? timeout.toMillis() + "ms" : DurationText.format(timeout))
                    + " and was interrupted");
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted while waiting for the restore probe");
        } catch (RuntimeException e) {
            task.cancel(true);
            return new Outcome(null, describe(e));
        }
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : type + ": " + message.strip();
    }
}
