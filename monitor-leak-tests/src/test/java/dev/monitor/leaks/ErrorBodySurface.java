package dev.monitor.leaks;

import dev.monitor.request.RequestMonitor;
import dev.monitor.servlet.RequestMonitoringFilter;
import dev.monitor.servlet.RequestUserFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletHolder;

/**
 * The standard error body of an unhandled exception, through {@link RequestMonitoringFilter} on Jetty in development
 * mode (the mode that shows the exception's text): the exception's message, a cause's message, a servlet exception's
 * root cause; and what a client sends that the monitor reads (path, query, {@code X-Request-ID}, the user's name).
 * The response (status, headers, body) and the log lines are the outputs.
 */
final class ErrorBodySurface implements Surface {

    /** Where the development-mode message is cut, after scrubbing. */
    static final int MESSAGE_LIMIT = 200;
    private static final String TYPE = "IllegalStateException: ";

    static final Field MESSAGE = Field.value("exception message", MESSAGE_LIMIT - TYPE.length());
    static final Field WRAPPED = Field.value("cause message through CompletionException")
            .near(MESSAGE_LIMIT - TYPE.length());
    static final Field ROOT_CAUSE = Field.value("root cause message of a ServletException")
            .near(MESSAGE_LIMIT - TYPE.length());
    static final Field PLAIN_CAUSE = Field.value("cause message of a plain wrapper");
    static final Field PATH = Field.value("request path").hidden();
    static final Field QUERY = Field.value("query string").hidden();
    static final Field REQUEST_ID = Field.value("X-Request-ID header").hidden();
    static final Field USER = Field.value("user principal name").hidden();

    private static final String CASE_HEADER = "X-Leak-Case";
    private static final String USER_HEADER = "X-Leak-User";

    private final Loopback loopback;
    private final Map<Integer, Planting> pending = new ConcurrentHashMap<>();

    ErrorBodySurface(Loopback loopback) {
        this.loopback = loopback;
        RequestMonitor monitor = RequestMonitor.builder().developmentMode(true).build();
        FilterHolder monitoring = new FilterHolder(new RequestMonitoringFilter(monitor));
        monitoring.setAsyncSupported(true);
        EnumSet<DispatcherType> types = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        loopback.servlets().addFilter(monitoring, "/app/*", types);
        loopback.servlets().addFilter(new FilterHolder(principalFromHeader()), "/app/*", types);
        loopback.servlets().addFilter(new FilterHolder(new RequestUserFilter()), "/app/*", types);
        loopback.servlets().addServlet(new ServletHolder(new FailingServlet()), "/app/*");
    }

    @Override
    public String name() {
        return "error body";
    }

    @Override
    public List<Field> fields() {
        return List.of(MESSAGE, WRAPPED, ROOT_CAUSE, PLAIN_CAUSE, PATH, QUERY, REQUEST_ID, USER);
    }

    @Override
    public int batchSize() {
        return 24;
    }

    @Override
    public Drive drive(List<Planting> batch) throws Exception {
        Drive drive = new Drive();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (Planting planting : batch) {
            pending.put(planting.index(), planting);
            String encoded = URLEncoder.encode(planting.text(), StandardCharsets.UTF_8);
            String path = "/app/orders";
            Map<String, String> headers = new java.util.HashMap<>(Map.of(CASE_HEADER, String.valueOf(planting.index())));
            Field field = planting.field();
            if (field == PATH) {
                path = "/app/orders/" + encoded.replace("+", "%20");
            } else if (field == QUERY) {
                path = "/app/orders?note=" + encoded;
            } else if (field == REQUEST_ID) {
                headers.put("X-Request-ID", planting.text().replace('\n', ' '));
            } else if (field == USER) {
                headers.put(USER_HEADER, encoded);
            }
            answers.add(loopback.getAsync(path, headers));
        }
        for (int i = 0; i < batch.size(); i++) {
            drive.output("the answer to case " + batch.get(i).index(), answers.get(i).join());
        }
        pending.clear();
        return drive;
    }

    /** Throws what the case's field asks for. */
    private final class FailingServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException {
            Planting planting = pending.get(Integer.parseInt(request.getHeader(CASE_HEADER)));
            String text = planting.text();
            Field field = planting.field();
            if (field == MESSAGE) {
                throw new IllegalStateException(text);
            } else if (field == WRAPPED) {
                throw new CompletionException(new IllegalStateException(text));
            } else if (field == ROOT_CAUSE) {
                throw new ServletException("request failed", new IllegalStateException(text));
            } else if (field == PLAIN_CAUSE) {
                throw new RuntimeException("request failed", new IllegalStateException(text));
            }
            throw new IllegalStateException("request failed");
        }
    }

    /** Sets the request's principal from a header, as a login filter would. */
    private static Filter principalFromHeader() {
        return (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader(USER_HEADER);
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            String name = java.net.URLDecoder.decode(user, StandardCharsets.UTF_8);
            chain.doFilter(new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> name;
                }
            }, response);
        };
    }
}
