package dev.monitor.uptime;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
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
 * One URL checked by an {@link UptimeMonitor}: how often, how long to wait, what counts as up, and when
 * to alert. Immutable; build with {@link #builder(String, URI)}.
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

    /**
     * Longest accepted name: the target is also the health check {@code uptime-NAME}, whose name must stay within
     * {@link Names#MAX_LENGTH}.
     */
    public static final int MAX_NAME_LENGTH = Names.MAX_LENGTH - 8;

    private final String name;
    private final URI uri;
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
        this.uri = builder.uri;
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
        return new Builder(name, uri);
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The URL checked. May carry credentials: it is never shown, logged or put into alerts. */
    public URI uri() {
        return uri;
    }

    /** The time between checks. */
    public Duration interval() {
        return interval;
    }

    /** The longest wait for the whole HTTP exchange. */
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

    /** Whether the URL is {@code https}. */
    public boolean isHttps() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public String toString() {
        return "UptimeTarget{" + name + ", every " + interval + ", timeout " + timeout + '}'; // never the URL: it may hold secrets
    }

    /** Builds an {@link UptimeTarget}; every setter validates its argument. */
    public static final class Builder {
        private final String name;
        private final URI uri;
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

        private Builder(String name, URI uri) {
            Names.requireName("uptime target name", name);
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("uptime target name must be at most " + MAX_NAME_LENGTH
                        + " characters (it becomes the health check 'uptime-NAME'), was " + name.length() + " characters");
            }
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                // the URL is not echoed: it may carry a password or a token
                throw new IllegalArgumentException("uri of target '" + name + "' must be an absolute http or https URI "
                        + "with a host, such as 'https://shop.example.com/'");
            }
            this.name = name;
            this.uri = uri;
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
            this.expectedKeyword = keyword("expectKeyword", keyword);
            return this;
        }

        /** Fails if the body contains {@code keyword} (case-sensitive), e.g. {@code "maintenance"}. */
        public Builder rejectKeyword(String keyword) {
            this.rejectedKeyword = keyword("rejectKeyword", keyword);
            return this;
        }

        /** Degraded (warn) when the exchange takes longer; must be below the timeout. */
        public Builder degradedAbove(Duration threshold) {
            this.degradedAbove = DurationLimits.requireBetween("degradedAbove", threshold, Duration.ofMillis(1),
                    Duration.ofMinutes(5));
            return this;
        }

        /** Degraded when the certificate has fewer days left (default 30); 0 turns the warning off. */
        public Builder certificateWarnDays(int days) {
            this.certificateWarnDays = days("certificateWarnDays", days);
            return this;
        }

        /** Failed when the certificate has fewer days left (default 0: only when expired). */
        public Builder certificateFailDays(int days) {
            this.certificateFailDays = days("certificateFailDays", days);
            return this;
        }

        /** How often the certificate is read again (default 1 hour); 1 s to 7 days. */
        public Builder certificateCheckInterval(Duration interval) {
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
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, () -> "value of header '" + name + "'");
            headers.put(name, value);
            return this;
        }

        /** Follows redirects (default false: a redirect counts by its own status). */
        public Builder followRedirects(boolean followRedirects) {
            this.followRedirects = followRedirects;
            return this;
        }

        /**
         * The client to check with, e.g. one trusting a private CA (default: a shared client). Its redirect policy
         * wins over {@link #followRedirects(boolean)}.
         */
        public Builder httpClient(HttpClient httpClient) {
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
