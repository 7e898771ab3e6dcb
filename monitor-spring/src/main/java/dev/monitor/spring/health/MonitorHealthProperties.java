package dev.monitor.spring.health;

import dev.monitor.health.DetailVisibility;
import dev.monitor.health.HealthGroup;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Health checks and the {@code /health} endpoint, under {@code monitor.health}. */
@ConfigurationProperties("monitor.health")
public class MonitorHealthProperties implements Validator {

    /** Whether the health registry, its endpoint and the built-in checks are configured. */
    private boolean enabled = true;

    /** Deadline of a whole health report; a check still running then is reported as failed. */
    private Duration reportTimeout = Duration.ofSeconds(2);

    /** Number of checks that may run at once on the registry's own threads. */
    private int maxConcurrentChecks = 16;

    /**
     * Whether Spring's availability states are checks: "liveness-state" (group live) fails when the LivenessState is
     * BROKEN, "readiness-state" (group ready) fails when the ReadinessState is REFUSING_TRAFFIC.
     */
    private boolean availabilityStates = true;

    /** The HTTP endpoint on the application's main port. */
    private final Endpoint endpoint = new Endpoint();

    /** Built-in check of every DataSource bean ("database", or "database-BEAN" when there are several). */
    private final Database database = new Database();

    /** Built-in check of every JavaMailSender bean ("mail", or "mail-BEAN" when there are several). */
    private final Mail mail = new Mail();

    /** Built-in check of the free disk space ("disk"). */
    private final Disk disk = new Disk();

    /** Whether the health registry, its endpoint and the built-in checks are configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether health is configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Deadline of a whole report. */
    public Duration getReportTimeout() {
        return reportTimeout;
    }

    /** Sets the deadline of a whole report. */
    public void setReportTimeout(Duration reportTimeout) {
        this.reportTimeout = reportTimeout;
    }

    /** Checks that may run at once. */
    public int getMaxConcurrentChecks() {
        return maxConcurrentChecks;
    }

    /** Sets the checks that may run at once. */
    public void setMaxConcurrentChecks(int maxConcurrentChecks) {
        this.maxConcurrentChecks = maxConcurrentChecks;
    }

    /** Whether Spring's availability states are checks. */
    public boolean isAvailabilityStates() {
        return availabilityStates;
    }

    /** Sets whether Spring's availability states are checks. */
    public void setAvailabilityStates(boolean availabilityStates) {
        this.availabilityStates = availabilityStates;
    }

    /** The HTTP endpoint. */
    public Endpoint getEndpoint() {
        return endpoint;
    }

    /** The DataSource check. */
    public Database getDatabase() {
        return database;
    }

    /** The mail check. */
    public Mail getMail() {
        return mail;
    }

    /** The disk-space check. */
    public Disk getDisk() {
        return disk;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorHealthProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorHealthProperties properties = (MonitorHealthProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.health", errors);
        checks.positive("reportTimeout", properties.reportTimeout);
        checks.atLeast("maxConcurrentChecks", properties.maxConcurrentChecks, 1);
        if (properties.endpoint.paths == null || properties.endpoint.paths.isEmpty()) {
            checks.reject("endpoint.paths", properties.endpoint.paths,
                    "must name at least one path (set monitor.health.endpoint.enabled=false to turn the endpoint off)");
        } else {
            for (String path : properties.endpoint.paths) {
                if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("*")
                        || path.contains("//") || path.chars().anyMatch(Character::isWhitespace)) {
                    checks.reject("endpoint.paths", path, "must hold paths such as /health (a leading '/', no trailing "
                            + "'/', no '*' or spaces)");
                }
            }
        }
        checks.noBlankEntries("endpoint.roles", properties.endpoint.roles);
        properties.database.validate("database", checks);
        properties.mail.validate("mail", checks);
        properties.disk.validate("disk", checks);
        checks.between("disk.warnBelowPercent", properties.disk.warnBelowPercent, 0, 100);
        checks.between("disk.failBelowPercent", properties.disk.failBelowPercent, 0, 100);
        if (properties.disk.failBelowPercent > properties.disk.warnBelowPercent) {
            checks.reject("disk.failBelowPercent", properties.disk.failBelowPercent,
                    "must not be greater than monitor.health.disk.warn-below-percent (" + properties.disk.warnBelowPercent + ")");
        }
        if (properties.disk.path == null || properties.disk.path.isBlank()) {
            checks.reject("disk.path", properties.disk.path, "must name a directory");
        }
    }

    /** The {@code /health} endpoint. */
    public static class Endpoint {

        /** Whether the health servlet is registered on the application's main port (servlet applications). */
        private boolean enabled = true;

        /**
         * Paths of the endpoint; each answers PATH, PATH/live, PATH/ready, PATH/started, PATH/checks/NAME and
         * PATH/GROUP.
         */
        private List<String> paths = new ArrayList<>(List.of("/health"));

        /** Who sees error text and details: never, when-authorized or always. Statuses and timings are always shown. */
        private DetailVisibility showDetails = DetailVisibility.WHEN_AUTHORIZED;

        /**
         * Roles that authorize a caller to see details (any of them). Empty: every authenticated caller (a request
         * with a user principal).
         */
        private List<String> roles = new ArrayList<>();

        /** Whether the servlet is registered. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the servlet is registered. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** Paths of the endpoint. */
        public List<String> getPaths() {
            return paths;
        }

        /** Sets the paths of the endpoint. */
        public void setPaths(List<String> paths) {
            this.paths = paths;
        }

        /** Who sees details. */
        public DetailVisibility getShowDetails() {
            return showDetails;
        }

        /** Sets who sees details. */
        public void setShowDetails(DetailVisibility showDetails) {
            this.showDetails = showDetails;
        }

        /** Roles that authorize a caller. */
        public List<String> getRoles() {
            return roles;
        }

        /** Sets the roles that authorize a caller. */
        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    /** Options of a built-in check. */
    public abstract static class Check {

        /** Whether this built-in check is registered. */
        private boolean enabled = true;

        /** Whether its failure makes the service unhealthy (503) rather than degraded (200). */
        private boolean critical;

        /** Deadline of one run of the check. */
        private Duration timeout = Duration.ofSeconds(1);

        /** Groups the check belongs to: live, ready, startup or custom names. */
        private List<String> groups = new ArrayList<>(List.of("ready"));

        Check() {
        }

        /** Whether the check is registered. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the check is registered. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** Whether a failure makes the service unhealthy. */
        public boolean isCritical() {
            return critical;
        }

        /** Sets whether a failure makes the service unhealthy. */
        public void setCritical(boolean critical) {
            this.critical = critical;
        }

        /** Deadline of one run. */
        public Duration getTimeout() {
            return timeout;
        }

        /** Sets the deadline of one run. */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** Groups of the check. */
        public List<String> getGroups() {
            return groups;
        }

        /** Sets the groups of the check. */
        public void setGroups(List<String> groups) {
            this.groups = groups;
        }

        void validate(String path, PropertyChecks checks) {
            checks.positive(path + ".timeout", timeout);
            if (groups == null || groups.isEmpty()) {
                checks.reject(path + ".groups", groups, "must name at least one group");
                return;
            }
            for (String group : groups) {
                try {
                    HealthGroup.of(group == null ? "" : group);
                } catch (IllegalArgumentException e) {
                    checks.reject(path + ".groups", group, "must hold group names of 1-64 characters [a-z0-9_-]");
                }
            }
        }
    }

    /** Options of the DataSource check. */
    public static class Database extends Check {

        /** Query run after Connection.isValid, e.g. "SELECT 1". Unset: isValid only. */
        private @Nullable String validationQuery;

        Database() {
            setCritical(true);
            setTimeout(Duration.ofSeconds(2));
        }

        /** The validation query, or null. */
        public @Nullable String getValidationQuery() {
            return validationQuery;
        }

        /** Sets the validation query. */
        public void setValidationQuery(@Nullable String validationQuery) {
            this.validationQuery = validationQuery;
        }
    }

    /** Options of the mail check. */
    public static class Mail extends Check {

        Mail() {
        }
    }

    /** Options of the disk-space check. */
    public static class Disk extends Check {

        /** A directory on the file system to check. */
        private String path = ".";

        /** Warn when less than this percentage of the file system is free. */
        private double warnBelowPercent = 10;

        /** Fail when less than this percentage of the file system is free. */
        private double failBelowPercent = 5;

        Disk() {
        }

        /** The directory checked. */
        public String getPath() {
            return path;
        }

        /** Sets the directory checked. */
        public void setPath(String path) {
            this.path = path;
        }

        /** Free percentage below which the check warns. */
        public double getWarnBelowPercent() {
            return warnBelowPercent;
        }

        /** Sets the free percentage below which the check warns. */
        public void setWarnBelowPercent(double warnBelowPercent) {
            this.warnBelowPercent = warnBelowPercent;
        }

        /** Free percentage below which the check fails. */
        public double getFailBelowPercent() {
            return failBelowPercent;
        }

        /** Sets the free percentage below which the check fails. */
        public void setFailBelowPercent(double failBelowPercent) {
            this.failBelowPercent = failBelowPercent;
        }
    }
}
