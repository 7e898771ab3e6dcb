package dev.monitor.rule.internal;

import dev.monitor.rule.AlertRule;
import dev.monitor.rule.RuleStatus;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a rule {@linkplain AlertRule#groupBy() grouped by tag keys}: one {@link ThresholdTracker} per series
 * (distinct combination of the keys' values), each with its own reader, state and alert labelled with the series'
 * tags. Series are found again at every evaluation; at most {@link AlertRule#MAX_SERIES} are kept, and a series no
 * longer found is forgotten once it is neither pending nor firing. Evaluations never overlap (one scheduled task);
 * {@link #statuses()} may be called from any thread. Not API.
 */
public final class GroupedTracker {

    private static final Logger log = LoggerFactory.getLogger(GroupedTracker.class);

    private final AlertRule rule;
    private final Supplier<Set<Tags>> finder;
    private final Function<Tags, SignalReader> readers;
    private final SummaryTemplate summary;
    private final @Nullable SummaryTemplate description;
    private final RuleRuntime runtime;
    // guarded by this; in the order series were found
    private final Map<Tags, ThresholdTracker> series = new LinkedHashMap<>();
    private boolean capLogged;
    private boolean invalidLogged;
    private boolean findFailureLogged;

    /**
     * A tracker for {@code rule}.
     *
     * @param finder the series of the rule's signal now (called at every evaluation)
     * @param readers a fresh reader of one series
     */
    public GroupedTracker(AlertRule rule, Supplier<Set<Tags>> finder, Function<Tags, SignalReader> readers,
            SummaryTemplate summary, @Nullable SummaryTemplate description, RuleRuntime runtime) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.finder = Objects.requireNonNull(finder, "finder");
        this.readers = Objects.requireNonNull(readers, "readers");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.description = description;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    /** The rule evaluated. */
    public AlertRule rule() {
        return rule;
    }

    /** Finds the series, then evaluates each one. Never throws for the signal's problems. */
    public void evaluate() {
        Set<Tags> found = find();
        List<ThresholdTracker> trackers;
        synchronized (this) {
            if (found != null) {
                for (Tags tags : found) {
                    if (!series.containsKey(tags)) {
                        add(tags);
                    }
                }
            }
            trackers = new ArrayList<>(series.values());
        }
        for (ThresholdTracker tracker : trackers) {
            tracker.evaluate();
        }
        if (found != null) {
            synchronized (this) {
                series.entrySet().removeIf(entry -> !found.contains(entry.getKey()) && !entry.getValue().isActive());
            }
        }
    }

    /** Resolves every series' alert that fires, for a rule being removed. */
    public void retire() {
        List<ThresholdTracker> trackers;
        synchronized (this) {
            trackers = new ArrayList<>(series.values());
        }
        trackers.forEach(ThresholdTracker::retire);
    }

    /** Where each series stands now, in the order they were found. */
    public List<RuleStatus> statuses() {
        List<ThresholdTracker> trackers;
        synchronized (this) {
            trackers = new ArrayList<>(series.values());
        }
        List<RuleStatus> statuses = new ArrayList<>(trackers.size());
        for (ThresholdTracker tracker : trackers) {
            statuses.add(tracker.status());
        }
        return statuses;
    }

    private @Nullable Set<Tags> find() {
        try {
            Set<Tags> found = finder.get();
            findFailureLogged = false;
            return found;
        } catch (RuntimeException e) {
            // the known series are still evaluated (their readers report their own errors)
            if (!findFailureLogged) {
                findFailureLogged = true;
                log.warn("Rule {}: finding the series of {} failed: {}", rule.name(), rule.signal().description(),
                        runtime.scrub(RuleTexts.failure(e)));
            }
            return null;
        }
    }

    private void add(Tags tags) {
        if (series.size() >= AlertRule.MAX_SERIES) {
            if (!capLogged) {
                capLogged = true;
                log.warn("Rule {} grouped by {} has more than {} series; further series are not evaluated (first "
                        + "left out: {})", rule.name(), rule.groupBy(), AlertRule.MAX_SERIES, shown(tags));
            }
            return;
        }
        Map<String, String> labels = new TreeMap<>(rule.labels());
        for (Tag tag : tags) {
            labels.put(tag.getKey(), tag.getValue());
        }
        try {
            series.put(tags, new ThresholdTracker(rule, labels, readers.apply(tags), summary, description, runtime));
        } catch (IllegalArgumentException e) {
            // a tag value that is no valid label value (too long): that series cannot have an alert
            if (!invalidLogged) {
                invalidLogged = true;
                log.warn("Rule {}: series {} left out (and any other whose tags are no valid alert labels): {}",
                        rule.name(), shown(tags), runtime.scrub(String.valueOf(e.getMessage())));
            }
        }
    }

    /** A series' tags as a log line shows them: each value scrubbed knowing its key. */
    private String shown(Tags tags) {
        Map<String, String> values = new TreeMap<>();
        for (Tag tag : tags) {
            values.put(tag.getKey(), tag.getValue());
        }
        return runtime.scrubLabels(values).toString();
    }
}
