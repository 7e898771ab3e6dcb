package dev.monitor.spring.request;

import dev.monitor.servlet.ErrorBodyResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated request (Spring Security) with 401 and the standard error body
 * {@code {"error":{"code":"UNAUTHORIZED","message":"Authentication required","request_id":"…","timestamp":"…"}}}, with
 * the request ID of the request filter. The starter defines one as a bean; plug it into a filter chain:
 *
 * <pre>{@code
 * http.exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
 * }</pre>
 *
 * <p>The exception's text is not shown: it may say which part of the credentials was wrong.
 */
public final class ErrorBodyAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final @Nullable String challenge;

    /** An entry point without a {@code WWW-Authenticate} challenge. */
    public ErrorBodyAuthenticationEntryPoint() {
        this(null);
    }

    private ErrorBodyAuthenticationEntryPoint(@Nullable String challenge) {
        this.challenge = challenge;
    }

    /**
     * The same entry point that also sends {@code WWW-Authenticate: challenge}, e.g. {@code Bearer} or
     * {@code Basic realm="orders"}.
     */
    public ErrorBodyAuthenticationEntryPoint withChallenge(String challenge) {
        if (challenge == null || challenge.isBlank()) {
            throw new IllegalArgumentException("challenge must not be blank, e.g. Bearer or Basic realm=\"app\"");
        }
        return new ErrorBodyAuthenticationEntryPoint(challenge);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException {
        if (challenge != null && !response.isCommitted()) {
            response.setHeader("WWW-Authenticate", challenge);
        }
        ErrorBodyResponses.send(request, response, HttpServletResponse.SC_UNAUTHORIZED);
    }
}
