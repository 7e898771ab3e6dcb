package dev.monitor.job;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a job is expected to do: its name, its schedule, how late it may be, how long a run may take and how many
 * failures make it failing. Immutable; built with {@link #builder(String)}.
 *
 * <pre>{@code
 * JobDefinition export = JobDefinition.builder("nightly-export")
 *         .cron("0 3 * * *", ZoneId.of("Europe/Berlin"))
 *         .grace(Duration.ofMinutes(30))
 *         .maxRuntime(Duration.ofHours(2))
 *         .failureThreshold(2)
 *         .build();
 * }</pre>
 *
 * @param name the job's name, following {@link Names}, at most {@value #MAX_NAME_LENGTH} characters: alert label {@code job}, health check {@code job-NAME}
 * @param schedule when runs are expected
 * @param grace how long after a due time a run may still check in before it counts as missed (late until then)
 * @param maxRuntime how long a started run may take before it is reported as running too long
 * @param failureThreshold failed runs in a row that make the job failing and fire {@value JobMonitor#FAILED_ALERT}
 * @param recoveryThreshold successful runs in a row that end failing and resolve that alert
 * @param severity the severity of the job's alerts
 * @param critical whether the job's health check is critical (takes the instance out of readiness)
 */
public record JobDefinition(String name, JobSchedule schedule, Duration grace, Duration maxRuntime, int failureThreshold,
        int recoveryThreshold, AlertSeverity severity, boolean critical) {

    /** Default {@link #grace}. */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(5);
    /** Default {@link #maxRuntime}. */
    public static final Duration DEFAULT_MAX_RUNTIME = Duration.ofHours(1);
    /**
     * Longest accepted name: the job is also the health check {@code job-NAME}, whose name must stay within
     * {@link Names#MAX_LENGTH}.
     */
    public static final int MAX_NAME_LENGTH = Names.MAX_LENGTH - 4; // "job-"
    /** Highest failure or recovery threshold. */
    public static final int MAX_THRESHOLD = 1000;

    /**
     * Validates the arguments.
     *
     * @throws IllegalArgumentException naming the option that is out of bounds
     */
    public JobDefinition {
        requireJobName(name);
        Objects.requireNonNull(schedule, "schedule must not be null");
        DurationLimits.requirePeriodOrZero("grace", grace);
        DurationLimits.requirePeriod("maxRuntime", maxRuntime);
        requireThreshold("failureThreshold", failureThreshold);
        requireThreshold("recoveryThreshold", recoveryThreshold);
        Objects.requireNonNull(severity, "severity must not be null");
    }

    /** A builder for a job named {@code name}; a schedule must be set. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    private static String requireJobName(String name) {
        Names.requireName("job name", name);
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("job name must be at most " + MAX_NAME_LENGTH
                    + " characters (it becomes the health check 'job-NAME'), was " + name.length() + " characters");
        }
        return name;
    }

    private static void requireThreshold(String option, int value) {
        if (value < 1 || value > MAX_THRESHOLD) {
            throw new IllegalArgumentException(option + " must be between 1 and " + MAX_THRESHOLD + ", was " + value);
        }
    }

    /** Builds a {@link JobDefinition}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private @Nullable JobSchedule schedule;
        private Duration grace = DEFAULT_GRACE;
        private Duration maxRuntime = DEFAULT_MAX_RUNTIME;
        private int failureThreshold = 1;
        private int recoveryThreshold = 1;
        private AlertSeverity severity = AlertSeverity.HIGH;
        private boolean critical;

        private Builder(String name) {
            this.name = requireJobName(name);
        }

        /** Runs are expected {@code interval} after the last check-in ({@link JobSchedule#every}). */
        public Builder every(Duration interval) {
            return schedule(JobSchedule.every(interval));
        }

        /** Runs are expected at the times of the cron {@code expression} in UTC ({@link JobSchedule#cron(String)}). */
        public Builder cron(String expression) {
            return schedule(JobSchedule.cron(expression));
        }

        /** Runs are expected at the times of the cron {@code expression} in {@code zone}. */
        public Builder cron(String expression, ZoneId zone) {
            return schedule(JobSchedule.cron(expression, zone));
        }

        /** When runs are expected. */
        public Builder schedule(JobSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule, "schedule must not be null");
            return this;
        }

        /** How late a run may check in before it is missed (default 5 minutes); 0 to 366 days. */
        public Builder grace(Duration grace) {
            this.grace = DurationLimits.requirePeriodOrZero("grace", grace);
            return this;
        }

        /** How long a started run may take (default 1 hour); greater than 0, at most 366 days. */
        public Builder maxRuntime(Duration maxRuntime) {
            this.maxRuntime = DurationLimits.requirePeriod("maxRuntime", maxRuntime);
            return this;
        }

        /** Failed runs in a row before the job is failing (default 1); 1 to 1000. */
        public Builder failureThreshold(int failureThreshold) {
            requireThreshold("failureThreshold", failureThreshold);
            this.failureThreshold = failureThreshold;
            return this;
        }

        /** Successful runs in a row before a failing job recovers (default 1); 1 to 1000. */
        public Builder recoveryThreshold(int recoveryThreshold) {
            requireThreshold("recoveryThreshold", recoveryThreshold);
            this.recoveryThreshold = recoveryThreshold;
            return this;
        }

        /** The severity of the job's alerts (default {@link AlertSeverity#HIGH}). */
        public Builder severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity must not be null");
            return this;
        }

        /** Whether the job's health check is critical (default false: a late job does not take the instance out of readiness). */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /**
         * Builds the definition.
         *
         * @throws IllegalArgumentException if no schedule was set
         */
        public JobDefinition build() {
            if (schedule == null) {
                throw new IllegalArgumentException("schedule of job '" + name + "' must be set: call every(Duration) or cron(...)");
            }
            return new JobDefinition(name, schedule, grace, maxRuntime, failureThreshold, recoveryThreshold, severity, critical);
        }
    }
}
