package dev.monitor.request.internal;

import static dev.monitor.request.RequestMeters.NO_EXCEPTION;
import static dev.monitor.request.RequestMeters.OVERFLOW;
import static dev.monitor.request.RequestMeters.REQUESTS;

import dev.monitor.request.RequestMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The golden-signal meters of HTTP server requests (names, tags and descriptions in
 * {@link RequestMeters}). Not API.
 *
 * <ul>
 *   <li>{@code http.server.requests} timer, tags {@code method, uri, status, outcome, exception}
 *       (the names and values of Spring Boot's meter, so dashboards work unchanged);
 *   <li>{@code http.server.requests.errors} counter (status 5xx), tags {@code method, uri, status, exception};
 *   <li>{@code http.server.requests.in.flight} gauge.
 * </ul>
 *
 * <p>Meters are created once per distinct tag set and kept; the lookup per request is a map get
 * on the (interned) uri and a scan of a small array, without allocation. At most
 * {@code maxTagSets} tag sets are created; beyond that, requests are recorded with {@code uri} and
 * {@code status} set to {@code OTHER} (one set per method, outcome and exception-or-not), so neither
 * the registry nor this cache grows without bound whatever the traffic.
 */
public final class HttpServerMeters {

    private static final Logger log = LoggerFactory.getLogger(HttpServerMeters.class);
    private static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE",
        "CONNECT", "UNKNOWN"};
    private static final String[] OUTCOMES = {"INFORMATIONAL", "SUCCESS", "REDIRECTION", "CLIENT_ERROR",
        "SERVER_ERROR", "UNKNOWN"};
    private static final MeterSet[] NO_SETS = new MeterSet[0];

    private final MeterRegistry registry;
    /** The uri tag of a route: the route scrubbed, once per tag set (a route template should hold no PII). */
    private final UnaryOperator<String> uriTag;
    private final double[] percentiles;
    private final boolean histogram;
    private final boolean recordTimer;
    private final int maxTagSets;
    private final LongAdder inFlight = new LongAdder();
    private final ConcurrentHashMap<String, RouteMeters> routes = new ConcurrentHashMap<>();
    private final AtomicReferenceArray<MeterSet> overflow = new AtomicReferenceArray<>(METHODS.length * OUTCOMES.length * 2);
    private final ConcurrentHashMap<String, String> exceptionNames = new ConcurrentHashMap<>();
    private final ClassValue<String> exceptionTags = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            String name = type.getSimpleName().isEmpty() ? type.getName() : type.getSimpleName();
            return exceptionNames.computeIfAbsent(name, n -> n); // one instance per name: identity compares
        }
    };
    private final Object lock = new Object();
    private int tagSets; // guarded by lock
    private volatile boolean full;
    private volatile boolean registrationFailed;

    /**
     * Creates the meters.
     *
     * @param percentiles client-side percentiles of the timer, e.g. 0.5, 0.95, 0.99; may be empty
     * @param histogram whether the timer publishes a percentile histogram
     * @param maxTagSets the most distinct tag sets
     * @param recordTimer whether the {@code http.server.requests} timer is registered; false when another
     *     instrumentation (e.g. Spring Boot's observation filter) already records it
     * @param uriTag turns a route into its {@code uri} tag value (the scrubber), called once per new tag set
     */
    public HttpServerMeters(MeterRegistry registry, double[] percentiles, boolean histogram, int maxTagSets,
            boolean recordTimer, UnaryOperator<String> uriTag) {
        this.registry = registry;
        this.uriTag = uriTag;
        this.percentiles = percentiles.clone();
        this.histogram = histogram;
        this.recordTimer = recordTimer;
        this.maxTagSets = maxTagSets;
        Gauge.builder(RequestMeters.IN_FLIGHT, inFlight, LongAdder::sum)
                .description(RequestMeters.IN_FLIGHT_DESCRIPTION)
                .baseUnit(RequestMeters.REQUESTS_UNIT)
                .register(registry);
    }

    /** A request started. */
    public void started() {
        inFlight.increment();
    }

    /**
     * A request ended.
     *
     * @param method the HTTP method (non-standard methods are tagged {@code UNKNOWN})
     * @param uri the low-cardinality uri tag
     * @param status the response status
     * @param exception the unhandled exception's type, or null
     * @param durationNanos how long the request took
     */
    public void ended(String method, String uri, int status, @Nullable Class<? extends Throwable> exception,
            long durationNanos) {
        inFlight.decrement();
        int methodIndex = methodIndex(method);
        int statusCode = status >= 100 && status <= 599 ? status : 0;
        String exceptionTag = exception == null ? NO_EXCEPTION : exceptionTags.get(exception);
        MeterSet set = find(methodIndex, uri, statusCode, exceptionTag);
        if (set.timer != null) {
            set.timer.record(durationNanos, TimeUnit.NANOSECONDS);
        }
        if (set.errors != null) {
            set.errors.increment();
        }
    }

    /** The number of distinct tag sets created (not counting the overflow sets). */
    public int tagSets() {
        synchronized (lock) {
            return tagSets;
        }
    }

    private MeterSet find(int method, String uri, int status, String exception) {
        RouteMeters route = routes.get(uri);
        if (route != null) {
            MeterSet set = route.find(method, status, exception);
            if (set != null) {
                return set;
            }
        }
        return full ? overflow(method, status, exception) : create(method, uri, status, exception);
    }

    private MeterSet create(int method, String uri, int status, String exception) {
        synchronized (lock) {
            RouteMeters route = routes.get(uri);
            MeterSet set = route == null ? null : route.findEqual(method, status, exception);
            if (set != null) {
                return set;
            }
            if (tagSets >= maxTagSets) {
                if (!full) {
                    full = true;
                    log.warn("{} reached {} distinct tag sets; further tag sets are recorded with uri={} and status={}. "
                            + "Check that the uri tag is a route template, not the raw path.", REQUESTS, maxTagSets,
                            OVERFLOW, OVERFLOW);
                }
            } else {
                set = newSet(method, uriTag.apply(uri), status == 0 ? "UNKNOWN" : Integer.toString(status), outcome(status),
                        exception, status, status >= 500);
                if (route == null) {
                    route = new RouteMeters();
                    routes.put(uri, route);
                }
                route.add(set);
                tagSets++;
                return set;
            }
        }
        return overflow(method, status, exception);
    }

    private MeterSet overflow(int method, int status, String exception) {
        int outcome = outcomeIndex(status);
        boolean failed = exception != NO_EXCEPTION;
        int index = (method * OUTCOMES.length + outcome) * 2 + (failed ? 1 : 0);
        MeterSet set = overflow.get(index);
        if (set == null) {
            synchronized (lock) {
                set = overflow.get(index);
                if (set == null) {
                    set = newSet(method, OVERFLOW, OVERFLOW, OUTCOMES[outcome], failed ? OVERFLOW : NO_EXCEPTION, -1,
                            outcome == 4);
                    overflow.set(index, set);
                }
            }
        }
        return set;
    }

    private MeterSet newSet(int method, String uri, String statusTag, String outcome, String exception, int status,
            boolean countsErrors) {
        Timer timer = null;
        Counter errors = null;
        try {
            timer = !recordTimer ? null : Timer.builder(REQUESTS)
                    .description(RequestMeters.REQUESTS_DESCRIPTION)
                    .tags(Tags.of(RequestMeters.TAG_METHOD, METHODS[method], RequestMeters.TAG_URI, uri,
                            RequestMeters.TAG_STATUS, statusTag, RequestMeters.TAG_OUTCOME, outcome,
                            RequestMeters.TAG_EXCEPTION, exception))
                    .publishPercentiles(percentiles.length == 0 ? null : percentiles)
                    .publishPercentileHistogram(histogram)
                    .register(registry);
            if (countsErrors) {
                errors = Counter.builder(RequestMeters.ERRORS)
                        .description(RequestMeters.ERRORS_DESCRIPTION)
                        .tags(Tags.of(RequestMeters.TAG_METHOD, METHODS[method], RequestMeters.TAG_URI, uri,
                                RequestMeters.TAG_STATUS, statusTag, RequestMeters.TAG_EXCEPTION, exception))
                        .register(registry);
            }
        } catch (RuntimeException e) {
            // e.g. a Prometheus registry that already has http.server.requests with other tag keys
            if (!registrationFailed) {
                registrationFailed = true;
                log.warn("Could not register {} meters; requests of this tag set are not recorded: {}", REQUESTS,
                        e.toString());
            }
        }
        return new MeterSet(method, status, exception, timer, errors);
    }

    private static int methodIndex(String method) {
        switch (method) {
            case "GET":
                return 0;
            case "HEAD":
                return 1;
            case "POST":
                return 2;
            case "PUT":
                return 3;
            case "PATCH":
                return 4;
            case "DELETE":
                return 5;
            case "OPTIONS":
                return 6;
            case "TRACE":
                return 7;
            case "CONNECT":
                return 8;
            default:
                return 9;
        }
    }

    private static String outcome(int status) {
        return OUTCOMES[outcomeIndex(status)];
    }

    private static int outcomeIndex(int status) {
        if (status >= 100 && status < 600) {
            return status / 100 - 1;
        }
        return 5;
    }

    /** The meter sets of one uri: copy-on-write, typically a handful of entries. */
    private static final class RouteMeters {
        private volatile MeterSet[] sets = NO_SETS;

        @Nullable MeterSet find(int method, int status, String exception) {
            for (MeterSet set : sets) {
                if (set.method == method && set.status == status && set.exception == exception) {
                    return set;
                }
            }
            return null;
        }

        @Nullable MeterSet findEqual(int method, int status, String exception) {
            for (MeterSet set : sets) {
                if (set.method == method && set.status == status && set.exception.equals(exception)) {
                    return set;
                }
            }
            return null;
        }

        void add(MeterSet set) {
            MeterSet[] grown = Arrays.copyOf(sets, sets.length + 1);
            grown[sets.length] = set;
            sets = grown;
        }
    }

    /** The meters of one tag set; a null meter could not be registered. */
    private static final class MeterSet {
        final int method;
        final int status;
        final String exception;
        final @Nullable Timer timer;
        final @Nullable Counter errors;

        MeterSet(int method, int status, String exception, @Nullable Timer timer, @Nullable Counter errors) {
            this.method = method;
            this.status = status;
            this.exception = exception;
            this.timer = timer;
            this.errors = errors;
        }
    }
}
