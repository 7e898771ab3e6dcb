package dev.monitor.spring.sentry;

import dev.monitor.sentry.SentryMonitoring;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Reports the exceptions Spring MVC controllers leave unhandled to Sentry, and lets the next resolver answer (the
 * standard error body, or Spring Boot's error page). Ordered right after Spring MVC's own resolvers
 * ({@code @ExceptionHandler}, {@code @ResponseStatus}, the standard Spring exceptions), so handled exceptions are not
 * reported; the noise filter drops 404s, client aborts and timeouts. Runs on the request thread, inside the request
 * filter, so the event carries the request ID.
 */
final class SentryExceptionReporter implements HandlerExceptionResolver, Ordered {

    /** Right after Spring MVC's composite resolver (order 0). */
    static final int ORDER = 1;

    private final SentryMonitoring sentry;

    SentryExceptionReporter(SentryMonitoring sentry) {
        this.sentry = sentry;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            @Nullable Object handler, Exception exception) {
        sentry.captureException(exception);
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
