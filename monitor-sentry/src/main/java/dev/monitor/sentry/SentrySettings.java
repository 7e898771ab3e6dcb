package dev.monitor.sentry;

import dev.monitor.sentry.internal.RoutePatterns;
import dev.monitor.sentry.internal.SentryDsn;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how Sentry reports, as read from the environment ({@link #fromEnvironment(Map)}) or set on
 * {@link SentryMonitoring.Builder}: the DSN, whether reporting is on, environment, release, traces and profiles
 * sample rates, and the routes whose transactions are never recorded. {@link #toString()} never shows the DSN's key.
 *
 * @param dsn the Sentry DSN, or null when none was given (reporting then stays off)
 * @param enabled false when {@value #ENABLED} (or {@link SentryMonitoring.Builder#enabled(boolean)}) turned reporting
 *     off
 * @param environment the environment name, or null for the SDK's default ({@code production})
 * @param release the release, or null when unknown
 * @param tracesSampleRate the share of transactions sent, from 0 to 1
 * @param profilesSampleRate the share of profiling sessions (continuous profiling of the JVM, profiles attached to
 *     sampled transactions), from 0 to 1, or null to leave profiling off
 * @param ignoredTransactionRoutes request paths whose transactions are never recorded (see {@link RouteTracesSampler});
 *     empty turns the route sampler off
 */
public record SentrySettings(@Nullable String dsn, boolean enabled, @Nullable String environment,
        @Nullable String release, double tracesSampleRate, @Nullable Double profilesSampleRate,
        List<String> ignoredTransactionRoutes) {

    /** The DSN variable. */
    public static final String DSN = "SENTRY_DSN";
    /** The environment variable read first; then {@code ENVIRONMENT}, then {@code ENV}. */
    public static final String ENVIRONMENT = "SENTRY_ENVIRONMENT";
    /** The release variable read first; then {@code RELEASE_VERSION}, then {@code VERSION}. */
    public static final String RELEASE = "SENTRY_RELEASE";
    /** The traces sample rate variable, 0 to 1 (default {@value #DEFAULT_TRACES_SAMPLE_RATE}). */
    public static final String TRACES_SAMPLE_RATE = "SENTRY_TRACES_SAMPLE_RATE";
    /**
     * The profiles sample rate variable, 0 to 1 (default: unset, profiling off): the SDK's
     * {@code profileSessionSampleRate} with the {@code TRACE} lifecycle; needs {@code io.sentry:sentry-async-profiler}.
     */
    public static final String PROFILES_SAMPLE_RATE = "SENTRY_PROFILES_SAMPLE_RATE";
    /** The switch variable: {@code false} turns reporting off even with a DSN. */
    public static final String ENABLED = "SENTRY_ENABLED";
    /** The traces sample rate used when none is set: 10 % of transactions. */
    public static final double DEFAULT_TRACES_SAMPLE_RATE = 0.1;

    private static final String[] ENVIRONMENT_VARIABLES = {ENVIRONMENT, "ENVIRONMENT", "ENV"};
    private static final String[] RELEASE_VARIABLES = {RELEASE, "RELEASE_VERSION", "VERSION"};

    /** Checks the values. */
    public SentrySettings {
        if (dsn != null) {
            SentryDsn.parse("dsn", dsn);
        }
        checkRate("tracesSampleRate", tracesSampleRate);
        if (profilesSampleRate != null) {
            checkRate("profilesSampleRate", profilesSampleRate);
        }
        ignoredTransactionRoutes = RoutePatterns.compile("ignoredTransactionRoutes", ignoredTransactionRoutes).patterns();
    }

    /**
     * Settings without profiling and with the default ignored routes ({@link RouteTracesSampler#DEFAULT_IGNORED_ROUTES}).
     */
    public SentrySettings(@Nullable String dsn, boolean enabled, @Nullable String environment, @Nullable String release,
            double tracesSampleRate) {
        this(dsn, enabled, environment, release, tracesSampleRate, null, RouteTracesSampler.DEFAULT_IGNORED_ROUTES);
    }

    /** No DSN, nothing reported. */
    public static SentrySettings none() {
        return new SentrySettings(null, true, null, null, DEFAULT_TRACES_SAMPLE_RATE);
    }

    /**
     * Reads {@value #DSN}, {@value #ENVIRONMENT} (else {@code ENVIRONMENT}, else {@code ENV}), {@value #RELEASE}
     * (else {@code RELEASE_VERSION}, else {@code VERSION}), {@value #TRACES_SAMPLE_RATE} (default
     * {@value #DEFAULT_TRACES_SAMPLE_RATE}), {@value #PROFILES_SAMPLE_RATE} (default: profiling off) and
     * {@value #ENABLED} from {@code environment}, usually
     * {@code System.getenv()}. Blank values count as unset.
     *
     * @throws IllegalArgumentException naming the variable when a value is invalid (the DSN's value is not repeated:
     *     it holds the project key)
     */
    public static SentrySettings fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        String dsn = value(environment, DSN);
        if (dsn != null) {
            SentryDsn.parse(DSN, dsn);
        }
        String rate = value(environment, TRACES_SAMPLE_RATE);
        String profilesRate = value(environment, PROFILES_SAMPLE_RATE);
        String enabled = value(environment, ENABLED);
        return new SentrySettings(dsn, enabled == null || parseBoolean(ENABLED, enabled),
                first(environment, ENVIRONMENT_VARIABLES), first(environment, RELEASE_VARIABLES),
                rate == null ? DEFAULT_TRACES_SAMPLE_RATE : parseRate(TRACES_SAMPLE_RATE, rate),
                profilesRate == null ? null : parseRate(PROFILES_SAMPLE_RATE, profilesRate),
                RouteTracesSampler.DEFAULT_IGNORED_ROUTES);
    }

    /** Whether events are reported: a DSN is set and reporting is not switched off. */
    public boolean active() {
        return dsn != null && enabled;
    }

    /** Why nothing is reported, or null when {@link #active()}. */
    public @Nullable String inactiveReason() {
        if (!enabled) {
            return ENABLED + " is false";
        }
        return dsn == null ? "no DSN is set (" + DSN + ")" : null;
    }

    @Override
    public String toString() {
        return "SentrySettings{dsn=" + (dsn == null ? "none" : SentryDsn.parse("dsn", dsn).redacted()) + ", enabled="
                + enabled + ", environment=" + environment + ", release=" + release + ", tracesSampleRate="
                + tracesSampleRate + ", profilesSampleRate=" + profilesSampleRate + ", ignoredTransactionRoutes="
                + ignoredTransactionRoutes + '}';
    }

    static void checkRate(String setting, double rate) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(setting + " must be between 0 and 1, was " + rate);
        }
    }

    private static double parseRate(String variable, String text) {
        double rate;
        try {
            rate = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a number between 0 and 1 (e.g. 0.1), was '"
                    + text + "'", e);
        }
        checkRate(variable, rate);
        return rate;
    }

    private static boolean parseBoolean(String variable, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException(variable + " must be true or false, was '" + text + "'");
    }

    private static @Nullable String first(Map<String, String> environment, String[] names) {
        for (String name : names) {
            String value = value(environment, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static @Nullable String value(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
