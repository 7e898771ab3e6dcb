package dev.monitor.servlet;

import dev.monitor.health.DetailVisibility;
import dev.monitor.health.HealthEndpoint;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the health endpoints: map it to {@code /health/*} and it answers {@code /health},
 * {@code /health/live}, {@code /health/ready}, {@code /health/started},
 * {@code /health/checks/{name}} and custom groups, for {@code GET} and {@code HEAD}.
 *
 * <pre>{@code
 * context.addServlet(new ServletHolder(HealthServlet.builder(registry).build()), "/health/*");
 * }</pre>
 *
 * <p>Errors (404 for an unknown check or group, 405 for methods other than {@code GET} and {@code HEAD}) have the
 * standard error body with the request ID of {@link RequestMonitoringFilter}. Each request names its route template
 * ({@code /health}, {@code /health/live}, {@code /health/{group}}, {@code /health/checks/{name}}, below the servlet
 * path) as the {@code uri} tag of the request metrics.
 *
 * <p>When the container supports it (register with async support), the request thread is
 * released while checks run; otherwise it waits at most the registry's report deadline.
 */
public final class HealthServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HealthServlet.class);

    private final transient HealthEndpoint endpoint;
    private final transient Predicate<HttpServletRequest> authorizer;

    private HealthServlet(Builder builder) {
        this.endpoint = new HealthEndpoint(builder.registry, builder.visibility);
        this.authorizer = builder.authorizer;
    }

    /** A builder for a servlet serving the given registry. */
    public static Builder builder(HealthRegistry registry) {
        return new Builder(registry);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String route = HealthEndpoint.routeOf(request.getPathInfo());
        if (route != null) {
            RequestMonitoringFilter.setRouteBelowServletPath(request, route);
        }
        // the filter's ID; without the filter a new one, also set as the X-Request-ID header
        String requestId = ErrorBodyResponses.requestId(request, response);
        CompletableFuture<HealthResponse> answer = endpoint.handle(request.getMethod(), request.getPathInfo(),
                request.getHeader("Accept"), isAuthorized(request), requestId);
        if (answer.isDone() || !request.isAsyncSupported()) {
            write(answer.join(), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the registry's report deadline bounds the wait
        answer.whenComplete((health, error) -> {
            try {
                if (error != null) {
                    ErrorBodyResponses.send((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(),
                            500);
                } else {
                    write(health, (HttpServletResponse) async.getResponse());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write health response: {}", e.toString());
            } finally {
                async.complete();
            }
        });
    }

    private boolean isAuthorized(HttpServletRequest request) {
        try {
            return authorizer.test(request);
        } catch (RuntimeException e) {
            log.warn("Health authorizer failed; treating the caller as anonymous", e);
            return false;
        }
    }

    private static void write(HealthResponse health, HttpServletResponse response) throws IOException {
        response.setStatus(health.status());
        response.setContentType(health.contentType());
        response.setCharacterEncoding("UTF-8");
        for (Map.Entry<String, String> header : health.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(health.body().length);
        if (health.body().length > 0) {
            response.getOutputStream().write(health.body());
        }
    }

    /** Builds a {@link HealthServlet}. */
    public static final class Builder {
        private final HealthRegistry registry;
        private DetailVisibility visibility = DetailVisibility.WHEN_AUTHORIZED;
        private Predicate<HttpServletRequest> authorizer = request -> request.getUserPrincipal() != null;

        private Builder(HealthRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** Who sees error text and details (default {@link DetailVisibility#WHEN_AUTHORIZED}). */
        public Builder visibility(DetailVisibility visibility) {
            this.visibility = Objects.requireNonNull(visibility, "visibility");
            return this;
        }

        /**
         * Decides whether a caller is authorized to see details (default: the request has a user
         * principal). An exception thrown here counts as not authorized.
         */
        public Builder authorizer(Predicate<HttpServletRequest> authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** Builds the servlet. */
        public HealthServlet build() {
            return new HealthServlet(this);
        }
    }
}
