package dev.monitor.servlet;

import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.operator.OperatorRequest;
import dev.monitor.operator.OperatorResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the operator API (acknowledge, resolve and silence alerts, maintenance, status-page incidents, jobs) as JSON:
 * map it to {@code /monitor/operator/*} (or anywhere) and it answers {@code /alerts}, {@code /silences},
 * {@code /maintenance}, {@code /incidents}, {@code /jobs} and the rest of {@link OperatorEndpoint}'s routes. The
 * protocol (authorizer, routes, bodies, status codes) is {@link OperatorEndpoint}'s; this servlet only copies its
 * answer. It passes the request's headers and the container's principal to the endpoint's authorizer.
 *
 * <pre>{@code
 * OperatorEndpoint operator = OperatorEndpoint.builder(dispatcher).statusBoard(page.board())
 *         .token("ops", System.getenv("MONITOR_OPERATOR_TOKEN")).build();
 * context.addServlet(new ServletHolder(new OperatorServlet(operator)), "/monitor/operator/*");
 * }</pre>
 */
public final class OperatorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** Most headers passed to the authorizer; a request with more is not refused, the rest is not looked at. */
    private static final int MAX_HEADERS = 100;

    private final transient OperatorEndpoint endpoint;

    /** A servlet answering with {@code endpoint}. */
    public OperatorServlet(OperatorEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String route = OperatorEndpoint.routeOf(request.getPathInfo());
        if (route != null) {
            RequestMonitoringFilter.setRouteBelowServletPath(request, route);
        }
        // the filter's ID; without the filter a new one, also set as the X-Request-ID header
        String requestId = ErrorBodyResponses.requestId(request, response);
        Map<String, String> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements() && headers.size() < MAX_HEADERS) {
            String name = names.nextElement();
            String value = request.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        Principal principal = request.getUserPrincipal();
        InputStream body = "POST".equalsIgnoreCase(request.getMethod()) ? request.getInputStream() : null;
        OperatorResponse answer = endpoint.handle(new OperatorRequest(request.getMethod(), request.getPathInfo(), headers,
                principal == null ? null : principal.getName(), body, requestId));
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setCharacterEncoding("UTF-8");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
