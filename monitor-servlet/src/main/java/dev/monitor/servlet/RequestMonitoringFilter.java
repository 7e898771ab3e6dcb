package dev.monitor.servlet;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import io.micrometer.core.instrument.Metrics;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The servlet adapter of {@link RequestMonitor}: one filter for request IDs (in the MDC and the
 * {@code X-Request-ID} response header), request metrics, slow-request warnings, the standard error
 * body for unhandled exceptions and security events for repeated 401/403 answers. All logic is in
 * {@code dev.monitor.request}; this class only reads and writes the servlet request and response.
 *
 * <p>Registered automatically for {@code /*} by {@link RequestMonitoringInitializer} in containers that
 * run {@code ServletContainerInitializer}s, or by hand:
 * <pre>{@code
 * FilterRegistration.Dynamic filter = context.addFilter("monitor", new RequestMonitoringFilter(monitor));
 * filter.setAsyncSupported(true);
 * filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR), false, "/*");
 * }</pre>
 *
 * <p>Created by the container (no-argument constructor), the filter uses the {@link RequestMonitor}
 * found in the servlet-context attribute {@value #MONITOR_ATTRIBUTE} (set it from a
 * {@code ServletContextListener} to configure it), else builds one with the defaults and
 * {@link Metrics#globalRegistry} and publishes it under that attribute, so the application can add
 * observers and listeners.
 *
 * <p>The {@code uri} tag is the route template in the request attribute {@value #ROUTE_ATTRIBUTE} (set with
 * {@link #setRoute}; the library's servlets set theirs, e.g. {@code /health/checks/{name}}) or Spring MVC's
 * best-matching pattern when a framework sets one, else {@code NOT_FOUND} for 404, {@code REDIRECTION} for 3xx, or
 * the servlet mapping pattern (e.g. {@code /api/*}), never the raw path. The mapping of an error page is never the
 * route.
 * Asynchronous requests end when their {@code AsyncContext} completes; register the filter with
 * {@code asyncSupported} and the {@code ASYNC} and {@code ERROR} dispatcher types so that
 * re-dispatches and error pages log with the request ID too.
 */
public final class RequestMonitoringFilter implements Filter {

    /** Servlet-context attribute holding the {@link RequestMonitor} used by container-created filters. */
    public static final String MONITOR_ATTRIBUTE = "dev.monitor.request.RequestMonitor";
    /** Request attribute in which a framework may put the route template, e.g. {@code /orders/{id}}. */
    public static final String ROUTE_ATTRIBUTE = "dev.monitor.request.route";
    /** Request attribute holding the {@link TrackedRequest} while the request is handled. */
    public static final String TRACKED_REQUEST_ATTRIBUTE = "dev.monitor.request.TrackedRequest";

    /**
     * Sets the route template of this request, the {@code uri} tag of its metrics (here and in Spring Boot's
     * {@code http.server.requests} observation, with the starter): e.g. {@code /orders/{id}}, never the raw path.
     *
     * @param template the template, relative to the context path
     */
    public static void setRoute(ServletRequest request, String template) {
        request.setAttribute(ROUTE_ATTRIBUTE, Objects.requireNonNull(template, "template"));
    }

    /**
     * Sets the route template of a request to a servlet mapped with a path prefix ({@code /health/*}): the servlet
     * path followed by {@code templateBelow}, e.g. {@code /health} and {@code /checks/{name}} give
     * {@code /health/checks/{name}}.
     */
    public static void setRouteBelowServletPath(HttpServletRequest request, String templateBelow) {
        setRoute(request, request.getServletPath() + Objects.requireNonNull(templateBelow, "templateBelow"));
    }

    /** Set by Spring MVC's handler mapping; read by name, so there is no Spring dependency. */
    static final String SPRING_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private volatile @Nullable RequestMonitor monitor;

    /** For containers: the monitor comes from the servlet context in {@link #init(FilterConfig)}. */
    public RequestMonitoringFilter() {
    }

    /** A filter that uses {@code monitor}. */
    public RequestMonitoringFilter(RequestMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /** The monitor in use; null before {@link #init} for a container-created filter. */
    public @Nullable RequestMonitor monitor() {
        return monitor;
    }

    @Override
    public void init(FilterConfig config) {
        if (monitor != null) {
            return;
        }
        ServletContext context = config.getServletContext();
        synchronized (RequestMonitoringFilter.class) {
            Object configured = context.getAttribute(MONITOR_ATTRIBUTE);
            if (configured instanceof RequestMonitor shared) {
                monitor = shared;
            } else {
                if (configured != null) {
                    context.log("Ignoring servlet-context attribute " + MONITOR_ATTRIBUTE + ": expected a "
                            + RequestMonitor.class.getName() + ", found " + configured.getClass().getName());
                }
                RequestMonitor created = RequestMonitor.builder().meterRegistry(Metrics.globalRegistry).build();
                context.setAttribute(MONITOR_ATTRIBUTE, created);
                monitor = created;
            }
        }
    }

    @Override
    public void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        RequestMonitor current = monitor;
        if (current == null || !(servletRequest instanceof HttpServletRequest request)
                || !(servletResponse instanceof HttpServletResponse response)) {
            chain.doFilter(servletRequest, servletResponse);
            return;
        }
        if (request.getAttribute(TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked) {
            continueRequest(tracked, request, response, chain);
            return;
        }
        TrackedRequest tracked = current.start(request.getMethod(), request.getHeader(RequestContext.REQUEST_ID_HEADER),
                request.getHeader(RequestContext.TRACEPARENT_HEADER));
        boolean failed = false;
        try {
            response.setHeader(RequestContext.REQUEST_ID_HEADER, tracked.requestId());
            request.setAttribute(TRACKED_REQUEST_ATTRIBUTE, tracked);
            Principal user = request.getUserPrincipal();
            if (user != null) {
                tracked.identifyUser(user.getName());
            }
            chain.doFilter(request, response);
        } catch (Throwable e) {
            failed = true;
            Throwable failure = unwrap(e);
            tracked.failed(failure);
            if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) == null) {
                // the servlet attribute of an unhandled exception: an instrumentation outside this filter that never
                // sees the exception (Spring Boot's http.server.requests observation) reads its exception tag here
                request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, failure);
            }
            if (e instanceof Error || request.isAsyncStarted() || response.isCommitted()) {
                // an Error is never swallowed; an async or committed response is the container's to finish
                finish(tracked, request, response, true);
                throw e;
            }
            try {
                writeErrorBody(current, tracked, response);
            } catch (IOException | RuntimeException clientGone) {
                // the 500 is still recorded and the exception logged by end()
            }
        }
        finish(tracked, request, response, failed);
    }

    private static void continueRequest(TrackedRequest tracked, HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        boolean attached = tracked.attach(); // false for a nested instance of this filter on the same thread
        try {
            chain.doFilter(request, response);
        } catch (Throwable e) {
            if (attached && !tracked.isEnded()) {
                tracked.failed(unwrap(e));
            }
            throw e;
        } finally {
            if (attached) {
                if (!tracked.isEnded()) {
                    describeRoute(tracked, request);
                }
                tracked.detach();
            }
        }
    }

    /** Ends the request, or hands it over if it went asynchronous; always leaves this thread's MDC clean. */
    private static void finish(TrackedRequest tracked, HttpServletRequest request, HttpServletResponse response,
            boolean failed) {
        boolean async = false;
        int status = failed ? 500 : response.getStatus();
        try {
            describeRoute(tracked, request);
            async = request.isAsyncStarted();
            if (async) {
                request.getAsyncContext().addListener(new AsyncEnd(tracked));
            } else {
                if (tracked.needsClientAddress(status)) {
                    tracked.clientAddress(request.getRemoteAddr());
                    if (tracked.userId() == null) {
                        Principal user = request.getUserPrincipal(); // authenticated by a later filter
                        if (user != null) {
                            tracked.identifyUser(user.getName());
                        }
                    }
                }
            }
        } catch (RuntimeException containerQuirk) {
            async = false; // without a listener the request would never end: end it now
        }
        if (async) {
            tracked.detach();
        } else {
            tracked.end(status);
        }
    }

    private static void describeRoute(TrackedRequest tracked, HttpServletRequest request) {
        Object template = request.getAttribute(ROUTE_ATTRIBUTE);
        if (!(template instanceof String)) {
            template = request.getAttribute(SPRING_PATTERN_ATTRIBUTE);
        }
        if (template instanceof String route && !route.isEmpty()) {
            tracked.route(route);
            return;
        }
        if (request.getDispatcherType() == DispatcherType.ERROR) {
            return; // the error page's mapping says nothing about the request
        }
        HttpServletMapping mapping = request.getHttpServletMapping();
        tracked.fallbackRoute(mapping == null ? null : mapping.getPattern());
    }

    private static void writeErrorBody(RequestMonitor monitor, TrackedRequest tracked, HttpServletResponse response)
            throws IOException {
        Throwable failure = Objects.requireNonNull(tracked.failure());
        ErrorBody body = monitor.internalError(failure, tracked.requestId());
        byte[] json = body.toJson();
        response.reset();
        response.setStatus(500);
        response.setHeader(RequestContext.REQUEST_ID_HEADER, tracked.requestId());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(json.length);
        ServletOutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException writerInUse) {
            response.getWriter().write(new String(json, StandardCharsets.UTF_8));
            return;
        }
        out.write(json);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof ServletException servlet && servlet.getRootCause() != null
                && servlet.getRootCause() != current) {
            current = servlet.getRootCause();
        }
        return current;
    }

    /** Ends an asynchronous request when its {@link AsyncContext} completes. */
    private static final class AsyncEnd implements AsyncListener {
        private final TrackedRequest tracked;

        AsyncEnd(TrackedRequest tracked) {
            this.tracked = tracked;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            int status = event.getSuppliedResponse() instanceof HttpServletResponse response ? response.getStatus() : 200;
            if (tracked.needsClientAddress(status)) {
                tracked.clientAddress(event.getSuppliedRequest().getRemoteAddr());
            }
            tracked.end(status);
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // the container answers (500) and completes; onComplete ends the request
        }

        @Override
        public void onError(AsyncEvent event) {
            Throwable error = event.getThrowable();
            if (error != null && !tracked.isEnded()) {
                tracked.failed(unwrap(error));
            }
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            AsyncContext restarted = event.getAsyncContext();
            if (restarted != null) {
                restarted.addListener(this); // startAsync again clears the listeners
            }
        }
    }
}
