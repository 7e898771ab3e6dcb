package dev.monitor.servlet;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import dev.monitor.request.TrackedRequest;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes the standard {@link ErrorBody} onto a servlet response, with the request ID the
 * {@link RequestMonitoringFilter} assigned (and returned in {@code X-Request-ID}). Used by the library's servlets, its
 * error page ({@link ErrorBodyServlet}) and the Spring adapters; applications and other endpoints may use it too:
 *
 * <pre>{@code
 * ErrorBodyResponses.send(request, response, 403);   // {"error":{"code":"FORBIDDEN",…,"request_id":…}}
 * }</pre>
 */
public final class ErrorBodyResponses {

    private ErrorBodyResponses() {
    }

    /**
     * The request's ID: the one the request filter assigned, else the current thread's ({@link RequestContext}), else
     * the response's {@code X-Request-ID} header, else a new one, which is then set as that header.
     */
    public static String requestId(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(RequestMonitoringFilter.TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked) {
            return tracked.requestId();
        }
        String current = RequestContext.currentRequestId();
        if (current != null) {
            return current;
        }
        String header = response.getHeader(RequestContext.REQUEST_ID_HEADER);
        if (RequestId.isValid(header)) {
            return header;
        }
        String generated = RequestId.generate();
        response.setHeader(RequestContext.REQUEST_ID_HEADER, generated);
        return generated;
    }

    /**
     * The standard body of {@code status} for this request ({@link TrackedRequest#errorBody}, else
     * {@link ErrorBody#forStatus} with the system clock).
     */
    public static ErrorBody errorBody(HttpServletRequest request, HttpServletResponse response, int status) {
        if (request.getAttribute(RequestMonitoringFilter.TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked) {
            return tracked.errorBody(status);
        }
        return ErrorBody.forStatus(status, requestId(request, response), Instant.now());
    }

    /**
     * Answers {@code status} with its standard body. Does nothing on a committed response.
     *
     * @throws IOException if the client is gone
     */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        write(request, response, status, errorBody(request, response, status));
    }

    /**
     * Answers {@code status} with {@code body}: {@code application/json}, {@code Cache-Control: no-store} and the
     * body's request ID in {@code X-Request-ID}; no body for {@code HEAD}. Discards what was buffered before. Does
     * nothing on a committed response.
     *
     * @throws IOException if the client is gone
     */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, ErrorBody body)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        byte[] json = body.toJson();
        response.resetBuffer();
        response.setStatus(status);
        response.setHeader(RequestContext.REQUEST_ID_HEADER, body.requestId());
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if ("HEAD".equalsIgnoreCase(request.getMethod())) {
            response.setContentLength(0);
            return;
        }
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
}
