package dev.monitor.spring.uptime;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.spring.internal.PropertyChecks;
import dev.monitor.uptime.UptimeTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Uptime checks, under {@code monitor.uptime}: targets checked on a schedule, alerted when down. */
@ConfigurationProperties("monitor.uptime")
public class MonitorUptimeProperties implements Validator {

    /** Whether the uptime monitor and its targets are configured. */
    private boolean enabled = true;

    /** Threads the checks run on. */
    private int threads = 4;

    /**
     * Whether every target is also a health check "uptime-NAME": not critical, in the group "uptime" only (shown by
     * /health, not by /health/ready), failing while the target is down.
     */
    private boolean healthChecks = true;

    /** Keeping the check history in the application's DataSource, so that it survives restarts. */
    private final JdbcStore jdbcStore = new JdbcStore();

    /**
     * The targets, e.g. monitor.uptime.targets[0].name=shop and monitor.uptime.targets[0].url=https://shop.example.com/;
     * targets[i].type picks http (default), tcp, dns or scenario.
     */
    private List<Target> targets = new ArrayList<>();

    /** Whether uptime checks are configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether uptime checks are configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Threads of the checks. */
    public int getThreads() {
        return threads;
    }

    /** Sets the threads of the checks. */
    public void setThreads(int threads) {
        this.threads = threads;
    }

    /** Whether targets are health checks. */
    public boolean isHealthChecks() {
        return healthChecks;
    }

    /** Sets whether targets are health checks. */
    public void setHealthChecks(boolean healthChecks) {
        this.healthChecks = healthChecks;
    }

    /** The JDBC store. */
    public JdbcStore getJdbcStore() {
        return jdbcStore;
    }

    /** The targets. */
    public List<Target> getTargets() {
        return targets;
    }

    /** Sets the targets. */
    public void setTargets(List<Target> targets) {
        this.targets = targets;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorUptimeProperties.class.isAssignableFrom(type);
    }

    /**
     * Validates the bound values; a bad value fails startup with a message naming the property. URLs and header values
     * are never repeated: they may carry credentials.
     */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorUptimeProperties properties = (MonitorUptimeProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.uptime", errors);
        if (properties.threads < 1 || properties.threads > 64) {
            checks.reject("threads", properties.threads, "must be between 1 and 64");
        }
        if (properties.jdbcStore.table == null || properties.jdbcStore.table.isBlank()) {
            checks.reject("jdbcStore.table", properties.jdbcStore.table, "must name a table");
        }
        if (properties.targets == null) {
            checks.reject("targets", null, "must not be null");
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.targets.size(); i++) {
            String path = "targets[" + i + "]";
            Target entry = properties.targets.get(i);
            if (entry.name == null || !Names.isValidName(entry.name) || entry.name.length() > UptimeTarget.MAX_NAME_LENGTH) {
                if (entry.name != null && Names.isValidName(entry.name)) {
                    checks.reject(path + ".name", entry.name, "must be at most " + UptimeTarget.MAX_NAME_LENGTH
                            + " characters (it becomes the health check uptime-NAME)");
                } else {
                    checks.validName(path + ".name", entry.name);
                }
                continue;
            }
            if (!names.add(entry.name)) {
                checks.reject(path + ".name", entry.name, "is the name of another target; names must be unique");
            }
            int errorsBefore = errors.getErrorCount();
            checks.duration(path + ".interval", entry.interval,
                    (name, value) -> DurationLimits.requireBetween(name, value, Duration.ofSeconds(1), Duration.ofDays(1)));
            checks.duration(path + ".timeout", entry.timeout,
                    (name, value) -> DurationLimits.requireBetween(name, value, Duration.ofMillis(1), Duration.ofMinutes(5)));
            if (entry.degradedAbove != null) {
                checks.duration(path + ".degradedAbove", entry.degradedAbove,
                        (name, value) -> DurationLimits.requireBetween(name, value, Duration.ofMillis(1), Duration.ofMinutes(5)));
            }
            if (entry.labels != null) {
                entry.labels.keySet().forEach(key -> checks.validLabelKey(path + ".labels", key));
            }
            if (entry.type == null) {
                checks.rejectHidingValue(path + ".type", "must be http, tcp, dns or scenario");
                continue;
            }
            if (errors.getErrorCount() > errorsBefore) {
                continue; // named above; the builder would only repeat it
            }
            if (entry.type != UptimeTarget.Kind.HTTP) {
                validateOtherKind(checks, path, entry);
                continue;
            }
            if (entry.url == null || entry.url.isBlank()) {
                checks.rejectHidingValue(path + ".url", "must be set to an http(s) URL, or to a path such as /orders to "
                        + "check this application");
                continue;
            }
            URI uri = parse(entry.url);
            if (uri == null || !(entry.isSelf() || isHttp(uri))) {
                checks.rejectHidingValue(path + ".url", "must be an absolute http or https URL with a host, or a path "
                        + "starting with '/' to check this application (the value is not shown: it may hold credentials)");
                continue;
            }
            tryBuilding(checks, path, entry);
        }
    }

    /** Checks a TCP, DNS or scenario target: what it needs is set, no HTTP-only setting is. */
    private static void validateOtherKind(PropertyChecks checks, String path, Target entry) {
        String kind = entry.type == null ? "" : entry.type.label();
        if (entry.url != null || entry.expectKeyword != null || entry.rejectKeyword != null || !entry.headers.isEmpty()) {
            checks.rejectHidingValue(path, "(" + entry.name + ") is a " + kind + " target: url, expect-keyword, "
                    + "reject-keyword and headers apply to http targets only");
            return;
        }
        switch (entry.type) {
            case TCP -> {
                if (entry.host != null && entry.port == null) {
                    checks.rejectHidingValue(path + ".port", "must be set for a tcp target with a host (without a host, "
                            + "the target is this application's own port)");
                    return;
                }
            }
            case DNS -> {
                if (entry.dns.getName() == null || entry.dns.getName().isBlank()) {
                    checks.rejectHidingValue(path + ".dns.name", "must be set to the domain name a dns target asks for");
                    return;
                }
            }
            case SCENARIO -> {
                List<ScenarioTargetProperties.Step> steps = entry.scenario.getSteps();
                if (steps.isEmpty()) {
                    checks.rejectHidingValue(path + ".scenario.steps", "must hold at least one step");
                    return;
                }
                for (int i = 0; i < steps.size(); i++) {
                    if (steps.get(i).getUrl() == null || steps.get(i).getUrl().isBlank()) {
                        checks.rejectHidingValue(path + ".scenario.steps[" + i + "].url", "must be set to an http(s) URL "
                                + "(it may use ${variable}) or to a path such as /orders of this application");
                        return;
                    }
                }
            }
            default -> {
            }
        }
        tryBuilding(checks, path, entry);
    }

    private static void tryBuilding(PropertyChecks checks, String path, Target entry) {
        try {
            entry.toTarget(VALIDATION_BASE);
        } catch (IllegalArgumentException | IllegalStateException e) {
            checks.rejectHidingValue(path, "(" + entry.name + ") is invalid: " + e.getMessage());
        }
    }

    /** Where this application is assumed to listen while its own targets are validated, before it listens. */
    private static final String VALIDATION_BASE = "http://127.0.0.1:8080";

    private static @Nullable URI parse(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** The JDBC store of the check history. */
    public static class JdbcStore {

        /**
         * Whether every check result is kept in the application's DataSource (one row per check, 30 days), so uptime
         * history survives restarts. Needs a single DataSource bean; the table is created when missing.
         */
        private boolean enabled;

        /** The table of the results. */
        private String table = "monitor_uptime_results";

        /** Whether the table is created when missing. */
        private boolean createTable = true;

        /** Whether the JDBC store is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the JDBC store is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The table. */
        public String getTable() {
            return table;
        }

        /** Sets the table. */
        public void setTable(String table) {
            this.table = table;
        }

        /** Whether the table is created. */
        public boolean isCreateTable() {
            return createTable;
        }

        /** Sets whether the table is created. */
        public void setCreateTable(boolean createTable) {
            this.createTable = createTable;
        }
    }

    /** One target: a URL (http), a port (tcp), a DNS query (dns) or the steps of a scenario. */
    public static class Target {

        /** What the target checks: http (a URL, the default), tcp (host and port), dns (see dns) or scenario (see scenario). */
        private UptimeTarget.Kind type = UptimeTarget.Kind.HTTP;

        /** The host a tcp target connects to; unset: this application (on its own port unless port is set). */
        private @Nullable String host;

        /** The port a tcp target connects to; required with a host. */
        private @Nullable Integer port;

        /** The query of a dns target. */
        private DnsTargetProperties dns = new DnsTargetProperties();

        /** The steps of a scenario target. */
        private ScenarioTargetProperties scenario = new ScenarioTargetProperties();

        /**
         * The target's name: in alerts (label target), the health check uptime-NAME and the status page. 1-56 ASCII
         * letters, digits, '.', '_' and '-', starting with a letter or digit.
         */
        private @Nullable String name;

        /**
         * The URL checked with GET: an absolute http or https URL, or a path starting with '/' for this application
         * itself (checked on its own port, below server.servlet.context-path, once it is ready). May carry credentials:
         * it is never shown, logged or put into alerts.
         */
        private @Nullable String url;

        /** Time between checks; 1s to 1d. */
        private Duration interval = Duration.ofMinutes(1);

        /** Longest wait for the whole exchange, body included; 1ms to 5m and below the interval. */
        private Duration timeout = Duration.ofSeconds(10);

        /** Statuses counted as up: one status (200) or a range (200-299). */
        private String expectedStatus = "200-399";

        /** A keyword the body must contain (case-sensitive). */
        private @Nullable String expectKeyword;

        /** A keyword the body must not contain, e.g. maintenance. */
        private @Nullable String rejectKeyword;

        /** Response time above which the target is degraded (up, but slow); 1ms to 5m and below the timeout. */
        private @Nullable Duration degradedAbove;

        /** Failed checks in a row before the target is down and UptimeTargetDown fires. */
        private int failureThreshold = 3;

        /** Good checks in a row before a down target is up again and its alert resolves. */
        private int recoveryThreshold = 1;

        /** Severity of the UptimeTargetDown alert. */
        private AlertSeverity severity = AlertSeverity.CRITICAL;

        /** Request headers, e.g. an API key; their values are never shown or logged. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** Labels added to the target's alerts (besides target); keys as Prometheus label names. */
        private Map<String, String> labels = new LinkedHashMap<>();

        /** Whether redirects are followed (otherwise a redirect counts by its own status). */
        private boolean followRedirects;

        /** An https target with a certificate expiring in fewer days is degraded; 0 turns the warning off. */
        private int certificateWarnDays = 30;

        /** An https target with a certificate expiring in fewer days fails (0: only when expired). */
        private int certificateFailDays;

        /** Whether the target checks this application, so that it is added once the application is ready. */
        boolean isSelf() {
            return switch (type) {
                case HTTP -> url != null && url.strip().startsWith("/");
                case TCP -> host == null || host.isBlank();
                case DNS -> false;
                case SCENARIO -> scenario.isSelf();
            };
        }

        /**
         * The target with these settings; {@code selfBase} ({@code http://127.0.0.1:PORT/context-path}) is where this
         * application listens, for the targets that check it.
         */
        UptimeTarget toTarget(String selfBase) {
            String target = String.valueOf(name);
            UptimeTarget.Builder builder = switch (type) {
                case HTTP -> http(target, URI.create((isSelf() ? selfBase : "") + String.valueOf(url).strip()));
                case TCP -> {
                    URI self = URI.create(selfBase);
                    boolean own = host == null || host.isBlank();
                    yield UptimeTarget.tcp(target, own ? self.getHost() : host.strip(),
                            port != null ? port : own ? self.getPort() : 0);
                }
                case DNS -> UptimeTarget.dns(target, dns.toQuery());
                case SCENARIO -> UptimeTarget.scenario(target, scenario.toScenario(selfBase)).followRedirects(followRedirects);
            };
            builder.interval(interval)
                    .timeout(timeout)
                    .failureThreshold(failureThreshold)
                    .recoveryThreshold(recoveryThreshold)
                    .severity(severity);
            if (degradedAbove != null) {
                builder.degradedAbove(degradedAbove);
            }
            labels.forEach(builder::label);
            return builder.build();
        }

        private UptimeTarget.Builder http(String target, URI uri) {
            UptimeTarget.Builder builder = UptimeTarget.builder(target, uri)
                    .followRedirects(followRedirects)
                    .certificateWarnDays(certificateWarnDays)
                    .certificateFailDays(certificateFailDays);
            int[] statuses = statuses(expectedStatus);
            builder.expectStatus(statuses[0], statuses[1]);
            if (expectKeyword != null) {
                builder.expectKeyword(expectKeyword);
            }
            if (rejectKeyword != null) {
                builder.rejectKeyword(rejectKeyword);
            }
            headers.forEach(builder::header);
            return builder;
        }

        static int[] statuses(@Nullable String expected) {
            String text = expected == null ? "" : expected.strip();
            try {
                int dash = text.indexOf('-');
                if (dash < 0) {
                    int status = Integer.parseInt(text);
                    return new int[] {status, status};
                }
                return new int[] {Integer.parseInt(text.substring(0, dash).strip()),
                        Integer.parseInt(text.substring(dash + 1).strip())};
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected-status must be a status such as 200 or a range such as "
                        + "200-299, was '" + expected + "'");
            }
        }

        /** The kind of target. */
        public UptimeTarget.Kind getType() {
            return type;
        }

        /** Sets the kind of target. */
        public void setType(UptimeTarget.Kind type) {
            this.type = type;
        }

        /** The host of a tcp target, or null. */
        public @Nullable String getHost() {
            return host;
        }

        /** Sets the host of a tcp target. */
        public void setHost(@Nullable String host) {
            this.host = host;
        }

        /** The port of a tcp target, or null. */
        public @Nullable Integer getPort() {
            return port;
        }

        /** Sets the port of a tcp target. */
        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        /** The query of a dns target. */
        public DnsTargetProperties getDns() {
            return dns;
        }

        /** The steps of a scenario target. */
        public ScenarioTargetProperties getScenario() {
            return scenario;
        }

        /** The name. */
        public @Nullable String getName() {
            return name;
        }

        /** Sets the name. */
        public void setName(@Nullable String name) {
            this.name = name;
        }

        /** The URL. */
        public @Nullable String getUrl() {
            return url;
        }

        /** Sets the URL. */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** The interval. */
        public Duration getInterval() {
            return interval;
        }

        /** Sets the interval. */
        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        /** The timeout. */
        public Duration getTimeout() {
            return timeout;
        }

        /** Sets the timeout. */
        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        /** The expected status or range. */
        public String getExpectedStatus() {
            return expectedStatus;
        }

        /** Sets the expected status or range. */
        public void setExpectedStatus(String expectedStatus) {
            this.expectedStatus = expectedStatus;
        }

        /** The expected keyword, or null. */
        public @Nullable String getExpectKeyword() {
            return expectKeyword;
        }

        /** Sets the expected keyword. */
        public void setExpectKeyword(@Nullable String expectKeyword) {
            this.expectKeyword = expectKeyword;
        }

        /** The rejected keyword, or null. */
        public @Nullable String getRejectKeyword() {
            return rejectKeyword;
        }

        /** Sets the rejected keyword. */
        public void setRejectKeyword(@Nullable String rejectKeyword) {
            this.rejectKeyword = rejectKeyword;
        }

        /** The degraded threshold, or null. */
        public @Nullable Duration getDegradedAbove() {
            return degradedAbove;
        }

        /** Sets the degraded threshold. */
        public void setDegradedAbove(@Nullable Duration degradedAbove) {
            this.degradedAbove = degradedAbove;
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

        /** The severity. */
        public AlertSeverity getSeverity() {
            return severity;
        }

        /** Sets the severity. */
        public void setSeverity(AlertSeverity severity) {
            this.severity = severity;
        }

        /** The headers. */
        public Map<String, String> getHeaders() {
            return headers;
        }

        /** Sets the headers. */
        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        /** The labels. */
        public Map<String, String> getLabels() {
            return labels;
        }

        /** Sets the labels. */
        public void setLabels(Map<String, String> labels) {
            this.labels = labels;
        }

        /** Whether redirects are followed. */
        public boolean isFollowRedirects() {
            return followRedirects;
        }

        /** Sets whether redirects are followed. */
        public void setFollowRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
        }

        /** The certificate warn days. */
        public int getCertificateWarnDays() {
            return certificateWarnDays;
        }

        /** Sets the certificate warn days. */
        public void setCertificateWarnDays(int certificateWarnDays) {
            this.certificateWarnDays = certificateWarnDays;
        }

        /** The certificate fail days. */
        public int getCertificateFailDays() {
            return certificateFailDays;
        }

        /** Sets the certificate fail days. */
        public void setCertificateFailDays(int certificateFailDays) {
            this.certificateFailDays = certificateFailDays;
        }
    }
}
