package dev.monitor.spring.rule;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.Names;
import dev.monitor.health.check.BackupFreshnessHealthCheck;
import dev.monitor.rule.AlertRule;
import dev.monitor.rule.StandardRule;
import dev.monitor.rule.StandardRules;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Alert rules, under {@code monitor.rules}: the standard rule pack (each rule on by default, with overridable threshold,
 * clear threshold, pending duration, severity and interval), the health-driven rule, TLS certificate and backup rules.
 */
@ConfigurationProperties("monitor.rules")
public class MonitorRulesProperties implements Validator {

    /** Whether the rule engine, the standard rules and the health rule are configured (needs alerts). */
    private boolean enabled = true;

    /** How often rules are evaluated, unless a rule sets its own interval; 1s to 30d. */
    private Duration interval = Duration.ofSeconds(30);

    /**
     * Labels added to the alerts of every rule configured here, besides "service" (the service name, always added
     * unless set here). Keys are Prometheus label names.
     */
    private Map<String, String> labels = new LinkedHashMap<>();

    /** The standard rule pack. */
    private final Standard standard = new Standard();

    /** The health-driven rule: a check reported failing fires an alert, its recovery resolves it. */
    private final Health health = new Health();

    /**
     * https URLs whose certificate chain is checked hourly; each fires TlsCertificateExpiring when it expires in less
     * than 30 days.
     */
    private List<String> tlsCertificates = new ArrayList<>();

    /** Backup directories; each fires BackupTooOld when its newest matching file is older than 24 hours. */
    private List<Backup> backups = new ArrayList<>();

    /** Whether rules are configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether rules are configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The evaluation interval. */
    public Duration getInterval() {
        return interval;
    }

    /** Sets the evaluation interval. */
    public void setInterval(Duration interval) {
        this.interval = interval;
    }

    /** Labels added to every rule's alerts. */
    public Map<String, String> getLabels() {
        return labels;
    }

    /** Sets the labels added to every rule's alerts. */
    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    /** The standard rule pack. */
    public Standard getStandard() {
        return standard;
    }

    /** The health-driven rule. */
    public Health getHealth() {
        return health;
    }

    /** The URLs whose certificates are checked. */
    public List<String> getTlsCertificates() {
        return tlsCertificates;
    }

    /** Sets the URLs whose certificates are checked. */
    public void setTlsCertificates(List<String> tlsCertificates) {
        this.tlsCertificates = tlsCertificates;
    }

    /** The backup directories. */
    public List<Backup> getBackups() {
        return backups;
    }

    /** Sets the backup directories. */
    public void setBackups(List<Backup> backups) {
        this.backups = backups;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorRulesProperties.class.isAssignableFrom(type);
    }

    /**
     * Validates the bound values with core's checks (what a rule may be is core's to say); a bad value fails startup
     * with core's message, given the property's name.
     */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorRulesProperties properties = (MonitorRulesProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.rules", errors);
        boolean validInterval = checks.valid("interval", properties.interval, AlertRule::requireInterval);
        if (properties.labels == null) {
            checks.reject("labels", null, "must not be null");
        } else {
            properties.labels.forEach((name, value) -> {
                if (name == null || !Names.isValidLabelKey(name)) {
                    checks.validLabelKey("labels", name);
                    return;
                }
                if (!checks.validEntry("labels", name, StandardRules::requirePackLabel)) {
                    return;
                }
                try {
                    Alert.builder("Rule").label(name, value);
                } catch (IllegalArgumentException | NullPointerException e) {
                    checks.rejectEntry("labels", name, value, "is not a valid label (" + e.getMessage() + ")");
                }
            });
        }
        for (StandardRule rule : StandardRule.values()) {
            validate(rule, properties.standard.get(rule), validInterval ? properties.interval : null, checks);
        }
        DatabaseSize databaseSize = properties.standard.databaseSize;
        if (databaseSize.enabled && databaseSize.threshold == null) {
            checks.reject("standard.databaseSize.threshold", null, "must be set when the rule is enabled (e.g. 10GB)");
        } else if (databaseSize.threshold != null) {
            checks.valid("standard.databaseSize.threshold", databaseSize.threshold.toBytes(), StandardRules::requireBytes);
        }
        if (databaseSize.pendingFor != null) {
            checks.valid("standard.databaseSize.pendingFor", databaseSize.pendingFor, AlertRule::requireDuration);
        }
        if (databaseSize.interval != null) {
            checks.valid("standard.databaseSize.interval", databaseSize.interval, AlertRule::requireInterval);
        }
        Health health = properties.health;
        checks.validName("health.name", health.name);
        checks.valid("health.pendingFor", health.pendingFor, AlertRule::requireDuration);
        checks.valid("health.startupGrace", health.startupGrace, AlertRule::requireDuration);
        if (health.interval != null) {
            checks.valid("health.interval", health.interval, AlertRule::requireInterval);
        }
        if (properties.tlsCertificates == null) {
            checks.reject("tlsCertificates", null, "must not be null");
        } else {
            for (int i = 0; i < properties.tlsCertificates.size(); i++) {
                checks.valid("tlsCertificates[" + i + "]", properties.tlsCertificates.get(i),
                        StandardRules::requireHttpsUrl);
            }
        }
        if (properties.backups == null) {
            checks.reject("backups", null, "must not be null");
        } else {
            for (int i = 0; i < properties.backups.size(); i++) {
                Backup backup = properties.backups.get(i);
                checks.valid("backups[" + i + "].directory", backup.directory, BackupFreshnessHealthCheck::requireDirectory);
                checks.valid("backups[" + i + "].glob", backup.glob, BackupFreshnessHealthCheck::requireGlob);
            }
        }
    }

    /**
     * Checks the properties of a standard rule with core's checks; {@code engineInterval} is {@code interval} when it
     * passed its own check.
     */
    private static void validate(StandardRule rule, Rule settings, @Nullable Duration engineInterval,
            PropertyChecks checks) {
        String path = path(rule);
        Double threshold = settings.threshold;
        if (threshold != null) {
            checks.valid(path + ".threshold", threshold, rule::requireThreshold);
        }
        if (settings.clearThreshold != null) {
            double effective = threshold != null ? threshold : rule.defaults().threshold();
            checks.valid(path + ".clearThreshold", settings.clearThreshold,
                    (name, clear) -> rule.requireClearThreshold(name, clear, effective));
        }
        if (settings.pendingFor != null) {
            checks.valid(path + ".pendingFor", settings.pendingFor, AlertRule::requireDuration);
        }
        String enabledAs = checks.name(path);
        if (settings.interval != null && !settings.enabled) {
            checks.valid(path + ".interval", settings.interval, AlertRule::requireInterval);
        } else if (settings.interval != null) {
            checks.valid(path + ".interval", settings.interval,
                    (name, interval) -> rule.requireInterval(name, interval, enabledAs));
        } else if (settings.enabled && engineInterval != null) {
            checks.valid("interval", engineInterval, (name, interval) -> rule.requireInterval(name, interval, enabledAs));
        }
    }

    /** The bean path of a standard rule's properties: {@code HIGH_ERROR_RATE} → {@code standard.highErrorRate}. */
    static String path(StandardRule rule) {
        StringBuilder path = new StringBuilder("standard.");
        boolean upper = false;
        for (char c : rule.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                path.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return path.toString();
    }

    /** The standard rule pack, one entry per {@link StandardRule}. */
    public static class Standard {

        /** HighErrorRate: the share of requests answered with a 5xx over the last minute. */
        private final Rule highErrorRate = new Rule();

        /** HighLatencyP95: the 95th percentile of http.server.requests, in seconds. */
        private final Rule highLatencyP95 = new Rule();

        /** HighLatencyP99: the 99th percentile of http.server.requests, in seconds. */
        private final Rule highLatencyP99 = new Rule();

        /** HighHeapUsage: the share of the maximum heap in use (0 to 1). */
        private final Rule heapUsage = new Rule();

        /** HighDiskUsage: the share of the fullest disk in use (0 to 1). */
        private final Rule diskUsage = new Rule();

        /** ConnectionPoolSaturated: the share of the fullest connection pool in use (0 to 1). */
        private final Rule connectionPoolSaturation = new Rule();

        /** SlowQueries: slow statements in the last minute. */
        private final Rule slowQueries = new Rule();

        /** FailedLogins: failed authentications (401/403 answers) in the last minute. */
        private final Rule failedLogins = new Rule();

        /** HighCpuUsage: the process's share of all cores (process.cpu.usage, 0 to 1). Off unless enabled. */
        private final Rule highCpuUsage = new Rule(false);

        /**
         * TrafficSpike: the request rate of the last 5 minutes as a multiple of the median rate of the hour before (at
         * least 1 request/s). Off unless enabled.
         */
        private final Rule trafficSpike = new Rule(false);

        /**
         * EmailDeliveryFailing: failed delivery attempts of the alert channel "email" in the last 15 minutes. Off unless
         * enabled.
         */
        private final Rule emailDeliveryFailures = new Rule(false);

        /** DatabaseTooLarge: the size of the application's database (the DataSource bean). Off unless enabled. */
        private final DatabaseSize databaseSize = new DatabaseSize();

        /** HighErrorRate. */
        public Rule getHighErrorRate() {
            return highErrorRate;
        }

        /** HighLatencyP95. */
        public Rule getHighLatencyP95() {
            return highLatencyP95;
        }

        /** HighLatencyP99. */
        public Rule getHighLatencyP99() {
            return highLatencyP99;
        }

        /** HighHeapUsage. */
        public Rule getHeapUsage() {
            return heapUsage;
        }

        /** HighDiskUsage. */
        public Rule getDiskUsage() {
            return diskUsage;
        }

        /** ConnectionPoolSaturated. */
        public Rule getConnectionPoolSaturation() {
            return connectionPoolSaturation;
        }

        /** SlowQueries. */
        public Rule getSlowQueries() {
            return slowQueries;
        }

        /** FailedLogins. */
        public Rule getFailedLogins() {
            return failedLogins;
        }

        /** HighCpuUsage. */
        public Rule getHighCpuUsage() {
            return highCpuUsage;
        }

        /** TrafficSpike. */
        public Rule getTrafficSpike() {
            return trafficSpike;
        }

        /** EmailDeliveryFailing. */
        public Rule getEmailDeliveryFailures() {
            return emailDeliveryFailures;
        }

        /** DatabaseTooLarge. */
        public DatabaseSize getDatabaseSize() {
            return databaseSize;
        }

        Rule get(StandardRule rule) {
            return switch (rule) {
                case HIGH_ERROR_RATE -> highErrorRate;
                case HIGH_LATENCY_P95 -> highLatencyP95;
                case HIGH_LATENCY_P99 -> highLatencyP99;
                case HEAP_USAGE -> heapUsage;
                case DISK_USAGE -> diskUsage;
                case CONNECTION_POOL_SATURATION -> connectionPoolSaturation;
                case SLOW_QUERIES -> slowQueries;
                case FAILED_LOGINS -> failedLogins;
                case HIGH_CPU_USAGE -> highCpuUsage;
                case TRAFFIC_SPIKE -> trafficSpike;
                case EMAIL_DELIVERY_FAILURES -> emailDeliveryFailures;
            };
        }
    }

    /** One rule of the standard pack; every value left unset keeps the standard rule's. */
    public static class Rule {

        /** Whether the rule is evaluated. */
        private boolean enabled = true;

        /** The value above which the rule breaches. Unset: the standard rule's. */
        private @Nullable Double threshold;

        /**
         * Once pending or firing, the rule clears only below this value. Unset: the standard rule's, or, when the
         * threshold is changed, the same proportion of the new threshold.
         */
        private @Nullable Double clearThreshold;

        /** How long the rule must breach before its alert fires. Unset: the standard rule's. */
        private @Nullable Duration pendingFor;

        /** Severity of the alert. Unset: the standard rule's. */
        private @Nullable AlertSeverity severity;

        /** How often the rule is evaluated. Unset: monitor.rules.interval. */
        private @Nullable Duration interval;

        /** A rule of the pack that is on unless switched off. */
        public Rule() {
            this(true);
        }

        /** A rule of the pack, on or off unless set. */
        Rule(boolean enabled) {
            this.enabled = enabled;
        }

        /** Whether the rule is evaluated. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the rule is evaluated. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The threshold, or null for the standard one. */
        public @Nullable Double getThreshold() {
            return threshold;
        }

        /** Sets the threshold. */
        public void setThreshold(@Nullable Double threshold) {
            this.threshold = threshold;
        }

        /** The clear threshold, or null for the derived one. */
        public @Nullable Double getClearThreshold() {
            return clearThreshold;
        }

        /** Sets the clear threshold. */
        public void setClearThreshold(@Nullable Double clearThreshold) {
            this.clearThreshold = clearThreshold;
        }

        /** The pending duration, or null for the standard one. */
        public @Nullable Duration getPendingFor() {
            return pendingFor;
        }

        /** Sets the pending duration. */
        public void setPendingFor(@Nullable Duration pendingFor) {
            this.pendingFor = pendingFor;
        }

        /** The severity, or null for the standard one. */
        public @Nullable AlertSeverity getSeverity() {
            return severity;
        }

        /** Sets the severity. */
        public void setSeverity(@Nullable AlertSeverity severity) {
            this.severity = severity;
        }

        /** The interval, or null for the engine's. */
        public @Nullable Duration getInterval() {
            return interval;
        }

        /** Sets the interval. */
        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }
    }

    /** The database size rule, on the application's DataSource bean. */
    public static class DatabaseSize {

        /** Whether the database size is checked (needs a unique DataSource bean and a threshold). */
        private boolean enabled;

        /** The size above which DatabaseTooLarge fires, e.g. 10GB; it clears below 95 % of it. Required when enabled. */
        private @Nullable DataSize threshold;

        /** How long the database must be too large before the alert fires. Unset: 0. */
        private @Nullable Duration pendingFor;

        /** Severity of the alert. Unset: medium. */
        private @Nullable AlertSeverity severity;

        /** How often the size is queried (on the rule engine's thread, with a 10 s query timeout). Unset: 15m. */
        private @Nullable Duration interval;

        /** Whether the rule is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the rule is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The threshold. */
        public @Nullable DataSize getThreshold() {
            return threshold;
        }

        /** Sets the threshold. */
        public void setThreshold(@Nullable DataSize threshold) {
            this.threshold = threshold;
        }

        /** The pending duration, or null for none. */
        public @Nullable Duration getPendingFor() {
            return pendingFor;
        }

        /** Sets the pending duration. */
        public void setPendingFor(@Nullable Duration pendingFor) {
            this.pendingFor = pendingFor;
        }

        /** The severity, or null for medium. */
        public @Nullable AlertSeverity getSeverity() {
            return severity;
        }

        /** Sets the severity. */
        public void setSeverity(@Nullable AlertSeverity severity) {
            this.severity = severity;
        }

        /** The interval, or null for 15 minutes. */
        public @Nullable Duration getInterval() {
            return interval;
        }

        /** Sets the interval. */
        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }
    }

    /** The health-driven rule. */
    public static class Health {

        /** Whether a failing health check fires an alert (one per check, label "check"). */
        private boolean enabled = true;

        /** The name of the alerts this rule fires (label alertname): ASCII letters, digits, '.', '_' and '-'. */
        private String name = "HealthCheckFailing";

        /**
         * How long a check must be reported failing (after its own failure threshold) before its alert fires; 0 to
         * 30d.
         */
        private Duration pendingFor = Duration.ZERO;

        /** How long after startup nothing fires; checks still failing then fire; 0 to 30d. */
        private Duration startupGrace = Duration.ofMinutes(1);

        /** Whether only critical checks fire alerts. */
        private boolean criticalOnly;

        /** Severity of the alert of a critical check. */
        private AlertSeverity criticalSeverity = AlertSeverity.CRITICAL;

        /** Severity of the alert of a non-critical check. */
        private AlertSeverity nonCriticalSeverity = AlertSeverity.MEDIUM;

        /** How often the checks are refreshed and examined. Unset: monitor.rules.interval. */
        private @Nullable Duration interval;

        /** Whether the health rule is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the health rule is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The alert name. */
        public String getName() {
            return name;
        }

        /** Sets the alert name. */
        public void setName(String name) {
            this.name = name;
        }

        /** The pending duration. */
        public Duration getPendingFor() {
            return pendingFor;
        }

        /** Sets the pending duration. */
        public void setPendingFor(Duration pendingFor) {
            this.pendingFor = pendingFor;
        }

        /** The startup grace. */
        public Duration getStartupGrace() {
            return startupGrace;
        }

        /** Sets the startup grace. */
        public void setStartupGrace(Duration startupGrace) {
            this.startupGrace = startupGrace;
        }

        /** Whether only critical checks fire. */
        public boolean isCriticalOnly() {
            return criticalOnly;
        }

        /** Sets whether only critical checks fire. */
        public void setCriticalOnly(boolean criticalOnly) {
            this.criticalOnly = criticalOnly;
        }

        /** The severity for critical checks. */
        public AlertSeverity getCriticalSeverity() {
            return criticalSeverity;
        }

        /** Sets the severity for critical checks. */
        public void setCriticalSeverity(AlertSeverity criticalSeverity) {
            this.criticalSeverity = criticalSeverity;
        }

        /** The severity for other checks. */
        public AlertSeverity getNonCriticalSeverity() {
            return nonCriticalSeverity;
        }

        /** Sets the severity for other checks. */
        public void setNonCriticalSeverity(AlertSeverity nonCriticalSeverity) {
            this.nonCriticalSeverity = nonCriticalSeverity;
        }

        /** The interval, or null for the engine's. */
        public @Nullable Duration getInterval() {
            return interval;
        }

        /** Sets the interval. */
        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }
    }

    /** A backup directory. */
    public static class Backup {

        /** The directory the backups are written to. */
        private @Nullable String directory;

        /** File name pattern of the backups, e.g. orders-*.sql.gz. */
        private String glob = "*";

        /** The directory. */
        public @Nullable String getDirectory() {
            return directory;
        }

        /** Sets the directory. */
        public void setDirectory(@Nullable String directory) {
            this.directory = directory;
        }

        /** The file name pattern. */
        public String getGlob() {
            return glob;
        }

        /** Sets the file name pattern. */
        public void setGlob(String glob) {
            this.glob = glob;
        }
    }
}
