package dev.monitor.rule;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.config.internal.OwnScheduler;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.internal.GroupedTracker;
import dev.monitor.rule.internal.HealthAlertTracker;
import dev.monitor.rule.internal.RuleRuntime;
import dev.monitor.rule.internal.RuleTexts;
import dev.monitor.rule.internal.ThresholdTracker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@link AlertRule}s and {@link HealthAlertRule}s on a schedule and fires and resolves their
 * alerts through an {@link AlertDispatcher}.
 *
 * <pre>{@code
 * RuleEngine rules = RuleEngine.builder()
 *         .dispatcher(alerts)
 *         .meterRegistry(meterRegistry)        // where the rules read counters, timers and gauges
 *         .build();
 * rules.add(StandardRules.highErrorRate());
 * rules.add(StandardRules.highLatencyP95());
 * rules.add(StandardRules.healthCheckDown(health));
 * rules.add(AlertRule.builder("OrdersQueueBacklog")
 *         .signal(RuleSignal.supplier("orders queue depth", queue::size))
 *         .above(1_000).clearBelow(800).pendingFor(Duration.ofMinutes(5)).build());
 * }</pre>
 *
 * <p>Each rule is evaluated every {@linkplain AlertRule#interval() interval} (default
 * {@value #DEFAULT_INTERVAL_SECONDS} s) on the engine's scheduler: by default one daemon thread of its
 * own, or any {@link ScheduledExecutorService} given to the builder together with a {@link Clock} (which
 * is how tests drive time). The first evaluation runs when the rule is added. Evaluations never run on
 * the application's threads, and a failing signal or listener never stops the schedule. Every text the
 * engine produces (summaries with label values, error texts, label maps of transitions and statuses) passes the PII
 * scrubber, label values knowing their key.
 *
 * <p>Meters (with a registry): {@code monitor.rules.evaluations{outcome=value|no_data|error|warming_up}}
 * and {@code monitor.rules.firing}. Thread-safe; {@link #close()} it on shutdown: alerts that fire stay
 * active in the dispatcher, and after a restart a rule whose first evaluation finds the condition clear
 * resolves the alert it left behind.
 */
public final class RuleEngine implements AutoCloseable {

    /** Default evaluation interval, in seconds. */
    public static final long DEFAULT_INTERVAL_SECONDS = 30;

    private final RuleRuntime runtime;
    private final Duration interval;
    private final boolean ownScheduler;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private boolean closed;

    /** A scheduled rule of either kind. */
    private record Entry(@Nullable ThresholdTracker threshold, @Nullable GroupedTracker grouped,
            @Nullable HealthAlertTracker health, ScheduledFuture<?> task) {
    }

    private RuleEngine(Builder builder) {
        ScheduledExecutorService scheduler = builder.scheduler;
        this.ownScheduler = scheduler == null;
        if (scheduler == null) {
            scheduler = OwnScheduler.create("monitor-rules", 1);
        }
        this.runtime = new RuleRuntime(builder.clock, scheduler, builder.meterRegistry, builder.dispatcher, builder.scrubber,
                builder.listeners);
        this.interval = builder.interval;
    }

    /** A builder: no dispatcher (transitions only), no registry (supplier signals only), 30 s interval. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds and schedules a threshold rule; its first evaluation runs now.
     *
     * @throws IllegalArgumentException if a rule with the same name and labels is already added, the rule
     *     reads meters but the engine has no registry, or a window of its signal is shorter than its interval
     * @throws IllegalStateException if the engine is closed
     */
    public RuleEngine add(AlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        Duration every = rule.interval() != null ? rule.interval() : interval;
        if (rule.signal().readsMeters() && runtime.registry() == null) {
            throw new IllegalArgumentException("rule '" + rule.name() + "' reads meters (" + rule.signal().description()
                    + "); give the engine the application's registry with RuleEngine.builder().meterRegistry(...)");
        }
        Duration window = rule.signal().window();
        if (window != null && window.compareTo(every) < 0) {
            throw new IllegalArgumentException("rule '" + rule.name() + "': the window of " + rule.signal().description()
                    + " (" + RuleTexts.duration(window) + ") must be at least its evaluation interval ("
                    + RuleTexts.duration(every) + "); lengthen the window or shorten the interval");
        }
        if (window != null && window.toNanos() / every.toNanos() > 5_000) {
            throw new IllegalArgumentException("rule '" + rule.name() + "': the window (" + RuleTexts.duration(window)
                    + ") spans more than 5000 evaluation intervals (" + RuleTexts.duration(every)
                    + "); lengthen the interval");
        }
        if (!rule.groupBy().isEmpty()) {
            MeterRegistry registry = Objects.requireNonNull(runtime.registry()); // checked above: the signal reads meters
            GroupedTracker grouped = new GroupedTracker(rule, () -> rule.signal().series(registry, rule.groupBy()),
                    rule.signal()::newReader, rule.summaryTemplate(), rule.descriptionTemplate(), runtime);
            schedule(key(rule.name(), rule.labels()), every, null, grouped, null, grouped::evaluate);
            return this;
        }
        ThresholdTracker tracker = new ThresholdTracker(rule, rule.signal().newReader(), rule.summaryTemplate(),
                rule.descriptionTemplate(), runtime);
        schedule(key(rule.name(), rule.labels()), every, tracker, null, null, tracker::evaluate);
        return this;
    }

    /**
     * Adds a health-driven rule and starts listening to its registry; the startup grace counts from now.
     *
     * @throws IllegalArgumentException if a health rule of the same name on the same registry is already added
     * @throws IllegalStateException if the engine is closed
     */
    public RuleEngine add(HealthAlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        Duration every = rule.interval() != null ? rule.interval() : interval;
        HealthAlertTracker tracker = new HealthAlertTracker(rule, rule.summaryTemplate(), runtime);
        synchronized (entries) {
            checkAddable(healthKey(rule), rule.name());
            tracker.start();
            try {
                schedule(healthKey(rule), every, null, null, tracker, tracker::tick);
            } catch (RuntimeException e) {
                tracker.stop();
                throw e;
            }
        }
        return this;
    }

    /** Removes a threshold rule (by name and labels), resolving its alert if it fires; returns whether it was added. */
    public boolean remove(AlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        Entry entry = take(key(rule.name(), rule.labels()));
        if (entry == null || (entry.threshold() == null && entry.grouped() == null)) {
            return false;
        }
        if (entry.threshold() != null) {
            entry.threshold().retire();
        } else {
            Objects.requireNonNull(entry.grouped()).retire();
        }
        return true;
    }

    /** Removes a health-driven rule, resolving the alerts it fires; returns whether it was added. */
    public boolean remove(HealthAlertRule rule) {
        Objects.requireNonNull(rule, "rule");
        Entry entry = take(healthKey(rule));
        if (entry == null || entry.health() == null) {
            return false;
        }
        entry.health().retire();
        return true;
    }

    /**
     * Where every rule stands: one entry per threshold rule (one per series of a grouped rule) and one per check a
     * health rule has seen.
     */
    public List<RuleStatus> statuses() {
        List<Entry> current;
        synchronized (entries) {
            current = new ArrayList<>(entries.values());
        }
        List<RuleStatus> statuses = new ArrayList<>();
        for (Entry entry : current) {
            if (entry.threshold() != null) {
                statuses.add(entry.threshold().status());
            } else if (entry.grouped() != null) {
                statuses.addAll(entry.grouped().statuses());
            } else if (entry.health() != null) {
                statuses.addAll(entry.health().statuses());
            }
        }
        return statuses;
    }

    /** Adds a listener for rule state changes. */
    public void addTransitionListener(RuleTransitionListener listener) {
        runtime.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeTransitionListener(RuleTransitionListener listener) {
        runtime.removeListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops evaluating: cancels every schedule, stops listening to health registries and stops the engine's
     * own thread (a scheduler given to the builder is left running). Firing alerts stay active. Idempotent.
     */
    @Override
    public void close() {
        List<Entry> stopped;
        synchronized (entries) {
            closed = true;
            stopped = new ArrayList<>(entries.values());
            entries.clear();
        }
        for (Entry entry : stopped) {
            entry.task().cancel(false);
            if (entry.health() != null) {
                entry.health().stop();
            }
        }
        if (ownScheduler) {
            runtime.scheduler().shutdownNow();
        }
    }

    private void schedule(String key, Duration every, @Nullable ThresholdTracker threshold, @Nullable GroupedTracker grouped,
            @Nullable HealthAlertTracker health, Runnable evaluation) {
        synchronized (entries) {
            String name = threshold != null ? threshold.rule().name()
                    : grouped != null ? grouped.rule().name() : Objects.requireNonNull(health).rule().name();
            if (threshold != null || grouped != null) {
                checkAddable(key, name);
            } else if (closed) {
                throw new IllegalStateException("the rule engine is closed");
            }
            ScheduledFuture<?> task = runtime.scheduler().scheduleAtFixedRate(runtime.guarded(evaluation), 0, every.toNanos(),
                    TimeUnit.NANOSECONDS);
            entries.put(key, new Entry(threshold, grouped, health, task));
        }
    }

    private void checkAddable(String key, String name) {
        if (closed) {
            throw new IllegalStateException("the rule engine is closed");
        }
        if (entries.containsKey(key)) {
            throw new IllegalArgumentException("a rule named '" + name + "' with the same labels is already added; "
                    + "give it another name or distinguishing labels");
        }
    }

    private @Nullable Entry take(String key) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(key);
        }
        if (entry != null) {
            entry.task().cancel(false);
        }
        return entry;
    }

    private static String healthKey(HealthAlertRule rule) {
        return "health:" + rule.name() + "@" + System.identityHashCode(rule.registry());
    }

    private static String key(String name, Map<String, String> labels) {
        return "threshold:" + name + labels;
    }

    /** Builds a {@link RuleEngine}; every setter validates its argument. */
    public static final class Builder {
        private @Nullable AlertDispatcher dispatcher;
        private @Nullable MeterRegistry meterRegistry;
        private Clock clock = Clock.systemUTC();
        private @Nullable ScheduledExecutorService scheduler;
        private Duration interval = Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS);
        private Scrubber scrubber = Scrubber.defaults();
        private final List<RuleTransitionListener> listeners = new ArrayList<>();

        private Builder() {
        }

        /** Where alerts are fired and resolved (default: none; transitions still reach listeners). */
        public Builder dispatcher(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
            return this;
        }

        /**
         * The registry meter signals read, and where the engine's own meters go. It must keep cumulative
         * counts (a {@code SimpleMeterRegistry} by default, Prometheus): rates come from differences between
         * evaluations.
         *
         * @throws IllegalArgumentException for a step registry, whose counters restart every step
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            Objects.requireNonNull(meterRegistry, "meterRegistry");
            if (meterRegistry instanceof StepMeterRegistry) {
                throw new IllegalArgumentException("meterRegistry must keep cumulative counts, but "
                        + meterRegistry.getClass().getSimpleName() + " is a step registry whose counters restart every step; "
                        + "give the engine a SimpleMeterRegistry (added to your CompositeMeterRegistry) instead");
            }
            this.meterRegistry = meterRegistry;
            return this;
        }

        /** The clock for evaluation times and durations (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The scheduler evaluations run on (default: a daemon thread of the engine's own). A given scheduler
         * is not shut down by {@link RuleEngine#close()}.
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** The evaluation interval of rules that set none (default 30 s); at least 1 s, at most 30 days. */
        public Builder interval(Duration interval) {
            this.interval = AlertRule.requireInterval("interval", interval);
            return this;
        }

        /**
         * The PII scrubber for every text the engine produces (default {@link Scrubber#defaults()}): label values in
         * transitions, statuses and rendered summaries are scrubbed knowing their key; summaries and descriptions
         * are scrubbed before they are cut to the alert's limits.
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Adds a listener for rule state changes. */
        public Builder listener(RuleTransitionListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Builds the engine; rules start when added. */
        public RuleEngine build() {
            return new RuleEngine(this);
        }
    }
}
