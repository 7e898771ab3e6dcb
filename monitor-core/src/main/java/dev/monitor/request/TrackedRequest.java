package dev.monitor.request;

import dev.monitor.request.internal.MdcContext;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * One request being tracked, from {@link RequestMonitor#start} to {@link #end}. Web adapters drive
 * it; applications rarely see it.
 *
 * <p>Life cycle, as an adapter calls it:
 * <pre>{@code
 * TrackedRequest request = monitor.start(method, header("X-Request-ID"), header("traceparent"));
 * response.setHeader("X-Request-ID", request.requestId());
 * try {
 *     handle();
 * } catch (Exception e) {
 *     request.failed(e);
 *     writeBody(500, monitor.internalError(e, request.requestId()));
 * } finally {
 *     request.route(template);              // when the framework knows it
 *     if (asyncStarted) {
 *         request.detach();                 // the request thread is done; end() comes later
 *         onAsyncComplete(() -> request.end(status()));
 *     } else {
 *         request.end(status());
 *     }
 * }
 * }</pre>
 *
 * <p>{@link #end} is effective once, from any thread, and never throws; the MDC of the request thread
 * is clean after {@link #end} or {@link #detach}. Not thread-safe otherwise: call the setters from the
 * thread handling the request.
 */
public final class TrackedRequest {

    /**
     * Each thread's current request, in the middle cell of a per-thread array that is written on every
     * request. The padding cells keep that write off the cache line (and the adjacent line the hardware
     * prefetches with it) of any other object. With a plain {@code ThreadLocal<TrackedRequest>} the write
     * went to the thread-local map's entry, which the collector often copies right next to the
     * {@code ThreadLocal} object itself, read by every request thread: in 3 of 8 JVM runs of the filter
     * benchmark the cost per request at 2 threads was then 1.5 to 2.7 times that at 1 thread. The array
     * costs about 280 bytes per thread that serves requests.
     */
    private static final ThreadLocal<@Nullable Object[]> CURRENT = new ThreadLocal<>();
    private static final int CURRENT_CELL = 32; // 128 bytes of references on either side
    private static final AtomicIntegerFieldUpdater<TrackedRequest> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(TrackedRequest.class, "ended");

    private final RequestMonitor monitor;
    private final String requestId;
    private final String method;
    private final long startNanos;
    private @Nullable Thread thread;
    private @Nullable String userId;
    private @Nullable String routeTemplate;
    private @Nullable String fallbackRoute;
    private @Nullable String clientAddress;
    private @Nullable Throwable failure;
    /** Pairs of observer and the scope it returned, or null without observers; one field keeps the object small. */
    private @Nullable Object @Nullable [] scopes;
    private volatile int ended;

    TrackedRequest(RequestMonitor monitor, String requestId, String method, long startNanos) {
        this.monitor = monitor;
        this.requestId = requestId;
        this.method = method;
        this.startNanos = startNanos;
    }

    /** The request tracked on the current thread, or null. */
    static @Nullable TrackedRequest current() {
        Object[] cells = CURRENT.get();
        return cells == null ? null : (TrackedRequest) cells[CURRENT_CELL];
    }

    private static void setCurrent(@Nullable TrackedRequest request) {
        Object[] cells = CURRENT.get();
        if (cells == null) {
            if (request == null) {
                return;
            }
            cells = new Object[2 * CURRENT_CELL + 1];
            CURRENT.set(cells);
        }
        cells[CURRENT_CELL] = request;
    }

    /** The request ID: the valid inbound one, the traceparent trace-id, or a generated one. */
    public String requestId() {
        return requestId;
    }

    /** The HTTP method. */
    public String method() {
        return method;
    }

    /** The keyed hash of the user, or null if no user was identified. */
    public @Nullable String userId() {
        return userId;
    }

    /** Whether {@link #end} has run. */
    public boolean isEnded() {
        return ended != 0;
    }

    /**
     * Identifies the user: a pseudonym of {@code user} (by default a keyed HMAC-SHA256 hash, see
     * {@link RequestMonitor.Builder#userPseudonymizer}) becomes the {@value RequestContext#USER_ID_KEY} MDC value of
     * this request.
     *
     * @param user the user identifier; hashed, never logged
     * @return the pseudonym, or null if the configured pseudonymizer failed (the user is then not identified)
     */
    public @Nullable String identifyUser(String user) {
        Objects.requireNonNull(user, "user");
        String hash = monitor.userHash(user);
        if (hash == null) {
            return null;
        }
        this.userId = hash;
        if (thread == Thread.currentThread()) {
            MDC.put(RequestContext.USER_ID_KEY, hash);
        }
        return hash;
    }

    /**
     * The route template supplied by the framework, e.g. {@code /orders/{id}}: the {@code uri} tag of
     * the metrics. Never pass the raw path.
     */
    public void route(@Nullable String template) {
        this.routeTemplate = template == null || template.isEmpty() ? null : template;
    }

    /**
     * A bounded fallback for the {@code uri} tag when no template is known, e.g. the servlet mapping
     * pattern {@code /api/*}. Never pass the raw path.
     */
    public void fallbackRoute(@Nullable String fallback) {
        this.fallbackRoute = fallback;
    }

    /**
     * Whether {@link #end} with this status needs {@link #clientAddress}: for authentication failures
     * (401, 403) and server errors. Lets adapters skip reading the address otherwise.
     */
    public boolean needsClientAddress(int status) {
        return status == 401 || status == 403 || status >= 500 || failure != null;
    }

    /** The client's IP address; only its keyed hash is kept in events and logs. */
    public void clientAddress(@Nullable String address) {
        this.clientAddress = address;
    }

    /** The handler threw; the exception is logged with the request context and tagged in the metrics. */
    public void failed(Throwable error) {
        this.failure = Objects.requireNonNull(error, "error");
    }

    /** The unhandled exception, or null. */
    public @Nullable Throwable failure() {
        return failure;
    }

    /**
     * The standard error body of this request answered with {@code status}: for a 500 after an unhandled exception
     * {@link RequestMonitor#internalError} (the text hidden outside development mode), else
     * {@link RequestMonitor#errorBody}; with this request's ID and its monitor's clock.
     */
    public ErrorBody errorBody(int status) {
        Throwable error = failure;
        return status == 500 && error != null ? monitor.internalError(error, requestId) : monitor.errorBody(status, requestId);
    }

    /**
     * The current thread hands the request over (asynchronous processing continues elsewhere):
     * closes the observers' scopes on this thread and removes the request context from its MDC.
     * {@link #end} is still needed when the request completes.
     */
    public void detach() {
        if (thread != Thread.currentThread()) {
            return;
        }
        closeScopes();
        clearThread();
    }

    /**
     * A thread continues the request, e.g. an asynchronous re-dispatch or an error-page dispatch: puts
     * the request context into its MDC until {@link #detach} or {@link #end}. Observers are not called
     * again.
     *
     * @return true if the context was put now, false if this thread already carried it (the caller
     *     must then not detach)
     */
    public boolean attach() {
        if (thread == Thread.currentThread()) {
            return false;
        }
        attachThread();
        return true;
    }

    /**
     * The request ended: records the metrics, logs a slow request or an unhandled exception, counts
     * authentication failures and closes what is left open on this thread. Effective once; later calls
     * do nothing. Never throws.
     *
     * @param status the response status
     */
    public void end(int status) {
        if (!ENDED.compareAndSet(this, 0, 1)) {
            if (thread == Thread.currentThread()) {
                closeScopes();
                clearThread();
            }
            return;
        }
        boolean attached = thread == Thread.currentThread();
        MdcContext previous = null;
        try {
            if (attached) {
                closeScopes();
            } else {
                previous = MdcContext.of(requestId, userId).apply(); // logs written on the completing thread carry the ID
            }
            monitor.ended(this, status, monitor.clockNanos() - startNanos);
        } catch (RuntimeException | LinkageError e) {
            monitor.internalFailure(e);
        } finally {
            if (attached) {
                clearThread();
            } else if (previous != null) {
                previous.apply();
            }
        }
    }

    void attachThread() {
        thread = Thread.currentThread();
        MDC.put(RequestContext.REQUEST_ID_KEY, requestId);
        if (userId != null) {
            MDC.put(RequestContext.USER_ID_KEY, userId);
        }
        setCurrent(this);
    }

    void openScopes(RequestObserver[] registered) {
        RequestStart start = new RequestStart(requestId, method);
        Object[] opened = new Object[registered.length * 2];
        for (int i = 0; i < registered.length; i++) {
            opened[2 * i] = registered[i];
            try {
                opened[2 * i + 1] = registered[i].onRequestStart(start);
            } catch (RuntimeException | LinkageError e) {
                monitor.observerFailed(registered[i], "onRequestStart", e);
            }
        }
        this.scopes = opened;
    }

    @Nullable String routeTemplate() {
        return routeTemplate;
    }

    @Nullable String fallbackRoute() {
        return fallbackRoute;
    }

    @Nullable String clientAddressValue() {
        return clientAddress;
    }

    private void closeScopes() {
        Object[] open = scopes;
        if (open == null) {
            return;
        }
        scopes = null;
        for (int i = open.length - 2; i >= 0; i -= 2) {
            if (open[i + 1] instanceof AutoCloseable scope) {
                try {
                    scope.close();
                } catch (Exception | LinkageError e) {
                    monitor.observerFailed((RequestObserver) open[i], "close", e);
                }
            }
        }
    }

    private void clearThread() {
        thread = null;
        MDC.remove(RequestContext.REQUEST_ID_KEY);
        if (userId != null) {
            MDC.remove(RequestContext.USER_ID_KEY);
        }
        setCurrent(null); // keeps the thread's cells: no allocation per request
    }
}
