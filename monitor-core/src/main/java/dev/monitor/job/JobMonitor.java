package dev.monitor.job;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.config.internal.BoundedMpscQueue;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.internal.OwnScheduler;
import dev.monitor.config.internal.UnknownName;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.job.internal.CheckInEvent;
import dev.monitor.job.internal.JobStateFile;
import dev.monitor.job.internal.JobTracker;
import dev.monitor.job.internal.StoredJob;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches scheduled jobs: they check in ({@link Job#start()}, {@link Job#success()}, {@link Job#fail(String)},
 * {@link Job#ping()}, or {@link Job#wrap wrapped}), and the monitor tells when one is late, missed, failing or
 * running too long, through alerts, health checks, the status page and meters.
 *
 * <pre>{@code
 * JobMonitor jobs = JobMonitor.builder()
 *         .dispatcher(alerts)
 *         .stateDirectory(Path.of("/var/lib/orders/jobs"))   // optional: state survives restarts
 *         .healthRegistry(health)    // each job as the health check "job-NAME": non-critical, group "jobs"
 *         .meterRegistry(meterRegistry)
 *         .build();
 * Job export = jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *", ZoneId.of("Europe/Berlin"))
 *         .grace(Duration.ofMinutes(30)).build());
 * Job sync = jobs.add(JobDefinition.builder("stock-sync").every(Duration.ofMinutes(5)).build());
 * executor.scheduleAtFixedRate(sync.wrap(this::syncStock), 0, 5, TimeUnit.MINUTES);
 * }</pre>
 *
 * <p><b>States</b> ({@link JobState}): a job is {@code new} until its first check-in; {@code up} while it checks
 * in on schedule; {@code late} from its due time (the schedule's next time after the last check-in, or after it was
 * added) until the grace time has passed; then {@code down}: the run was missed, {@value #MISSED_ALERT} fires, and
 * the next check-in of any kind resolves it. While a run is under way (after {@code start}) it is not late; if it
 * runs longer than the maximum runtime, {@value #OVERRUN_ALERT} fires until it finishes or starts anew.
 * {@link JobDefinition#failureThreshold()} failed runs in a row make it failing and fire {@value #FAILED_ALERT};
 * {@link JobDefinition#recoveryThreshold()} successful runs (or pings) in a row resolve it. Alerts carry the labels
 * {@code job} and {@code schedule} and the last run's facts as annotations, all scrubbed.
 *
 * <p><b>On the caller's thread</b> a check-in only reads the clock and offers a small record to a bounded lock-free
 * queue: no lock, no I/O, no logging, no scrubbing. The monitor's own thread (or the scheduler given to the builder)
 * drains the queue and evaluates every job each {@link Builder#evaluationInterval evaluation interval}: states,
 * alerts, meters and the state file. {@link #snapshot(String)} drains the queue first, so it shows every check-in
 * sent before it. A check-in never throws; {@link #checkIn(String, CheckIn, String)} by name tells whether the job
 * exists and counts the ones that do not ({@value JobMeters#CHECKINS_UNKNOWN}) without logging them (the name may
 * come from a request).
 *
 * <p><b>Restarts</b>: with a {@link Builder#stateDirectory state directory}, every job's last check-ins, state,
 * alerts and recent runs are written to {@value #STATE_FILE} there (replaced atomically) and read back when the job
 * is added again. A run that fell due while the application was down is late from the start and missed after the
 * start plus the grace time. A corrupt file is set aside with one warning; the monitor then starts fresh.
 *
 * <p>Thread-safe; {@link #close()} it on shutdown.
 */
public final class JobMonitor implements AutoCloseable {

    /** Health group the jobs' health checks belong to by default. */
    public static final String HEALTH_GROUP = "jobs";
    /** Prefix of the jobs' health check names. */
    public static final String HEALTH_CHECK_PREFIX = "job-";
    /** Alert of a job that did not check in within its grace time. */
    public static final String MISSED_ALERT = "JobMissed";
    /** Alert of a job whose failure threshold was reached. */
    public static final String FAILED_ALERT = "JobFailed";
    /** Alert of a run that runs longer than the job's maximum runtime. */
    public static final String OVERRUN_ALERT = "JobRunningTooLong";
    /** Name of the state file in the state directory. */
    public static final String STATE_FILE = "jobs-state.json";
    /** Default {@link Builder#evaluationInterval}. */
    public static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofSeconds(1);
    /** Default {@link Builder#historySize}. */
    public static final int DEFAULT_HISTORY_SIZE = 50;
    /** Default {@link Builder#queueCapacity}. */
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;

    private static final Logger log = LoggerFactory.getLogger(JobMonitor.class);
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private final @Nullable AlertDispatcher dispatcher;
    private final Scrubber scrubber;
    private final @Nullable MeterRegistry meters;
    private final @Nullable JobStateFile stateFile;
    private final int historySize;
    private final BoundedMpscQueue<CheckInEvent> queue;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder unknown = new LongAdder();
    private final @Nullable Counter stateErrors;
    private final Object evaluation = new Object();
    /** Held while the state file is written; taken before {@code evaluation}, never inside it. */
    private final Object saving = new Object();
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** The same entries for lookups by name without the lock: a check-in by name never waits for a round. */
    private final Map<String, Entry> byName = new ConcurrentHashMap<>();
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticks;
    private final List<Meter> sharedMeters = new ArrayList<>();
    // guarded by evaluation
    private final Map<String, StoredJob> stored;
    private long droppedWarned;
    private long lastDropWarning = Long.MIN_VALUE;
    private long lastStateWarning = Long.MIN_VALUE;
    private boolean dirty;
    private boolean closed;

    /** A job and its meters. */
    private static final class Entry {
        final JobTracker tracker;
        final Job job;
        final List<Meter> meters = new ArrayList<>();
        volatile @Nullable Timer durations;
        volatile Counter @Nullable [] outcomes;

        Entry(JobTracker tracker, Job job) {
            this.tracker = tracker;
            this.job = job;
        }
    }

    /** A health registry the jobs are registered in; {@code options} null means each job's own. */
    private record Registration(HealthRegistry registry, @Nullable CheckOptions options) {
    }

    private JobMonitor(Builder builder) {
        this.clock = builder.clock;
        this.dispatcher = builder.dispatcher;
        this.scrubber = builder.scrubber;
        this.meters = builder.meterRegistry;
        this.historySize = builder.historySize;
        this.queue = new BoundedMpscQueue<>(builder.queueCapacity);
        this.stateFile = builder.stateDirectory == null ? null : new JobStateFile(builder.stateDirectory.resolve(STATE_FILE));
        this.stored = new LinkedHashMap<>(stateFile == null ? Map.of() : stateFile.load());
        ScheduledExecutorService given = builder.scheduler;
        this.ownScheduler = given == null;
        if (given == null) {
            given = OwnScheduler.create("monitor-jobs", 1);
        }
        this.scheduler = given;
        if (meters != null) {
            sharedMeters.add(FunctionCounter.builder(JobMeters.CHECKINS_DROPPED, dropped, LongAdder::sum)
                    .description(JobMeters.CHECKINS_DROPPED_DESCRIPTION).register(meters));
            sharedMeters.add(FunctionCounter.builder(JobMeters.CHECKINS_UNKNOWN, unknown, LongAdder::sum)
                    .description(JobMeters.CHECKINS_UNKNOWN_DESCRIPTION).register(meters));
            this.stateErrors = Counter.builder(JobMeters.STATE_ERRORS).description(JobMeters.STATE_ERRORS_DESCRIPTION)
                    .register(meters);
        } else {
            this.stateErrors = null;
        }
        if (builder.healthRegistry != null) {
            registrations.add(new Registration(builder.healthRegistry, null));
        }
        long interval = builder.evaluationInterval.toNanos();
        this.ticks = scheduler.scheduleAtFixedRate(this::tick, interval, interval, TimeUnit.NANOSECONDS);
    }

    /** A builder: no dispatcher, no state directory, own thread, system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a job and returns the handle it checks in with. With a state directory, the job's stored state is read
     * back first (when the file holds one under its name).
     *
     * @throws IllegalArgumentException if a job of that name is already added
     * @throws IllegalStateException if the monitor is closed
     */
    public Job add(JobDefinition definition) {
        Objects.requireNonNull(definition, "definition");
        Entry entry;
        synchronized (evaluation) {
            if (closed) {
                throw new IllegalStateException("the job monitor is closed");
            }
            if (entries.containsKey(definition.name())) {
                throw new IllegalArgumentException("a job named '" + definition.name() + "' is already added");
            }
            JobTracker tracker = new JobTracker(definition, dispatcher, scrubber, historySize, clock.instant());
            StoredJob restored = stored.remove(definition.name());
            if (restored != null) {
                tracker.restore(restored);
            }
            entry = new Entry(tracker, new Job(this, tracker));
            entries.put(definition.name(), entry);
            byName.put(definition.name(), entry);
            registerMeters(entry);
            dirty = true;
        }
        for (Registration registration : registrations) {
            registerCheck(registration, entry.tracker.definition());
        }
        return entry.job;
    }

    /** Removes a job, resolving its alerts and its health checks; returns whether it was added. */
    public boolean remove(String name) {
        Objects.requireNonNull(name, "name");
        Entry entry;
        synchronized (evaluation) {
            drain();
            entry = entries.remove(name);
            if (entry == null) {
                return false;
            }
            byName.remove(name);
            entry.tracker.retire();
            dirty = true;
        }
        for (Registration registration : registrations) {
            registration.registry().unregister(HEALTH_CHECK_PREFIX + name);
        }
        if (meters != null) {
            entry.meters.forEach(meters::remove);
        }
        return true;
    }

    /** The job named {@code name}, or {@code null} if none is added. */
    public @Nullable Job job(String name) {
        Objects.requireNonNull(name, "name");
        Entry entry = byName.get(name);
        return entry == null ? null : entry.job;
    }

    /** The jobs, in the order added. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        for (Entry entry : entries()) {
            jobs.add(entry.job);
        }
        return jobs;
    }

    /**
     * A check-in for the job named {@code name}, for callers that only have the name (an HTTP check-in endpoint).
     * Never throws for any name or message.
     *
     * @param message the failure message of a {@link CheckIn#FAIL} (scrubbed, then cut), ignored otherwise; may be null
     * @return whether a job of that name exists; a check-in for an unknown (or invalid) name is counted as
     *     {@value JobMeters#CHECKINS_UNKNOWN} and otherwise ignored, not logged
     */
    public boolean checkIn(String name, CheckIn kind, @Nullable String message) {
        Job job = name == null || kind == null ? null : job(name);
        if (job == null) {
            unknown.increment();
            return false;
        }
        record(job.tracker(), kind, null, kind == CheckIn.FAIL ? message : null, null);
        return true;
    }

    /**
     * Where job {@code name} stands now, every check-in sent before this call included.
     *
     * @throws IllegalArgumentException if no job has that name
     */
    public JobSnapshot snapshot(String name) {
        return snapshot(entry(name).tracker);
    }

    /** Every job's snapshot, in the order added. */
    public List<JobSnapshot> snapshots() {
        synchronized (evaluation) {
            Instant now = evaluate();
            List<JobSnapshot> snapshots = new ArrayList<>(entries.size());
            for (Entry entry : entries.values()) {
                snapshots.add(entry.tracker.snapshot(now));
            }
            return snapshots;
        }
    }

    /**
     * Job {@code name} as a health check: fails while the job is down or failing, warns while late or running
     * too long, else passes; it reads the monitor's state and never runs the job.
     */
    public HealthCheck healthCheck(String name) {
        entry(name);
        return () -> {
            Entry entry = byName.get(name);
            if (entry == null) {
                return HealthResult.fail("job removed");
            }
            return entry.tracker.healthResult(snapshot(entry.tracker));
        };
    }

    /**
     * Registers every job, now and later, in {@code registry} as the health check {@code "job-NAME"}, critical as
     * its {@link JobDefinition#critical()} says (by default not, so {@code /health/ready} ignores it) and in the
     * {@value #HEALTH_GROUP} group.
     */
    public void register(HealthRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        register(new Registration(registry, null));
    }

    /** Registers every job, now and later, in {@code registry} with {@code options}. */
    public void register(HealthRegistry registry, CheckOptions options) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(options, "options");
        register(new Registration(registry, options));
    }

    /** The clock of check-ins and due times; a job that runs itself on the schedule (a backup verification) reads it. */
    public Clock clock() {
        return clock;
    }

    /** Whether {@link #close()} was called: jobs that run themselves on their schedule stop then. */
    public boolean isClosed() {
        synchronized (evaluation) {
            return closed;
        }
    }

    /**
     * Stops evaluating, writes the state file a last time and stops the monitor's own thread (a scheduler given
     * to the builder keeps running). Check-ins after this are ignored. Idempotent.
     */
    @Override
    public void close() {
        ticks.cancel(false);
        synchronized (evaluation) {
            if (closed) {
                return;
            }
            drain();
            closed = true;
        }
        save();
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
        if (meters != null) {
            sharedMeters.forEach(meters::remove);
        }
    }

    /**
     * Records a check-in: the caller's thread reads the clock and offers one record to the queue, nothing else.
     *
     * @return the time of the check-in, or {@code null} when it could not be read
     */
    @Nullable Instant record(JobTracker tracker, CheckIn kind, @Nullable Instant runStartedAt, @Nullable String message,
            @Nullable Throwable error) {
        try {
            Instant now = clock.instant();
            if (!tracker.retired() && !queue.offer(new CheckInEvent(tracker, kind, now, runStartedAt, message, error))) {
                dropped.increment();
            }
            return now;
        } catch (RuntimeException e) {
            dropped.increment();
            return null;
        }
    }

    JobSnapshot snapshot(JobTracker tracker) {
        synchronized (evaluation) {
            return tracker.snapshot(evaluate());
        }
    }

    /** One round on the monitor's thread: drain, evaluate, write the state file. */
    private void tick() {
        try {
            synchronized (evaluation) {
                if (closed) {
                    return;
                }
                evaluate();
                warnAboutDrops();
            }
            save();
        } catch (RuntimeException | LinkageError e) {
            log.warn("Job monitor round failed: {}", e.getClass().getName());
        }
    }

    /** Drains the queue and moves every job to the clock's time; returns that time. Under {@code evaluation}. */
    private Instant evaluate() {
        drain();
        Instant now = clock.instant();
        for (Entry entry : entries.values()) {
            dirty |= entry.tracker.evaluate(now);
        }
        return now;
    }

    /** Applies every queued check-in. Under {@code evaluation}: the queue's single consumer. */
    private void drain() {
        CheckInEvent event;
        while ((event = queue.poll()) != null) {
            JobRun run = event.tracker().apply(event);
            dirty = true;
            if (run != null) {
                countRun(event.tracker(), run);
            }
        }
    }

    private void countRun(JobTracker tracker, JobRun run) {
        Entry entry = entries.get(tracker.definition().name());
        if (entry == null || entry.tracker != tracker) {
            return;
        }
        Counter[] outcomes = entry.outcomes;
        if (outcomes != null) {
            outcomes[run.outcome().ordinal()].increment();
        }
        Timer durations = entry.durations;
        if (durations != null && run.duration() != null) {
            durations.record(run.duration());
        }
    }

    private void warnAboutDrops() {
        long total = dropped.sum();
        long now = System.nanoTime();
        if (total > droppedWarned && (lastDropWarning == Long.MIN_VALUE || now - lastDropWarning > WARNING_INTERVAL_NANOS)) {
            log.warn("Job monitor dropped {} check-ins: its queue of {} was full (or the clock failed)", total - droppedWarned,
                    queue.capacity());
            droppedWarned = total;
            lastDropWarning = now;
        }
    }

    /**
     * Writes the state file if anything changed; on the monitor's thread or in {@link #close()}, one at a time
     * (a round may still be writing when {@code close()} does), never under the evaluation lock.
     */
    private void save() {
        synchronized (saving) {
            saveNow();
        }
    }

    private void saveNow() {
        JobStateFile file = stateFile;
        if (file == null) {
            return;
        }
        Map<String, StoredJob> state;
        synchronized (evaluation) {
            if (!dirty) {
                return;
            }
            dirty = false;
            state = new LinkedHashMap<>(stored);
            for (Entry entry : entries.values()) {
                state.put(entry.tracker.definition().name(), entry.tracker.store());
            }
        }
        try {
            file.save(state);
        } catch (Exception e) {
            synchronized (evaluation) {
                dirty = true;
                if (stateErrors != null) {
                    stateErrors.increment();
                }
                long now = System.nanoTime();
                if (lastStateWarning == Long.MIN_VALUE || now - lastStateWarning > WARNING_INTERVAL_NANOS) {
                    lastStateWarning = now;
                    String reason = HealthResult.fail(e).error();
                    log.warn("Job state file could not be written; state stays in memory: {}",
                            scrubber.scrub(reason == null ? "" : reason, JobRun.MAX_MESSAGE_LENGTH));
                }
            }
        }
    }

    private void register(Registration registration) {
        registrations.add(registration);
        for (Entry entry : entries()) {
            registerCheck(registration, entry.tracker.definition());
        }
    }

    private void registerCheck(Registration registration, JobDefinition definition) {
        String checkName = HEALTH_CHECK_PREFIX + definition.name();
        if (registration.registry().contains(checkName)) {
            return;
        }
        CheckOptions options = registration.options() != null ? registration.options()
                : CheckOptions.builder().critical(definition.critical()).groups(HEALTH_GROUP).cacheTtl(Duration.ZERO).build();
        try {
            registration.registry().register(checkName, healthCheck(definition.name()), options);
        } catch (IllegalArgumentException e) {
            log.warn("Job {} not registered as a health check: {}", definition.name(), e.getMessage());
        }
    }

    private void registerMeters(Entry entry) {
        MeterRegistry registry = meters;
        if (registry == null) {
            return;
        }
        String name = entry.tracker.definition().name();
        entry.meters.add(Gauge.builder(JobMeters.STATE, entry.tracker, JobTracker::level)
                .description(JobMeters.STATE_DESCRIPTION).tag(JobMeters.TAG_JOB, name).register(registry));
        entry.meters.add(TimeGauge.builder(JobMeters.LAST_SUCCESS, entry.tracker, TimeUnit.SECONDS,
                JobTracker::lastSuccessSeconds).description(JobMeters.LAST_SUCCESS_DESCRIPTION)
                .tag(JobMeters.TAG_JOB, name).register(registry));
        Timer timer = Timer.builder(JobMeters.DURATION).description(JobMeters.DURATION_DESCRIPTION)
                .tag(JobMeters.TAG_JOB, name).register(registry);
        entry.meters.add(timer);
        entry.durations = timer;
        Counter[] outcomes = new Counter[JobOutcome.values().length];
        for (JobOutcome outcome : JobOutcome.values()) {
            outcomes[outcome.ordinal()] = Counter.builder(JobMeters.RUNS).description(JobMeters.RUNS_DESCRIPTION)
                    .tags(JobMeters.TAG_JOB, name, JobMeters.TAG_OUTCOME, outcome.label()).register(registry);
            entry.meters.add(outcomes[outcome.ordinal()]);
        }
        entry.outcomes = outcomes;
    }

    private Entry entry(String name) {
        Objects.requireNonNull(name, "name");
        synchronized (evaluation) {
            Entry entry = entries.get(name);
            if (entry == null) {
                throw UnknownName.of("job", "jobs", name, entries.keySet());
            }
            return entry;
        }
    }

    private List<Entry> entries() {
        synchronized (evaluation) {
            return new ArrayList<>(entries.values());
        }
    }

    /** Builds a {@link JobMonitor}; every setter validates its argument. */
    public static final class Builder {
        private @Nullable AlertDispatcher dispatcher;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable Path stateDirectory;
        private @Nullable HealthRegistry healthRegistry;
        private Duration evaluationInterval = DEFAULT_EVALUATION_INTERVAL;
        private int historySize = DEFAULT_HISTORY_SIZE;
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;

        private Builder() {
        }

        /** Where missed, failed and overrun alerts are fired (default: none). */
        public Builder dispatcher(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /** The clock of check-ins, due times and the schedules' time arithmetic (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The scheduler evaluation runs on (default: one daemon thread of the monitor's own). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The PII scrubber for failure messages and annotations (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Where the {@code monitor.job.*} meters go (default: none). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * Registers every job in {@code healthRegistry} as it is added, as {@link JobMonitor#register(HealthRegistry)}
         * does for a registry at hand only later (default: none).
         */
        public Builder healthRegistry(HealthRegistry healthRegistry) {
            this.healthRegistry = Objects.requireNonNull(healthRegistry, "healthRegistry");
            return this;
        }

        /** Keeps job state in {@value JobMonitor#STATE_FILE} in this directory across restarts (default: memory only). */
        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
            return this;
        }

        /** How often jobs are evaluated and the state file written (default 1 second); greater than 0, at most 1 hour. */
        public Builder evaluationInterval(Duration evaluationInterval) {
            this.evaluationInterval = DurationLimits.requireTimeout("evaluationInterval", evaluationInterval);
            return this;
        }

        /** Finished runs kept per job (default {@value JobMonitor#DEFAULT_HISTORY_SIZE}); 1 to 1000. */
        public Builder historySize(int historySize) {
            if (historySize < 1 || historySize > 1000) {
                throw new IllegalArgumentException("historySize must be between 1 and 1000, was " + historySize);
            }
            this.historySize = historySize;
            return this;
        }

        /**
         * Check-ins that may wait for the monitor's thread (default {@value JobMonitor#DEFAULT_QUEUE_CAPACITY}, rounded
         * up to a power of two); 16 to 2^20. Check-ins beyond it are dropped and counted.
         */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 16 || queueCapacity > (1 << 20)) {
                throw new IllegalArgumentException("queueCapacity must be between 16 and 1048576, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Builds the monitor and starts its evaluation; reads the state file, if any. */
        public JobMonitor build() {
            return new JobMonitor(this);
        }
    }
}
