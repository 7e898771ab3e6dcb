package dev.monitor.servlet;

import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusPageResponse;
import dev.monitor.status.StatusRequest;
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
 * Serves a {@link StatusPage}: the public page for browsers, the Statuspage-compatible summary for
 * {@code ?format=json}, {@code Accept: application/json} and {@code /api/v2/summary.json}, the Atom feed at
 * {@code /feed.atom}. Callers the authorizer accepts (default: a request with a user principal, as
 * {@link HealthServlet}) get the internal view instead: every check, target, error text and alert, and the internal
 * JSON. Map it to {@code /status/*} so the feed and the summary are reached too. {@code GET} and {@code HEAD}.
 *
 * <pre>{@code
 * StatusPage page = StatusPage.builder("Orders status").health(health).uptime(uptime).incidents(alerts)
 *         .component(PublicComponent.builder("checkout").displayName("Checkout").targets("shop").build()).build();
 * ServletHolder status = new ServletHolder(StatusPageServlet.builder(page)
 *         .authorizer(request -> request.isUserInRole("ops")).build());
 * status.setAsyncSupported(true);
 * context.addServlet(status, "/status/*");   // /status, /status/feed.atom, /status/api/v2/summary.json
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
    private final transient Predicate<HttpServletRequest> authorizer;

    /** A servlet serving {@code page}, with the internal view for callers with a user principal. */
    public StatusPageServlet(StatusPage page) {
        this(builder(page));
    }

    private StatusPageServlet(Builder builder) {
        this.page = builder.page;
        this.authorizer = builder.authorizer;
    }

    /** A builder for a servlet serving {@code page}. */
    public static Builder builder(StatusPage page) {
        return new Builder(page);
    }

    private boolean authorized(HttpServletRequest request) {
        try {
            return authorizer.test(request);
        } catch (RuntimeException e) {
            log.warn("Status page authorizer failed; treating the caller as anonymous: {}", e.getClass().getName());
            return false;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        CompletableFuture<StatusPageResponse> answer;
        try {
            String path = request.getPathInfo() == null ? "" : request.getPathInfo();
            nameRoute(request, path);
            String pageUrl = request.getContextPath() + request.getServletPath();
            // the filter's ID; without the filter a new one, also set as the X-Request-ID header
            String requestId = ErrorBodyResponses.requestId(request, response);
            answer = page.handle(new StatusRequest(request.getMethod(), path, request.getHeader("Accept"),
                    request.getParameter("format"), pageUrl, authorized(request), requestId));
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

    /** The {@code uri} tag: the page, its feed or its summary below the servlet path; other paths are not found. */
    private static void nameRoute(HttpServletRequest request, String path) {
        switch (path) {
            case "", "/" -> RequestMonitoringFilter.setRouteBelowServletPath(request, "");
            case StatusPage.FEED_PATH, StatusPage.SUMMARY_PATH -> RequestMonitoringFilter.setRouteBelowServletPath(request, path);
            default -> {
                // an unknown path answers 404: tagged NOT_FOUND
            }
        }
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

    /** Builds a {@link StatusPageServlet}. */
    public static final class Builder {
        private final StatusPage page;
        private Predicate<HttpServletRequest> authorizer = request -> request.getUserPrincipal() != null;

        private Builder(StatusPage page) {
            this.page = Objects.requireNonNull(page, "page");
        }

        /**
         * Decides whether a caller sees the internal view (default: the request has a user principal). An exception
         * thrown here counts as not authorized. Use {@code request -> false} for a page that is only ever public.
         */
        public Builder authorizer(Predicate<HttpServletRequest> authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** Builds the servlet. */
        public StatusPageServlet build() {
            return new StatusPageServlet(this);
        }
    }
}
