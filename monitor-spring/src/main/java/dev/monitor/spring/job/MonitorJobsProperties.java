package dev.monitor.spring.job;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Scheduled-job monitoring, under {@code monitor.jobs}: the {@link JobMonitor}, its HTTP check-ins for scripts in
 * crontab, the monitoring of every {@code @Scheduled} method, and external jobs declared as properties.
 */
@ConfigurationProperties("monitor.jobs")
public class MonitorJobsProperties implements Validator {

    /** Whether the job monitor is configured. */
    private boolean enabled = true;

    /**
     * Directory where the jobs' state (last check-ins, state, alerts, recent runs) is kept across restarts, so a run
     * missed while the application was down is reported. Unset: memory only.
     */
    private @Nullable String stateDirectory;

    /** How often jobs are evaluated and the state file written. */
    private Duration evaluationInterval = JobMonitor.DEFAULT_EVALUATION_INTERVAL;

    /** Finished runs kept per job. */
    private int historySize = JobMonitor.DEFAULT_HISTORY_SIZE;

    /**
     * Whether every job is also a health check "job-NAME": not critical unless the job says so, in the group "jobs"
     * (shown by /health and the status page, not by /health/ready).
     */
    private boolean healthChecks = true;

    /**
     * Token of the HTTP check-ins that opens every job, 16 to 512 visible ASCII characters (e.g. openssl rand -hex
     * 32). Without it (and without a job's own token) every HTTP check-in is refused.
     */
    private @Nullable String token;

    /** The HTTP check-ins of jobs outside the application. */
    private final Http http = new Http();

    /** The monitoring of Spring's @Scheduled methods. */
    private final Scheduled scheduled = new Scheduled();

    /**
     * Jobs outside the application that check in over HTTP, by name, e.g.
     * monitor.jobs.external.nightly-backup.cron=0 3 * * *.
     */
    private Map<String, External> external = new LinkedHashMap<>();

    /**
     * Backup verifications run as monitored cron jobs, by name, e.g.
     * monitor.jobs.backups.orders-backup.directory=/var/backups/orders.
     */
    private Map<String, BackupProperties> backups = new LinkedHashMap<>();

    /** Whether the job monitor is configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the job monitor is configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The state directory, or null for memory only. */
    public @Nullable String getStateDirectory() {
        return stateDirectory;
    }

    /** Sets the state directory. */
    public void setStateDirectory(@Nullable String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /** The evaluation interval. */
    public Duration getEvaluationInterval() {
        return evaluationInterval;
    }

    /** Sets the evaluation interval. */
    public void setEvaluationInterval(Duration evaluationInterval) {
        this.evaluationInterval = evaluationInterval;
    }

    /** Finished runs kept per job. */
    public int getHistorySize() {
        return historySize;
    }

    /** Sets the finished runs kept per job. */
    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    /** Whether jobs are health checks. */
    public boolean isHealthChecks() {
        return healthChecks;
    }

    /** Sets whether jobs are health checks. */
    public void setHealthChecks(boolean healthChecks) {
        this.healthChecks = healthChecks;
    }

    /** The global check-in token, or null. */
    public @Nullable String getToken() {
        return token;
    }

    /** Sets the global check-in token. */
    public void setToken(@Nullable String token) {
        this.token = token;
    }

    /** The HTTP check-ins. */
    public Http getHttp() {
        return http;
    }

    /** The monitoring of @Scheduled methods. */
    public Scheduled getScheduled() {
        return scheduled;
    }

    /** The external jobs, by name. */
    public Map<String, External> getExternal() {
        return external;
    }

    /** Sets the external jobs. */
    public void setExternal(Map<String, External> external) {
        this.external = external;
    }

    /** The backup verifications, by name. */
    public Map<String, BackupProperties> getBackups() {
        return backups;
    }

    /** Sets the backup verifications. */
    public void setBackups(Map<String, BackupProperties> backups) {
        this.backups = backups;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorJobsProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. Tokens are never shown. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorJobsProperties properties = (MonitorJobsProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.jobs", errors);
        if (properties.stateDirectory != null && properties.stateDirectory.isBlank()) {
            checks.reject("stateDirectory", properties.stateDirectory, "must name a directory (leave it unset for memory only)");
        }
        checks.duration("evaluationInterval", properties.evaluationInterval, DurationLimits::requireTimeout);
        if (properties.historySize < 1 || properties.historySize > 1000) {
            checks.reject("historySize", properties.historySize, "must be between 1 and 1000");
        }
        if (properties.token != null) {
            checks.valid("token", properties.token, JobCheckInEndpoint::requireToken);
        }
        Http http = properties.http;
        if (http.path == null || !http.path.startsWith("/") || http.path.endsWith("/") || http.path.contains("*")) {
            checks.reject("http.path", http.path, "must be a path such as /monitor/jobs, starting with '/' and not ending with it");
        }
        if (http.rateLimit < 1 || http.rateLimit > 100_000) {
            checks.reject("http.rateLimit", http.rateLimit, "must be between 1 and 100000");
        }
        checks.duration("http.rateLimitPeriod", http.rateLimitPeriod,
                (name, value) -> DurationLimits.requireBetween(name, value, Duration.ofMillis(1), Duration.ofHours(1)));
        if (http.maxBodySize == null || http.maxBodySize.toBytes() < 1024 || http.maxBodySize.toBytes() > 1024 * 1024) {
            checks.reject("http.maxBodySize", http.maxBodySize, "must be between 1KB and 1MB");
        }
        if (http.maxLines < 1 || http.maxLines > 1000) {
            checks.reject("http.maxLines", http.maxLines, "must be between 1 and 1000");
        }
        checks.duration("scheduled.grace", properties.scheduled.grace, DurationLimits::requirePeriodOrZero);
        checks.duration("scheduled.maxRuntime", properties.scheduled.maxRuntime, DurationLimits::requirePeriod);
        if (properties.external == null) {
            checks.reject("external", null, "must not be null");
            return;
        }
        properties.external.forEach((name, job) -> {
            String path = "external." + name;
            if (!Names.isValidName(name) || name.length() > JobDefinition.MAX_NAME_LENGTH) {
                checks.rejectHidingValue("external", "keys must be job names: 1 to " + JobDefinition.MAX_NAME_LENGTH
                        + " ASCII letters, digits, '.', '_' and '-', starting with a letter or digit");
                return;
            }
            if (job == null) {
                checks.rejectHidingValue(path, "must be set");
                return;
            }
            if (job.token != null) {
                checks.valid(path + ".token", job.token, JobCheckInEndpoint::requireToken);
            }
            try {
                job.toDefinition(name);
            } catch (IllegalArgumentException e) {
                errors.reject("invalid", String.valueOf(e.getMessage()));
            }
        });
    }

    /** The HTTP check-ins of jobs outside the application. */
    public static class Http {

        /**
         * Whether the check-in endpoint is served on the main port of a servlet application: GET or POST
         * PATH/{job}/start, /success, /fail (the body: the script's last output lines), /ping, and PATH/{job} (a
         * success).
         */
        private boolean enabled = true;

        /** The path of the check-in endpoint. */
        private String path = JobCheckInEndpoint.DEFAULT_PATH;

        /**
         * Whether the token may also be sent as ?token=... (for crontab lines); the header "Authorization: Bearer
         * TOKEN" always works and keeps the token out of access logs.
         */
        private boolean queryToken = true;

        /** Check-ins accepted per rate-limit-period from all callers together; beyond it 429 with Retry-After. */
        private int rateLimit = JobCheckInEndpoint.DEFAULT_RATE_LIMIT;

        /** The period of rate-limit. */
        private Duration rateLimitPeriod = JobCheckInEndpoint.DEFAULT_RATE_PERIOD;

        /** The last bytes of a /fail body kept; its last lines, scrubbed, become the failure message. */
        private DataSize maxBodySize = DataSize.ofBytes(JobCheckInEndpoint.DEFAULT_MAX_BODY_BYTES);

        /** The last lines of a /fail body kept. */
        private int maxLines = JobCheckInEndpoint.DEFAULT_MAX_LINES;

        /** Whether the endpoint is served. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the endpoint is served. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The endpoint's path. */
        public String getPath() {
            return path;
        }

        /** Sets the endpoint's path. */
        public void setPath(String path) {
            this.path = path;
        }

        /** Whether ?token= is accepted. */
        public boolean isQueryToken() {
            return queryToken;
        }

        /** Sets whether ?token= is accepted. */
        public void setQueryToken(boolean queryToken) {
            this.queryToken = queryToken;
        }

        /** Check-ins per period. */
        public int getRateLimit() {
            return rateLimit;
        }

        /** Sets the check-ins per period. */
        public void setRateLimit(int rateLimit) {
            this.rateLimit = rateLimit;
        }

        /** The rate-limit period. */
        public Duration getRateLimitPeriod() {
            return rateLimitPeriod;
        }

        /** Sets the rate-limit period. */
        public void setRateLimitPeriod(Duration rateLimitPeriod) {
            this.rateLimitPeriod = rateLimitPeriod;
        }

        /** The kept size of a /fail body. */
        public DataSize getMaxBodySize() {
            return maxBodySize;
        }

        /** Sets the kept size of a /fail body. */
        public void setMaxBodySize(DataSize maxBodySize) {
            this.maxBodySize = maxBodySize;
        }

        /** The kept lines of a /fail body. */
        public int getMaxLines() {
            return maxLines;
        }

        /** Sets the kept lines of a /fail body. */
        public void setMaxLines(int maxLines) {
            this.maxLines = maxLines;
        }
    }

    /** The monitoring of Spring's @Scheduled methods. */
    public static class Scheduled {

        /**
         * Whether every @Scheduled method with a cron, fixed rate or fixed delay is a monitored job named
         * BEAN.METHOD, checking in at each run; opt a method out with @MonitoredJob(enabled = false).
         */
        private boolean enabled = true;

        /** Default grace time of the @Scheduled jobs (an initial delay longer than it is the first run's grace). */
        private Duration grace = JobDefinition.DEFAULT_GRACE;

        /** Default maximum runtime of the @Scheduled jobs. */
        private Duration maxRuntime = JobDefinition.DEFAULT_MAX_RUNTIME;

        /** Whether @Scheduled methods are monitored. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether @Scheduled methods are monitored. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The default grace time. */
        public Duration getGrace() {
            return grace;
        }

        /** Sets the default grace time. */
        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        /** The default maximum runtime. */
        public Duration getMaxRuntime() {
            return maxRuntime;
        }

        /** Sets the default maximum runtime. */
        public void setMaxRuntime(Duration maxRuntime) {
            this.maxRuntime = maxRuntime;
        }
    }

    /** A job outside the application, checking in over HTTP. */
    public static class External {

        /** Cron expression of its runs, 5 fields (as in crontab) or 6 with seconds first. Set this or interval. */
        private @Nullable String cron;

        /** Time zone of the cron expression, e.g. Europe/Berlin. */
        private ZoneId timeZone = ZoneOffset.UTC;

        /** Fixed interval of its runs, counted from the last check-in. Set this or cron. */
        private @Nullable Duration interval;

        /** How late a run may check in before it is missed. */
        private Duration grace = JobDefinition.DEFAULT_GRACE;

        /** How long a started run may take before it is reported as running too long. */
        private Duration maxRuntime = JobDefinition.DEFAULT_MAX_RUNTIME;

        /** Failed runs in a row before the job is failing and alerted. */
        private int failureThreshold = 1;

        /** Successful runs in a row before a failing job recovers. */
        private int recoveryThreshold = 1;

        /** Severity of the job's alerts. */
        private AlertSeverity severity = AlertSeverity.HIGH;

        /** Whether the job's health check is critical (takes the instance out of readiness). */
        private boolean critical;

        /** A token that opens this job's check-ins only, besides monitor.jobs.token. */
        private @Nullable String token;

        /**
         * The job's definition.
         *
         * @throws IllegalArgumentException whose message starts with the property's full name
         */
        JobDefinition toDefinition(String name) {
            String prefix = "monitor.jobs.external." + name + ".";
            JobDefinition.Builder builder = JobDefinition.builder(name)
                    .grace(DurationLimits.requirePeriodOrZero(prefix + "grace", grace))
                    .maxRuntime(DurationLimits.requirePeriod(prefix + "max-runtime", maxRuntime));
            if (failureThreshold < 1 || failureThreshold > JobDefinition.MAX_THRESHOLD
                    || recoveryThreshold < 1 || recoveryThreshold > JobDefinition.MAX_THRESHOLD) {
                throw new IllegalArgumentException(prefix + "failure-threshold and " + prefix + "recovery-threshold must be"
                        + " between 1 and " + JobDefinition.MAX_THRESHOLD + ", were " + failureThreshold + " and "
                        + recoveryThreshold);
            }
            if ((cron == null) == (interval == null)) {
                throw new IllegalArgumentException(prefix + "cron or " + prefix + "interval must be set, not both");
            }
            try {
                builder.schedule(cron != null ? JobSchedule.cron(cron, timeZone) : JobSchedule.every(interval));
            } catch (IllegalArgumentException | DateTimeException e) {
                throw new IllegalArgumentException(prefix + e.getMessage(), e);
            }
            return builder.failureThreshold(failureThreshold).recoveryThreshold(recoveryThreshold)
                    .severity(severity == null ? AlertSeverity.HIGH : severity).critical(critical).build();
        }

        /** The cron expression, or null. */
        public @Nullable String getCron() {
            return cron;
        }

        /** Sets the cron expression. */
        public void setCron(@Nullable String cron) {
            this.cron = cron;
        }

        /** The cron expression's time zone. */
        public ZoneId getTimeZone() {
            return timeZone;
        }

        /** Sets the cron expression's time zone. */
        public void setTimeZone(ZoneId timeZone) {
            this.timeZone = timeZone;
        }

        /** The fixed interval, or null. */
        public @Nullable Duration getInterval() {
            return interval;
        }

        /** Sets the fixed interval. */
        public void setInterval(@Nullable Duration interval) {
            this.interval = interval;
        }

        /** The grace time. */
        public Duration getGrace() {
            return grace;
        }

        /** Sets the grace time. */
        public void setGrace(Duration grace) {
            this.grace = grace;
        }

        /** The maximum runtime. */
        public Duration getMaxRuntime() {
            return maxRuntime;
        }

        /** Sets the maximum runtime. */
        public void setMaxRuntime(Duration maxRuntime) {
            this.maxRuntime = maxRuntime;
        }

        /** The failure threshold. */
        public int getFailureThreshold() {
            return failureThreshold;
        }

        /** Sets the failure threshold. */
        public void setFailureThreshold(int failureThreshold) {
            this.failureThreshold = failureThreshold;
        }

        /** The recovery threshold. */
        public int getRecoveryThreshold() {
            return recoveryThreshold;
        }

        /** Sets the recovery threshold. */
        public void setRecoveryThreshold(int recoveryThreshold) {
            this.recoveryThreshold = recoveryThreshold;
        }

        /** The alerts' severity. */
        public AlertSeverity getSeverity() {
            return severity;
        }

        /** Sets the alerts' severity. */
        public void setSeverity(AlertSeverity severity) {
            this.severity = severity;
        }

        /** Whether the health check is critical. */
        public boolean isCritical() {
            return critical;
        }

        /** Sets whether the health check is critical. */
        public void setCritical(boolean critical) {
            this.critical = critical;
        }

        /** The job's own token, or null. */
        public @Nullable String getToken() {
            return token;
        }

        /** Sets the job's own token. */
        public void setToken(@Nullable String token) {
            this.token = token;
        }
    }
}
