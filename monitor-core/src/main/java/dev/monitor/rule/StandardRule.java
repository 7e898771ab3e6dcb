package dev.monitor.rule;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.rule.internal.RuleTexts;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The meter-based rules of {@link StandardRules}, with what each may be tuned to: the values its threshold may take
 * (a share, seconds or a count) and, for a rule reading a rate over a window, the longest interval it may be evaluated
 * at. {@link #tune()} derives a rule with changed values and refuses any it may not take.
 *
 * <pre>{@code
 * rules.add(StandardRule.HIGH_ERROR_RATE.tune().threshold(0.02).pendingFor(Duration.ofMinutes(1)).build());
 * }</pre>
 *
 * <p>The checks are public and take the option's name, as {@link dev.monitor.config.DurationLimits}' do, so that an
 * adapter reports the very same refusal under its property name: {@code StandardRule.HIGH_ERROR_RATE.tune()
 * .threshold(5)} and {@code monitor.rules.standard.high-error-rate.threshold=5} both say "... must be a share above 0
 * and at most 1 (0.05 is 5 %), was 5.0".
 */
public enum StandardRule {
    /** {@link StandardRules#highErrorRate()}: a share of requests. */
    HIGH_ERROR_RATE(StandardRules::highErrorRate, Range.SHARE),
    /** {@link StandardRules#highLatencyP95()}: seconds. */
    HIGH_LATENCY_P95(StandardRules::highLatencyP95, Range.SECONDS),
    /** {@link StandardRules#highLatencyP99()}: seconds. */
    HIGH_LATENCY_P99(StandardRules::highLatencyP99, Range.SECONDS),
    /** {@link StandardRules#heapUsage()}: a share of the heap. */
    HEAP_USAGE(StandardRules::heapUsage, Range.SHARE),
    /** {@link StandardRules#diskUsage()}: a share of the fullest disk. */
    DISK_USAGE(StandardRules::diskUsage, Range.SHARE),
    /** {@link StandardRules#connectionPoolSaturation()}: a share of the fullest pool. */
    CONNECTION_POOL_SATURATION(StandardRules::connectionPoolSaturation, Range.SHARE),
    /** {@link StandardRules#slowQueries()}: a count per minute. */
    SLOW_QUERIES(StandardRules::slowQueries, Range.COUNT),
    /** {@link StandardRules#failedLogins()}: a count per minute. */
    FAILED_LOGINS(StandardRules::failedLogins, Range.COUNT),
    /** {@link StandardRules#highCpuUsage()}: a share of all cores. */
    HIGH_CPU_USAGE(StandardRules::highCpuUsage, Range.SHARE),
    /** {@link StandardRules#trafficSpike()}: a multiple of the baseline request rate, above 1. */
    TRAFFIC_SPIKE(StandardRules::trafficSpike, Range.FACTOR),
    /** {@link StandardRules#emailDeliveryFailures()}: a count of failed attempts in 15 minutes. */
    EMAIL_DELIVERY_FAILURES(StandardRules::emailDeliveryFailures, Range.COUNT);

    /** The values a threshold may take. */
    private enum Range {
        SHARE("a share above 0 and at most 1 (0.05 is 5 %)"),
        SECONDS("a number of seconds above 0"),
        COUNT("a count of 0 or more"),
        FACTOR("a factor above 1 (3 is three times the usual)");

        private final String text;

        Range(String text) {
            this.text = text;
        }

        boolean contains(double value) {
            return switch (this) {
                case SHARE -> value > 0 && value <= 1;
                case SECONDS -> value > 0 && Double.isFinite(value);
                case COUNT -> value >= 0 && Double.isFinite(value);
                case FACTOR -> value > 1 && Double.isFinite(value);
            };
        }
    }

    private final Supplier<AlertRule> defaults;
    private final Range range;

    StandardRule(Supplier<AlertRule> defaults, Range range) {
        this.defaults = defaults;
        this.range = range;
    }

    /** The rule with the pack's defaults, as {@link StandardRules} builds it. */
    public AlertRule defaults() {
        return defaults.get();
    }

    /** The window of the rate this rule reads, or {@code null} when it reads none. */
    public @Nullable Duration window() {
        return defaults().signal().window();
    }

    /**
     * Returns {@code threshold} if this rule may fire above it.
     *
     * @param option the option's name as the user wrote it ({@code "threshold"})
     * @throws IllegalArgumentException naming the option, the value and the values allowed
     */
    public double requireThreshold(String option, double threshold) {
        if (!range.contains(threshold)) {
            throw new IllegalArgumentException(option + " must be " + range.text + ", was " + threshold);
        }
        return threshold;
    }

    /**
     * Returns {@code clearThreshold} if this rule, firing above {@code threshold}, may clear below it: 0 or more and
     * not above the threshold.
     *
     * @param option the option's name as the user wrote it ({@code "clearThreshold"})
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    public double requireClearThreshold(String option, double clearThreshold, double threshold) {
        if (!Double.isFinite(clearThreshold) || clearThreshold < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, was " + clearThreshold);
        }
        if (clearThreshold > threshold) {
            throw new IllegalArgumentException(option + " must not be above the threshold (" + threshold
                    + "): the rule fires above the threshold and clears below this value, was " + clearThreshold);
        }
        return clearThreshold;
    }

    /**
     * Returns {@code interval} if this rule may be evaluated at it: a valid {@linkplain AlertRule#requireInterval rule
     * interval}, and for a rule reading a rate over a window, not longer than the window (the engine refuses such a
     * rule, see {@link RuleEngine#add(AlertRule)}).
     *
     * @param option the option's name as the user wrote it ({@code "interval"})
     * @param rule how the user turned this rule on, for the message ({@code "HighErrorRate"})
     * @throws IllegalArgumentException naming the option, the value and the bound
     */
    public Duration requireInterval(String option, @Nullable Duration interval, String rule) {
        Duration checked = AlertRule.requireInterval(option, interval);
        Duration window = window();
        if (window != null && checked.compareTo(window) > 0) {
            throw new IllegalArgumentException(option + " must be at most " + RuleTexts.duration(window) + " while " + rule
                    + " is on: the rule reads a rate over " + RuleTexts.duration(window)
                    + " (switch it off or give it a shorter interval), was " + checked);
        }
        return checked;
    }

    /** A builder deriving this rule with changed values; unset values keep the defaults. */
    public Tuning tune() {
        return new Tuning(this);
    }

    /** Derives a {@link StandardRule} with changed values; every setter checks its argument. */
    public static final class Tuning {
        private final StandardRule rule;
        private final AlertRule base;
        private @Nullable Double threshold;
        private @Nullable Double clearThreshold;
        private @Nullable Duration pendingFor;
        private @Nullable AlertSeverity severity;
        private @Nullable Duration interval;
        private final Map<String, String> labels = new TreeMap<>();

        private Tuning(StandardRule rule) {
            this.rule = rule;
            this.base = rule.defaults();
        }

        /**
         * The value above which the rule breaches. Without a {@link #clearThreshold(double)}, the rule keeps its
         * hysteresis: it clears at the same proportion of the new threshold.
         */
        public Tuning threshold(double threshold) {
            this.threshold = rule.requireThreshold("threshold", threshold);
            return this;
        }

        /** Once pending or firing, the rule clears only below this value; 0 or more, not above the threshold. */
        public Tuning clearThreshold(double clearThreshold) {
            this.clearThreshold = clearThreshold;
            return this;
        }

        /** How long the rule must breach before its alert fires; 0 to 30 days. */
        public Tuning pendingFor(Duration pendingFor) {
            this.pendingFor = AlertRule.requireDuration("pendingFor", pendingFor);
            return this;
        }

        /** The severity of the alert. */
        public Tuning severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** How often the rule is evaluated; 1 s to 30 days, and at most the window of a rule reading a rate. */
        public Tuning interval(Duration interval) {
            this.interval = rule.requireInterval("interval", interval, base.name());
            return this;
        }

        /**
         * Adds a label to the alert, as {@link AlertRule.Builder#label(String, String)} does; not one of
         * {@link StandardRules#RESERVED_LABELS}, which the pack's rules set themselves, as the labels of a pack go on
         * every rule of it.
         */
        public Tuning label(String name, String value) {
            AlertRule.from(base).label(name, value); // refuses as the rule would
            StandardRules.requirePackLabel("label name", name);
            labels.put(name, value);
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalArgumentException if the clear threshold is refused by
         *     {@link StandardRule#requireClearThreshold(String, double, double)}
         */
        public AlertRule build() {
            AlertRule.Builder builder = AlertRule.from(base);
            double effective = threshold != null ? threshold : base.threshold();
            Double baseClear = base.clearThreshold();
            if (clearThreshold != null) {
                builder.clearBelow(rule.requireClearThreshold("clearThreshold", clearThreshold, effective));
            } else if (threshold != null && baseClear != null) {
                builder.clearBelow(baseClear / base.threshold() * threshold); // the same proportion of the new threshold
            }
            if (threshold != null) {
                builder.above(threshold);
            }
            if (pendingFor != null) {
                builder.pendingFor(pendingFor);
            }
            if (severity != null) {
                builder.severity(severity);
            }
            if (interval != null) {
                builder.interval(interval);
            }
            labels.forEach(builder::label);
            return builder.build();
        }
    }
}
