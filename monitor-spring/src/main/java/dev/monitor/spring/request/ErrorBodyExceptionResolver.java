package dev.monitor.spring.request;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import dev.monitor.servlet.RequestMonitoringFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers an exception that no other Spring MVC resolver handled ({@code @ExceptionHandler},
 * {@code @ResponseStatus}, Spring MVC's own exceptions) with the standard error body of {@link RequestMonitor},
 * {@code {"error":{"code":"INTERNAL_ERROR","message":"…","request_id":"…","timestamp":"…"}}} and status 500: the same
 * body the request filter writes for exceptions outside Spring MVC. Spring MVC resolves controller exceptions before a
 * servlet filter could see them, so without this resolver they would get Spring Boot's {@code /error} page.
 *
 * <p>Ordered last. The exception is handed to the request's {@link TrackedRequest}, so it is logged once, with the
 * request ID, and tagged in the request metrics; it is also the error of Spring Boot's {@code http.server.requests}
 * observation, whose {@code exception} tag is then the exception's class. Requests the filter does not track, and
 * committed responses, are left to Spring MVC.
 */
public final class ErrorBodyExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final RequestMonitor monitor;

    /** A resolver writing the bodies of {@code monitor}. */
    public ErrorBodyExceptionResolver(RequestMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception exception) {
        if (!(request.getAttribute(RequestMonitoringFilter.TRACKED_REQUEST_ATTRIBUTE) instanceof TrackedRequest tracked)
                || response.isCommitted()) {
            return null;
        }
        tracked.failed(exception);
        // Spring Boot's http.server.requests observation tags the exception only if it is told (as Spring documents
        // for handled exceptions); without this, an unhandled 500 would be tagged exception=none
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> context.setError(exception));
        byte[] json = monitor.internalError(exception, tracked.requestId()).toJson();
        try {
            response.reset();
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setHeader(RequestContext.REQUEST_ID_HEADER, tracked.requestId());
            response.setHeader("Cache-Control", "no-store");
            response.setContentType(ErrorBody.CONTENT_TYPE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setContentLength(json.length);
            response.getOutputStream().write(json);
        } catch (IOException | RuntimeException clientGoneOrWriterInUse) {
            // the 500 and the exception are still recorded when the filter ends the request
        }
        return new ModelAndView();
    }

    /** Last: every other resolver gets the exception first. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
