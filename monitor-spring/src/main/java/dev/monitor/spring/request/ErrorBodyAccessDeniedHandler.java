package dev.monitor.spring.request;

import dev.monitor.servlet.ErrorBodyResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a request Spring Security denies with 403 and the standard error body
 * {@code {"error":{"code":"FORBIDDEN","message":"Access denied","request_id":"…","timestamp":"…"}}}, with the request
 * ID of the request filter. The starter defines one as a bean; plug it into a filter chain next to
 * {@link ErrorBodyAuthenticationEntryPoint}. The exception's text is not shown.
 */
public final class ErrorBodyAccessDeniedHandler implements AccessDeniedHandler {

    /** A handler. */
    public ErrorBodyAccessDeniedHandler() {
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
            throws IOException {
        ErrorBodyResponses.send(request, response, HttpServletResponse.SC_FORBIDDEN);
    }
}
