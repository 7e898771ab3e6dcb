package dev.monitor.servlet;

import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusPageResponse;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link StatusPage}: the HTML page for browsers, the same data as JSON for
 * {@code ?format=json} or {@code Accept: application/json}. {@code GET} and {@code HEAD}.
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder("Orders").health(health).uptime(uptime).incidents(alerts).build();
 * ServletHolder status = new ServletHolder(new StatusPageServlet(page));
 * status.setAsyncSupported(true);
 * context.addServlet(status, "/status");
 * }</pre>
 *
 * <p>When the container supports it (register with async support), the request thread is released while
 * the health checks run; otherwise it waits at most the registry's report deadline. The page is served with
 * {@code Cache-Control: no-store} and a Content-Security-Policy that allows nothing but its own inline
 * style sheet.
 */
public final class StatusPageServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(StatusPageServlet.class);

    private final transient StatusPage page;

    /** A servlet serving {@code page}. */
    public StatusPageServlet(StatusPage page) {
        this.page = Objects.requireNonNull(page, "page");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CompletableFuture<StatusPageResponse> answer;
        try {
            answer = page.handle(request.getMethod(), request.getHeader("Accept"), request.getParameter("format"));
        } catch (RuntimeException e) {
            log.warn("Status page failed: {}", e.getClass().getName());
            response.sendError(500);
            return;
        }
        if (answer.isDone() || !request.isAsyncSupported()) {
            write(answer.join(), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the registry's report deadline bounds the wait
        answer.whenComplete((status, error) -> {
            try {
                if (error != null) {
                    ((HttpServletResponse) async.getResponse()).sendError(500);
                } else {
                    write(status, (HttpServletResponse) async.getResponse());
                }
            } catch (IOException | RuntimeException e) {
                log.debug("Could not write the status page: {}", e.getClass().getName()); // not the message: it may name the client
            } finally {
                async.complete();
            }
        });
    }

    private static void write(StatusPageResponse status, HttpServletResponse response) throws IOException {
        response.setStatus(status.status());
        response.setContentType(status.contentType());
        response.setCharacterEncoding("UTF-8");
        for (Map.Entry<String, String> header : status.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(status.body().length);
        if (status.body().length > 0) {
            response.getOutputStream().write(status.body());
        }
    }
}
