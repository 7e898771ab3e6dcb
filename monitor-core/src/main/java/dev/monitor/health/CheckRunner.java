package dev.monitor.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs one registered check: single flight, deadline, result cache, background refresh and the
 * failure/success thresholds. Not API.
 *
 * <p>At most one run of a check is in progress at any time. A run that outlives its timeout is
 * reported failed at the deadline and interrupted; if it ignores the interrupt it keeps its
 * thread, but no second run starts until it returns, so hung checks never pile up threads.
 */
final class CheckRunner {

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
            this.durationTimer = Timer.builder("monitor.health.check.duration")
                    .description("Time taken by one run of a health check")
                    .tag("check", name)
                    .register(meters);
            this.statusGauge = Gauge.builder("monitor.health.status", this, runner -> runner.statusValue)
                    .description("Reported status of a health check: 1 pass, 0.5 warn, 0 fail")
                    .tag("check", name)
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

    /** Cancels the background schedule and interrupts a run in progress, and removes the meters. */
    void stop(@Nullable MeterRegistry meters) {
        Execution running;
        synchronized (lock) {
            if (backgroundTask != null) {
                backgroundTask.cancel(false);
            }
            running = inFlight;
        }
        if (running != null && running.worker != null) {
            running.worker.cancel(true);
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
        Completion completion = null;
        CompletableFuture<CheckReport> result;
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
            if (inFlight != null) {
                if (!inFlight.outcome.isDone()) {
                    return inFlight.outcome; // join the run in progress: single flight
                }
                // The previous run timed out and still holds its thread: count another failure
                // instead of starting a second run.
                long runningFor = now - inFlight.startNanos;
                completion = apply(HealthResult.fail("timed out: previous run still in progress after "
                        + TimeUnit.NANOSECONDS.toMillis(runningFor) + " ms"), timeoutNanos);
                result = CompletableFuture.completedFuture(completion.report);
            } else {
                Execution execution = startLocked(now);
                if (execution == null) {
                    completion = apply(HealthResult.fail("health executor saturated; check not run"), 0);
                    result = CompletableFuture.completedFuture(completion.report);
                } else {
                    result = execution.outcome;
                }
            }
        }
        if (completion != null) {
            completion.publish(registry);
        }
        return result;
    }

    private void refreshInBackground() {
        Completion completion = null;
        synchronized (lock) {
            if (inFlight != null) {
                if (inFlight.outcome.isDone()) {
                    long runningFor = registry.nanoTime() - inFlight.startNanos;
                    completion = apply(HealthResult.fail("timed out: previous run still in progress after "
                            + TimeUnit.NANOSECONDS.toMillis(runningFor) + " ms"), timeoutNanos);
                }
            } else if (startLocked(registry.nanoTime()) == null) {
                completion = apply(HealthResult.fail("health executor saturated; check not run"), 0);
            }
        }
        if (completion != null) {
            completion.publish(registry);
        }
    }

    private @Nullable Execution startLocked(long now) {
        Execution execution = new Execution(now);
        try {
            execution.worker = registry.executor().submit(() -> run(execution));
        } catch (RejectedExecutionException e) {
            return null;
        }
        execution.deadline = registry.scheduler().schedule(() -> timeout(execution), timeoutNanos, TimeUnit.NANOSECONDS);
        inFlight = execution;
        return execution;
    }

    private void run(Execution execution) {
        HealthResult result;
        try {
            result = check.check();
            if (result == null) {
                result = HealthResult.fail("check returned null");
            }
        } catch (Throwable e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            result = HealthResult.fail(e);
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                finish(execution, result);
                throw (VirtualMachineError) e;
            }
        }
        finish(execution, result);
    }

    private void finish(Execution execution, HealthResult result) {
        long elapsed = registry.nanoTime() - execution.startNanos;
        Completion completion;
        synchronized (lock) {
            if (inFlight == execution) {
                inFlight = null;
            }
            if (execution.outcome.isDone()) {
                return; // already reported as timed out; a late answer does not count twice
            }
            if (execution.deadline != null) {
                execution.deadline.cancel(false);
            }
            completion = apply(result, elapsed);
        }
        completion.publish(registry); // listeners see a change before any report shows it
        execution.outcome.complete(completion.report);
    }

    private void timeout(Execution execution) {
        Completion completion;
        synchronized (lock) {
            if (execution.outcome.isDone() || inFlight != execution) {
                return;
            }
            completion = apply(HealthResult.fail("timed out after " + options.timeout().toMillis() + " ms"), timeoutNanos);
        }
        completion.publish(registry);
        execution.outcome.complete(completion.report);
        Future<?> worker = execution.worker;
        if (worker != null) {
            worker.cancel(true);
        }
    }

    /** Applies one run's result to the thresholds and returns the entry to report. Holds the lock. */
    private Completion apply(HealthResult result, long elapsedNanos) {
        Instant now = registry.now();
        Duration responseTime = Duration.ofNanos(elapsedNanos);
        if (durationTimer != null) {
            durationTimer.record(elapsedNanos, TimeUnit.NANOSECONDS);
        }
        CheckReport raw = new CheckReport(name, result.status(), options.critical(), responseTime, now,
                registry.scrubDetails(result.details()), result.observed(), registry.scrubError(result.error()));
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

    /** One run of the check. */
    private static final class Execution {
        final long startNanos;
        final CompletableFuture<CheckReport> outcome = new CompletableFuture<>();
        volatile @Nullable Future<?> worker;
        volatile @Nullable ScheduledFuture<?> deadline;

        Execution(long startNanos) {
            this.startNanos = startNanos;
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
