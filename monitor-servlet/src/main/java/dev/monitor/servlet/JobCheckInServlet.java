package dev.monitor.servlet;

import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.job.http.JobCheckInResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * Serves the HTTP check-ins of jobs that run outside the application (a {@code curl} in crontab): map it to
 * {@code /monitor/jobs/*} and it answers {@code /monitor/jobs/{name}/start|success|fail|ping} and
 * {@code /monitor/jobs/{name}} (a success) for {@code GET} and {@code POST}. The protocol (tokens, rate limit, the
 * {@code /fail} body, status codes) is {@link JobCheckInEndpoint}'s; this servlet only copies its answer.
 *
 * <pre>{@code
 * JobCheckInEndpoint endpoint = JobCheckInEndpoint.builder(jobs).token(System.getenv("JOB_CHECKIN_TOKEN")).build();
 * context.addServlet(new ServletHolder(new JobCheckInServlet(endpoint)), "/monitor/jobs/*");
 * }</pre>
 */
public final class JobCheckInServlet extends HttpServlet {

    private final transient JobCheckInEndpoint endpoint;

    /** A servlet answering with {@code endpoint}. */
    public JobCheckInServlet(JobCheckInEndpoint endpoint) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        nameRoute(request);
        // the filter's ID; without the filter a new one, also set as the X-Request-ID header
        String requestId = ErrorBodyResponses.requestId(request, response);
        InputStream body = "POST".equalsIgnoreCase(request.getMethod()) ? request.getInputStream() : null;
        JobCheckInResponse answer = endpoint.handle(request.getMethod(), request.getPathInfo(),
                request.getHeader("Authorization"), request.getQueryString(), body, requestId);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setCharacterEncoding("UTF-8");
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            response.setHeader(header.getKey(), header.getValue());
        }
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** The {@code uri} tag: {@code {servlet path}/{name}} or {@code …/{name}/start} (success, fail, ping). */
    private static void nameRoute(HttpServletRequest request) {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2) {
            return;
        }
        int slash = path.indexOf('/', 1);
        if (slash < 0) {
            RequestMonitoringFilter.setRouteBelowServletPath(request, "/{name}");
            return;
        }
        String action = path.substring(slash + 1);
        switch (action) {
            case "start", "success", "fail", "ping" -> RequestMonitoringFilter.setRouteBelowServletPath(request,
                    "/{name}/" + action);
            default -> {
                // answers 404: tagged NOT_FOUND
            }
        }
    }
}
