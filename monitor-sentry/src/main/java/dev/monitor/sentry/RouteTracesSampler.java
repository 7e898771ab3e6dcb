package dev.monitor.sentry;

import dev.monitor.sentry.internal.RequestPaths;
import dev.monitor.sentry.internal.RoutePatterns;
import io.sentry.SamplingContext;
import io.sentry.SentryOptions;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The default traces sampler: transactions of probe and operator routes (health, status, actuator, job check-ins,
 * operator API) are never recorded, every other transaction keeps the SDK's own decision: the parent's when the
 * request continues a trace, else {@code tracesSampleRate}.
 *
 * <p>A sampler rather than Sentry's {@code ignoredTransactions}: the sampler decides when the transaction starts, so a
 * dropped probe costs no spans, no profile and no envelope, and it matches the request path, while
 * {@code ignoredTransactions} matches the transaction's name only when the finished transaction is captured.
 *
 * <p>The path is read from the custom sampling context that Sentry's servlet and Spring integrations fill (the
 * {@code request} entry, an {@code HttpServletRequest}: its path inside the context path), else from a {@code url.path}
 * attribute (OpenTelemetry) or a {@code path} entry, else from a transaction name of the form
 * {@code "GET /health"}. A transaction without a path (a job, a message listener) keeps the SDK's decision.
 *
 * <p>Patterns are an exact path ({@code /status}) or a subtree ({@code /actuator/**}: {@code /actuator} and everything
 * below it). Installed by {@link SentryMonitoring} unless the application set a sampler of its own, which wins.
 *
 * <p>A request that continues a trace whose sampling decision it carries (a {@code sentry-trace} header) keeps that
 * decision even on an ignored route: the SDK takes it before it asks any sampler. Probes (orchestrators, load
 * balancers, uptime checkers) send no such header.
 */
public final class RouteTracesSampler implements SentryOptions.TracesSamplerCallback {

    /** The routes whose transactions are dropped by default. */
    public static final List<String> DEFAULT_IGNORED_ROUTES = List.of("/health", "/health/**", "/status", "/status/**",
            "/actuator/**", "/monitor/jobs/**", "/monitor/operator/**");

    private static final RouteTracesSampler DEFAULTS = new RouteTracesSampler(
            RoutePatterns.compile("ignoredTransactionRoutes", DEFAULT_IGNORED_ROUTES));

    private final RoutePatterns ignored;

    private RouteTracesSampler(RoutePatterns ignored) {
        this.ignored = ignored;
    }

    /** A sampler dropping the transactions of {@link #DEFAULT_IGNORED_ROUTES}. */
    public static RouteTracesSampler defaults() {
        return DEFAULTS;
    }

    /**
     * A sampler dropping the transactions of {@code ignoredRoutes}.
     *
     * @throws IllegalArgumentException naming the refused pattern when one does not start with {@code /}, holds
     *     whitespace or uses {@code *} other than as a trailing {@code /**}
     */
    public static RouteTracesSampler ignoring(List<String> ignoredRoutes) {
        return new RouteTracesSampler(RoutePatterns.compile("ignoredTransactionRoutes",
                Objects.requireNonNull(ignoredRoutes, "ignoredRoutes")));
    }

    /** The patterns of the routes whose transactions are dropped. */
    public List<String> ignoredRoutes() {
        return ignored.patterns();
    }

    /** Whether the transaction of a request to {@code path} is dropped. */
    public boolean ignores(String path) {
        return ignored.matches(Objects.requireNonNull(path, "path"));
    }

    /**
     * {@code 0.0} (not recorded) for a transaction of an ignored route; otherwise null, which lets the SDK decide as
     * without a sampler (the parent's decision, else {@code tracesSampleRate}). Never throws.
     */
    @Override
    public @Nullable Double sample(SamplingContext context) {
        try {
            String path = RequestPaths.of(context);
            return path != null && ignored.matches(path) ? 0.0 : null;
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "RouteTracesSampler{ignored=" + ignored + '}';
    }
}
