package dev.monitor.uptime;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.config.internal.OwnScheduler;
import dev.monitor.config.internal.UnknownName;
import dev.monitor.fleet.FleetRunner;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.internal.TargetRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks {@link UptimeTarget}s on a schedule, keeps their history, alerts through an
 * {@link AlertDispatcher} and exposes each target as a health check.
 *
 * <pre>{@code
 * UptimeMonitor uptime = UptimeMonitor.builder()
 *         .dispatcher(alerts)
 *         .store(JdbcUptimeStore.builder(dataSource).build())   // optional: history survives restarts
 *         .meterRegistry(meterRegistry)
 *         .build();
 * uptime.add(UptimeTarget.builder("shop", URI.create("https://shop.example.com/")).expectKeyword("Add to cart").build());
 * uptime.add(UptimeTarget.builder("payments-api", URI.create("https://payments.internal/health")).expectStatus(200).build());
 * uptime.register(health);   // each target as the health check "uptime-NAME", non-critical, group "uptime"
 * UptimeSummary shop = uptime.summary("shop");   // state, uptime and p50/p95/p99 over 24 h, 7 d, 30 d
 * }</pre>
 *
 * <p>Checks run on the monitor's scheduler (by default {@value #DEFAULT_THREADS} daemon threads of its own,
 * or a {@link ScheduledExecutorService} and {@link Clock} given to the builder), never on the application's
 * threads; each target is checked at most once at a time. After {@link UptimeTarget#failureThreshold()}
 * failed checks in a row the target is down and an {@code UptimeTargetDown} alert (label {@code target})
 * fires; after {@link UptimeTarget#recoveryThreshold()} good checks in a row it resolves. A certificate with
 * fewer than the warn days left fires {@code UptimeCertificateExpiring} (medium) until renewed.
 *
 * <p><b>History</b>: per target one slot per clock hour for 90 days (checks, up checks; a response-time
 * histogram for the last 30) and the last 100 results, at most about 220 KB per target whatever the interval.
 * Uptime is the share of checks that were up (passing or degraded). With a {@link Builder#store store}, every
 * result is also kept there, the last 90 days are read back when a target is added, and older results are deleted
 * daily. Error texts pass the PII scrubber; URLs and headers are never shown, logged or put into alerts.
 *
 * <p>Meters (with a registry): {@code monitor.uptime.status{target}} (1 up, 0.5 degraded, 0 down),
 * {@code monitor.uptime.response.time{target}}, {@code monitor.uptime.checks{target,outcome}} and
 * {@code monitor.uptime.store.errors}. Thread-safe; {@link #close()} it on shutdown.
 *
 * <p><b>Fleets</b>: with a {@link Builder#runner runner} from a shared {@link dev.monitor.fleet.MonitorStore}, every
 * replica keeps its schedule but a target's scheduled check runs on one replica per interval: a target checked
 * every second is checked about once a second by the fleet, not once per replica. If the replica checking it dies,
 * another takes over within the store's lease. {@link #checkNow} always checks here. History, state and alerts are
 * still kept per replica, from the checks this replica made.
 */
public final class UptimeMonitor implements AutoCloseable {

    /** Threads of the monitor's own scheduler. */
    public static final int DEFAULT_THREADS = 4;
    /** How far back the store is read and kept: the 90 days of a status page's uptime bars. */
    public static final Duration RETENTION = Duration.ofDays(90);
    /** Days of daily uptime {@link #days} can return with data. */
    public static final int HISTORY_DAYS = 90;
    /** Health group the targets' health checks belong to by default. */
    public static final String HEALTH_GROUP = "uptime";
    /** Prefix of the targets' health check names. */
    public static final String HEALTH_CHECK_PREFIX = "uptime-";

    private static final Logger log = LoggerFactory.getLogger(UptimeMonitor.class);

    private final Clock clock;
    private final Ticker ticker;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final @Nullable AlertDispatcher dispatcher;
    private final @Nullable UptimeStore store;
    private final @Nullable FleetRunner runner;
    private final Scrubber scrubber;
    private final @Nullable MeterRegistry meters;
    private final @Nullable Counter storeErrors;
    private final AtomicLong lastStoreWarning = new AtomicLong(Long.MIN_VALUE);
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final @Nullable ScheduledFuture<?> purge;
    private boolean closed;

    /** A scheduled target. */
    private static final class Entry {
        final TargetRunner runner;
        final List<Meter> meters = new ArrayList<>();
        volatile @Nullable ScheduledFuture<?> task;
        volatile @Nullable Timer responseTimes;
        volatile Counter @Nullable [] outcomes;
        volatile double status = Double.NaN;

        Entry(TargetRunner runner) {
            this.runner = runner;
        }
    }

    /** A health registry the targets are registered in. */
    private record Registration(HealthRegistry registry, CheckOptions options) {
    }

    private UptimeMonitor(Builder builder) {
        this.clock = builder.clock;
        this.ticker = builder.ticker;
        this.dispatcher = builder.dispatcher;
        this.store = builder.store;
        this.runner = builder.runner;
        this.scrubber = builder.scrubber;
        this.meters = builder.meterRegistry;
        ScheduledExecutorService given = builder.scheduler;
        this.ownScheduler = given == null;
        if (given == null) {
            given = OwnScheduler.create("monitor-uptime", builder.threads);
        }
        this.scheduler = given;
        this.storeErrors = meters == null ? null : Counter.builder(UptimeMeters.STORE_ERRORS)
                .description(UptimeMeters.STORE_ERRORS_DESCRIPTION).register(meters);
        this.purge = store == null ? null
                : scheduler.scheduleAtFixedRate(guarded(this::purge), 1, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    /** A builder: no dispatcher, no store, own scheduler, system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds and schedules a target: with a store its last 90 days are read first; the first check runs at once.
     *
     * @throws IllegalArgumentException if a target of that name is already added
     * @throws IllegalStateException if the monitor is closed
     */
    public UptimeMonitor add(UptimeTarget target) {
        Objects.requireNonNull(target, "target");
        Entry entry = new Entry(new TargetRunner(target, scrubber, ticker, dispatcher, clock.instant()));
        synchronized (entries) {
            if (closed) {
                throw new IllegalStateException("the uptime monitor is closed");
            }
            if (entries.containsKey(target.name())) {
                throw new IllegalArgumentException("an uptime target named '" + target.name() + "' is already added");
            }
            entries.put(target.name(), entry);
            registerMeters(target.name(), entry);
            if (store != null) {
                // read the stored history first, then start checking: results stay in time order
                scheduler.execute(guarded(() -> {
                    restore(entry);
                    schedule(entry);
                }));
            } else {
                schedule(entry);
            }
        }
        for (Registration registration : registrations) {
            registerCheck(registration, target.name());
        }
        return this;
    }

    /** Removes a target, resolving its alerts and its health checks; returns whether it was added. */
    public boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(name);
        }
        if (entry == null) {
            return false;
        }
        ScheduledFuture<?> task = entry.task;
        if (task != null) {
            task.cancel(false);
        }
        entry.runner.retire();
        for (Registration registration : registrations) {
            registration.registry().unregister(HEALTH_CHECK_PREFIX + name);
        }
        if (meters != null) {
            entry.meters.forEach(meters::remove);
        }
        return true;
    }

    /** The targets, in the order added. */
    public List<UptimeTarget> targets() {
        List<UptimeTarget> targets = new ArrayList<>();
        for (Entry entry : snapshot()) {
            targets.add(entry.runner.target());
        }
        return targets;
    }

    /**
     * Where target {@code name} stands and how it did.
     *
     * @throws IllegalArgumentException if no target has that name
     */
    public UptimeSummary summary(String name) {
        return entry(name).runner.summary(clock.instant(), clock.getZone());
    }

    /** Every target's summary, in the order added. */
    public List<UptimeSummary> summaries() {
        Instant now = clock.instant();
        List<UptimeSummary> summaries = new ArrayList<>();
        for (Entry entry : snapshot()) {
            summaries.add(entry.runner.summary(now, clock.getZone()));
        }
        return summaries;
    }

    /**
     * Daily uptime of target {@code name} over the last {@code count} days (1 to {@value #HISTORY_DAYS}) ending today in
     * the clock's time zone, oldest first, leaving out the checks of every clock hour for whose start
     * {@code excludedHour} holds (e.g. a maintenance window a status page leaves out of its uptime percentage).
     *
     * @throws IllegalArgumentException if no target has that name, or {@code count} is out of range
     */
    public List<UptimeDay> days(String name, int count, java.util.function.Predicate<Instant> excludedHour) {
        Objects.requireNonNull(excludedHour, "excludedHour");
        if (count < 1 || count > HISTORY_DAYS) {
            throw new IllegalArgumentException("count must be between 1 and " + HISTORY_DAYS + ", was " + count);
        }
        return entry(name).runner.days(count, clock.instant(), clock.getZone(), excludedHour);
    }

    /** The last (up to 100) results of target {@code name}, oldest first. */
    public List<UptimeCheckResult> recentResults(String name) {
        return entry(name).runner.recent();
    }

    /**
     * Checks target {@code name} now on the monitor's scheduler, besides its schedule. The future completes
     * with the result, or with {@code null} when a check of the target was already running.
     */
    public CompletableFuture<@Nullable UptimeCheckResult> checkNow(String name) {
        Entry entry = entry(name);
        CompletableFuture<@Nullable UptimeCheckResult> result = new CompletableFuture<>();
        try {
            scheduler.execute(() -> {
                try {
                    result.complete(run(entry));
                } catch (RuntimeException | LinkageError e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("the uptime monitor is closed", e));
        }
        return result;
    }

    /**
     * Target {@code name} as a health check: fails while the target is down (after its failure threshold),
     * warns while degraded, else passes; it reads the monitor's state and never probes.
     */
    public HealthCheck healthCheck(String name) {
        Objects.requireNonNull(name, "name");
        entry(name);
        return () -> {
            Entry entry;
            synchronized (entries) {
                entry = entries.get(name);
            }
            if (entry == null) {
                return dev.monitor.health.HealthResult.fail("uptime target removed");
            }
            return entry.runner.healthResult(clock.instant());
        };
    }

    /**
     * Registers every target, now and later, in {@code registry} as the health check
     * {@code "uptime-NAME"}: not critical (an outside URL going down does not take this instance out of
     * rotation) and only in the {@value #HEALTH_GROUP} group, so {@code /health} shows it and
     * {@code /health/ready} does not.
     */
    public void register(HealthRegistry registry) {
        register(registry, CheckOptions.builder().critical(false).groups(HEALTH_GROUP).cacheTtl(Duration.ZERO).build());
    }

    /** Registers every target, now and later, in {@code registry} with {@code options}. */
    public void register(HealthRegistry registry, CheckOptions options) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(options, "options");
        Registration registration = new Registration(registry, options);
        registrations.add(registration);
        for (Entry entry : snapshot()) {
            registerCheck(registration, entry.runner.target().name());
        }
    }

    /** Stops checking; stops the monitor's own threads (a scheduler given to the builder keeps running). Idempotent. */
    @Override
    public void close() {
        List<Entry> stopped;
        synchronized (entries) {
            closed = true;
            stopped = new ArrayList<>(entries.values());
        }
        for (Entry entry : stopped) {
            ScheduledFuture<?> task = entry.task;
            if (task != null) {
                task.cancel(false);
            }
        }
        if (purge != null) {
            purge.cancel(false);
        }
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }

    private void schedule(Entry entry) {
        synchronized (entries) {
            UptimeTarget target = entry.runner.target();
            if (closed || entries.get(target.name()) != entry) {
                return; // removed or closed while its history was read
            }
            entry.task = scheduler.scheduleAtFixedRate(guarded(() -> runScheduled(entry)), 0, target.interval().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** The name of a target's scheduled check in a fleet runner. */
    static String fleetTaskName(String target) {
        return "uptime." + target;
    }

    /**
     * A scheduled check: here, or, with a fleet runner, on the one replica that takes the target's lease for this
     * interval. The lease is held for 9/10 of the interval (replicas' ticks drift; the next tick of the replica
     * that checked must find it free) and lasts at most the store's lease, or as long as a check can take.
     */
    private void runScheduled(Entry entry) {
        FleetRunner fleet = runner;
        if (fleet == null) {
            run(entry);
            return;
        }
        UptimeTarget target = entry.runner.target();
        Duration atLeast = target.interval().multipliedBy(9).dividedBy(10);
        Duration atMost = fleet.lease();
        Duration longestCheck = target.timeout().plusSeconds(1);
        if (atMost.compareTo(longestCheck) < 0) {
            atMost = longestCheck;
        }
        if (atMost.compareTo(atLeast) < 0) {
            atMost = atLeast;
        }
        fleet.runOnce(fleetTaskName(target.name()), atLeast, atMost, () -> run(entry));
    }

    private @Nullable UptimeCheckResult run(Entry entry) {
        UptimeCheckResult result = entry.runner.check(clock::instant);
        if (result == null) {
            return null;
        }
        entry.status = switch (result.status()) {
            case PASS -> 1.0;
            case WARN -> 0.5;
            case FAIL -> 0.0;
        };
        Timer timer = entry.responseTimes;
        if (timer != null && result.responseTime() != null) {
            timer.record(result.responseTime());
        }
        Counter[] outcomes = entry.outcomes;
        if (outcomes != null) {
            outcomes[result.status().ordinal()].increment();
        }
        if (store != null) {
            try {
                store.append(result);
            } catch (Exception e) {
                storeFailed("append", e);
            }
        }
        return result;
    }

    private void restore(Entry entry) {
        UptimeStore current = store;
        if (current == null) {
            return;
        }
        try {
            current.load(entry.runner.target().name(), clock.instant().minus(RETENTION), entry.runner::restore);
        } catch (Exception e) {
            storeFailed("load", e);
        }
    }

    private void purge() {
        UptimeStore current = store;
        if (current == null) {
            return;
        }
        try {
            current.deleteBefore(clock.instant().minus(RETENTION));
        } catch (Exception e) {
            storeFailed("deleteBefore", e);
        }
    }

    private void storeFailed(String operation, Exception e) {
        if (storeErrors != null) {
            storeErrors.increment();
        }
        long now = System.nanoTime();
        long last = lastStoreWarning.get();
        // one warning a minute at most: a broken database must not flood the log
        if ((last == Long.MIN_VALUE || now - last > TimeUnit.MINUTES.toNanos(1)) && lastStoreWarning.compareAndSet(last, now)) {
            String reason = dev.monitor.health.HealthResult.fail(e).error();
            log.warn("Uptime store {} failed; history stays in memory: {}", operation,
                    scrubber.scrub(reason == null ? "" : reason, UptimeCheckResult.MAX_ERROR_LENGTH));
        }
    }

    private void registerCheck(Registration registration, String name) {
        String checkName = HEALTH_CHECK_PREFIX + name;
        if (!registration.registry().contains(checkName)) {
            try {
                registration.registry().register(checkName, healthCheck(name), registration.options());
            } catch (IllegalArgumentException e) {
                log.warn("Uptime target {} not registered as a health check: {}", name, e.getMessage());
            }
        }
    }

    private void registerMeters(String name, Entry entry) {
        if (meters == null) {
            return;
        }
        entry.meters.add(Gauge.builder(UptimeMeters.STATUS, entry, e -> e.status)
                .description(UptimeMeters.STATUS_DESCRIPTION)
                .tag(UptimeMeters.TAG_TARGET, name).register(meters));
        Timer timer = Timer.builder(UptimeMeters.RESPONSE_TIME).description(UptimeMeters.RESPONSE_TIME_DESCRIPTION)
                .tag(UptimeMeters.TAG_TARGET, name).register(meters);
        entry.responseTimes = timer;
        entry.meters.add(timer);
        Counter[] outcomes = new Counter[dev.monitor.health.CheckStatus.values().length];
        for (dev.monitor.health.CheckStatus status : dev.monitor.health.CheckStatus.values()) {
            outcomes[status.ordinal()] = Counter.builder(UptimeMeters.CHECKS).description(UptimeMeters.CHECKS_DESCRIPTION)
                    .tags(UptimeMeters.TAG_TARGET, name, UptimeMeters.TAG_OUTCOME, status.jsonValue()).register(meters);
            entry.meters.add(outcomes[status.ordinal()]);
        }
        entry.outcomes = outcomes;
    }

    private Entry entry(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (entries) {
            Entry entry = entries.get(name);
            if (entry == null) {
                throw UnknownName.of("uptime target", "targets", name, entries.keySet());
            }
            return entry;
        }
    }

    private List<Entry> snapshot() {
        synchronized (entries) {
            return new ArrayList<>(entries.values());
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError e) {
                log.warn("Uptime task failed: {}", e.getClass().getName());
            }
        };
    }

    /** Builds an {@link UptimeMonitor}; every setter validates its argument. */
    public static final class Builder {
        private @Nullable AlertDispatcher dispatcher;
        private @Nullable UptimeStore store;
        private @Nullable FleetRunner runner;
        private Clock clock = Clock.systemUTC();
        private Ticker ticker = Ticker.system();
        private @Nullable ScheduledExecutorService scheduler;
        private int threads = DEFAULT_THREADS;
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;

        private Builder() {
        }

        /** Where down and certificate alerts are fired (default: none). */
        public Builder dispatcher(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** Keeps results across restarts (default: memory only). */
        public Builder store(UptimeStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Runs each target's scheduled checks once per fleet through {@code runner}, e.g. {@code store.runner()} of a
         * {@link dev.monitor.fleet.JdbcMonitorStore} (default: every check runs here).
         */
        public Builder runner(FleetRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
            return this;
        }

        /** The clock results are stamped with, and whose zone the daily bars use (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * What TCP, DNS and scenario checks measure their response times and budgets with (default
         * {@link Ticker#system()}); tests advance one by hand. Timeouts always follow real time.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** The scheduler checks run on (default: {@value UptimeMonitor#DEFAULT_THREADS} daemon threads of the monitor's own). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Threads of the monitor's own scheduler (default {@value UptimeMonitor#DEFAULT_THREADS}); 1 to 64. */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 64) {
                throw new IllegalArgumentException("threads must be between 1 and 64, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** The PII scrubber for error texts, scrubbed before they are cut (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Where the {@code monitor.uptime.*} meters go (default: none). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Builds the monitor; targets start when added. */
        public UptimeMonitor build() {
            return new UptimeMonitor(this);
        }
    }
}
