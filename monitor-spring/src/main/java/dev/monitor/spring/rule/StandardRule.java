package dev.monitor.spring.rule;

import dev.monitor.rule.AlertRule;
import dev.monitor.rule.StandardRules;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The meter-based rules of {@link StandardRules}, each with its properties under
 * {@code monitor.rules.standard.<property>}: which values its threshold may take, and whether it reads a rate over a
 * window (then its interval must not be longer than the window).
 */
enum StandardRule {
    HIGH_ERROR_RATE("highErrorRate", StandardRules::highErrorRate, Range.SHARE, true),
    HIGH_LATENCY_P95("highLatencyP95", StandardRules::highLatencyP95, Range.POSITIVE, false),
    HIGH_LATENCY_P99("highLatencyP99", StandardRules::highLatencyP99, Range.POSITIVE, false),
    HEAP_USAGE("heapUsage", StandardRules::heapUsage, Range.SHARE, false),
    DISK_USAGE("diskUsage", StandardRules::diskUsage, Range.SHARE, false),
    CONNECTION_POOL_SATURATION("connectionPoolSaturation", StandardRules::connectionPoolSaturation, Range.SHARE, false),
    SLOW_QUERIES("slowQueries", StandardRules::slowQueries, Range.COUNT, true),
    FAILED_LOGINS("failedLogins", StandardRules::failedLogins, Range.COUNT, true);

    /** The window of the rules that read a rate or an increase. */
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** The values a threshold may take. */
    enum Range {
        /** A share, above 0 and at most 1 (0.05 is 5 %). */
        SHARE,
        /** Seconds, above 0. */
        POSITIVE,
        /** A count, 0 or more. */
        COUNT
    }

    private final String beanPath;
    private final Supplier<AlertRule> standard;
    private final Range range;
    private final boolean windowed;

    StandardRule(String beanPath, Supplier<AlertRule> standard, Range range, boolean windowed) {
        this.beanPath = beanPath;
        this.standard = standard;
        this.range = range;
        this.windowed = windowed;
    }

    /** The rule as {@link StandardRules} defines it. */
    AlertRule standard() {
        return standard.get();
    }

    /** Whether this rule reads the request monitor's latency percentiles. */
    boolean readsLatencyPercentile() {
        return this == HIGH_LATENCY_P95 || this == HIGH_LATENCY_P99;
    }

    /** The percentile this rule reads, for the latency rules. */
    double percentile() {
        return this == HIGH_LATENCY_P99 ? 0.99 : 0.95;
    }

    /** The standard rule with the values set in {@code settings} and the given labels. */
    AlertRule build(MonitorRulesProperties.Rule settings, Map<String, String> labels) {
        AlertRule base = standard();
        AlertRule.Builder builder = AlertRule.from(base);
        Double threshold = settings.getThreshold();
        if (threshold != null) {
            builder.above(threshold);
            Double baseClear = base.clearThreshold();
            if (settings.getClearThreshold() == null && baseClear != null) {
                // keep the standard rule's hysteresis: the same proportion of the new threshold
                builder.clearBelow(baseClear / base.threshold() * threshold);
            }
        }
        if (settings.getClearThreshold() != null) {
            builder.clearBelow(settings.getClearThreshold());
        }
        if (settings.getPendingFor() != null) {
            builder.pendingFor(settings.getPendingFor());
        }
        if (settings.getSeverity() != null) {
            builder.severity(settings.getSeverity());
        }
        if (settings.getInterval() != null) {
            builder.interval(settings.getInterval());
        }
        labels.forEach(builder::label);
        return builder.build();
    }

    /** Checks the rule's properties; {@code engineInterval} is {@code monitor.rules.interval}. */
    void validate(MonitorRulesProperties.Rule settings, @Nullable Duration engineInterval, PropertyChecks checks) {
        String path = "standard." + beanPath;
        AlertRule base = standard();
        Double threshold = settings.getThreshold();
        if (threshold != null) {
            boolean valid = switch (range) {
                case SHARE -> threshold > 0 && threshold <= 1;
                case POSITIVE -> threshold > 0 && Double.isFinite(threshold);
                case COUNT -> threshold >= 0 && Double.isFinite(threshold);
            };
            if (!valid) {
                checks.reject(path + ".threshold", threshold, switch (range) {
                    case SHARE -> "must be a share above 0 and at most 1 (0.05 is 5 %)";
                    case POSITIVE -> "must be a number of seconds above 0";
                    case COUNT -> "must be a count of 0 or more";
                });
            }
        }
        Double clear = settings.getClearThreshold();
        if (clear != null) {
            double effective = threshold != null ? threshold : base.threshold();
            if (!Double.isFinite(clear) || clear < 0) {
                checks.reject(path + ".clearThreshold", clear, "must be 0 or more");
            } else if (clear > effective) {
                checks.reject(path + ".clearThreshold", clear, "must not be above the threshold (" + effective
                        + "): the rule fires above the threshold and clears below this value");
            }
        }
        Duration pendingFor = settings.getPendingFor();
        if (pendingFor != null) {
            MonitorRulesProperties.ruleDuration(checks, path + ".pendingFor", pendingFor);
        }
        Duration interval = settings.getInterval();
        if (interval != null) {
            MonitorRulesProperties.interval(checks, path + ".interval", interval);
        }
        Duration effectiveInterval = interval != null ? interval : engineInterval;
        if (settings.isEnabled() && windowed && effectiveInterval != null && effectiveInterval.compareTo(WINDOW) > 0) {
            checks.reject(interval != null ? path + ".interval" : "interval", effectiveInterval,
                    "must be at most 1m while monitor.rules.standard." + checks.name(beanPath).substring(
                            "monitor.rules.".length()) + " is on: the rule reads a rate over 1 minute (switch it off or "
                            + "give it a shorter interval)");
        }
    }
}
