package dev.monitor.request;

import dev.monitor.config.DurationLimits;
import dev.monitor.pii.Scrubber;
import dev.monitor.request.internal.AuthFailureTracker;
import dev.monitor.request.internal.HttpServerMeters;
import dev.monitor.request.internal.KeyedHash;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks HTTP server requests, independent of any web framework: request IDs in the MDC,
 * golden-signal metrics, slow-request warnings, the standard error body and security events for
 * repeated authentication failures. The servlet filter and the Spring adapter only translate their
 * request and response to {@link #start} and {@link TrackedRequest#end}.
 *
 * <pre>{@code
 * RequestMonitor monitor = RequestMonitor.builder()
 *         .meterRegistry(registry)
 *         .scrubber(scrubber)
 *         .build();
 * monitor.addSecurityEventListener(event -> alerts.fire(...));
 * }</pre>
 *
 * <p>Metrics ({@link #builder() with a registry}): {@code http.server.requests} timer (tags
 * {@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception}),
 * {@code http.server.requests.errors} counter (5xx), {@code http.server.requests.in.flight} gauge,
 * {@code monitor.security.auth.failures} counter (tag {@code status}), {@code monitor.security.events}
 * counter (tag {@code type}) and {@code monitor.security.tracked.clients} gauge. Thread-safe.
 *
 * <p>Every text it produces passes the {@linkplain Builder#scrubber scrubber} before anything shortens it: the
 * message of an error body (development mode), user pseudonyms, and the route and method of its log lines and
 * security events. Unhandled exceptions are logged with their stack trace for the application's log pipeline
 * (scrub it with {@link dev.monitor.pii.logback.ScrubbingEncoder}).
 */
public final class RequestMonitor {

    /** Default duration above which a request is logged as slow. */
    public static final Duration DEFAULT_SLOW_REQUEST_THRESHOLD = Duration.ofSeconds(2);
    /** Default number of failed authentications per client allowed within the window; one more emits an event. */
    public static final int DEFAULT_AUTH_FAILURE_THRESHOLD = 10;
    /** Default sliding window of the failed-authentication threshold. */
    public static final Duration DEFAULT_AUTH_FAILURE_WINDOW = Duration.ofMinutes(1);
    /** Default number of clients whose failed authentications are tracked at once. */
    public static final int DEFAULT_MAX_TRACKED_CLIENTS = 10_000;
    /** Default bound on distinct tag sets of the request meters. */
    public static final int DEFAULT_MAX_TAG_SETS = 1_000;
    /** The message of the error body when internal details are hidden. */
    public static final String HIDDEN_MESSAGE = "Internal server error";

    private static final Logger log = LoggerFactory.getLogger(RequestMonitor.class);
    private static final int MAX_MESSAGE_LENGTH = 200;
    /** Longest route or method in a log line or security event; longer ones are cut after scrubbing. */
    private static final int MAX_ROUTE_LENGTH = 200;
    /** Longest user pseudonym kept; a longer one is cut after scrubbing. */
    private static final int MAX_USER_ID_LENGTH = 128;
    private static final int MAX_CACHED_USERS = 10_000;
    private static final RequestObserver[] NO_OBSERVERS = new RequestObserver[0];

    private final Clock clock;
    private final @Nullable HttpServerMeters meters;
    private final @Nullable Counter unauthorized;
    private final @Nullable Counter forbidden;
    private final @Nullable Counter securityEvents;
    private final long slowNanos;
    private final boolean developmentMode;
    private final Scrubber scrubber;
    private final KeyedHash hash;
    private final UnaryOperator<String> userPseudonymizer;
    private final AuthFailureTracker authFailures;
    private final Duration authFailureWindow;
    private final ConcurrentHashMap<String, String> userHashes = new ConcurrentHashMap<>();
    private final Set<Object> failedObservers = ConcurrentHashMap.newKeySet();
    private final CopyOnWriteArrayList<SecurityEventListener> securityListeners = new CopyOnWriteArrayList<>();
    private volatile RequestObserver[] observers = NO_OBSERVERS;
    private volatile boolean internalFailureLogged;
    private volatile boolean pseudonymizerFailureLogged;

    private RequestMonitor(Builder builder) {
        this.clock = builder.clock;
        this.slowNanos = builder.slowRequestThreshold.toNanos();
        this.developmentMode = builder.developmentMode;
        this.scrubber = builder.scrubber;
        this.hash = new KeyedHash(builder.hashKey != null ? builder.hashKey : KeyedHash.randomKey());
        this.userPseudonymizer = builder.userPseudonymizer != null ? builder.userPseudonymizer : hash::hashHex;
        this.authFailureWindow = builder.authFailureWindow;
        this.authFailures = new AuthFailureTracker(builder.authFailureThreshold, builder.authFailureWindow.toNanos(),
                builder.maxTrackedClients);
        MeterRegistry registry = builder.meterRegistry;
        if (registry != null) {
            this.meters = new HttpServerMeters(registry, builder.percentiles, builder.percentileHistogram,
                    builder.maxTagSets, builder.requestTimer, route -> scrubber.scrub(route, MAX_ROUTE_LENGTH));
            this.unauthorized = authFailureCounter(registry, "401");
            this.forbidden = authFailureCounter(registry, "403");
            this.securityEvents = Counter.builder(RequestMeters.SECURITY_EVENTS)
                    .description(RequestMeters.SECURITY_EVENTS_DESCRIPTION)
                    .tag(RequestMeters.TAG_TYPE, SecurityEvent.Type.REPEATED_AUTHENTICATION_FAILURES.name())
                    .register(registry);
            Gauge.builder(RequestMeters.TRACKED_CLIENTS, authFailures, AuthFailureTracker::trackedClients)
                    .description(RequestMeters.TRACKED_CLIENTS_DESCRIPTION)
                    .baseUnit(RequestMeters.CLIENTS_UNIT)
                    .register(registry);
        } else {
            this.meters = null;
            this.unauthorized = null;
            this.forbidden = null;
            this.securityEvents = null;
        }
    }

    /**
     * A builder with the defaults: no metrics, 2 s slow-request threshold, production mode, more than
     * 10 failed authentications per client per minute emit an event, a random hash key per process.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts tracking a request on the current thread: resolves its ID, puts it into the MDC and calls
     * the observers. Never throws for bad header values; invalid inbound IDs are replaced.
     *
     * @param method the HTTP method
     * @param requestIdHeader the inbound {@value RequestContext#REQUEST_ID_HEADER} header, or null
     * @param traceparentHeader the inbound {@value RequestContext#TRACEPARENT_HEADER} header, or null
     * @return the tracked request; the caller must {@linkplain TrackedRequest#end end} it
     */
    public TrackedRequest start(String method, @Nullable String requestIdHeader, @Nullable String traceparentHeader) {
        Objects.requireNonNull(method, "method");
        TrackedRequest request = new TrackedRequest(this, RequestId.resolve(requestIdHeader, traceparentHeader), method,
                clock.monotonicTime());
        request.attachThread();
        if (meters != null) {
            meters.started();
        }
        RequestObserver[] registered = observers;
        if (registered.length > 0) {
            request.openScopes(registered);
        }
        return request;
    }

    /**
     * The standard body of an unhandled exception. In production mode (the default) the message is
     * {@value #HIDDEN_MESSAGE}; in development mode it is the exception's type and first message line,
     * passed through the {@linkplain Builder#scrubber scrubber}, then cut to 200 characters. Never a stack trace.
     *
     * @param error the unhandled exception
     * @param requestId the request's ID
     */
    public ErrorBody internalError(Throwable error, String requestId) {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(requestId, "requestId");
        String message = developmentMode ? scrubber.scrub(describe(error), MAX_MESSAGE_LENGTH) : HIDDEN_MESSAGE;
        return new ErrorBody(ErrorBody.INTERNAL_ERROR, message, requestId, Instant.ofEpochMilli(clock.wallTime()));
    }

    /**
     * The standard body of an error status ({@link ErrorBody#forStatus}), timestamped by this monitor's clock: what
     * adapters answer for 401, 403, 404, 405 and the like.
     *
     * @param status the HTTP status
     * @param requestId the request's ID
     */
    public ErrorBody errorBody(int status, String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        return ErrorBody.forStatus(status, requestId, Instant.ofEpochMilli(clock.wallTime()));
    }

    /** Whether internal error details are shown (development mode). */
    public boolean developmentMode() {
        return developmentMode;
    }

    /** Adds an observer, called for requests that start from now on. See {@link RequestObserver} for the contract. */
    public void addObserver(RequestObserver observer) {
        Objects.requireNonNull(observer, "observer");
        synchronized (this) {
            RequestObserver[] grown = Arrays.copyOf(observers, observers.length + 1);
            grown[observers.length] = observer;
            observers = grown;
        }
    }

    /** Removes an observer; returns whether it was registered. */
    public boolean removeObserver(RequestObserver observer) {
        Objects.requireNonNull(observer, "observer");
        synchronized (this) {
            RequestObserver[] current = observers;
            for (int i = 0; i < current.length; i++) {
                if (current[i] == observer) {
                    RequestObserver[] shrunk = new RequestObserver[current.length - 1];
                    System.arraycopy(current, 0, shrunk, 0, i);
                    System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                    observers = shrunk;
                    return true;
                }
            }
            return false;
        }
    }

    /** Adds a listener for {@link SecurityEvent}s. */
    public void addSecurityEventListener(SecurityEventListener listener) {
        securityListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener; returns whether it was registered. */
    public boolean removeSecurityEventListener(SecurityEventListener listener) {
        return securityListeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    /** The number of clients whose failed authentications are currently tracked. */
    int trackedClients() {
        return authFailures.trackedClients();
    }

    /** The number of cached user hashes; bounded. */
    int cachedUserHashes() {
        return userHashes.size();
    }

    long clockNanos() {
        return clock.monotonicTime();
    }

    /**
     * The user's pseudonym, scrubbed (a pseudonymizer may return the user itself), or null if the pseudonymizer failed
     * (logged once; the request goes on).
     */
    @Nullable String userHash(String user) {
        String cached = userHashes.get(user);
        if (cached != null) {
            return cached;
        }
        String computed;
        try {
            computed = userPseudonymizer.apply(user);
        } catch (RuntimeException e) {
            pseudonymizerFailed(e.getClass().getName()); // not the message: it may name the user
            return null;
        }
        if (computed == null || computed.isBlank()) {
            pseudonymizerFailed(computed == null ? "returned null" : "returned a blank text");
            return null;
        }
        computed = scrubber.scrub(computed, MAX_USER_ID_LENGTH); // once per user: the result is cached
        if (userHashes.size() >= MAX_CACHED_USERS) {
            userHashes.clear(); // bounded: a cache miss costs one HMAC
        }
        userHashes.put(user, computed);
        return computed;
    }

    /** Called once per request by {@link TrackedRequest#end}, on the thread that ends it. */
    void ended(TrackedRequest request, int status, long durationNanos) {
        Throwable failure = request.failure();
        String route = route(request, status);
        if (meters != null) {
            meters.ended(request.method(), route, status, failure == null ? null : failure.getClass(), durationNanos);
        }
        String client = null;
        String address = request.clientAddressValue();
        if (failure != null) {
            client = address == null ? "unknown" : hash.hashHex(address);
            // request_id and user_id are in the MDC (see TrackedRequest#end): the log line shows them once
            log.error("Unhandled exception in {} {} -> {} (client={})", shown(request.method()), shown(route), status,
                    client, failure);
        }
        if (durationNanos > slowNanos) {
            long millis = durationNanos / 1_000_000;
            log.atWarn().addKeyValue("duration_ms", millis).log("Slow request: {} {} -> {} in {} ms",
                    shown(request.method()), shown(route), status, millis);
        }
        if ((status == 401 || status == 403) && address != null) {
            authenticationFailed(request, status, address, client, shown(route));
        }
    }

    private void authenticationFailed(TrackedRequest request, int status, String address, @Nullable String knownHash,
            String route) {
        Counter counter = status == 401 ? unauthorized : forbidden;
        if (counter != null) {
            counter.increment();
        }
        long key = hash.hash(address);
        int failures = authFailures.recordFailure(key, clock.monotonicTime());
        if (failures == 0) {
            return;
        }
        String clientHash = knownHash != null ? knownHash : KeyedHash.hex(key);
        SecurityEvent event = new SecurityEvent(SecurityEvent.Type.REPEATED_AUTHENTICATION_FAILURES, clientHash, failures,
                authFailureWindow, Instant.ofEpochMilli(clock.wallTime()), request.requestId(), route);
        if (securityEvents != null) {
            securityEvents.increment();
        }
        log.warn("Security event {}: {} failed authentications within {} s from client {} (last: {} {} -> {})",
                event.type(), failures, authFailureWindow.toSeconds(), clientHash, shown(request.method()), route, status);
        for (SecurityEventListener listener : securityListeners) {
            try {
                listener.onSecurityEvent(event);
            } catch (RuntimeException e) {
                log.warn("Security event listener {} failed", listener.getClass().getName(), e);
            }
        }
    }

    /** The {@code uri} tag: the template, else REDIRECTION/NOT_FOUND by status, else the fallback, else UNKNOWN. */
    private static String route(TrackedRequest request, int status) {
        String template = request.routeTemplate();
        if (template != null) {
            return template;
        }
        if (status >= 300 && status < 400) {
            return "REDIRECTION";
        }
        if (status == 404) {
            return "NOT_FOUND";
        }
        String fallback = request.fallbackRoute();
        if (fallback == null) {
            return "UNKNOWN";
        }
        return fallback.isEmpty() ? "root" : fallback;
    }

    void observerFailed(RequestObserver observer, String callback, Throwable error) {
        if (failedObservers.add(observer)) {
            log.warn("Request observer {} failed in {}; the request continues. Later failures of this observer are "
                    + "logged at debug level.", observer.getClass().getName(), callback, error);
        } else {
            log.debug("Request observer {} failed in {}", observer.getClass().getName(), callback, error);
        }
    }

    private void pseudonymizerFailed(String why) {
        if (!pseudonymizerFailureLogged) {
            pseudonymizerFailureLogged = true;
            log.warn("User pseudonymizer failed ({}); users are not identified while it fails", why);
        } else {
            log.debug("User pseudonymizer failed ({})", why);
        }
    }

    void internalFailure(Throwable error) {
        if (!internalFailureLogged) {
            internalFailureLogged = true;
            log.warn("Request monitoring failed; the request was not affected", error);
        } else {
            log.debug("Request monitoring failed", error);
        }
    }

    /** A route or method as a log line or event shows it: scrubbed, then cut. Off the hot path. */
    private String shown(String text) {
        return scrubber.scrub(text, MAX_ROUTE_LENGTH);
    }

    /** Type and first message line: never a stack trace or a multi-line dump. Not cut: it is scrubbed first. */
    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException
                        || cause instanceof InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String type = cause.getClass().getSimpleName().isEmpty() ? cause.getClass().getName() : cause.getClass().getSimpleName();
        String message = cause.getMessage();
        String text = message == null || message.isBlank() ? type : type + ": " + message;
        int end = text.length();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                end = i;
                break;
            }
        }
        return text.substring(0, end).strip(); // the first line, whole: the scrubber sees every value before it is cut
    }

    private static Counter authFailureCounter(MeterRegistry registry, String status) {
        return Counter.builder(RequestMeters.AUTH_FAILURES)
                .description(RequestMeters.AUTH_FAILURES_DESCRIPTION)
                .tag(RequestMeters.TAG_STATUS, status)
                .register(registry);
    }

    /** Builds a {@link RequestMonitor}. */
    public static final class Builder {
        private Clock clock = Clock.SYSTEM;
        private @Nullable MeterRegistry meterRegistry;
        private double[] percentiles = {0.5, 0.95, 0.99};
        private boolean percentileHistogram;
        private boolean requestTimer = true;
        private int maxTagSets = DEFAULT_MAX_TAG_SETS;
        private Duration slowRequestThreshold = DEFAULT_SLOW_REQUEST_THRESHOLD;
        private boolean developmentMode;
        private Scrubber scrubber = Scrubber.defaults();
        private byte @Nullable [] hashKey;
        private @Nullable UnaryOperator<String> userPseudonymizer;
        private int authFailureThreshold = DEFAULT_AUTH_FAILURE_THRESHOLD;
        private Duration authFailureWindow = DEFAULT_AUTH_FAILURE_WINDOW;
        private int maxTrackedClients = DEFAULT_MAX_TRACKED_CLIENTS;

        private Builder() {
        }

        /** Records the request metrics in {@code meterRegistry} (default: no metrics). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /**
         * The clock of durations and timestamps (default {@link Clock#SYSTEM}); tests pass a
         * {@code MockClock}.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Client-side percentiles of the request timer (default 0.5, 0.95, 0.99); none to turn them off.
         * Each must be between 0 and 1.
         */
        public Builder percentiles(double... percentiles) {
            Objects.requireNonNull(percentiles, "percentiles");
            for (double percentile : percentiles) {
                if (!(percentile >= 0 && percentile <= 1)) {
                    throw new IllegalArgumentException("percentiles must be between 0 and 1, was " + percentile);
                }
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /** Whether the request timer publishes a percentile histogram, e.g. for Prometheus (default false). */
        public Builder percentileHistogram(boolean percentileHistogram) {
            this.percentileHistogram = percentileHistogram;
            return this;
        }

        /**
         * Whether the {@code http.server.requests} timer is recorded (default true). Turn it off when
         * another instrumentation of the same application already records that timer, such as Spring
         * Boot's observation filter, so that requests are not counted twice; the error counter, the
         * in-flight gauge and the security meters are kept.
         */
        public Builder requestTimer(boolean requestTimer) {
            this.requestTimer = requestTimer;
            return this;
        }

        /**
         * The most distinct tag sets of the request meters (default 1,000); beyond it, requests are
         * recorded with {@code uri} and {@code status} {@code OTHER}. At least 1.
         */
        public Builder maxTagSets(int maxTagSets) {
            if (maxTagSets < 1) {
                throw new IllegalArgumentException("maxTagSets must be at least 1, was " + maxTagSets);
            }
            this.maxTagSets = maxTagSets;
            return this;
        }

        /** Requests slower than this are logged at WARN (default 2 s); a timeout: greater than 0, at most 1 hour. */
        public Builder slowRequestThreshold(Duration slowRequestThreshold) {
            this.slowRequestThreshold = DurationLimits.requireTimeout("slowRequestThreshold", slowRequestThreshold);
            return this;
        }

        /**
         * Development mode shows the exception's type and message (scrubbed) in error bodies; production
         * mode (default, false) hides them.
         */
        public Builder developmentMode(boolean developmentMode) {
            this.developmentMode = developmentMode;
            return this;
        }

        /**
         * The PII scrubber (default {@link Scrubber#defaults()}) of every text the monitor produces: exception text
         * before it is shown in an error body (development mode only) and cut, user pseudonyms, routes and methods in
         * log lines, security events and the {@code uri} tag.
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /**
         * The secret key of the HMAC-SHA256 hashes of client IPs and users, at least 16 bytes (default:
         * 32 random bytes per process). Share one key between replicas to correlate their hashes.
         */
        public Builder hashKey(byte[] hashKey) {
            Objects.requireNonNull(hashKey, "hashKey");
            if (hashKey.length < 16) {
                throw new IllegalArgumentException("hashKey must be at least 16 bytes, was " + hashKey.length
                        + "; use 32 random bytes");
            }
            this.hashKey = hashKey.clone();
            return this;
        }

        /**
         * Turns the user passed to {@code identifyUser} into the {@value RequestContext#USER_ID_KEY} of the MDC and of
         * error logs and Sentry events (default: the first 64 bits of HMAC-SHA256 with {@link #hashKey(byte[])},
         * 16 hex digits). Pass {@code scrubber::pseudonymize} to give users the same pseudonym as
         * {@link Scrubber#pseudonymize(String)}, {@code SentryMonitoring.setUser} and the scrubber's HMAC redaction
         * (the Spring starter does). Results are cached per user (bounded); if it throws or returns null or a blank
         * text, the user is not identified and the request goes on. Its result passes the {@link #scrubber scrubber}
         * too, so a pseudonymizer that returns the user itself cannot put an email address into the logs.
         */
        public Builder userPseudonymizer(UnaryOperator<String> userPseudonymizer) {
            this.userPseudonymizer = Objects.requireNonNull(userPseudonymizer, "userPseudonymizer");
            return this;
        }

        /**
         * Failed authentications (401/403) per client allowed within the window (default 10); one more
         * emits a {@link SecurityEvent}. At least 1.
         */
        public Builder authFailureThreshold(int authFailureThreshold) {
            if (authFailureThreshold < 1) {
                throw new IllegalArgumentException("authFailureThreshold must be at least 1, was " + authFailureThreshold);
            }
            this.authFailureThreshold = authFailureThreshold;
            return this;
        }

        /** The sliding window of the failed-authentication threshold (default 1 minute); 1 ms to 366 days. */
        public Builder authFailureWindow(Duration authFailureWindow) {
            this.authFailureWindow = DurationLimits.requireBetween("authFailureWindow", authFailureWindow,
                    Duration.ofMillis(1), DurationLimits.MAX_PERIOD);
            return this;
        }

        /**
         * The most clients whose failed authentications are tracked at once (default 10,000); the least
         * recently failing client is forgotten first. At least 1.
         */
        public Builder maxTrackedClients(int maxTrackedClients) {
            if (maxTrackedClients < 1) {
                throw new IllegalArgumentException("maxTrackedClients must be at least 1, was " + maxTrackedClients);
            }
            this.maxTrackedClients = maxTrackedClients;
            return this;
        }

        /** Builds the monitor. */
        public RequestMonitor build() {
            return new RequestMonitor(this);
        }
    }
}
