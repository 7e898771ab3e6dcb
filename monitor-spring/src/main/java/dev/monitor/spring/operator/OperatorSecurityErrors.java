package dev.monitor.spring.operator;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The operator chain's 401 and 403: the standard error body with the request filter's request ID, and for 401 the
 * {@code WWW-Authenticate: Basic} challenge. The exception's text is not shown: it may say which part of the
 * credentials was wrong.
 */
final class OperatorSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

    static final String CHALLENGE = "Basic realm=\"monitor-operator\"";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        send(response, 401, "UNAUTHORIZED", "sign in as an operator (HTTP Basic) to use the operator endpoints");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        send(response, 403, "FORBIDDEN", "this operator may not do that: acting needs the operator role, reading the"
                + " operator or read-only role");
    }

    private static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        String requestId = RequestContext.currentRequestId();
        if (requestId == null || !RequestId.isValid(requestId)) {
            requestId = RequestId.generate();
            response.setHeader("X-Request-ID", requestId);
        }
        byte[] body = new ErrorBody(code, message, requestId, Instant.now()).toJson();
        response.setStatus(status);
        response.setContentType(ErrorBody.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
