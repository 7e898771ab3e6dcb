package dev.monitor.spring.sentry;

import dev.monitor.spring.internal.PropertyChecks;
import dev.monitor.sentry.RouteTracesSampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Sentry, under {@code monitor.sentry}: configured when {@code monitor-sentry} is on the class path and a DSN is set
 * (this property, {@code SENTRY_DSN} or Sentry's own {@code sentry.dsn}).
 */
@ConfigurationProperties("monitor.sentry")
public class MonitorSentryProperties implements Validator {

    /** Whether Sentry is set up by the starter when a DSN is set. */
    private boolean enabled = true;

    /**
     * The project's DSN (https://PUBLIC_KEY@HOST/PROJECT_ID); never logged or repeated in errors. Unset: the
     * SENTRY_DSN environment variable, else Sentry's sentry.dsn property.
     */
    private @Nullable String dsn;

    /**
     * The environment of the events. Unset: SENTRY_ENVIRONMENT, else monitor.service.environment (ENVIRONMENT or ENV).
     */
    private @Nullable String environment;

    /** The release of the events. Unset: SENTRY_RELEASE, else monitor.service.version (RELEASE_VERSION or VERSION). */
    private @Nullable String release;

    /** The share of transactions sent, 0 to 1. Unset: SENTRY_TRACES_SAMPLE_RATE, else 0.1. */
    private @Nullable Double tracesSampleRate;

    /**
     * The share of profiling sessions, 0 to 1: continuous profiling of the JVM while sampled transactions run (the SDK's
     * profile-session-sample-rate with the TRACE lifecycle); needs io.sentry:sentry-async-profiler. Unset:
     * SENTRY_PROFILES_SAMPLE_RATE, else profiling off.
     */
    private @Nullable Double profilesSampleRate;

    /**
     * Request paths whose transactions are never recorded: exact paths or subtrees ending in /** (the default traces
     * sampler; a TracesSamplerCallback bean replaces it). Empty records every route at the traces sample rate.
     */
    private List<String> ignoredTransactionRoutes = new ArrayList<>(RouteTracesSampler.DEFAULT_IGNORED_ROUTES);

    /** Whether attachments are sent (files cannot be scrubbed, so they are removed by default). */
    private boolean keepAttachments;

    /** Whether slow and failed statements of every monitored DataSource become Sentry breadcrumbs. */
    private boolean queryBreadcrumbs = true;

    /**
     * Whether exceptions that Spring MVC controllers leave unhandled are reported (when the starter initialises Sentry;
     * Sentry's own Spring Boot starter reports them itself).
     */
    private boolean captureExceptions = true;

    /** Which errors are noise and are not reported. */
    private final Noise noise = new Noise();

    /** Alerts of the dispatcher as Sentry events. */
    private final AlertChannel alertChannel = new AlertChannel();

    /** Whether Sentry is set up. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether Sentry is set up. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The DSN, or null. */
    public @Nullable String getDsn() {
        return dsn;
    }

    /** Sets the DSN. */
    public void setDsn(@Nullable String dsn) {
        this.dsn = dsn;
    }

    /** The environment, or null. */
    public @Nullable String getEnvironment() {
        return environment;
    }

    /** Sets the environment. */
    public void setEnvironment(@Nullable String environment) {
        this.environment = environment;
    }

    /** The release, or null. */
    public @Nullable String getRelease() {
        return release;
    }

    /** Sets the release. */
    public void setRelease(@Nullable String release) {
        this.release = release;
    }

    /** The traces sample rate, or null. */
    public @Nullable Double getTracesSampleRate() {
        return tracesSampleRate;
    }

    /** Sets the traces sample rate. */
    public void setTracesSampleRate(@Nullable Double tracesSampleRate) {
        this.tracesSampleRate = tracesSampleRate;
    }

    /** The profiles sample rate, or null. */
    public @Nullable Double getProfilesSampleRate() {
        return profilesSampleRate;
    }

    /** Sets the profiles sample rate. */
    public void setProfilesSampleRate(@Nullable Double profilesSampleRate) {
        this.profilesSampleRate = profilesSampleRate;
    }

    /** The routes whose transactions are never recorded. */
    public List<String> getIgnoredTransactionRoutes() {
        return ignoredTransactionRoutes;
    }

    /** Sets the routes whose transactions are never recorded. */
    public void setIgnoredTransactionRoutes(List<String> ignoredTransactionRoutes) {
        this.ignoredTransactionRoutes = ignoredTransactionRoutes;
    }

    /** Whether attachments are sent. */
    public boolean isKeepAttachments() {
        return keepAttachments;
    }

    /** Sets whether attachments are sent. */
    public void setKeepAttachments(boolean keepAttachments) {
        this.keepAttachments = keepAttachments;
    }

    /** Whether statements become breadcrumbs. */
    public boolean isQueryBreadcrumbs() {
        return queryBreadcrumbs;
    }

    /** Sets whether statements become breadcrumbs. */
    public void setQueryBreadcrumbs(boolean queryBreadcrumbs) {
        this.queryBreadcrumbs = queryBreadcrumbs;
    }

    /** Whether unhandled controller exceptions are reported. */
    public boolean isCaptureExceptions() {
        return captureExceptions;
    }

    /** Sets whether unhandled controller exceptions are reported. */
    public void setCaptureExceptions(boolean captureExceptions) {
        this.captureExceptions = captureExceptions;
    }

    /** The noise filter. */
    public Noise getNoise() {
        return noise;
    }

    /** The alert channel. */
    public AlertChannel getAlertChannel() {
        return alertChannel;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorSentryProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; the DSN is checked when Sentry is set up, without repeating it. */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorSentryProperties properties = (MonitorSentryProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.sentry", errors);
        if (properties.environment != null && properties.environment.isBlank()) {
            checks.reject("environment", properties.environment, "must not be blank (leave it unset for the default)");
        }
        if (properties.release != null && properties.release.isBlank()) {
            checks.reject("release", properties.release, "must not be blank (leave it unset for the default)");
        }
        if (properties.tracesSampleRate != null) {
            checks.between("tracesSampleRate", properties.tracesSampleRate, 0, 1);
        }
        if (properties.profilesSampleRate != null) {
            checks.between("profilesSampleRate", properties.profilesSampleRate, 0, 1);
        }
        if (properties.ignoredTransactionRoutes == null) {
            checks.reject("ignoredTransactionRoutes", null, "must not be null (leave it empty to record every route)");
        } else {
            for (String route : properties.ignoredTransactionRoutes) {
                try {
                    RouteTracesSampler.ignoring(Collections.singletonList(route));
                } catch (IllegalArgumentException e) {
                    checks.reject("ignoredTransactionRoutes", route, "must hold paths such as /health or /actuator/** "
                            + "('*' only as a trailing /**, no whitespace, query or fragment)");
                }
            }
        }
        if (properties.noise.ignoredExceptions == null) {
            checks.reject("noise.ignoredExceptions", null, "must not be null");
        } else {
            for (String name : properties.noise.ignoredExceptions) {
                if (name == null || name.isBlank() || name.contains("/") || name.strip().contains(" ")) {
                    checks.reject("noise.ignoredExceptions", name, "must hold fully qualified class names such as "
                            + "com.example.OrderNotFoundException");
                }
            }
        }
        if (properties.noise.ignoredHttpStatuses == null) {
            checks.reject("noise.ignoredHttpStatuses", null, "must not be null (leave it empty to report every status)");
        } else {
            for (Integer status : properties.noise.ignoredHttpStatuses) {
                if (status == null || status < 100 || status > 599) {
                    checks.reject("noise.ignoredHttpStatuses", status, "must hold HTTP statuses between 100 and 599");
                }
            }
        }
        String name = properties.alertChannel.name;
        if (name == null || name.isBlank() || name.length() > 64 || name.indexOf(':') >= 0) {
            checks.reject("alertChannel.name", name, "must be 1 to 64 characters without ':'");
        }
    }

    /** The noise filter. */
    public static class Noise {

        /** Exception classes (fully qualified names, subclasses included) whose errors are not reported. */
        private List<String> ignoredExceptions = new ArrayList<>();

        /** HTTP statuses whose errors are not reported; empty reports every status. */
        private List<Integer> ignoredHttpStatuses = new ArrayList<>(List.of(404));

        /** Whether errors of clients that went away (broken pipe, client abort) are not reported. */
        private boolean ignoreClientAborts = true;

        /** Whether timeouts thrown as such are not reported. */
        private boolean ignoreTimeouts = true;

        /** The ignored exception classes. */
        public List<String> getIgnoredExceptions() {
            return ignoredExceptions;
        }

        /** Sets the ignored exception classes. */
        public void setIgnoredExceptions(List<String> ignoredExceptions) {
            this.ignoredExceptions = ignoredExceptions;
        }

        /** The ignored HTTP statuses. */
        public List<Integer> getIgnoredHttpStatuses() {
            return ignoredHttpStatuses;
        }

        /** Sets the ignored HTTP statuses. */
        public void setIgnoredHttpStatuses(List<Integer> ignoredHttpStatuses) {
            this.ignoredHttpStatuses = ignoredHttpStatuses;
        }

        /** Whether client aborts are ignored. */
        public boolean isIgnoreClientAborts() {
            return ignoreClientAborts;
        }

        /** Sets whether client aborts are ignored. */
        public void setIgnoreClientAborts(boolean ignoreClientAborts) {
            this.ignoreClientAborts = ignoreClientAborts;
        }

        /** Whether timeouts are ignored. */
        public boolean isIgnoreTimeouts() {
            return ignoreTimeouts;
        }

        /** Sets whether timeouts are ignored. */
        public void setIgnoreTimeouts(boolean ignoreTimeouts) {
            this.ignoreTimeouts = ignoreTimeouts;
        }
    }

    /** The Sentry alert channel. */
    public static class AlertChannel {

        /**
         * Whether the alert dispatcher also sends alerts to Sentry as events (one issue per alert fingerprint), posted
         * to the same DSN with the dispatcher's retries and outbox.
         */
        private boolean enabled;

        /** The channel's name, for monitor.alerts.routing. */
        private String name = "sentry";

        /** Whether the channel is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the channel is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The channel's name. */
        public String getName() {
            return name;
        }

        /** Sets the channel's name. */
        public void setName(String name) {
            this.name = name;
        }
    }
}
