package dev.monitor.request;

import dev.monitor.request.internal.ContextCallable;
import dev.monitor.request.internal.ContextExecutor;
import dev.monitor.request.internal.ContextExecutorService;
import dev.monitor.request.internal.ContextRunnable;
import dev.monitor.request.internal.RequestIdHttpClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The request context of the current thread, carried in the SLF4J MDC, and its propagation.
 *
 * <p>While a request is {@linkplain RequestMonitor#start tracked}, the MDC holds
 * {@value #REQUEST_ID_KEY} and, once the user is known, {@value #USER_ID_KEY} (a keyed hash, never
 * the raw identifier). Log patterns can show them with {@code %X{request_id}}.
 *
 * <pre>{@code
 * ExecutorService pool = RequestContext.wrap(Executors.newFixedThreadPool(4)); // tasks log the request ID
 * HttpClient client = RequestContext.wrap(HttpClient.newHttpClient());          // calls carry X-Request-ID
 * String id = RequestContext.currentRequestId();
 * }</pre>
 */
public final class RequestContext {

    /** MDC key of the request ID. */
    public static final String REQUEST_ID_KEY = "request_id";
    /** MDC key of the keyed hash of the authenticated user. */
    public static final String USER_ID_KEY = "user_id";
    /** The HTTP header that carries the request ID in and out. */
    public static final String REQUEST_ID_HEADER = "X-Request-ID";
    /** The W3C Trace Context header whose trace-id is reused when no valid request ID came in. */
    public static final String TRACEPARENT_HEADER = "traceparent";

    private RequestContext() {
    }

    /** The request ID of the current thread (from the MDC), or null outside a request. */
    public static @Nullable String currentRequestId() {
        return MDC.get(REQUEST_ID_KEY);
    }

    /** The keyed hash of the current user (from the MDC), or null if no user was identified. */
    public static @Nullable String currentUserId() {
        return MDC.get(USER_ID_KEY);
    }

    /**
     * Identifies the user of the request tracked on this thread: a pseudonym of {@code user} is put
     * into the MDC as {@value #USER_ID_KEY}. Call it once authentication is done, e.g. from a
     * security filter.
     *
     * @param user the user identifier (name, e-mail, ID); it is hashed, never logged
     * @return the pseudonym, or null if no request is tracked on this thread or the configured pseudonymizer failed
     */
    public static @Nullable String identifyUser(String user) {
        Objects.requireNonNull(user, "user");
        TrackedRequest current = TrackedRequest.current();
        return current == null ? null : current.identifyUser(user);
    }

    /** A task that runs with the request context captured now, then restores the running thread's context. */
    public static Runnable wrap(Runnable task) {
        return ContextRunnable.capture(Objects.requireNonNull(task, "task"));
    }

    /** A task that runs with the request context captured now, then restores the running thread's context. */
    public static <T> Callable<T> wrap(Callable<T> task) {
        return ContextCallable.capture(Objects.requireNonNull(task, "task"));
    }

    /** An executor whose tasks run with the request context of the thread that submitted them. */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        if (executor instanceof ExecutorService service) {
            return wrap(service);
        }
        return executor instanceof ContextExecutor ? executor : new ContextExecutor(executor);
    }

    /**
     * An executor service whose tasks ({@code execute}, {@code submit}, {@code invokeAll},
     * {@code invokeAny}) run with the request context of the thread that submitted them. Shutting it
     * down shuts down {@code executor}.
     */
    public static ExecutorService wrap(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return executor instanceof ContextExecutorService ? executor : new ContextExecutorService(executor);
    }

    /**
     * A client that adds {@value #REQUEST_ID_HEADER} with the current request ID to every request sent
     * while a request ID is in the MDC, unless the request already has that header. Everything else is
     * delegated to {@code client}.
     */
    public static HttpClient wrap(HttpClient client) {
        Objects.requireNonNull(client, "client");
        return client instanceof RequestIdHttpClient ? client : new RequestIdHttpClient(client);
    }

    /**
     * Adds {@value #REQUEST_ID_HEADER} with the current request ID to {@code builder}, when there is
     * one; for code that builds requests itself.
     *
     * @return {@code builder}
     */
    public static HttpRequest.Builder withRequestId(HttpRequest.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        String id = currentRequestId();
        if (id != null) {
            builder.setHeader(REQUEST_ID_HEADER, id);
        }
        return builder;
    }
}
