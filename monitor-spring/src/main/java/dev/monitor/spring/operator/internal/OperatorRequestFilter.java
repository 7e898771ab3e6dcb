package dev.monitor.spring.operator.internal;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before Actuator for {@code POST}s to the operator endpoints: refuses a body that is not JSON ({@code 415},
 * the standard error body) and keeps the body for the core API ({@link DeferredBodyRequest}).
 *
 * <p>Requiring {@code Content-Type: application/json} on every {@code POST} (as Actuator's own write operations do)
 * is what keeps cross-site request forgery out even with HTTP Basic, whose credentials a browser would attach to a
 * cross-site request: a form or a no-CORS {@code fetch} cannot send that content type without a CORS preflight, which
 * these endpoints never grant.
 */
public final class OperatorRequestFilter extends OncePerRequestFilter {

    private final Supplier<List<String>> paths;

    /**
     * A filter for the endpoints at {@code paths} (e.g. {@code /actuator/alerts}; each with everything below it),
     * asked for on each request so that they may be known only once Actuator has mapped its endpoints.
     */
    public OperatorRequestFilter(Supplier<List<String>> paths) {
        this.paths = paths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"POST".equalsIgnoreCase(request.getMethod())) {
            return true;
        }
        String uri = request.getRequestURI();
        String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        for (String endpoint : paths.get()) {
            if (path.equals(endpoint) || path.startsWith(endpoint + "/")) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            String requestId = RequestContext.currentRequestId();
            if (requestId == null || !RequestId.isValid(requestId)) {
                requestId = RequestId.generate();
                response.setHeader("X-Request-ID", requestId);
            }
            byte[] body = new ErrorBody("UNSUPPORTED_MEDIA_TYPE", "send a JSON body with Content-Type: application/json"
                    + " (an empty body is {})", requestId, Instant.now()).toJson();
            response.setStatus(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            response.setContentType(ErrorBody.CONTENT_TYPE);
            response.setHeader("Cache-Control", "no-store");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            return;
        }
        chain.doFilter(new DeferredBodyRequest(request), response);
    }

    private static boolean isJson(@org.jspecify.annotations.Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int end = type.indexOf(';');
        type = (end < 0 ? type : type.substring(0, end)).strip();
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }
}
