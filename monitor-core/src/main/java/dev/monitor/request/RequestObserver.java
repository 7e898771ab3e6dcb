package dev.monitor.request;

import org.jspecify.annotations.Nullable;

/**
 * Runs code around each request on the request thread, so that other features (the JDBC N+1
 * detector, error reporting) can follow the request lifecycle without the web adapters knowing them.
 * Register with {@link RequestMonitor#addObserver}.
 *
 * <pre>{@code
 * monitor.addObserver(request -> {
 *     QueryScope scope = QueryScope.open(request.requestId()); // e.g. a ThreadLocal
 *     return scope::close;
 * });
 * }</pre>
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #onRequestStart} is called once per request, on the request thread, after the
 *       request ID is in the MDC and before the application handles the request.
 *   <li>The returned scope is closed exactly once, <em>on the same thread</em>, while the request ID
 *       is still in the MDC: when the handler returns, when it throws, or, for an asynchronous
 *       request, when the request thread hands the request over to other threads (the part of the
 *       request that runs on the request thread is over). Thread-bound state (a {@code ThreadLocal},
 *       a pushed logging or error-reporting scope) can therefore be opened in {@code onRequestStart}
 *       and released in {@code close()} safely. Later asynchronous dispatches of the same request do
 *       not call the observer again.
 *   <li>Scopes are closed in the reverse order of the observers' registration.
 *   <li>Observers must be fast and must not block. An exception thrown by {@code onRequestStart} or
 *       {@code close()} is caught and logged (once per observer); it never reaches the application
 *       and never stops other observers.
 * </ul>
 */
@FunctionalInterface
public interface RequestObserver {

    /**
     * A request starts on the current thread.
     *
     * @param request the request ID and method
     * @return a scope to close when the request thread is done with the request, or null
     */
    @Nullable AutoCloseable onRequestStart(RequestStart request);
}
