package dev.monitor.rule.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.RuleTransition;
import dev.monitor.rule.RuleTransitionListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every rule of one engine shares: clock, scheduler, meter registry, dispatcher, scrubber,
 * listeners and the engine's own meters. Not API.
 */
public final class RuleRuntime {

    private static final Logger log = LoggerFactory.getLogger(RuleRuntime.class);

    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final @Nullable MeterRegistry registry;
    private final @Nullable AlertDispatcher dispatcher;
    private final Scrubber scrubber;
    private final List<RuleTransitionListener> listeners = new CopyOnWriteArrayList<>();
    private final RuleMeters meters = new RuleMeters();

    /** A runtime; meters are registered in {@code registry} when there is one. */
    public RuleRuntime(Clock clock, ScheduledExecutorService scheduler, @Nullable MeterRegistry registry,
            @Nullable AlertDispatcher dispatcher, Scrubber scrubber, List<RuleTransitionListener> listeners) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.listeners.addAll(listeners);
        if (registry != null) {
            meters.bindTo(registry);
        }
    }

    /** Now, on the engine's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** The engine's scheduler. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** The meter registry signals read, or {@code null}. */
    public @Nullable MeterRegistry registry() {
        return registry;
    }

    /** Runs {@code task} soon on the engine's scheduler; ignored once the scheduler is shut down. */
    public void execute(Runnable task) {
        try {
            scheduler.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            log.debug("Rule engine scheduler is shut down; task skipped");
        }
    }

    /** {@code task} with every exception caught and logged, so a periodic schedule never stops. */
    public Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | LinkageError | AssertionError e) {
                log.warn("Alert rule task failed: {}", scrub(RuleTexts.failure(e)));
            }
        };
    }

    /** Counts one evaluation. */
    public void counted(RuleMeters.Outcome outcome) {
        meters.counted(outcome);
    }

    /** The text after the scrubber, whole (the scrubber fails closed per text: it never throws on content). */
    public String scrub(String text) {
        return scrubber.scrub(text);
    }

    /** A summary: scrubbed, then cut to {@value Alert#MAX_SUMMARY_LENGTH} characters, so the alert never cuts it. */
    public String summary(String text) {
        return scrubber.scrub(text, Alert.MAX_SUMMARY_LENGTH);
    }

    /** A description: scrubbed, then cut to {@value Alert#MAX_DESCRIPTION_LENGTH} characters. */
    public String description(String text) {
        return scrubber.scrub(text, Alert.MAX_DESCRIPTION_LENGTH);
    }

    /**
     * {@code labels} with every value through the scrubber knowing its key (the value of {@code api_key} or
     * {@code password} is redacted whatever it holds), for transitions, statuses and rendered summaries: everything
     * that leaves the engine except the alert, whose labels are its identity and which the dispatcher scrubs.
     */
    public Map<String, String> scrubLabels(Map<String, String> labels) {
        Map<String, String> scrubbed = new TreeMap<>();
        labels.forEach((name, value) -> scrubbed.put(name, scrubber.scrubValue(name, value)));
        return Collections.unmodifiableMap(scrubbed);
    }

    /** Fires {@code alert} through the dispatcher, if any. Never throws. */
    public void fire(Alert alert) {
        meters.fired();
        if (dispatcher != null) {
            try {
                dispatcher.fire(alert);
            } catch (RuntimeException e) {
                log.warn("Could not fire alert {}: {}", alert.name(), scrub(RuleTexts.failure(e)));
            }
        }
    }

    /** Resolves the alert with {@code fingerprint} that this engine fired. Never throws. */
    public void resolve(String fingerprint) {
        meters.resolved();
        resolveLeftover(fingerprint);
    }

    /** Resolves an alert this engine may have fired before a restart (ignored by the dispatcher when unknown). */
    public void resolveLeftover(String fingerprint) {
        if (dispatcher != null) {
            try {
                dispatcher.resolve(fingerprint);
            } catch (RuntimeException e) {
                log.warn("Could not resolve alert {}: {}", fingerprint, scrub(RuleTexts.failure(e)));
            }
        }
    }

    /** Adds a listener. */
    public void addListener(RuleTransitionListener listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void removeListener(RuleTransitionListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; a failing listener is logged and skipped. */
    public void publish(RuleTransition transition) {
        for (RuleTransitionListener listener : listeners) {
            try {
                listener.onTransition(transition);
            } catch (RuntimeException e) {
                log.warn("Rule transition listener {} failed on {} {} -> {}: {}", listener.getClass().getName(),
                        transition.rule(), transition.from().label(), transition.to().label(), scrub(RuleTexts.failure(e)));
            }
        }
    }
}
