package dev.monitor.uptime;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.uptime.internal.HttpUrls;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One thing checked by an {@link UptimeMonitor}: what (a URL, a TCP port, a DNS query or a multi-step HTTP
 * {@link Scenario}), how often, how long to wait, what counts as up, and when to alert. Immutable; build with
 * {@link #builder(String, URI)} (HTTP), {@link #tcp(String, String, int)}, {@link #dns(String, DnsQuery)} or
 * {@link #scenario(String, Scenario)}. Every kind shares the schedule, thresholds, severity, labels and
 * {@link Builder#degradedAbove(Duration) degradedAbove}; the HTTP settings (status, keywords, certificate, headers,
 * redirects) apply to HTTP targets only.
 *
 * <pre>{@code
 * UptimeTarget shop = UptimeTarget.builder("shop", URI.create("https://shop.example.com/"))
 *         .interval(Duration.ofMinutes(1))
 *         .timeout(Duration.ofSeconds(10))
 *         .expectKeyword("Add to cart")
 *         .rejectKeyword("maintenance")
 *         .degradedAbove(Duration.ofSeconds(2))
 *         .failureThreshold(3)      // alert after 3 failed checks in a row
 *         .recoveryThreshold(2)     // resolve after 2 good checks in a row
 *         .build();
 * }</pre>
 *
 * <p>A check fails on no answer within the timeout, a status outside the expected range (default 200-399,
 * redirects not followed), a missing expected keyword or a present rejected keyword (searched in the first
 * 64 KiB of the body), or, for {@code https}, a certificate chain expired or with fewer than
 * {@link #certificateFailDays()} days left. It warns (the target is degraded but up) when slower than
 * {@link #degradedAbove()} or when the certificate has fewer than {@link #certificateWarnDays()} days left.
 * The certificate is read at the first check and then every {@link #certificateCheckInterval()}.
 */
public final class UptimeTarget {

    /** What a target checks. */
    public enum Kind {
        /** A {@code GET} of a URL. */
        HTTP,
        /** A TCP connection to a host and port; its response time is the connect time. */
        TCP,
        /** A {@link DnsQuery} sent to a resolver. */
        DNS,
        /** The steps of a {@link Scenario}, in order. */
        SCENARIO;

        /** The lower-case name, as in properties and JSON. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Longest accepted name: the target is also the health check {@code uptime-NAME}, whose name must stay within
     * {@link Names#MAX_LENGTH}.
     */
    public static final int MAX_NAME_LENGTH = Names.MAX_LENGTH - 8;

    private final String name;
    private final Kind kind;
    private final @Nullable URI uri;
    private final @Nullable String host;
    private final int port;
    private final @Nullable DnsQuery dnsQuery;
    private final @Nullable Scenario scenario;
    private final Duration interval;
    private final Duration timeout;
    private final int minStatus;
    private final int maxStatus;
    private final @Nullable String expectedKeyword;
    private final @Nullable String rejectedKeyword;
    private final @Nullable Duration degradedAbove;
    private final int certificateWarnDays;
    private final int certificateFailDays;
    private final Duration certificateCheckInterval;
    private final int failureThreshold;
    private final int recoveryThreshold;
    private final AlertSeverity severity;
    private final Map<String, String> labels;
    private final Map<String, String> headers;
    private final boolean followRedirects;
    private final @Nullable HttpClient httpClient;

    private UptimeTarget(Builder builder) {
        this.name = builder.name;
        this.kind = builder.kind;
        this.uri = builder.uri;
        this.host = builder.host;
        this.port = builder.port;
        this.dnsQuery = builder.dnsQuery;
        this.scenario = builder.scenario;
        this.interval = builder.interval;
        this.timeout = builder.timeout;
        this.minStatus = builder.minStatus;
        this.maxStatus = builder.maxStatus;
        this.expectedKeyword = builder.expectedKeyword;
        this.rejectedKeyword = builder.rejectedKeyword;
        this.degradedAbove = builder.degradedAbove;
        this.certificateWarnDays = builder.certificateWarnDays;
        this.certificateFailDays = builder.certificateFailDays;
        this.certificateCheckInterval = builder.certificateCheckInterval;
        this.failureThreshold = builder.failureThreshold;
        this.recoveryThreshold = builder.recoveryThreshold;
        this.severity = builder.severity;
        this.labels = Collections.unmodifiableMap(new TreeMap<>(builder.labels));
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
        this.followRedirects = builder.followRedirects;
        this.httpClient = builder.httpClient;
    }

    /**
     * A builder for a target named {@code name} (shown on the status page and used as the alert's
     * {@code target} label; a {@linkplain Names name}: ASCII letters, digits, {@code '.'}, {@code '_'} and
     * {@code '-'}, starting with a letter or digit, here at most {@value #MAX_NAME_LENGTH} characters) checking
     * {@code uri} ({@code http} or {@code https}).
     *
     * @throws IllegalArgumentException naming the setting if the name breaks the rule or the URI is not http(s)
     */
    public static Builder builder(String name, URI uri) {
        Builder builder = new Builder(name, Kind.HTTP);
        Objects.requireNonNull(uri, "uri");
        if (!HttpUrls.isHttp(uri)) {
            // the URL is not echoed: it may carry a password or a token
            throw new IllegalArgumentException("uri of target '" + name + "' must be an absolute http or https URI "
                    + "with a host, such as 'https://shop.example.com/'");
        }
        builder.uri = uri;
        return builder;
    }

    /**
     * A builder for a target named {@code name} that opens a TCP connection to {@code host:port} and closes it: up
     * when the connection is accepted within the timeout (the connect time is the response time); failures are
     * classified as {@code connection refused}, {@code timed out} and {@code unresolved host}.
     *
     * @throws IllegalArgumentException naming the setting if the name, the host or the port is not valid
     */
    public static Builder tcp(String name, String host, int port) {
        Builder builder = new Builder(name, Kind.TCP);
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.length() > 253 || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@' || c > 126)) {
            throw new IllegalArgumentException("host of target '" + name + "' must be a host name or an IP address, "
                    + "such as 'db.internal' or '10.0.0.5'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port of target '" + name + "' must be between 1 and 65535, was " + port);
        }
        builder.host = host;
        builder.port = port;
        return builder;
    }

    /**
     * A builder for a target named {@code name} that sends {@code query} to its resolver: failures are classified as
     * {@code NXDOMAIN}, {@code timed out}, {@code wrong answer} and {@code error} (SERVFAIL, REFUSED, ...).
     *
     * @throws IllegalArgumentException naming the setting if the name is not valid
     */
    public static Builder dns(String name, DnsQuery query) {
        Builder builder = new Builder(name, Kind.DNS);
        builder.dnsQuery = Objects.requireNonNull(query, "query");
        return builder;
    }

    /**
     * A builder for a target named {@code name} that runs {@code scenario}'s steps in order, each in the time left of
     * the target's {@link Builder#timeout(Duration) timeout}; the first failing step fails the check and is named
     * in its error, its alert (annotation {@code step}) and its health check.
     *
     * @throws IllegalArgumentException naming the setting if the name is not valid
     */
    public static Builder scenario(String name, Scenario scenario) {
        Builder builder = new Builder(name, Kind.SCENARIO);
        builder.scenario = Objects.requireNonNull(scenario, "scenario");
        return builder;
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** What the target checks. */
    public Kind kind() {
        return kind;
    }

    /**
     * The URL checked by an HTTP target, {@code null} for other kinds. May carry credentials: it is never shown,
     * logged or put into alerts.
     */
    public @Nullable URI uri() {
        return uri;
    }

    /** The host a TCP target connects to, {@code null} for other kinds. */
    public @Nullable String host() {
        return host;
    }

    /** The port a TCP target connects to, 0 for other kinds. */
    public int port() {
        return port;
    }

    /** The query of a DNS target, {@code null} for other kinds. */
    public @Nullable DnsQuery dnsQuery() {
        return dnsQuery;
    }

    /** The steps of a scenario target, {@code null} for other kinds. */
    public @Nullable Scenario scenario() {
        return scenario;
    }

    /** The time between checks. */
    public Duration interval() {
        return interval;
    }

    /** The longest wait for the whole check: the HTTP exchange, the connection, the DNS answer or all steps of a scenario. */
    public Duration timeout() {
        return timeout;
    }

    /** The lowest status counted as up. */
    public int minStatus() {
        return minStatus;
    }

    /** The highest status counted as up. */
    public int maxStatus() {
        return maxStatus;
    }

    /** A keyword the body must contain, or {@code null}. */
    public @Nullable String expectedKeyword() {
        return expectedKeyword;
    }

    /** A keyword the body must not contain, or {@code null}. */
    public @Nullable String rejectedKeyword() {
        return rejectedKeyword;
    }

    /** The response time above which the target is degraded, or {@code null}. */
    public @Nullable Duration degradedAbove() {
        return degradedAbove;
    }

    /** Fewer days left on the certificate than this: degraded (warn). */
    public int certificateWarnDays() {
        return certificateWarnDays;
    }

    /** Fewer days left than this, or expired: failed. */
    public int certificateFailDays() {
        return certificateFailDays;
    }

    /** How often the certificate is read again. */
    public Duration certificateCheckInterval() {
        return certificateCheckInterval;
    }

    /** Failed checks in a row before the target is down and alerted. */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** Good checks in a row before a down target is up again and its alert resolved. */
    public int recoveryThreshold() {
        return recoveryThreshold;
    }

    /** The severity of the down alert. */
    public AlertSeverity severity() {
        return severity;
    }

    /** Labels added to the target's alerts (besides {@code target}). */
    public Map<String, String> labels() {
        return labels;
    }

    /** Request headers, e.g. an API key; never shown or logged. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Whether redirects are followed. */
    public boolean followRedirects() {
        return followRedirects;
    }

    /** The client checks are sent with, or {@code null} for a shared one. */
    public @Nullable HttpClient httpClient() {
        return httpClient;
    }

    /** Whether the target is an HTTP target of an {@code https} URL. */
    public boolean isHttps() {
        return uri != null && "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public String toString() {
        // never the URL, the steps or the query: they may hold secrets
        return "UptimeTarget{" + name + ", " + kind.label() + ", every " + interval + ", timeout " + timeout + '}';
    }

    /** Builds an {@link UptimeTarget}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private @Nullable URI uri;
        private @Nullable String host;
        private int port;
        private @Nullable DnsQuery dnsQuery;
        private @Nullable Scenario scenario;
        private Duration interval = Duration.ofMinutes(1);
        private Duration timeout = Duration.ofSeconds(10);
        private int minStatus = 200;
        private int maxStatus = 399;
        private @Nullable String expectedKeyword;
        private @Nullable String rejectedKeyword;
        private @Nullable Duration degradedAbove;
        private int certificateWarnDays = 30;
        private int certificateFailDays;
        private Duration certificateCheckInterval = Duration.ofHours(1);
        private int failureThreshold = 3;
        private int recoveryThreshold = 1;
        private AlertSeverity severity = AlertSeverity.CRITICAL;
        private final TreeMap<String, String> labels = new TreeMap<>();
        private final LinkedHashMap<String, String> headers = new LinkedHashMap<>();
        private boolean followRedirects;
        private @Nullable HttpClient httpClient;

        private Builder(String name, Kind kind) {
            Names.requireName("uptime target name", name);
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("uptime target name must be at most " + MAX_NAME_LENGTH
                        + " characters (it becomes the health check 'uptime-NAME'), was " + name.length() + " characters");
            }
            this.name = name;
            this.kind = kind;
        }

        /** Refuses a setting that does not apply to this kind of target. */
        private void httpOnly(String setting, boolean scenarioToo) {
            if (kind != Kind.HTTP && !(scenarioToo && kind == Kind.SCENARIO)) {
                throw new IllegalStateException(setting + " applies to http" + (scenarioToo ? " and scenario" : "")
                        + " targets, not to the " + kind.label() + " target '" + name + "'");
            }
        }

        /** Time between checks (default 1 minute); 1 s to 1 day. */
        public Builder interval(Duration interval) {
            this.interval = DurationLimits.requireBetween("interval", interval, Duration.ofSeconds(1), Duration.ofDays(1));
            return this;
        }

        /** Longest wait for the whole exchange, body included (default 10 s); up to 5 minutes and below the interval. */
        public Builder timeout(Duration timeout) {
            this.timeout = DurationLimits.requireBetween("timeout", timeout, Duration.ofMillis(1), Duration.ofMinutes(5));
            return this;
        }

        /** Expects exactly this status. */
        public Builder expectStatus(int status) {
            return expectStatus(status, status);
        }

        /** Expects a status between {@code min} and {@code max} inclusive (default 200-399). */
        public Builder expectStatus(int min, int max) {
            httpOnly("expectStatus", false);
            if (min < 100 || min > 599) {
                throw new IllegalArgumentException("expected status must be between 100 and 599, was " + min);
            }
            if (max < min || max > 599) {
                throw new IllegalArgumentException("expected status range must be within " + min + "-599, was " + min + "-" + max);
            }
            this.minStatus = min;
            this.maxStatus = max;
            return this;
        }

        /** Fails unless the body contains {@code keyword} (case-sensitive). */
        public Builder expectKeyword(String keyword) {
            httpOnly("expectKeyword", false);
            this.expectedKeyword = keyword("expectKeyword", keyword);
            return this;
        }

        /** Fails if the body contains {@code keyword} (case-sensitive), e.g. {@code "maintenance"}. */
        public Builder rejectKeyword(String keyword) {
            httpOnly("rejectKeyword", false);
            this.rejectedKeyword = keyword("rejectKeyword", keyword);
            return this;
        }

        /**
         * Degraded (warn) when the check takes longer (the HTTP exchange, the TCP connect, the DNS answer, all steps of
         * a scenario); must be below the timeout.
         */
        public Builder degradedAbove(Duration threshold) {
            this.degradedAbove = DurationLimits.requireBetween("degradedAbove", threshold, Duration.ofMillis(1),
                    Duration.ofMinutes(5));
            return this;
        }

        /** Degraded when the certificate has fewer days left (default 30); 0 turns the warning off. */
        public Builder certificateWarnDays(int days) {
            httpOnly("certificateWarnDays", false);
            this.certificateWarnDays = days("certificateWarnDays", days);
            return this;
        }

        /** Failed when the certificate has fewer days left (default 0: only when expired). */
        public Builder certificateFailDays(int days) {
            httpOnly("certificateFailDays", false);
            this.certificateFailDays = days("certificateFailDays", days);
            return this;
        }

        /** How often the certificate is read again (default 1 hour); 1 s to 7 days. */
        public Builder certificateCheckInterval(Duration interval) {
            httpOnly("certificateCheckInterval", false);
            this.certificateCheckInterval = DurationLimits.requireBetween("certificateCheckInterval", interval,
                    Duration.ofSeconds(1), Duration.ofDays(7));
            return this;
        }

        /** Failed checks in a row before the target is down and alerted (default 3, as UptimeRobot); 1 to 100. */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = count("failureThreshold", failureThreshold);
            return this;
        }

        /** Good checks in a row before a down target is up again (default 1); 1 to 100. */
        public Builder recoveryThreshold(int recoveryThreshold) {
            this.recoveryThreshold = count("recoveryThreshold", recoveryThreshold);
            return this;
        }

        /** Severity of the down alert (default CRITICAL). */
        public Builder severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /**
         * Adds a label to the target's alerts; {@code target} is set to the name. The key is a
         * {@linkplain Names#requireLabelKey label key}.
         */
        public Builder label(String name, String value) {
            Names.requireLabelKey("label name of uptime target '" + this.name + "'", name);
            if ("target".equals(name)) {
                throw new IllegalArgumentException("label 'target' is set to the target's name");
            }
            Alert.builder("UptimeTargetDown").label(name, value);
            labels.put(name, value);
            return this;
        }

        /** Adds a request header, e.g. an API key; its value is never shown or logged. */
        public Builder header(String name, String value) {
            httpOnly("header", false);
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, () -> "value of header '" + name + "'");
            headers.put(name, value);
            return this;
        }

        /** Follows redirects (default false: a redirect counts by its own status). */
        public Builder followRedirects(boolean followRedirects) {
            httpOnly("followRedirects", true);
            this.followRedirects = followRedirects;
            return this;
        }

        /**
         * The client to check with, e.g. one trusting a private CA (default: a shared client). Its redirect policy
         * wins over {@link #followRedirects(boolean)}.
         */
        public Builder httpClient(HttpClient httpClient) {
            httpOnly("httpClient", true);
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /**
         * Builds the target.
         *
         * @throws IllegalArgumentException if the timeout is not below the interval, the slow threshold not below the
         *     timeout, the keywords are equal or the certificate fail days are not below the warn days
         */
        public UptimeTarget build() {
            if (timeout.compareTo(interval) >= 0) {
                throw new IllegalArgumentException("timeout (" + timeout + ") of target '" + name
                        + "' must be less than its interval (" + interval + ")");
            }
            if (degradedAbove != null && degradedAbove.compareTo(timeout) >= 0) {
                throw new IllegalArgumentException("degradedAbove (" + degradedAbove + ") of target '" + name
                        + "' must be less than its timeout (" + timeout + ")");
            }
            if (expectedKeyword != null && expectedKeyword.equals(rejectedKeyword)) {
                throw new IllegalArgumentException("expectKeyword and rejectKeyword must differ, both were '" + expectedKeyword + "'");
            }
            if (certificateWarnDays > 0 && certificateFailDays >= certificateWarnDays) {
                throw new IllegalArgumentException("certificateFailDays (" + certificateFailDays
                        + ") must be less than certificateWarnDays (" + certificateWarnDays + ")");
            }
            return new UptimeTarget(this);
        }

        private static int days(String name, int days) {
            if (days < 0 || days > 3650) {
                throw new IllegalArgumentException(name + " must be between 0 and 3650, was " + days);
            }
            return days;
        }

        private static int count(String name, int count) {
            if (count < 1 || count > 100) {
                throw new IllegalArgumentException(name + " must be between 1 and 100, was " + count);
            }
            return count;
        }

        private static String keyword(String name, @Nullable String keyword) {
            Objects.requireNonNull(keyword, name);
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException(name + " must not be empty");
            }
            return keyword;
        }
    }
}
