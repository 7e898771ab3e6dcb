package dev.monitor.rule;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.rule.internal.RuleTexts;
import dev.monitor.rule.internal.SummaryTemplate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A threshold rule: fires an alert when its {@link RuleSignal} stays above (or below) a threshold for a
 * pending duration, and resolves it when the value is back past the clear threshold. Immutable; build
 * with {@link #builder(String)} or derive with {@link #from(AlertRule)}. Run it with a {@link RuleEngine}.
 *
 * <pre>{@code
 * AlertRule rule = AlertRule.builder("HighErrorRate")
 *         .signal(RuleSignal.ratio(RuleSignal.rate("http.server.requests.errors", Duration.ofMinutes(1)),
 *                                  RuleSignal.rate("http.server.requests", Duration.ofMinutes(1))))
 *         .above(0.05).clearBelow(0.04)
 *         .pendingFor(Duration.ofMinutes(5))
 *         .keepFiringFor(Duration.ofMinutes(2))
 *         .severity(AlertSeverity.CRITICAL)
 *         .label("service", "orders")
 *         .summary("{{labels.service}}: {{value|percent}} of requests fail (threshold {{threshold|percent}})")
 *         .build();
 * }</pre>
 *
 * <p><b>Evaluation.</b> Every {@link #interval()} the rule reads its signal. Not yet pending or firing, an
 * evaluation <em>breaches</em> when the value is above the fire threshold ({@code >}); once pending or
 * firing it keeps breaching until the value drops below the clear threshold ({@code <}; without one,
 * until it is no longer above the fire threshold), so a value wandering between the two does not flap.
 * With {@link Builder#breaches(int, int) m-of-n}, the rule counts as breaching when at least m of the last
 * n evaluations breached. A breach starts {@link RuleState#PENDING}; after {@link #pendingFor()} of
 * continuous breach the rule is {@link RuleState#FIRING} and the alert is fired once. When it stops
 * breaching it keeps firing for {@link #keepFiringFor()} (a new breach in that time continues the same
 * alert), then the alert is resolved ({@link RuleState#RESOLVED}). Evaluations without a value follow
 * {@link #onNoData()} and {@link #onError()}.
 *
 * <p><b>Summary templates</b> take {@code {{name}}}, {@code {{value}}}, {@code {{threshold}}},
 * {@code {{clear_threshold}}}, {@code {{condition}}} ({@code "above 0.05"}), {@code {{for}}},
 * {@code {{keep_firing_for}}}, {@code {{signal}}}, {@code {{severity}}} and {@code {{labels.NAME}}};
 * numbers take a filter: {@code |percent}, {@code |ms} (seconds shown in milliseconds) or {@code |int}.
 * {@code {{$value}}} and {@code {{$labels.NAME}}} work too. When the rule fires because of no data or an
 * error, the summary says so instead. Every rendered text passes the engine's PII scrubber: a label value is
 * scrubbed knowing its key (the value of a label such as {@code api_key} is redacted whatever it holds), then the
 * whole text, and only then is it cut to the alert's limits.
 *
 * <p><b>Names.</b> The rule's name is a {@linkplain Names name} and its label keys and {@link Builder#groupBy
 * groupBy} keys are {@linkplain Names#requireLabelKey label keys}; durations are at most {@link #MAX_DURATION}.
 */
public final class AlertRule {

    /** Placeholders of {@link Builder#summary(String)} and {@link Builder#description(String)} besides {@code labels.NAME}. */
    public static final Set<String> PLACEHOLDERS = Set.of("name", "value", "threshold", "clear_threshold", "condition", "for",
            "keep_firing_for", "signal", "severity");
    /** Longest pending duration, keep-firing duration and interval accepted. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);
    /** Shortest evaluation interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    /** Largest n of {@link Builder#breaches(int, int)}. */
    public static final int MAX_EVALUATIONS = 100;
    /** The most series a {@linkplain Builder#groupBy(String...) grouped} rule keeps at once. */
    public static final int MAX_SERIES = 100;

    private static final String DEFAULT_SUMMARY = "{{name}}: {{signal}} is {{value}}, {{condition}}";

    private final String name;
    private final RuleSignal signal;
    private final boolean above;
    private final double threshold;
    private final @Nullable Double clearThreshold;
    private final Duration pendingFor;
    private final Duration keepFiringFor;
    private final int breachesRequired;
    private final int evaluationsCounted;
    private final FallbackState onNoData;
    private final FallbackState onError;
    private final @Nullable Duration interval;
    private final AlertSeverity severity;
    private final Map<String, String> labels;
    private final List<String> groupBy;
    private final Map<String, String> annotations;
    private final SummaryTemplate summary;
    private final @Nullable SummaryTemplate description;
    private final String fingerprint;

    private AlertRule(Builder builder, Alert identity) {
        this.name = builder.name;
        this.signal = Objects.requireNonNull(builder.signal);
        this.above = builder.above;
        this.threshold = builder.threshold;
        this.clearThreshold = builder.clearThreshold;
        this.pendingFor = builder.pendingFor;
        this.keepFiringFor = builder.keepFiringFor;
        this.breachesRequired = builder.breachesRequired;
        this.evaluationsCounted = builder.evaluationsCounted;
        this.onNoData = builder.onNoData;
        this.onError = builder.onError;
        this.interval = builder.interval;
        this.severity = builder.severity;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(builder.labels));
        this.groupBy = List.copyOf(builder.groupBy);
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(builder.annotations));
        this.summary = builder.summary;
        this.description = builder.description;
        this.fingerprint = identity.fingerprint();
    }

    /**
     * A builder for a rule whose alerts are named {@code name} (e.g. {@code "HighErrorRate"}). Set a
     * signal and {@code above} or {@code below}; the rest has defaults: no pending or keep-firing time,
     * 1 of 1 evaluations, no data is OK, errors alert, severity HIGH, the engine's interval.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every setting of {@code base}, to derive a changed rule (e.g. from {@link StandardRules}). */
    public static Builder from(AlertRule base) {
        Objects.requireNonNull(base, "base");
        Builder builder = new Builder(base.name);
        builder.signal = base.signal;
        builder.above = base.above;
        builder.threshold = base.threshold;
        builder.thresholdSet = true;
        builder.clearThreshold = base.clearThreshold;
        builder.pendingFor = base.pendingFor;
        builder.keepFiringFor = base.keepFiringFor;
        builder.breachesRequired = base.breachesRequired;
        builder.evaluationsCounted = base.evaluationsCounted;
        builder.onNoData = base.onNoData;
        builder.onError = base.onError;
        builder.interval = base.interval;
        builder.severity = base.severity;
        builder.labels.putAll(base.labels);
        builder.groupBy.addAll(base.groupBy);
        builder.annotations.putAll(base.annotations);
        builder.summary = base.summary;
        builder.description = base.description;
        return builder;
    }

    /** The alert name. */
    public String name() {
        return name;
    }

    /** What the rule measures. */
    public RuleSignal signal() {
        return signal;
    }

    /** Whether the rule fires above the threshold (true) or below it (false). */
    public boolean firesAbove() {
        return above;
    }

    /** The fire threshold. */
    public double threshold() {
        return threshold;
    }

    /** The clear threshold, or {@code null} when the rule clears at the fire threshold. */
    public @Nullable Double clearThreshold() {
        return clearThreshold;
    }

    /** How long the rule must breach before it fires (Prometheus {@code for}). */
    public Duration pendingFor() {
        return pendingFor;
    }

    /** How long a firing rule keeps firing after it stopped breaching (Prometheus {@code keep_firing_for}). */
    public Duration keepFiringFor() {
        return keepFiringFor;
    }

    /** The m of m-of-n: breaching evaluations needed among the last {@link #evaluationsCounted()}. */
    public int breachesRequired() {
        return breachesRequired;
    }

    /** The n of m-of-n. */
    public int evaluationsCounted() {
        return evaluationsCounted;
    }

    /** What an evaluation without data counts as. */
    public FallbackState onNoData() {
        return onNoData;
    }

    /** What a failed evaluation counts as. */
    public FallbackState onError() {
        return onError;
    }

    /** The rule's own evaluation interval, or {@code null} for the engine's. */
    public @Nullable Duration interval() {
        return interval;
    }

    /** The severity of the fired alert. */
    public AlertSeverity severity() {
        return severity;
    }

    /** The labels of the fired alert; with the name they identify the rule in an engine. */
    public Map<String, String> labels() {
        return labels;
    }

    /**
     * The tag keys the rule fans out by (see {@link Builder#groupBy(String...)}); empty for a rule with one
     * series.
     */
    public List<String> groupBy() {
        return groupBy;
    }

    /** Annotations added to the fired alert (besides {@code value}, {@code threshold} and {@code signal}). */
    public Map<String, String> annotations() {
        return annotations;
    }

    /** The summary template. */
    public String summary() {
        return summary.source();
    }

    /** The description template, or {@code null} when none was given. */
    public @Nullable String description() {
        return description == null ? null : description.source();
    }

    /** The fingerprint of the alerts this rule fires (from the name and labels). */
    public String alertFingerprint() {
        return fingerprint;
    }

    /** {@code "above 0.05"} or {@code "below 30"}, as the {@code {{condition}}} placeholder renders. */
    public String condition() {
        return (above ? "above " : "below ") + RuleTexts.number(threshold);
    }

    SummaryTemplate summaryTemplate() {
        return summary;
    }

    @Nullable SummaryTemplate descriptionTemplate() {
        return description;
    }

    @Override
    public String toString() {
        return "AlertRule{" + name + (labels.isEmpty() ? "" : " " + labels) + ", " + signal
                + (groupBy.isEmpty() ? "" : " by " + groupBy) + " " + condition()
                + (clearThreshold != null ? " (clears at " + RuleTexts.number(clearThreshold) + ")" : "")
                + ", for " + RuleTexts.duration(pendingFor) + '}';
    }

    /**
     * Returns {@code interval} if it is a valid evaluation interval: {@link #MIN_INTERVAL} (1 s) to {@link #MAX_DURATION}
     * (30 days). The check of every rule's, health rule's and engine's interval; an adapter calls it with the name the
     * user wrote (a property name), so the refusal is the same however the rule is configured.
     *
     * @param option the option's name as the user wrote it ({@code "interval"})
     * @throws IllegalArgumentException naming the option, the value and the bound
     * @throws NullPointerException naming the option if {@code interval} is null
     */
    public static Duration requireInterval(String option, @Nullable Duration interval) {
        return DurationLimits.requireBetween(option, interval, MIN_INTERVAL, MAX_DURATION);
    }

    /**
     * Returns {@code duration} if it is a valid pending duration, keep-firing duration or startup grace: 0 to
     * {@link #MAX_DURATION} (30 days). Like {@link #requireInterval(String, Duration)}, the one check of these options.
     *
     * @param option the option's name as the user wrote it ({@code "pendingFor"})
     * @throws IllegalArgumentException naming the option, the value and the bound
     * @throws NullPointerException naming the option if {@code duration} is null
     */
    public static Duration requireDuration(String option, @Nullable Duration duration) {
        return DurationLimits.requireBetween(option, DurationLimits.requirePeriodOrZero(option, duration), Duration.ZERO,
                MAX_DURATION);
    }

    /** Builds an {@link AlertRule}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private @Nullable RuleSignal signal;
        private boolean above = true;
        private double threshold;
        private boolean thresholdSet;
        private @Nullable Double clearThreshold;
        private Duration pendingFor = Duration.ZERO;
        private Duration keepFiringFor = Duration.ZERO;
        private int breachesRequired = 1;
        private int evaluationsCounted = 1;
        private FallbackState onNoData = FallbackState.OK;
        private FallbackState onError = FallbackState.ALERTING;
        private @Nullable Duration interval;
        private AlertSeverity severity = AlertSeverity.HIGH;
        private final TreeMap<String, String> labels = new TreeMap<>();
        private final List<String> groupBy = new ArrayList<>();
        private final TreeMap<String, String> annotations = new TreeMap<>();
        private SummaryTemplate summary = SummaryTemplate.parse(DEFAULT_SUMMARY, "summary", PLACEHOLDERS);
        private @Nullable SummaryTemplate description;

        private Builder(String name) {
            Names.requireName("rule name", name);
            Alert.builder(name); // and the alert's own rules
            this.name = name;
        }

        /** What the rule measures (required). */
        public Builder signal(RuleSignal signal) {
            this.signal = Objects.requireNonNull(signal, "signal");
            return this;
        }

        /**
         * Evaluates the rule once per distinct combination of these meter tags among the meters its signal reads,
         * like PromQL's {@code by (...)}: {@code groupBy("uri")} on an error ratio of {@code http.server.requests}
         * keeps one state per URI and fires one alert per failing URI, labelled {@code uri=...}
         * ({@code {{labels.uri}}} in the summary). Every meter query of the signal is narrowed to the series, so
         * each series has its own rate samples. Series appear as their meters do, at most
         * {@value AlertRule#MAX_SERIES} per rule (more are left out, with one WARN line); a series whose
         * meters are gone reads as no data and is forgotten once it is neither pending nor firing. Replaces
         * earlier keys; needs a signal that reads meters.
         *
         * @throws IllegalArgumentException if no key is given, a key is blank, repeated or not a valid label name
         */
        public Builder groupBy(String... tagKeys) {
            Objects.requireNonNull(tagKeys, "tagKeys");
            if (tagKeys.length == 0) {
                throw new IllegalArgumentException("groupBy needs at least one tag key, e.g. groupBy(\"uri\")");
            }
            List<String> keys = new ArrayList<>();
            for (String key : tagKeys) {
                Names.requireLabelKey("groupBy key of rule '" + name + "'", key);
                Alert.builder(name).label(key, "x"); // the key becomes a label of the alerts: same rules
                if (keys.contains(key)) {
                    throw new IllegalArgumentException("groupBy key '" + key + "' is given twice");
                }
                keys.add(key);
            }
            groupBy.clear();
            groupBy.addAll(keys);
            return this;
        }

        /** Fires when the value is above {@code threshold} (strictly). */
        public Builder above(double threshold) {
            this.threshold = finite("threshold", threshold);
            this.above = true;
            this.thresholdSet = true;
            return this;
        }

        /** Fires when the value is below {@code threshold} (strictly), e.g. days until a certificate expires. */
        public Builder below(double threshold) {
            this.threshold = finite("threshold", threshold);
            this.above = false;
            this.thresholdSet = true;
            return this;
        }

        /** For a rule firing {@link #above}: once pending or firing, it clears only when the value drops below this. */
        public Builder clearBelow(double clearThreshold) {
            this.clearThreshold = finite("clearThreshold", clearThreshold);
            return this;
        }

        /** For a rule firing {@link #below}: once pending or firing, it clears only when the value rises above this. */
        public Builder clearAbove(double clearThreshold) {
            this.clearThreshold = finite("clearThreshold", clearThreshold);
            return this;
        }

        /** How long the rule must breach before it fires (default 0: at the first breach); at most 30 days. */
        public Builder pendingFor(Duration pendingFor) {
            this.pendingFor = requireDuration("pendingFor", pendingFor);
            return this;
        }

        /** How long the rule keeps firing after the value recovered (default 0); at most 30 days. */
        public Builder keepFiringFor(Duration keepFiringFor) {
            this.keepFiringFor = requireDuration("keepFiringFor", keepFiringFor);
            return this;
        }

        /**
         * Counts the rule as breaching when at least {@code required} of the last {@code ofLast} evaluations
         * breached (default 1 of 1), so a single spike or a single good sample does not decide.
         */
        public Builder breaches(int required, int ofLast) {
            if (ofLast < 1 || ofLast > MAX_EVALUATIONS) {
                throw new IllegalArgumentException("ofLast must be between 1 and " + MAX_EVALUATIONS + ", was " + ofLast);
            }
            if (required < 1 || required > ofLast) {
                throw new IllegalArgumentException("required must be between 1 and ofLast (" + ofLast + "), was " + required);
            }
            this.breachesRequired = required;
            this.evaluationsCounted = ofLast;
            return this;
        }

        /** What an evaluation without data counts as (default {@link FallbackState#OK}). */
        public Builder onNoData(FallbackState onNoData) {
            this.onNoData = Objects.requireNonNull(onNoData, "onNoData");
            return this;
        }

        /** What a failed evaluation counts as (default {@link FallbackState#ALERTING}). */
        public Builder onError(FallbackState onError) {
            this.onError = Objects.requireNonNull(onError, "onError");
            return this;
        }

        /** How often this rule is evaluated (default: the engine's interval); at least 1 s, at most 30 days. */
        public Builder interval(Duration interval) {
            this.interval = requireInterval("interval", interval);
            return this;
        }

        /** The severity of the fired alert (default {@link AlertSeverity#HIGH}). */
        public Builder severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Adds or replaces a label of the fired alert: {@code name} is a {@linkplain Names#requireLabelKey label key},
         * and both are validated as {@link Alert.Builder#label(String, String)} does.
         */
        public Builder label(String name, String value) {
            Names.requireLabelKey("label name of rule '" + this.name + "'", name);
            Alert.builder(this.name).label(name, value); // same rules as the alert's labels
            labels.put(name, value);
            return this;
        }

        /** Adds every entry of {@code labels} as by {@link #label(String, String)}. */
        public Builder labels(Map<String, String> labels) {
            Objects.requireNonNull(labels, "labels");
            labels.forEach(this::label);
            return this;
        }

        /** Adds or replaces an annotation of the fired alert, e.g. a runbook link. */
        public Builder annotation(String name, String value) {
            Alert.builder(this.name).annotation(name, value);
            annotations.put(name, value);
            return this;
        }

        /** The summary template (default {@code "{{name}}: {{signal}} is {{value}}, {{condition}}"}). */
        public Builder summary(String template) {
            this.summary = SummaryTemplate.parse(Objects.requireNonNull(template, "summary"), "summary", PLACEHOLDERS);
            return this;
        }

        /** A description template for the fired alert (default none). */
        public Builder description(String template) {
            this.description = SummaryTemplate.parse(Objects.requireNonNull(template, "description"), "description",
                    PLACEHOLDERS);
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalArgumentException if the signal or threshold is missing, or the clear threshold is on
         *     the wrong side of the fire threshold
         */
        public AlertRule build() {
            if (signal == null) {
                throw new IllegalArgumentException("rule '" + name + "' needs a signal, e.g. signal(RuleSignal.gauge(\"jvm.threads.live\"))");
            }
            if (!thresholdSet) {
                throw new IllegalArgumentException("rule '" + name + "' needs a threshold: call above(...) or below(...)");
            }
            if (clearThreshold != null) {
                if (above && clearThreshold > threshold) {
                    throw new IllegalArgumentException("rule '" + name + "' fires above " + RuleTexts.number(threshold)
                            + ", so its clear threshold must not be higher (use clearBelow), was "
                            + RuleTexts.number(clearThreshold));
                }
                if (!above && clearThreshold < threshold) {
                    throw new IllegalArgumentException("rule '" + name + "' fires below " + RuleTexts.number(threshold)
                            + ", so its clear threshold must not be lower (use clearAbove), was "
                            + RuleTexts.number(clearThreshold));
                }
            }
            if (!groupBy.isEmpty()) {
                if (!signal.readsMeters()) {
                    throw new IllegalArgumentException("rule '" + name + "' groups by " + groupBy + " but its signal ("
                            + signal.description() + ") reads no meters; group a gauge, rate, increase, ratio or "
                            + "percentile signal");
                }
                for (String key : groupBy) {
                    if (labels.containsKey(key)) {
                        throw new IllegalArgumentException("rule '" + name + "' groups by '" + key
                                + "', which is also one of its fixed labels; remove the label or the key");
                    }
                }
            }
            Alert identity = Alert.builder(name).labels(labels).build();
            return new AlertRule(this, identity);
        }

        private static double finite(String name, double value) {
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " must be a finite number, was " + value);
            }
            return value;
        }
    }
}
