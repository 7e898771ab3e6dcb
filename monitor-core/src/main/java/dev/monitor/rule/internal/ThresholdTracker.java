package dev.monitor.rule.internal;

import dev.monitor.alert.Alert;
import dev.monitor.rule.AlertRule;
import dev.monitor.rule.FallbackState;
import dev.monitor.rule.RuleState;
import dev.monitor.rule.RuleStatus;
import dev.monitor.rule.RuleTransition;
import dev.monitor.rule.SignalContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates one {@link AlertRule}: reads its signal, applies thresholds, m-of-n, the pending and
 * keep-firing durations and the no-data and error policies, fires and resolves its alert and publishes
 * its transitions. Evaluations of one tracker never overlap (one scheduled task); {@link #status()} may be
 * called from any thread. Not API.
 */
public final class ThresholdTracker {

    private enum Verdict { BREACH, CLEAR, KEEP }

    private final AlertRule rule;
    private final SignalReader reader;
    private final SummaryTemplate summary;
    private final @Nullable SummaryTemplate description;
    private final RuleRuntime runtime;
    private final Map<String, String> labels;
    private final String fingerprint;
    private final Map<String, String> shownLabels;

    // guarded by this
    private RuleState state = RuleState.INACTIVE;
    private Instant since;
    private @Nullable Instant pendingSince;
    private @Nullable Instant clearSince;
    private final boolean[] recent;
    private int recentCount;
    private int recentNext;
    private int breachesInWindow;
    private @Nullable Instant lastEvaluatedAt;
    private double lastValue = Double.NaN;
    private @Nullable String lastProblem;
    private String lastReason = "";
    private boolean decidedOnce;
    private boolean firing;

    /** A tracker for {@code rule}, reading with {@code reader}; its alert has the rule's labels. */
    public ThresholdTracker(AlertRule rule, SignalReader reader, SummaryTemplate summary, @Nullable SummaryTemplate description,
            RuleRuntime runtime) {
        this(rule, rule.labels(), reader, summary, description, runtime);
    }

    /**
     * A tracker for one series of {@code rule}: its alert has {@code labels} (the rule's and the series' tags).
     *
     * @throws IllegalArgumentException if the labels are not valid alert labels
     */
    public ThresholdTracker(AlertRule rule, Map<String, String> labels, SignalReader reader, SummaryTemplate summary,
            @Nullable SummaryTemplate description, RuleRuntime runtime) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.labels = Map.copyOf(labels);
        this.fingerprint = labels.equals(rule.labels()) ? rule.alertFingerprint()
                : Alert.builder(rule.name()).labels(labels).build().fingerprint();
        this.reader = Objects.requireNonNull(reader, "reader");
        this.summary = Objects.requireNonNull(summary, "summary");
        this.description = description;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.since = runtime.now();
        this.recent = new boolean[rule.evaluationsCounted()];
        this.shownLabels = runtime.scrubLabels(this.labels);
    }

    /** The rule evaluated. */
    public AlertRule rule() {
        return rule;
    }

    /** Reads the signal once and acts on it. Never throws for the signal's problems. */
    public void evaluate() {
        Instant now = runtime.now();
        Reading reading = null;
        String error = null;
        try {
            reading = reader.read(new SignalContext(now, runtime.registry()));
        } catch (Exception | LinkageError | AssertionError e) {
            error = runtime.scrub(RuleTexts.failure(e));
        }
        List<Runnable> actions = new ArrayList<>(2);
        synchronized (this) {
            apply(now, reading, error, actions);
        }
        for (Runnable action : actions) {
            action.run();
        }
    }

    /** Resolves the alert if the rule fires, for a rule being removed. */
    public void retire() {
        List<Runnable> actions = new ArrayList<>(2);
        synchronized (this) {
            if (firing) {
                resolve(runtime.now(), "removed", actions);
            }
        }
        actions.forEach(Runnable::run);
    }

    /** Whether the rule is pending or firing for this tracker's series. */
    public synchronized boolean isActive() {
        return state == RuleState.PENDING || state == RuleState.FIRING;
    }

    /** Where the rule stands now. */
    public synchronized RuleStatus status() {
        return new RuleStatus(rule.name(), shownLabels, state, since, lastEvaluatedAt, lastValue, lastProblem);
    }

    private void apply(Instant now, @Nullable Reading reading, @Nullable String error, List<Runnable> actions) {
        lastEvaluatedAt = now;
        Verdict verdict;
        String reason;
        if (reading == null) {
            runtime.counted(RuleMeters.Outcome.ERROR);
            lastValue = Double.NaN;
            lastReason = String.valueOf(error);
            lastProblem = "error: " + error;
            verdict = fallback(rule.onError());
            reason = "error";
        } else if (reading.kind() == Reading.Kind.WARMING_UP) {
            runtime.counted(RuleMeters.Outcome.WARMING_UP);
            lastProblem = "warming up: " + reading.reason();
            return;
        } else if (reading.kind() == Reading.Kind.NO_DATA) {
            runtime.counted(RuleMeters.Outcome.NO_DATA);
            lastValue = Double.NaN;
            lastReason = runtime.scrub(reading.reason());
            lastProblem = "no data: " + lastReason;
            verdict = fallback(rule.onNoData());
            reason = "no_data";
        } else {
            runtime.counted(RuleMeters.Outcome.VALUE);
            lastValue = reading.value();
            lastProblem = null;
            verdict = breaches(reading.value()) ? Verdict.BREACH : Verdict.CLEAR;
            reason = verdict == Verdict.BREACH ? "breach" : "clear";
        }
        if (verdict == Verdict.KEEP) {
            return;
        }
        boolean breaching = record(verdict == Verdict.BREACH);
        if (!decidedOnce) {
            decidedOnce = true;
            if (!breaching) {
                // An alert fired by this rule before a restart may still be active in a dispatcher that keeps
                // its state: the rule starts clear, so nothing else would ever resolve it.
                actions.add(() -> runtime.resolveLeftover(fingerprint));
            }
        }
        switch (state) {
            case INACTIVE, RESOLVED -> {
                if (breaching) {
                    pendingSince = now;
                    if (rule.pendingFor().isZero()) {
                        fire(now, reason, actions);
                    } else {
                        move(RuleState.PENDING, now, reason, null, actions);
                    }
                }
            }
            case PENDING -> {
                if (!breaching) {
                    pendingSince = null;
                    move(RuleState.INACTIVE, now, reason, null, actions);
                } else if (Duration.between(Objects.requireNonNull(pendingSince), now).compareTo(rule.pendingFor()) >= 0) {
                    fire(now, reason, actions);
                }
            }
            case FIRING -> {
                if (breaching) {
                    clearSince = null;
                } else {
                    if (clearSince == null) {
                        clearSince = now;
                    }
                    if (Duration.between(clearSince, now).compareTo(rule.keepFiringFor()) >= 0) {
                        resolve(now, reason, actions);
                    }
                }
            }
        }
    }

    /** Whether {@code value} breaches, with the clear threshold once the rule is pending or firing. */
    private boolean breaches(double value) {
        boolean active = state == RuleState.PENDING || state == RuleState.FIRING;
        Double clear = rule.clearThreshold();
        if (rule.firesAbove()) {
            return active && clear != null ? value >= clear : value > rule.threshold();
        }
        return active && clear != null ? value <= clear : value < rule.threshold();
    }

    private static Verdict fallback(FallbackState fallback) {
        return switch (fallback) {
            case OK -> Verdict.CLEAR;
            case ALERTING -> Verdict.BREACH;
            case KEEP_LAST -> Verdict.KEEP;
        };
    }

    /** Records one verdict in the m-of-n window; returns whether the rule counts as breaching now. */
    private boolean record(boolean breach) {
        int n = recent.length;
        if (recentCount == n && recent[recentNext]) {
            breachesInWindow--;
        }
        recent[recentNext] = breach;
        if (breach) {
            breachesInWindow++;
        }
        recentNext = (recentNext + 1) % n;
        recentCount = Math.min(recentCount + 1, n);
        return breachesInWindow >= rule.breachesRequired();
    }

    private void fire(Instant now, String reason, List<Runnable> actions) {
        clearSince = null;
        firing = true;
        Alert alert = alert(reason);
        move(RuleState.FIRING, now, reason, alert.summary(), actions);
        actions.add(() -> runtime.fire(alert));
    }

    private void resolve(Instant now, String reason, List<Runnable> actions) {
        firing = false;
        clearSince = null;
        pendingSince = null;
        move(RuleState.RESOLVED, now, reason, runtime.summary(render(summary, reason)), actions);
        actions.add(() -> runtime.resolve(fingerprint));
    }

    private void move(RuleState to, Instant now, String reason, @Nullable String summaryText, List<Runnable> actions) {
        RuleTransition transition = new RuleTransition(rule.name(), shownLabels, state, to, now, lastValue, reason, summaryText);
        state = to;
        since = now;
        actions.add(() -> runtime.publish(transition));
    }

    private Alert alert(String reason) {
        String summaryText;
        if (reason.equals("no_data")) {
            summaryText = rule.name() + ": no data for " + rule.signal().description() + " (" + lastReason + ")";
        } else if (reason.equals("error")) {
            summaryText = rule.name() + ": evaluating " + rule.signal().description() + " failed: " + lastReason;
        } else {
            summaryText = render(summary, reason);
        }
        Alert.Builder alert = Alert.builder(rule.name())
                .severity(rule.severity())
                .labels(labels)
                .annotations(rule.annotations())
                .annotation("value", Double.isNaN(lastValue) ? reason : RuleTexts.number(lastValue))
                .annotation("threshold", RuleTexts.number(rule.threshold()))
                .annotation("signal", rule.signal().description())
                .summary(runtime.summary(summaryText))
                .source("rule " + rule.name());
        if (description != null) {
            alert.description(runtime.description(render(description, reason)));
        }
        return alert.build();
    }

    private String render(SummaryTemplate template, String reason) {
        Map<String, Object> values = new HashMap<>();
        values.put("name", rule.name());
        values.put("value", Double.isNaN(lastValue) ? (Object) reason.replace('_', ' ') : (Object) lastValue);
        values.put("threshold", rule.threshold());
        Double clear = rule.clearThreshold();
        values.put("clear_threshold", clear != null ? (Object) clear : (Object) rule.threshold());
        values.put("condition", rule.condition());
        values.put("for", RuleTexts.duration(rule.pendingFor()));
        values.put("keep_firing_for", RuleTexts.duration(rule.keepFiringFor()));
        values.put("signal", rule.signal().description());
        values.put("severity", rule.severity().label());
        return template.render(values, shownLabels); // label values scrubbed knowing their key
    }
}
