package dev.monitor.sentry;

import dev.monitor.config.DurationLimits;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.pii.Scrubber;
import dev.monitor.sentry.internal.ContextEnricher;
import dev.monitor.sentry.internal.DataCollectionPolicy;
import dev.monitor.sentry.internal.EventScrubbing;
import dev.monitor.sentry.internal.HookCounters;
import dev.monitor.sentry.internal.IssuedPseudonyms;
import dev.monitor.sentry.internal.QueryBreadcrumbs;
import dev.monitor.sentry.internal.ScrubbingHooks;
import dev.monitor.sentry.internal.SentryDsn;
import dev.monitor.sentry.internal.EnvelopeScrubbing;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.ProfileLifecycle;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentry set up in one call, with every event, transaction, breadcrumb, log and metric scrubbed through the PII engine
 * before it leaves the process, noise filtered, errors categorised, and the request ID and a keyed hash of the user
 * attached.
 *
 * <pre>{@code
 * SentryMonitoring sentry = SentryMonitoring.init();   // SENTRY_DSN, SENTRY_ENVIRONMENT, SENTRY_RELEASE, ...
 *
 * SentryMonitoring sentry = SentryMonitoring.builder()
 *         .fromEnvironment(System.getenv())
 *         .scrubber(scrubber)                             // default Scrubber.defaults()
 *         .meterRegistry(meterRegistry)                   // monitor.sentry.scrubbed / .dropped
 *         .errorClassifier(ErrorClassifier.builder().packagePrefix("com.example.billing", "payment").build())
 *         .noiseFilter(NoiseFilter.builder().ignoreExceptions(OrderNotFoundException.class).build())
 *         .init();
 * }</pre>
 *
 * <p>Without a DSN, or with {@code SENTRY_ENABLED=false}, nothing is initialised and one INFO line says so; every
 * method then does nothing. {@code sendDefaultPii} is always off. The Sentry SDK is global: initialise once per
 * process and {@link #close()} on shutdown.
 *
 * <p>Every hook fails closed: if scrubbing throws, the item is dropped rather than sent raw, and counted.
 *
 * <p>Transactions of health, status, actuator, job check-in and operator routes are not recorded: a
 * {@link RouteTracesSampler} is set unless the application gives a sampler of its own
 * ({@link Builder#ignoredTransactionRoutes}, {@link Builder#tracesSampler}). {@code SENTRY_PROFILES_SAMPLE_RATE}
 * switches on continuous profiling of sampled transactions ({@link Builder#profilesSampleRate}).
 */
public final class SentryMonitoring implements AutoCloseable {

    /** The tag carrying the request ID from the MDC. */
    public static final String REQUEST_ID_TAG = ContextEnricher.REQUEST_ID_TAG;

    private static final Logger LOG = LoggerFactory.getLogger(SentryMonitoring.class);
    /** The continuous profiler of {@code io.sentry:sentry-async-profiler}. */
    private static final String ASYNC_PROFILER = "io.sentry.asyncprofiler.profiling.JavaContinuousProfiler";

    private final SentrySettings settings;
    private final boolean enabled;
    private final boolean ownsSdk;
    private final Scrubber scrubber;
    private final HookCounters counters;
    private final IssuedPseudonyms pseudonyms;
    private final QueryListener queryListener;

    private SentryMonitoring(SentrySettings settings, boolean enabled, boolean ownsSdk, Scrubber scrubber,
            HookCounters counters, IssuedPseudonyms pseudonyms) {
        this.settings = settings;
        this.enabled = enabled;
        this.ownsSdk = ownsSdk;
        this.scrubber = scrubber;
        this.counters = counters;
        this.pseudonyms = pseudonyms;
        this.queryListener = enabled ? new QueryBreadcrumbs() : new QueryListener() { };
    }

    /** Initialises Sentry from {@code System.getenv()} with the defaults; see {@link Builder#fromEnvironment(Map)}. */
    public static SentryMonitoring init() {
        return init(System.getenv());
    }

    /** Initialises Sentry from {@code environment} with the defaults; see {@link Builder#fromEnvironment(Map)}. */
    public static SentryMonitoring init(Map<String, String> environment) {
        return builder().fromEnvironment(environment).init();
    }

    /** A builder; settings given to it win over the environment's. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether events are reported through the hooks of this instance. */
    public boolean isEnabled() {
        return enabled;
    }

    /** The settings in use (the DSN's key is not shown by their {@code toString()}). */
    public SentrySettings settings() {
        return settings;
    }

    /**
     * Reports {@code throwable} as an error; never throws for reporting problems.
     *
     * @return the event's id, or {@link SentryId#EMPTY_ID} when nothing was sent
     */
    public SentryId captureException(Throwable throwable) {
        return captureException(throwable, Map.of());
    }

    /**
     * Reports {@code throwable} as an error with {@code context} as extra data (scrubbed like everything else: values
     * of sensitive keys are redacted, personal data in values masked); never throws for reporting problems.
     *
     * @return the event's id, or {@link SentryId#EMPTY_ID} when nothing was sent
     */
    public SentryId captureException(Throwable throwable, Map<String, ?> context) {
        Objects.requireNonNull(throwable, "throwable");
        Objects.requireNonNull(context, "context");
        if (!enabled) {
            return SentryId.EMPTY_ID;
        }
        try {
            SentryEvent event = new SentryEvent(throwable);
            event.setLevel(SentryLevel.ERROR);
            if (!context.isEmpty()) {
                Map<String, Object> extras = new LinkedHashMap<>();
                context.forEach((key, value) -> {
                    if (key != null && value != null) {
                        extras.put(key, value);
                    }
                });
                event.setExtras(extras);
            }
            return Sentry.captureEvent(event);
        } catch (RuntimeException e) {
            return SentryId.EMPTY_ID;
        }
    }

    /**
     * Sets the user of the current Sentry scope to a keyed hash of {@code userId} (nothing else about the user is
     * sent). The scope belongs to the current thread: on pooled request threads prefer
     * {@code RequestContext.identifyUser}, whose hash is attached per request and wins over this one.
     *
     * @return the hash sent as the user's id
     */
    public String setUser(String userId) {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank; use clearUser() to forget the user");
        }
        String pseudonym = scrubber.pseudonymize(userId);
        if (enabled) {
            pseudonyms.issue(pseudonym);
            User user = new User();
            user.setId(pseudonym);
            Sentry.setUser(user);
        }
        return pseudonym;
    }

    /** Removes the user from the current Sentry scope. */
    public void clearUser() {
        if (enabled) {
            Sentry.setUser(null);
        }
    }

    /**
     * A listener for {@code MonitoredDataSource.builder(...).listener(...)}: slow and failed statements become
     * breadcrumbs with sanitized SQL, and an error caused by a failed statement is tagged
     * {@code error.category=database} with its SQLState. Does nothing when reporting is off.
     */
    public QueryListener queryListener() {
        return queryListener;
    }

    /** What the hooks scrubbed and dropped so far. */
    public SentryHookStats stats() {
        return counters.snapshot();
    }

    /**
     * Waits up to {@code timeout} for queued events to be sent.
     *
     * @throws IllegalArgumentException unless {@code timeout} is greater than 0 and at most 1 hour
     */
    public void flush(Duration timeout) {
        DurationLimits.requireTimeout("flush timeout", timeout);
        if (enabled) {
            Sentry.flush(timeout.toMillis());
        }
    }

    /** Flushes and closes the Sentry SDK if this instance initialised it. */
    @Override
    public void close() {
        if (ownsSdk) {
            Sentry.close();
        }
    }

    @Override
    public String toString() {
        return "SentryMonitoring{enabled=" + enabled + ", " + settings + '}';
    }

    /** Builds and starts a {@link SentryMonitoring}; values set here win over the environment's. */
    public static final class Builder {
        private Map<String, String> environment = Map.of();
        private @Nullable String dsn;
        private @Nullable Boolean enabled;
        private @Nullable String sentryEnvironment;
        private @Nullable String release;
        private @Nullable Double tracesSampleRate;
        private @Nullable Double profilesSampleRate;
        private @Nullable List<String> ignoredTransactionRoutes;
        private SentryOptions.@Nullable TracesSamplerCallback tracesSampler;
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;
        private ErrorClassifier errorClassifier = ErrorClassifier.defaults();
        private NoiseFilter noiseFilter = NoiseFilter.defaults();
        private Consumer<SentryOptions> options = o -> { };
        private boolean keepAttachments;

        private Builder() {
        }

        /**
         * Reads the settings from {@code environment} (usually {@code System.getenv()}):
         * {@code SENTRY_DSN}, {@code SENTRY_ENVIRONMENT} (else {@code ENVIRONMENT}, else {@code ENV}),
         * {@code SENTRY_RELEASE} (else {@code RELEASE_VERSION}, else {@code VERSION}),
         * {@code SENTRY_TRACES_SAMPLE_RATE} (default 0.1), {@code SENTRY_PROFILES_SAMPLE_RATE} (default: profiling off)
         * and {@code SENTRY_ENABLED}. Values set on this builder win.
         */
        public Builder fromEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /** The DSN, {@code https://PUBLIC_KEY@HOST/PROJECT_ID}. */
        public Builder dsn(String dsn) {
            Objects.requireNonNull(dsn, "dsn");
            SentryDsn.parse("dsn", dsn);
            this.dsn = dsn.trim();
            return this;
        }

        /** Whether to report at all (default true, or {@code SENTRY_ENABLED}). */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The environment name, e.g. {@code production}. */
        public Builder environment(String environment) {
            this.sentryEnvironment = nonBlank("environment", environment);
            return this;
        }

        /** The release, e.g. {@code orders@1.4.2}. */
        public Builder release(String release) {
            this.release = nonBlank("release", release);
            return this;
        }

        /** The share of transactions sent, 0 to 1 (default 0.1). */
        public Builder tracesSampleRate(double tracesSampleRate) {
            SentrySettings.checkRate("tracesSampleRate", tracesSampleRate);
            this.tracesSampleRate = tracesSampleRate;
            return this;
        }

        /**
         * The share of profiling sessions, 0 to 1 (default: {@code SENTRY_PROFILES_SAMPLE_RATE}, else profiling off).
         * Sets the SDK's continuous profiling ({@code profileSessionSampleRate}, decided once per process) with the
         * {@code TRACE} lifecycle, so the profiler runs while sampled transactions do; it needs
         * {@code io.sentry:sentry-async-profiler} on the class path (Linux and macOS), else the SDK does not profile and
         * one WARN line says so.
         */
        public Builder profilesSampleRate(double profilesSampleRate) {
            SentrySettings.checkRate("profilesSampleRate", profilesSampleRate);
            this.profilesSampleRate = profilesSampleRate;
            return this;
        }

        /**
         * The request paths whose transactions are never recorded (default
         * {@link RouteTracesSampler#DEFAULT_IGNORED_ROUTES}: health, status, actuator, job check-ins and the operator
         * API): exact paths or subtrees ({@code /internal/**}). Empty records every route at the traces sample rate.
         *
         * @throws IllegalArgumentException naming the refused pattern
         */
        public Builder ignoredTransactionRoutes(List<String> ignoredTransactionRoutes) {
            this.ignoredTransactionRoutes = RouteTracesSampler.ignoring(ignoredTransactionRoutes).ignoredRoutes();
            return this;
        }

        /**
         * The application's own traces sampler, in place of the {@link RouteTracesSampler} (which
         * {@link RouteTracesSampler#ignores(String)} can still be asked from inside it). A sampler set through
         * {@link #options(Consumer)} wins likewise.
         */
        public Builder tracesSampler(SentryOptions.TracesSamplerCallback tracesSampler) {
            this.tracesSampler = Objects.requireNonNull(tracesSampler, "tracesSampler");
            return this;
        }

        /** The PII engine (default {@link Scrubber#defaults()}); give it an HMAC key to keep user hashes stable. */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Registers {@code monitor.sentry.scrubbed{type}} and {@code monitor.sentry.dropped{type,reason}}. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Sets the {@code error.category} tag (default {@link ErrorClassifier#defaults()}). */
        public Builder errorClassifier(ErrorClassifier errorClassifier) {
            this.errorClassifier = Objects.requireNonNull(errorClassifier, "errorClassifier");
            return this;
        }

        /** Which errors are noise (default {@link NoiseFilter#defaults()}: 404, client aborts, timeouts). */
        public Builder noiseFilter(NoiseFilter noiseFilter) {
            this.noiseFilter = Objects.requireNonNull(noiseFilter, "noiseFilter");
            return this;
        }

        /**
         * Further SDK configuration, applied after the settings above. Callbacks set here ({@code beforeSend},
         * {@code beforeBreadcrumb}, …) run before the scrubbing hooks; {@code sendDefaultPii} is switched off
         * afterwards whatever this does.
         */
        public Builder options(Consumer<SentryOptions> options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Whether attachments are sent (default false: files cannot be scrubbed, so they are removed). */
        public Builder keepAttachments(boolean keepAttachments) {
            this.keepAttachments = keepAttachments;
            return this;
        }

        /** The settings resolved from this builder and the environment. */
        public SentrySettings settings() {
            SentrySettings fromEnvironment = SentrySettings.fromEnvironment(environment);
            return new SentrySettings(dsn != null ? dsn : fromEnvironment.dsn(),
                    enabled != null ? enabled : fromEnvironment.enabled(),
                    sentryEnvironment != null ? sentryEnvironment : fromEnvironment.environment(),
                    release != null ? release : fromEnvironment.release(),
                    tracesSampleRate != null ? tracesSampleRate : fromEnvironment.tracesSampleRate(),
                    profilesSampleRate != null ? profilesSampleRate : fromEnvironment.profilesSampleRate(),
                    ignoredTransactionRoutes != null ? ignoredTransactionRoutes
                            : fromEnvironment.ignoredTransactionRoutes());
        }

        /**
         * Initialises the Sentry SDK with the scrubbing hooks, or, without a DSN or when switched off, does nothing
         * and logs one INFO line saying why.
         *
         * @throws IllegalArgumentException naming the setting or variable when a value is invalid
         */
        public SentryMonitoring init() {
            SentrySettings settings = settings();
            HookCounters counters = new HookCounters(meterRegistry);
            IssuedPseudonyms pseudonyms = new IssuedPseudonyms();
            if (!settings.active()) {
                LOG.info("Sentry reporting is off: {}; no events are sent", settings.inactiveReason());
                return new SentryMonitoring(settings, false, false, scrubber, counters, pseudonyms);
            }
            SentryOptions sentryOptions = new SentryOptions();
            sentryOptions.setDsn(settings.dsn());
            if (settings.environment() != null) {
                sentryOptions.setEnvironment(settings.environment());
            }
            if (settings.release() != null) {
                sentryOptions.setRelease(settings.release());
            }
            sentryOptions.setTracesSampleRate(settings.tracesSampleRate());
            applyProfiling(sentryOptions, settings);
            install(sentryOptions, settings, counters, pseudonyms);
            Sentry.init(sentryOptions);
            LOG.info("Sentry reporting to {} (environment {}, release {}, traces sample rate {}, traces sampler {}, "
                    + "profiles sample rate {}), scrubbed before send",
                    SentryDsn.parse("dsn", Objects.requireNonNull(settings.dsn())).redacted(),
                    sentryOptions.getEnvironment(), sentryOptions.getRelease(), sentryOptions.getTracesSampleRate(),
                    describe(sentryOptions.getTracesSampler()), sentryOptions.getProfileSessionSampleRate());
            return new SentryMonitoring(settings, true, true, scrubber, counters, pseudonyms);
        }

        /**
         * Adds the scrubbing hooks, noise filter and context to {@code options} that a framework (e.g. Sentry's Spring
         * Boot starter) passes to {@code Sentry.init} itself. Settings given here or in the environment are applied;
         * the traces sample rate defaults to 0.1 only when {@code options} has neither a rate nor a sampler. The
         * {@link RouteTracesSampler} is installed unless {@code options} (e.g. a {@code TracesSamplerCallback} bean of
         * Sentry's starter) or this builder already has a sampler; a profiles sample rate given here or in
         * {@code SENTRY_PROFILES_SAMPLE_RATE} replaces the options' {@code profileSessionSampleRate}.
         */
        public SentryMonitoring applyTo(SentryOptions options) {
            Objects.requireNonNull(options, "options");
            SentrySettings settings = settings();
            if (settings.dsn() != null) {
                options.setDsn(settings.dsn());
            }
            if (!settings.enabled()) {
                options.setEnabled(false);
            }
            if (settings.environment() != null) {
                options.setEnvironment(settings.environment());
            }
            if (settings.release() != null) {
                options.setRelease(settings.release());
            }
            String rateVariable = environment.get(SentrySettings.TRACES_SAMPLE_RATE);
            boolean rateGiven = tracesSampleRate != null || (rateVariable != null && !rateVariable.isBlank());
            if (rateGiven || (options.getTracesSampleRate() == null && options.getTracesSampler() == null)) {
                options.setTracesSampleRate(settings.tracesSampleRate());
            }
            applyProfiling(options, settings);
            HookCounters counters = new HookCounters(meterRegistry);
            IssuedPseudonyms pseudonyms = new IssuedPseudonyms();
            install(options, settings, counters, pseudonyms);
            return new SentryMonitoring(settings, settings.enabled(), false, scrubber, counters, pseudonyms);
        }

        private void install(SentryOptions sentryOptions, SentrySettings settings, HookCounters counters,
                IssuedPseudonyms pseudonyms) {
            options.accept(sentryOptions);
            installSampler(sentryOptions, settings);
            forcePersonalDataOff(sentryOptions);
            sentryOptions.addEventProcessor(new ContextEnricher(errorClassifier, pseudonyms, counters));
            new ScrubbingHooks(new EventScrubbing(scrubber, sentryOptions::getSerializer, pseudonyms), noiseFilter,
                    counters, keepAttachments).install(sentryOptions);
            EnvelopeScrubbing.install(sentryOptions, scrubber);
        }

        /**
         * The application's sampler if it gave one (here or already on the options); else the route sampler, when
         * tracing is on (a sampler alone would switch tracing on) and routes are to be ignored.
         */
        private void installSampler(SentryOptions sentryOptions, SentrySettings settings) {
            if (tracesSampler != null) {
                sentryOptions.setTracesSampler(tracesSampler);
            } else if (sentryOptions.getTracesSampler() == null && sentryOptions.getTracesSampleRate() != null
                    && !settings.ignoredTransactionRoutes().isEmpty()) {
                sentryOptions.setTracesSampler(RouteTracesSampler.ignoring(settings.ignoredTransactionRoutes()));
            }
        }

        /** Continuous profiling of sampled transactions, when a profiles sample rate is set. */
        private static void applyProfiling(SentryOptions sentryOptions, SentrySettings settings) {
            Double rate = settings.profilesSampleRate();
            if (rate == null) {
                return;
            }
            sentryOptions.setProfileSessionSampleRate(rate);
            sentryOptions.setProfileLifecycle(ProfileLifecycle.TRACE);
            if (rate > 0 && !asyncProfilerPresent()) {
                LOG.warn("{} is {}, but io.sentry:sentry-async-profiler is not on the class path: the Sentry SDK "
                        + "profiles nothing; add it (same version as io.sentry:sentry) to profile",
                        SentrySettings.PROFILES_SAMPLE_RATE, rate);
            }
        }

        private static boolean asyncProfilerPresent() {
            try {
                Class.forName(ASYNC_PROFILER, false, SentryMonitoring.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        private static String describe(SentryOptions.@Nullable TracesSamplerCallback sampler) {
            return sampler == null ? "none" : sampler instanceof RouteTracesSampler ? sampler.toString()
                    : "the application's";
        }

        /**
         * {@code sendDefaultPii} off. On SDKs where it is deprecated in favour of {@code dataCollection}, which wins
         * once the application configured it, the categories that collect free-form personal data are switched off
         * too (see {@link DataCollectionPolicy}); older 8.x SDKs have only {@code sendDefaultPii}.
         */
        @SuppressWarnings("deprecation")
        private static void forcePersonalDataOff(SentryOptions sentryOptions) {
            if (sentryOptions.isSendDefaultPii()) {
                LOG.warn("sendDefaultPii was switched on in the Sentry options; it stays off: personal data is never "
                        + "sent, user ids travel as keyed hashes");
            }
            sentryOptions.setSendDefaultPii(false);
            DataCollectionPolicy.forcePersonalDataOff(sentryOptions);
        }

        private static String nonBlank(String setting, String value) {
            Objects.requireNonNull(value, setting);
            if (value.isBlank()) {
                throw new IllegalArgumentException(setting + " must not be blank");
            }
            return value.trim();
        }
    }
}
