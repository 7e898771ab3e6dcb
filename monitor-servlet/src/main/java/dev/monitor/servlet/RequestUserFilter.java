package dev.monitor.servlet;

import dev.monitor.request.RequestContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Identifies the user of the monitored request from the request's principal, for applications whose
 * authentication runs in a filter <em>after</em> the {@link RequestMonitoringFilter} (Spring Security's filter
 * chain, a servlet-container login): register it right after that filter, so that the {@code user_id} of the MDC,
 * error logs and Sentry events is set for the rest of the request. {@link RequestMonitoringFilter} identifies a
 * user the container authenticated before it runs on its own; this filter adds what a later filter authenticated
 * (Spring Security passes down a request whose {@code getUserPrincipal()} is the authentication, anonymous users
 * excluded).
 *
 * <p>Does nothing outside a monitored request, when the request already has a user, or without a principal; a
 * principal that fails is logged at DEBUG and never reaches the request.
 */
public final class RequestUserFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(RequestUserFilter.class);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http) {
            identify(http);
        }
        chain.doFilter(request, response);
    }

    private static void identify(HttpServletRequest request) {
        try {
            if (RequestContext.currentRequestId() == null || RequestContext.currentUserId() != null) {
                return;
            }
            Principal user = request.getUserPrincipal();
            if (user != null) {
                String name = user.getName();
                if (name != null && !name.isBlank()) {
                    RequestContext.identifyUser(name);
                }
            }
        } catch (RuntimeException e) {
            log.debug("Could not identify the request's user ({})", e.getClass().getName());
        }
    }
}
