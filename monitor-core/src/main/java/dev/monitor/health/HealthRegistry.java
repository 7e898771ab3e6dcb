package dev.monitor.health;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health-check registry: holds checks, runs them in parallel with deadlines, caches their
 * results and aggregates them into {@link HealthReport}s.
 *
 * <pre>{@code
 * HealthRegistry health = HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "production")).build();
 * health.register("database", new DataSourceHealthCheck(dataSource));
 * health.register("stripe", () -> stripe.ping() ? HealthResult.pass() : HealthResult.fail("no answer"),
 *         CheckOptions.builder().critical(false).timeout(Duration.ofSeconds(2)).build());
 * HealthReport report = health.report(HealthGroup.READY);
 * }</pre>
 *
 * <p>Checks run on a dedicated bounded executor, never on the caller's thread. A report
 * completes within the slowest selected check's timeout, capped by the report deadline, however
 * the checks behave. A check that hangs past its timeout, even one that ignores interrupts, is reported
 * failed at its deadline and keeps at most one thread, outside the {@link Builder#maxConcurrentChecks(int)
 * concurrency limit}, until it returns; it is not run again before, and it never keeps the other checks from
 * running. So at most {@code maxConcurrentChecks} plus the number of checks threads exist. Once the check
 * behaves again, the first report after its cache TTL (or its next background run) shows its real result.
 * Thread-safe; close it to stop its threads.
 */
public final class HealthRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthRegistry.class);

    /** Default deadline of a whole report. */
    public static final Duration DEFAULT_REPORT_TIMEOUT = Duration.ofSeconds(2);
    /** Longest measurement name or unit a report shows, after scrubbing. */
    static final int MAX_OBSERVED_TEXT_LENGTH = 64;

    private final ServiceInfo service;
    private final Clock clock;
    private final Duration reportTimeout;
    private final Scrubber scrubber;
    private final @Nullable MeterRegistry meters;
    private final CheckExecutor executor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Ticker ticker;
    private final long createdNanos;
    private final Map<String, CheckRunner> checks = new ConcurrentSkipListMap<>();
    private final List<HealthTransitionListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean shuttingDown;

    private HealthRegistry(Builder builder) {
        this.service = builder.service;
        this.clock = builder.clock;
        this.ticker = builder.ticker;
        this.createdNanos = ticker.read();
        this.reportTimeout = builder.reportTimeout;
        this.scrubber = builder.scrubber;
        this.meters = builder.meterRegistry;
        this.executor = new CheckExecutor(builder.maxConcurrentChecks, builder.queueCapacity, 30, TimeUnit.SECONDS,
                threads("monitor-health-"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads("monitor-health-scheduler-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** A builder with defaults: service from the environment, 2 s report deadline, 16 concurrent checks. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers a check with the default options.
     *
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    public void register(String name, HealthCheck check) {
        register(name, check, CheckOptions.defaults());
    }

    /**
     * Registers a check.
     *
     * @param name a unique name of 1 to 64 ASCII letters, digits, {@code '.'}, {@code '_'} and {@code '-'}, starting
     *     with a letter or digit ({@link Names#requireName}); it appears in URLs, logs, metric tags and JSON
     * @throws IllegalArgumentException if the name is invalid or already registered
     */
    public void register(String name, HealthCheck check, CheckOptions options) {
        Names.requireName("health check name", name);
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(options, "options");
        CheckRunner runner;
        synchronized (checks) {
            if (checks.containsKey(name)) {
                throw new IllegalArgumentException("a health check named '" + name + "' is already registered");
            }
            runner = new CheckRunner(name, check, options, this, meters);
            checks.put(name, runner);
        }
        runner.start();
    }

    /**
     * Registers every method of {@code bean} annotated with {@link HealthCheckMethod}. All methods are
     * validated first; if any is invalid or any name is taken, none is registered.
     *
     * @return the names registered
     * @throws IllegalArgumentException naming the class, the method and the problem
     */
    public List<String> registerAnnotated(Object bean) {
        Objects.requireNonNull(bean, "bean");
        Map<String, AnnotatedCheck> found = AnnotatedCheck.find(bean);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no @HealthCheckMethod methods found on " + bean.getClass().getName());
        }
        for (String name : found.keySet()) {
            if (checks.containsKey(name)) {
                throw new IllegalArgumentException("a health check named '" + name + "' is already registered; "
                        + "rename the method or set @HealthCheckMethod(name = ...) on "
                        + found.get(name).describe());
            }
        }
        List<String> registered = new ArrayList<>();
        try {
            for (Map.Entry<String, AnnotatedCheck> entry : found.entrySet()) {
                register(entry.getKey(), entry.getValue(), entry.getValue().options());
                registered.add(entry.getKey());
            }
        } catch (IllegalArgumentException e) {
            registered.forEach(this::unregister); // a concurrent registration took a name: all or nothing
            throw e;
        }
        return List.copyOf(registered);
    }

    /** Removes a check; returns whether it was registered. */
    public boolean unregister(String name) {
        Objects.requireNonNull(name, "name");
        CheckRunner runner = checks.remove(name);
        if (runner == null) {
            return false;
        }
        runner.stop(meters, "health check removed before its run completed");
        return true;
    }

    /** Whether a check of that name is registered. */
    public boolean contains(String name) {
        return checks.containsKey(Objects.requireNonNull(name, "name"));
    }

    /** The registered check names, sorted. */
    public Set<String> names() {
        return Set.copyOf(checks.keySet());
    }

    /** The groups that have an endpoint: live, ready, startup and every custom group in use. */
    public Set<HealthGroup> groups() {
        Set<HealthGroup> groups = new LinkedHashSet<>(List.of(HealthGroup.LIVE, HealthGroup.READY, HealthGroup.STARTUP));
        for (CheckRunner runner : checks.values()) {
            groups.addAll(runner.options().groups());
        }
        return groups;
    }

    /** The options a check was registered with. */
    public CheckOptions options(String name) {
        CheckRunner runner = checks.get(Objects.requireNonNull(name, "name"));
        if (runner == null) {
            throw new IllegalArgumentException("no health check named '" + name + "' is registered");
        }
        return runner.options();
    }

    /** Reports every check; blocks at most the report deadline. */
    public HealthReport report() {
        return reportAsync(null).join();
    }

    /** Reports the checks of one group; blocks at most the report deadline. */
    public HealthReport report(HealthGroup group) {
        return reportAsync(Objects.requireNonNull(group, "group")).join();
    }

    /**
     * Reports the checks of one group, or all checks when {@code group} is null, without blocking.
     * The future always completes, within the report deadline.
     */
    public CompletableFuture<HealthReport> reportAsync(@Nullable HealthGroup group) {
        List<CheckRunner> selected = new ArrayList<>();
        for (CheckRunner runner : checks.values()) {
            if (group == null || runner.options().groups().contains(group)) {
                selected.add(runner);
            }
        }
        List<String> notes = new ArrayList<>(1);
        boolean forceUnhealthy = false;
        if (HealthGroup.STARTUP.equals(group) && !started) {
            notes.add("startup not complete");
            forceUnhealthy = true;
        }
        if (HealthGroup.READY.equals(group) && shuttingDown) {
            notes.add("shutting down");
            forceUnhealthy = true;
        }
        return collect(group, selected, notes, forceUnhealthy);
    }

    /**
     * Reports a single check, aggregated by the rule of every report ({@link HealthReport#aggregate}): the check keeps
     * its critical flag, so a failing non-critical check is {@code degraded}, as {@code /health} counts it, and only a
     * failing critical one is {@code unhealthy}.
     *
     * @throws IllegalArgumentException if no check has that name
     */
    public CompletableFuture<HealthReport> reportCheckAsync(String name) {
        CheckRunner runner = checks.get(Objects.requireNonNull(name, "name"));
        if (runner == null) {
            throw new IllegalArgumentException("no health check named '" + name + "' is registered");
        }
        return collect(null, List.of(runner), List.of(), false);
    }

    /** Tells the registry the application has started: the {@code startup} group stops failing. */
    public void markStarted() {
        started = true;
    }

    /** Whether {@link #markStarted()} was called. */
    public boolean isStarted() {
        return started;
    }

    /** Tells the registry the application is shutting down: the {@code ready} group fails so traffic drains. */
    public void markShuttingDown() {
        shuttingDown = true;
    }

    /** Whether {@link #markShuttingDown()} was called. */
    public boolean isShuttingDown() {
        return shuttingDown;
    }

    /** Adds a listener for check status changes. */
    public void addTransitionListener(HealthTransitionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeTransitionListener(HealthTransitionListener listener) {
        listeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    /** The service these reports describe. */
    public ServiceInfo service() {
        return service;
    }

    /** Stops background checks and the registry's threads. Reports after closing fail every check. */
    @Override
    public void close() {
        stopAll();
        executor.close();
        scheduler.shutdownNow();
        stopAll(); // a check registered while closing
    }

    private void stopAll() {
        for (CheckRunner runner : checks.values()) {
            runner.stop(meters, "health registry closed before the run completed");
        }
    }

    private CompletableFuture<HealthReport> collect(@Nullable HealthGroup group, List<CheckRunner> runners,
            List<String> notes, boolean forceUnhealthy) {
        long start = ticker.read();
        List<CompletableFuture<CheckReport>> futures = new ArrayList<>(runners.size());
        for (CheckRunner runner : runners) {
            futures.add(runner.report());
        }
        ReportAssembly assembly = new ReportAssembly(group, runners, futures, notes, forceUnhealthy, start);
        if (assembly.tryCompleteNow()) {
            return assembly.result;
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                .whenComplete((ignored, error) -> assembly.complete(false));
        try {
            scheduler.schedule(() -> assembly.complete(true), reportTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            assembly.complete(true);
        }
        return assembly.result;
    }

    /** Gathers the entries of one report, completing with whatever is done at the deadline. */
    private final class ReportAssembly {
        final @Nullable HealthGroup group;
        final List<CheckRunner> runners;
        final List<CompletableFuture<CheckReport>> futures;
        final List<String> notes;
        final boolean forceUnhealthy;
        final long startNanos;
        final CompletableFuture<HealthReport> result = new CompletableFuture<>();

        ReportAssembly(@Nullable HealthGroup group, List<CheckRunner> runners, List<CompletableFuture<CheckReport>> futures,
                List<String> notes, boolean forceUnhealthy, long startNanos) {
            this.group = group;
            this.runners = runners;
            this.futures = futures;
            this.notes = notes;
            this.forceUnhealthy = forceUnhealthy;
            this.startNanos = startNanos;
        }

        boolean tryCompleteNow() {
            for (CompletableFuture<CheckReport> future : futures) {
                if (!future.isDone()) {
                    return false;
                }
            }
            complete(false);
            return true;
        }

        void complete(boolean deadlineReached) {
            if (result.isDone()) {
                return;
            }
            Map<String, CheckReport> entries = new TreeMap<>();
            Instant now = now();
            for (int i = 0; i < runners.size(); i++) {
                CheckRunner runner = runners.get(i);
                CompletableFuture<CheckReport> future = futures.get(i);
                CheckReport entry = future.isDone() && !future.isCompletedExceptionally()
                        ? future.join()
                        : new CheckReport(runner.name(), CheckStatus.FAIL, runner.options().critical(),
                                Duration.ofNanos(ticker.read() - startNanos), now, Map.of(), null,
                                deadlineReached
                                        ? "timed out: report deadline of " + reportTimeout.toMillis() + " ms reached"
                                        : "check did not complete");
                entries.put(entry.name(), entry);
            }
            HealthStatus status = forceUnhealthy ? HealthStatus.UNHEALTHY : HealthReport.aggregate(entries.values());
            result.complete(new HealthReport(status, now, service,
                    Duration.ofNanos(ticker.read() - createdNanos).truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                    Duration.ofNanos(ticker.read() - startNanos), group, entries, notes));
        }
    }

    Instant now() {
        return clock.instant();
    }

    /** The registry's monotonic time in nanoseconds (see {@link Ticker}). */
    long nanoTime() {
        return ticker.read();
    }

    CheckExecutor executor() {
        return executor;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Error text as a report shows it: scrubbed, then its first line, then at most 160 characters. */
    @Nullable String scrubError(@Nullable String error) {
        return error == null ? null : ErrorText.clean(scrubber, error);
    }

    /**
     * The observed value as a report shows it: the measurement and the unit scrubbed like text (they are free text
     * and reach the body, the unit as a value, the measurement in a key), then cut to
     * {@value #MAX_OBSERVED_TEXT_LENGTH} characters. The same instance when nothing was redacted.
     */
    @Nullable ObservedValue scrubObserved(@Nullable ObservedValue observed) {
        if (observed == null) {
            return null;
        }
        String measurement = scrubber.scrub(observed.measurement(), MAX_OBSERVED_TEXT_LENGTH);
        String unit = scrubber.scrub(observed.unit(), MAX_OBSERVED_TEXT_LENGTH);
        if (measurement.equals(observed.measurement()) && unit.equals(observed.unit())) {
            return observed;
        }
        // a measurement never holds ':' (it separates check and measurement in application/health+json)
        return new ObservedValue(measurement.replace(':', '_'), observed.value(), unit);
    }

    /**
     * Details as a report shows them, scrubbed key-aware: keys are scrubbed like text (a key may hold personal
     * data); string values are scrubbed as values under their key, so a sensitive key ({@code password},
     * {@code token}, ...) has its value redacted whatever it looks like; numbers are judged the same way by their
     * digits (a card number, or any number under a sensitive key). Two keys that scrub to the same text keep the
     * first value. The same map instance when nothing was redacted.
     */
    Map<String, Object> scrubDetails(Map<String, Object> details) {
        Map<String, Object> scrubbed = null;
        int index = 0;
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            String cleanKey = scrubber.scrub(key);
            Object cleanValue = scrubDetailValue(key, value);
            if (scrubbed == null && (cleanKey != key || cleanValue != value)) {
                scrubbed = new LinkedHashMap<>();
                int copied = 0;
                for (Map.Entry<String, Object> earlier : details.entrySet()) {
                    if (copied++ == index) {
                        break;
                    }
                    scrubbed.put(earlier.getKey(), earlier.getValue());
                }
            }
            if (scrubbed != null) {
                scrubbed.putIfAbsent(cleanKey, cleanValue);
            }
            index++;
        }
        return scrubbed == null ? details : scrubbed;
    }

    private Object scrubDetailValue(String key, Object value) {
        if (value instanceof String text) {
            return scrubber.scrubValue(key, text);
        }
        if (value instanceof Boolean) {
            return value;
        }
        String digits;
        try {
            digits = value.toString();
        } catch (RuntimeException e) {
            return "[withheld]";
        }
        if (digits == null) {
            return "[withheld]";
        }
        String clean = scrubber.scrubValue(key, digits);
        return clean == digits ? value : clean;
    }

    /** Completes when no run of the named check holds a thread. For tests. */
    CompletableFuture<Void> whenIdle(String name) {
        CheckRunner runner = checks.get(name);
        return runner == null ? CompletableFuture.completedFuture(null) : runner.whenIdle();
    }

    /** Completes when the run of the named check in flight now (if any) has been reported. For tests. */
    CompletableFuture<?> whenReported(String name) {
        CheckRunner runner = checks.get(name);
        return runner == null ? CompletableFuture.completedFuture(null) : runner.whenReported();
    }

    void publish(HealthTransition transition) {
        for (HealthTransitionListener listener : listeners) {
            try {
                listener.onTransition(transition);
            } catch (RuntimeException e) {
                log.warn("Health transition listener {} failed on {}", listener.getClass().getName(), transition.check(), e);
            }
        }
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds a {@link HealthRegistry}. */
    public static final class Builder {
        private ServiceInfo service = ServiceInfo.fromEnvironment();
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private Duration reportTimeout = DEFAULT_REPORT_TIMEOUT;
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;
        private int maxConcurrentChecks = 16;
        private int queueCapacity = 1024;

        private Builder() {
        }

        /** Who the reports describe (default: from {@code SERVICE_NAME}, {@code RELEASE_VERSION}, {@code ENVIRONMENT}). */
        public Builder service(ServiceInfo service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** The clock for timestamps (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The monotonic time base of cache TTLs, staleness, uptime and response times (default
         * {@link Ticker#system()}, that is {@link System#nanoTime()}). Deadlines and background refreshes
         * always follow real time.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The deadline of a whole report (default 2 s); greater than 0 and at most 1 hour
         * ({@link DurationLimits#requireTimeout}).
         */
        public Builder reportTimeout(Duration reportTimeout) {
            this.reportTimeout = DurationLimits.requireTimeout("reportTimeout", reportTimeout);
            return this;
        }

        /**
         * Scrubs error text and details before they are stored or shown (default {@link Scrubber#defaults()}).
         * Error text is scrubbed, then cut to its first line of at most 160 characters; details are scrubbed
         * key-aware (see {@code CheckReport#details()}).
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Records {@code monitor.health.check.duration} and {@code monitor.health.status} per check. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * The number of checks that may run at once (default 16); at least 1. A run that outlived its timeout
         * no longer counts: it keeps only its own thread until it returns, so at most this many plus the number
         * of checks threads exist.
         */
        public Builder maxConcurrentChecks(int maxConcurrentChecks) {
            if (maxConcurrentChecks < 1) {
                throw new IllegalArgumentException("maxConcurrentChecks must be at least 1, was " + maxConcurrentChecks);
            }
            this.maxConcurrentChecks = maxConcurrentChecks;
            return this;
        }

        /** How many check runs may wait for a thread (default 1024); further runs fail at once. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Builds the registry. */
        public HealthRegistry build() {
            return new HealthRegistry(this);
        }
    }
}
