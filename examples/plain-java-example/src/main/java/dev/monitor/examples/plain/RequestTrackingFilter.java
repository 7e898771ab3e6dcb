package dev.monitor.examples.plain;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What {@code RequestMonitoringFilter} does for servlets, for the JDK's HTTP server: every request gets a request ID
 * (the caller's {@code X-Request-ID}, else one from {@code traceparent}, else a new one) in the MDC and in the answer,
 * is timed under its route ({@code http.server.requests}), and an exception a handler leaves unhandled becomes the
 * standard error body (500, with {@code request_id} and {@code timestamp}; no stack trace, no message).
 */
final class RequestTrackingFilter extends Filter {

    private final RequestMonitor monitor;
    private final String route;

    /**
     * A filter for one context.
     *
     * @param route the route the requests are recorded under (the {@code uri} tag): a template, never the raw path
     */
    RequestTrackingFilter(RequestMonitor monitor, String route) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.route = Objects.requireNonNull(route, "route");
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers headers = exchange.getRequestHeaders();
        TrackedRequest request = monitor.start(exchange.getRequestMethod(),
                headers.getFirst(RequestContext.REQUEST_ID_HEADER), headers.getFirst(RequestContext.TRACEPARENT_HEADER));
        int status = 500;
        try {
            exchange.getResponseHeaders().set(RequestContext.REQUEST_ID_HEADER, request.requestId());
            request.route(route);
            chain.doFilter(exchange);
            status = exchange.getResponseCode() < 0 ? 500 : exchange.getResponseCode();
        } catch (IOException | RuntimeException e) {
            request.failed(e);
            if (exchange.getResponseCode() < 0) { // nothing sent yet: the standard body
                ErrorBody body = monitor.internalError(e, request.requestId());
                PlainJavaExample.respond(exchange, 500, ErrorBody.CONTENT_TYPE, java.util.Map.of(), body.toJson());
            }
        } finally {
            if (request.needsClientAddress(status)) { // repeated 401/403 from one client become a security event
                InetSocketAddress remote = exchange.getRemoteAddress();
                request.clientAddress(remote.getAddress() == null ? remote.getHostString()
                        : remote.getAddress().getHostAddress());
            }
            request.end(status);
            exchange.close();
        }
    }

    @Override
    public String description() {
        return "monitor request tracking for " + route;
    }
}
