package dev.monitor.spring.request;

import dev.monitor.config.DurationLimits;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** Request monitoring, under {@code monitor.request}. */
@ConfigurationProperties("monitor.request")
public class MonitorRequestProperties implements Validator {

    /** Whether request IDs, request metrics, slow-request warnings and the standard error body are configured. */
    private boolean enabled = true;

    /**
     * Order of the request filter among the servlet filters. The default runs it before Spring Security (-100), so
     * that security logs carry the request ID and 401/403 answers are counted.
     */
    private int filterOrder = Ordered.HIGHEST_PRECEDENCE + 1;

    /** URL patterns the request filter is mapped to. */
    private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

    /** Requests slower than this are logged at WARN with method, route, status and request ID; at most 1h. */
    private Duration slowThreshold = Duration.ofSeconds(2);

    /**
     * Whether error bodies show the exception's type and first message line (scrubbed). Off (production): they say
     * "Internal server error".
     */
    private boolean developmentMode;

    /**
     * Whether errors are answered with the standard error body {"error":{"code":...,"request_id":...}}: exceptions
     * left unhandled by Spring MVC controllers, the JSON of Spring Boot's /error page (404, 405, ...) and the 401/403
     * handlers offered for Spring Security.
     */
    private boolean errorBody = true;

    /**
     * Secret key of the HMAC-SHA256 hashes of client addresses, at least 16 bytes in UTF-8. Share it between replicas
     * to correlate their hashes. Unset: a random key per process. Users get the PII scrubber's pseudonym instead
     * (monitor.pii.hmac-key), the same as Sentry's user id.
     */
    private @Nullable String hashKey;

    /** Request metrics. */
    private final Metrics metrics = new Metrics();

    /** Detection of repeated failed authentications (401/403) per client. */
    private final AuthFailures authFailures = new AuthFailures();

    /** Whether request monitoring is configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether request monitoring is configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Order of the request filter. */
    public int getFilterOrder() {
        return filterOrder;
    }

    /** Sets the order of the request filter. */
    public void setFilterOrder(int filterOrder) {
        this.filterOrder = filterOrder;
    }

    /** URL patterns of the request filter. */
    public List<String> getUrlPatterns() {
        return urlPatterns;
    }

    /** Sets the URL patterns of the request filter. */
    public void setUrlPatterns(List<String> urlPatterns) {
        this.urlPatterns = urlPatterns;
    }

    /** Slow-request threshold. */
    public Duration getSlowThreshold() {
        return slowThreshold;
    }

    /** Sets the slow-request threshold. */
    public void setSlowThreshold(Duration slowThreshold) {
        this.slowThreshold = slowThreshold;
    }

    /** Whether error bodies show exception details. */
    public boolean isDevelopmentMode() {
        return developmentMode;
    }

    /** Sets whether error bodies show exception details. */
    public void setDevelopmentMode(boolean developmentMode) {
        this.developmentMode = developmentMode;
    }

    /** Whether errors (unhandled exceptions, the /error page, Spring Security's 401/403) get the standard error body. */
    public boolean isErrorBody() {
        return errorBody;
    }

    /** Sets whether Spring MVC's unhandled exceptions get the standard error body. */
    public void setErrorBody(boolean errorBody) {
        this.errorBody = errorBody;
    }

    /** The hash key, or null for a random one. */
    public @Nullable String getHashKey() {
        return hashKey;
    }

    /** Sets the hash key. */
    public void setHashKey(@Nullable String hashKey) {
        this.hashKey = hashKey;
    }

    /** Request metrics. */
    public Metrics getMetrics() {
        return metrics;
    }

    /** Failed-authentication detection. */
    public AuthFailures getAuthFailures() {
        return authFailures;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorRequestProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorRequestProperties properties = (MonitorRequestProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.request", errors);
        checks.duration("slowThreshold", properties.slowThreshold, DurationLimits::requireTimeout);
        if (properties.urlPatterns == null || properties.urlPatterns.isEmpty()) {
            checks.reject("urlPatterns", properties.urlPatterns, "must name at least one pattern, e.g. /*");
        } else {
            checks.noBlankEntries("urlPatterns", properties.urlPatterns);
        }
        checks.secret("hashKey", properties.hashKey, 16);
        checks.atLeast("metrics.maxTagSets", properties.metrics.maxTagSets, 1);
        if (properties.metrics.percentiles == null) {
            checks.reject("metrics.percentiles", null, "must not be null (leave it empty for none)");
        } else {
            for (Double percentile : properties.metrics.percentiles) {
                if (percentile == null || !(percentile >= 0 && percentile <= 1)) {
                    checks.reject("metrics.percentiles", percentile, "must hold values between 0 and 1");
                }
            }
        }
        checks.atLeast("authFailures.threshold", properties.authFailures.threshold, 1);
        checks.duration("authFailures.window", properties.authFailures.window,
                (name, window) -> DurationLimits.requireBetween(name, window, Duration.ofMillis(1), DurationLimits.MAX_PERIOD));
        checks.atLeast("authFailures.maxTrackedClients", properties.authFailures.maxTrackedClients, 1);
    }

    /** When the starter records the {@code http.server.requests} timer. */
    public enum TimerMode {
        /** Only when Spring Boot's observation-based instrumentation does not already record it. */
        AUTO,
        /** Always (requests are counted twice if Spring Boot also records them). */
        ON,
        /** Never; the error counter, the in-flight gauge and the security meters are still recorded. */
        OFF
    }

    /** Request metrics. */
    public static class Metrics {

        /**
         * Whether the starter records the http.server.requests timer: auto (only when Spring Boot's observation filter
         * with a meter handler does not already record it, so a request is never counted twice), on or off.
         */
        private TimerMode timer = TimerMode.AUTO;

        /** Client-side percentiles of the request timer; empty for none. */
        private List<Double> percentiles = new ArrayList<>(List.of(0.5, 0.95, 0.99));

        /** Whether the request timer publishes a percentile histogram (e.g. for Prometheus). */
        private boolean percentileHistogram;

        /** Most distinct tag sets of the request meters; beyond it, uri and status are recorded as OTHER. */
        private int maxTagSets = 1000;

        /** When the timer is recorded. */
        public TimerMode getTimer() {
            return timer;
        }

        /** Sets when the timer is recorded. */
        public void setTimer(TimerMode timer) {
            this.timer = timer;
        }

        /** Client-side percentiles. */
        public List<Double> getPercentiles() {
            return percentiles;
        }

        /** Sets the client-side percentiles. */
        public void setPercentiles(List<Double> percentiles) {
            this.percentiles = percentiles;
        }

        /** Whether a percentile histogram is published. */
        public boolean isPercentileHistogram() {
            return percentileHistogram;
        }

        /** Sets whether a percentile histogram is published. */
        public void setPercentileHistogram(boolean percentileHistogram) {
            this.percentileHistogram = percentileHistogram;
        }

        /** Most distinct tag sets. */
        public int getMaxTagSets() {
            return maxTagSets;
        }

        /** Sets the most distinct tag sets. */
        public void setMaxTagSets(int maxTagSets) {
            this.maxTagSets = maxTagSets;
        }
    }

    /** Detection of repeated failed authentications. */
    public static class AuthFailures {

        /** Failed authentications per client allowed within the window; one more emits a security event. */
        private int threshold = 10;

        /** Sliding window of the threshold; 1ms to 366d. */
        private Duration window = Duration.ofMinutes(1);

        /** Most clients tracked at once; the least recently failing one is forgotten first. */
        private int maxTrackedClients = 10000;

        /** Failures allowed within the window. */
        public int getThreshold() {
            return threshold;
        }

        /** Sets the failures allowed within the window. */
        public void setThreshold(int threshold) {
            this.threshold = threshold;
        }

        /** Sliding window. */
        public Duration getWindow() {
            return window;
        }

        /** Sets the sliding window. */
        public void setWindow(Duration window) {
            this.window = window;
        }

        /** Most clients tracked. */
        public int getMaxTrackedClients() {
            return maxTrackedClients;
        }

        /** Sets the most clients tracked. */
        public void setMaxTrackedClients(int maxTrackedClients) {
            this.maxTrackedClients = maxTrackedClients;
        }
    }
}
