package dev.monitor.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one registered check: single flight, deadline, result cache, background refresh and the
 * failure/success thresholds. Not API.
 *
 * <p>Single flight: a run holds at most one thread, and no second run starts while a previous one still
 * holds its thread. A run that outlives its timeout is reported failed at its deadline; if it was still
 * waiting for a thread it is taken out of the queue and never runs; if it was running it is interrupted and
 * abandoned: it gives its slot of the {@link CheckExecutor} back, so the other checks keep running, and keeps
 * only its own thread until it returns. Until then every report counts another failure ("previous run still
 * in progress"); once it returned, the next run starts as usual.
 *
 * <p>The bookkeeping that lets the next run start ({@link #release}) runs whatever the check does: returns,
 * returns null, throws any {@code Throwable} (even one whose {@code getMessage()} throws), hangs, is cancelled
 * before it starts or is refused by the executor.
 */
final class CheckRunner {

    private static final Logger log = LoggerFactory.getLogger(CheckRunner.class);

    private final String name;
    private final HealthCheck check;
    private final CheckOptions options;
    private final HealthRegistry registry;
    private final long timeoutNanos;
    private final long cacheTtlNanos;
    private final long staleAfterNanos;
    private final @Nullable Timer durationTimer;
    private final @Nullable Gauge statusGauge;

    private final Object lock = new Object();
    // guarded by lock
    private @Nullable Execution inFlight;
    private CheckReport current;
    private CheckReport lastNonFailing;
    private CheckStatus stable;
    private long completedAtNanos;
    private boolean hasRun;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private @Nullable ScheduledFuture<?> backgroundTask;
    private boolean stopped;

    private volatile double statusValue;

    CheckRunner(String name, HealthCheck check, CheckOptions options, HealthRegistry registry,
            @Nullable MeterRegistry meters) {
        this.name = name;
        this.check = check;
        this.options = options;
        this.registry = registry;
        this.timeoutNanos = options.timeout().toNanos();
        this.cacheTtlNanos = options.cacheTtl().toNanos();
        this.staleAfterNanos = options.staleAfter().toNanos();
        this.stable = options.initialStatus();
        this.statusValue = gaugeValue(stable);
        this.current = new CheckReport(name, stable, options.critical(), Duration.ZERO, registry.now(), Map.of(), null,
                stable == CheckStatus.PASS ? null : "not checked yet");
        this.lastNonFailing = current;
        if (meters != null) {
            this.durationTimer = Timer.builder(HealthMeters.CHECK_DURATION)
                    .description(HealthMeters.CHECK_DURATION_DESCRIPTION)
                    .tag(HealthMeters.TAG_CHECK, name)
                    .register(meters);
            this.statusGauge = Gauge.builder(HealthMeters.STATUS, this, runner -> runner.statusValue)
                    .description(HealthMeters.STATUS_DESCRIPTION)
                    .tag(HealthMeters.TAG_CHECK, name)
                    .register(meters);
        } else {
            this.durationTimer = null;
            this.statusGauge = null;
        }
    }

    String name() {
        return name;
    }

    CheckOptions options() {
        return options;
    }

    /** Starts the background schedule if the check runs in the background. */
    void start() {
        if (options.mode() == RefreshMode.BACKGROUND) {
            long interval = options.refreshInterval().toNanos();
            synchronized (lock) {
                backgroundTask = registry.scheduler().scheduleWithFixedDelay(
                        this::refreshInBackground, 0, interval, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Stops the check for good: cancels the background schedule, takes a waiting run out of the queue or
     * abandons a running one, completes a pending report with {@code reason}, and removes the meters.
     */
    void stop(@Nullable MeterRegistry meters, String reason) {
        Execution running;
        CheckExecutor.@Nullable Task task;
        boolean settle = false;
        synchronized (lock) {
            stopped = true;
            if (backgroundTask != null) {
                backgroundTask.cancel(false);
            }
            running = inFlight;
            task = running == null ? null : running.task;
            if (running != null && !running.settled) {
                running.settled = true;
                settle = true;
                if (running.deadline != null) {
                    running.deadline.cancel(false);
                }
            }
        }
        if (running != null) {
            if (task != null && task.cancelOrAbandon() == CheckExecutor.Stop.ABANDONED) {
                synchronized (lock) {
                    running.abandoned = true;
                }
            }
            if (settle) {
                running.outcome.complete(new CheckReport(name, CheckStatus.FAIL, options.critical(),
                        Duration.ofNanos(Math.max(0, registry.nanoTime() - running.startNanos)), registry.now(), Map.of(),
                        null, reason));
            }
        }
        if (meters != null) {
            if (durationTimer != null) {
                meters.remove(durationTimer);
            }
            if (statusGauge != null) {
                meters.remove(statusGauge);
            }
        }
    }

    /** The entry to report now; completes within the check's timeout. */
    CompletableFuture<CheckReport> report() {
        long now = registry.nanoTime();
        Completion completion;
        synchronized (lock) {
            if (options.mode() == RefreshMode.BACKGROUND) {
                if (hasRun && now - completedAtNanos > staleAfterNanos) {
                    return CompletableFuture.completedFuture(staleReport(now));
                }
                return CompletableFuture.completedFuture(current);
            }
            if (hasRun && now - completedAtNanos < cacheTtlNanos) {
                return CompletableFuture.completedFuture(current);
            }
            Execution previous = inFlight;
            if (previous != null && !previous.settled) {
                return previous.outcome; // join the run in progress: single flight
            }
            if (previous != null && previous.holdsThread()) {
                // The previous run timed out and still holds its thread: count another failure
                // instead of starting a second run.
                completion = apply(stillRunning(previous, now), timeoutNanos);
            } else {
                Execution execution = startLocked(now);
                if (execution != null) {
                    return execution.outcome;
                }
                completion = apply(HealthResult.fail(refusal()), 0);
            }
        }
        completion.publish(registry);
        return CompletableFuture.completedFuture(completion.report);
    }

    /** Completes when no run of this check holds a thread any more. For tests. */
    CompletableFuture<Void> whenIdle() {
        synchronized (lock) {
            return inFlight == null ? CompletableFuture.completedFuture(null) : inFlight.idle;
        }
    }

    /** Completes when the run in flight now (if any) has been reported: by itself, its deadline or a stop. For tests. */
    CompletableFuture<?> whenReported() {
        synchronized (lock) {
            return inFlight == null ? CompletableFuture.completedFuture(null) : inFlight.outcome;
        }
    }

    private void refreshInBackground() {
        try {
            Completion completion = null;
            synchronized (lock) {
                if (stopped) {
                    return;
                }
                long now = registry.nanoTime();
                Execution previous = inFlight;
                if (previous != null && !previous.settled) {
                    return; // still within its deadline
                }
                if (previous != null && previous.holdsThread()) {
                    completion = apply(stillRunning(previous, now), timeoutNanos);
                } else if (startLocked(now) == null) {
                    completion = apply(HealthResult.fail(refusal()), 0);
                }
            }
            if (completion != null) {
                completion.publish(registry);
            }
        } catch (RuntimeException e) {
            // an exception would end the fixed-delay schedule for good
            log.warn("Background refresh of health check {} failed", name, e);
        }
    }

    /** Schedules the deadline and submits the run; null if the registry is closed or the executor full. */
    private @Nullable Execution startLocked(long now) {
        if (stopped) {
            return null;
        }
        Execution execution = new Execution(now);
        try {
            execution.deadline = registry.scheduler().schedule(() -> timeout(execution), timeoutNanos,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            return null;
        }
        try {
            execution.task = registry.executor().submit(() -> run(execution), () -> release(execution));
        } catch (RejectedExecutionException e) {
            execution.deadline.cancel(false);
            return null;
        }
        inFlight = execution;
        return execution;
    }

    private String refusal() {
        return stopped || registry.executor().isClosed()
                ? "health registry closed; check not run"
                : "health executor saturated; check not run";
    }

    private static HealthResult stillRunning(Execution previous, long now) {
        return HealthResult.fail("timed out: previous run still in progress after "
                + TimeUnit.NANOSECONDS.toMillis(Math.max(0, now - previous.startNanos)) + " ms");
    }

    /** The body of a run, on an executor thread. */
    private void run(Execution execution) {
        HealthResult result = null;
        VirtualMachineError fatal = null;
        try {
            result = check.check();
            if (result == null) {
                result = HealthResult.fail("check returned null");
            }
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof VirtualMachineError error && !(e instanceof StackOverflowError)) {
                fatal = error;
            }
            result = describe(e);
        } finally {
            complete(execution, result != null ? result : HealthResult.fail("check failed"));
        }
        if (fatal != null) {
            throw fatal; // after the bookkeeping: the executor replaces the thread
        }
    }

    private static HealthResult describe(Throwable error) {
        try {
            return HealthResult.fail(error);
        } catch (Throwable unreadable) {
            return HealthResult.fail(error.getClass().getName());
        }
    }

    /** Counts the run's result, unless its deadline already reported it. */
    private void complete(Execution execution, HealthResult result) {
        long elapsed = registry.nanoTime() - execution.startNanos;
        Completion completion;
        synchronized (lock) {
            execution.returned = true;
            if (execution.settled) {
                return; // already reported as timed out; a late answer does not count twice
            }
            execution.settled = true;
            if (execution.deadline != null) {
                execution.deadline.cancel(false);
            }
            completion = apply(result, elapsed);
        }
        completion.publish(registry); // listeners see a change before any report shows it
        execution.outcome.complete(completion.report);
    }

    /** The run no longer holds a thread (it finished, or was cancelled or dropped before it started). */
    private void release(Execution execution) {
        synchronized (lock) {
            execution.released = true;
            if (inFlight == execution) {
                inFlight = null;
            }
        }
        execution.idle.complete(null);
    }

    private void timeout(Execution execution) {
        Completion completion;
        synchronized (lock) {
            CheckExecutor.Task task = execution.task;
            if (execution.settled || task == null) {
                return;
            }
            execution.settled = true;
            String reason = "timed out after " + options.timeout().toMillis() + " ms";
            switch (task.cancelOrAbandon()) { // CANCELLED: release() has run, the check holds no thread
                case CANCELLED -> reason += " waiting for a free health-check thread";
                case ABANDONED -> execution.abandoned = true;
                case NONE -> { }
            }
            completion = apply(HealthResult.fail(reason), timeoutNanos);
        }
        completion.publish(registry);
        execution.outcome.complete(completion.report);
    }

    /** Applies one run's result to the thresholds and returns the entry to report. Holds the lock. */
    private Completion apply(HealthResult result, long elapsedNanos) {
        Instant now = registry.now();
        Duration responseTime = Duration.ofNanos(elapsedNanos);
        if (durationTimer != null) {
            durationTimer.record(elapsedNanos, TimeUnit.NANOSECONDS);
        }
        CheckReport raw = new CheckReport(name, result.status(), options.critical(), responseTime, now,
                registry.scrubDetails(result.details()), registry.scrubObserved(result.observed()),
                registry.scrubError(result.error()));
        CheckReport reported;
        if (raw.status() == CheckStatus.FAIL) {
            consecutiveFailures++;
            consecutiveSuccesses = 0;
            if (stable == CheckStatus.FAIL || consecutiveFailures >= options.failureThreshold()) {
                reported = raw;
            } else {
                // Below the failure threshold: keep reporting the last good state, and say how close it is.
                reported = withDetail(lastNonFailing, responseTime, now, "consecutive_failures", consecutiveFailures,
                        lastNonFailing.status(), lastNonFailing.error());
            }
        } else {
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            if (stable != CheckStatus.FAIL || consecutiveSuccesses >= options.successThreshold()) {
                reported = raw;
                lastNonFailing = raw;
            } else {
                reported = withDetail(current, responseTime, now, "consecutive_successes", consecutiveSuccesses,
                        CheckStatus.FAIL, current.error());
            }
        }
        HealthTransition transition = null;
        if (reported.status() != stable) {
            transition = new HealthTransition(name, stable, reported.status(), reported, now);
            stable = reported.status();
            statusValue = gaugeValue(stable);
        }
        current = reported;
        completedAtNanos = registry.nanoTime();
        hasRun = true;
        return new Completion(reported, transition);
    }

    private CheckReport withDetail(CheckReport base, Duration responseTime, Instant now, String key, int count,
            CheckStatus status, @Nullable String error) {
        Map<String, Object> details = new LinkedHashMap<>(base.details());
        details.put(key, count);
        return new CheckReport(name, status, options.critical(), responseTime, now, details, base.observed(), error);
    }

    private CheckReport staleReport(long now) {
        long age = TimeUnit.NANOSECONDS.toMillis(now - completedAtNanos);
        return new CheckReport(name, CheckStatus.FAIL, options.critical(), current.responseTime(), current.checkedAt(),
                current.details(), current.observed(), "stale: no result for " + age + " ms");
    }

    private static double gaugeValue(CheckStatus status) {
        return switch (status) {
            case PASS -> 1.0;
            case WARN -> 0.5;
            case FAIL -> 0.0;
        };
    }

    /** One run of the check. Fields other than the futures are guarded by the runner's lock. */
    private static final class Execution {
        final long startNanos;
        final CompletableFuture<CheckReport> outcome = new CompletableFuture<>();
        final CompletableFuture<Void> idle = new CompletableFuture<>();
        CheckExecutor.@Nullable Task task;
        @Nullable ScheduledFuture<?> deadline;
        /** The outcome is decided (by the run, its deadline or a stop); it completes right after. */
        boolean settled;
        /** The check's code has returned. */
        boolean returned;
        /** The run was abandoned at its deadline while running. */
        boolean abandoned;
        /** The run holds no thread any more. */
        boolean released;

        Execution(long startNanos) {
            this.startNanos = startNanos;
        }

        /** Whether the run may still hold a thread that no other run of the check can share. */
        boolean holdsThread() {
            return !released && (!returned || abandoned);
        }
    }

    /** What a run produced, published outside the lock. */
    private record Completion(CheckReport report, @Nullable HealthTransition transition) {
        void publish(HealthRegistry registry) {
            if (transition != null) {
                registry.publish(transition);
            }
        }
    }
}
