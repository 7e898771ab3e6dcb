package dev.monitor.rule;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.Names;
import dev.monitor.health.HealthRegistry;
import dev.monitor.rule.internal.SummaryTemplate;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Health-driven alerts: a check of a {@link HealthRegistry} whose reported status turns to {@code fail}
 * fires an alert (one per check, label {@code check}), and its return to {@code pass} or {@code warn}
 * resolves it. The check's own hysteresis applies first ({@code CheckOptions.failureThreshold} and
 * {@code successThreshold}): the rule acts on the status the registry reports, after those thresholds.
 *
 * <pre>{@code
 * rules.add(HealthAlertRule.builder(health).pendingFor(Duration.ofMinutes(1)).build());
 * }</pre>
 *
 * <ul>
 *   <li><b>Pending duration</b>: a check must be reported failing for {@link #pendingFor()} before its
 *       alert fires (default 0: at once).</li>
 *   <li><b>Startup grace</b>: for {@link #startupGrace()} after the rule is added to a running engine, nothing
 *       fires; checks still failing when it ends fire then.</li>
 *   <li><b>Shutdown</b>: once the registry is {@linkplain HealthRegistry#isShuttingDown() shutting down}, no
 *       new alert fires (checks fail while dependencies close); alerts already firing stay until their
 *       check passes.</li>
 *   <li><b>Refresh</b>: on-request checks run only when someone asks; with {@link #refreshChecks()} (default)
 *       the rule asks for a report at every interval, so they run even when no probe calls
 *       {@code /health}. Transitions are acted on as they happen; the interval drives pending durations.</li>
 * </ul>
 *
 * <p>Critical checks fire with {@link #criticalSeverity()} (default CRITICAL), others with
 * {@link #nonCriticalSeverity()} (default MEDIUM), unless {@link #criticalOnly()}. The summary template
 * takes {@code {{name}}}, {@code {{check}}}, {@code {{error}}} (the check's scrubbed error), {@code {{for}}},
 * {@code {{severity}}} and {@code {{labels.NAME}}}.
 */
public final class HealthAlertRule {

    /** Placeholders of the summary template besides {@code labels.NAME}. */
    public static final Set<String> PLACEHOLDERS = Set.of("name", "check", "error", "for", "severity");
    /** Default alert name. */
    public static final String DEFAULT_NAME = "HealthCheckFailing";

    private final String name;
    private final HealthRegistry registry;
    private final Duration pendingFor;
    private final Duration startupGrace;
    private final boolean criticalOnly;
    private final AlertSeverity criticalSeverity;
    private final AlertSeverity nonCriticalSeverity;
    private final boolean refreshChecks;
    private final @Nullable Duration interval;
    private final Map<String, String> labels;
    private final SummaryTemplate summary;

    private HealthAlertRule(Builder builder) {
        this.name = builder.name;
        this.registry = builder.registry;
        this.pendingFor = builder.pendingFor;
        this.startupGrace = builder.startupGrace;
        this.criticalOnly = builder.criticalOnly;
        this.criticalSeverity = builder.criticalSeverity;
        this.nonCriticalSeverity = builder.nonCriticalSeverity;
        this.refreshChecks = builder.refreshChecks;
        this.interval = builder.interval;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(builder.labels));
        this.summary = builder.summary;
    }

    /** A builder for alerts on the checks of {@code registry}, with the defaults described above. */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(registry);
    }

    /** A builder holding every setting of {@code base}. */
    public static Builder from(HealthAlertRule base) {
        Objects.requireNonNull(base, "base");
        Builder builder = new Builder(base.registry);
        builder.name = base.name;
        builder.pendingFor = base.pendingFor;
        builder.startupGrace = base.startupGrace;
        builder.criticalOnly = base.criticalOnly;
        builder.criticalSeverity = base.criticalSeverity;
        builder.nonCriticalSeverity = base.nonCriticalSeverity;
        builder.refreshChecks = base.refreshChecks;
        builder.interval = base.interval;
        builder.labels.putAll(base.labels);
        builder.summary = base.summary;
        return builder;
    }

    /** The alert name (default {@value #DEFAULT_NAME}). */
    public String name() {
        return name;
    }

    /** The registry whose checks are watched. */
    public HealthRegistry registry() {
        return registry;
    }

    /** How long a check must be reported failing before its alert fires. */
    public Duration pendingFor() {
        return pendingFor;
    }

    /** How long after the rule is added nothing fires. */
    public Duration startupGrace() {
        return startupGrace;
    }

    /** Whether only critical checks fire alerts. */
    public boolean criticalOnly() {
        return criticalOnly;
    }

    /** The severity for a critical check. */
    public AlertSeverity criticalSeverity() {
        return criticalSeverity;
    }

    /** The severity for a non-critical check. */
    public AlertSeverity nonCriticalSeverity() {
        return nonCriticalSeverity;
    }

    /** Whether the rule asks the registry for a report at every interval, so on-request checks run. */
    public boolean refreshChecks() {
        return refreshChecks;
    }

    /** The rule's own interval, or {@code null} for the engine's. */
    public @Nullable Duration interval() {
        return interval;
    }

    /** Labels added to every alert (besides {@code check}). */
    public Map<String, String> labels() {
        return labels;
    }

    /** The summary template. */
    public String summary() {
        return summary.source();
    }

    SummaryTemplate summaryTemplate() {
        return summary;
    }

    @Override
    public String toString() {
        return "HealthAlertRule{" + name + ", pendingFor=" + pendingFor + ", startupGrace=" + startupGrace
                + ", criticalOnly=" + criticalOnly + '}';
    }

    /** Builds a {@link HealthAlertRule}; every setter validates its argument. */
    public static final class Builder {
        private String name = DEFAULT_NAME;
        private final HealthRegistry registry;
        private Duration pendingFor = Duration.ZERO;
        private Duration startupGrace = Duration.ofMinutes(1);
        private boolean criticalOnly;
        private AlertSeverity criticalSeverity = AlertSeverity.CRITICAL;
        private AlertSeverity nonCriticalSeverity = AlertSeverity.MEDIUM;
        private boolean refreshChecks = true;
        private @Nullable Duration interval;
        private final TreeMap<String, String> labels = new TreeMap<>();
        private SummaryTemplate summary = SummaryTemplate.parse("health check {{check}} is failing: {{error}}", "summary",
                PLACEHOLDERS);

        private Builder(HealthRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** The alert name (default {@value HealthAlertRule#DEFAULT_NAME}); a {@linkplain Names name}. */
        public Builder name(String name) {
            this.name = Names.requireName("rule name", name);
            return this;
        }

        /** How long a check must be reported failing before its alert fires (default 0); at most 30 days. */
        public Builder pendingFor(Duration pendingFor) {
            this.pendingFor = AlertRule.requireDuration("pendingFor", pendingFor);
            return this;
        }

        /** How long after the rule is added nothing fires (default 1 minute; 0 turns it off); at most 30 days. */
        public Builder startupGrace(Duration startupGrace) {
            this.startupGrace = AlertRule.requireDuration("startupGrace", startupGrace);
            return this;
        }

        /** Whether only critical checks fire alerts (default false). */
        public Builder criticalOnly(boolean criticalOnly) {
            this.criticalOnly = criticalOnly;
            return this;
        }

        /** The severity for a critical check (default CRITICAL). */
        public Builder criticalSeverity(AlertSeverity severity) {
            this.criticalSeverity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** The severity for a non-critical check (default MEDIUM). */
        public Builder nonCriticalSeverity(AlertSeverity severity) {
            this.nonCriticalSeverity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** Whether to ask the registry for a report at every interval so on-request checks run (default true). */
        public Builder refreshChecks(boolean refreshChecks) {
            this.refreshChecks = refreshChecks;
            return this;
        }

        /** How often the rule refreshes and re-examines the checks (default: the engine's interval); at least 1 s. */
        public Builder interval(Duration interval) {
            this.interval = AlertRule.requireInterval("interval", interval);
            return this;
        }

        /** Adds a label to every alert ({@code name} a {@linkplain Names#requireLabelKey label key}); {@code check} is set by the rule. */
        public Builder label(String name, String value) {
            Names.requireLabelKey("label name of rule '" + this.name + "'", name);
            if ("check".equals(name)) {
                throw new IllegalArgumentException("label 'check' is set by the rule to the check's name");
            }
            Alert.builder(this.name).label(name, value);
            labels.put(name, value);
            return this;
        }

        /** The summary template (default {@code "health check {{check}} is failing: {{error}}"}). */
        public Builder summary(String template) {
            this.summary = SummaryTemplate.parse(Objects.requireNonNull(template, "summary"), "summary", PLACEHOLDERS);
            return this;
        }

        /** Builds the rule. */
        public HealthAlertRule build() {
            return new HealthAlertRule(this);
        }
    }
}
