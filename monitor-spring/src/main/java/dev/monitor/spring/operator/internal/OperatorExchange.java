package dev.monitor.spring.operator.internal;

import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.operator.OperatorIdentity;
import dev.monitor.operator.OperatorRequest;
import dev.monitor.operator.OperatorResponse;
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.util.MimeType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * One call of an operator endpoint, passed to {@link OperatorEndpoint} with its core route: the same actions, checks,
 * JSON and error bodies as the servlet's. Who acts:
 * <ul>
 *   <li>a request with a principal (Spring Security's, or the container's) acts as the principal's name, and may act
 *       with {@code role}, only read with {@code readRole}; with neither it is refused ({@code 403});
 *   <li>without a principal, the core endpoint's bearer tokens decide ({@code 401} without a valid one); without
 *       tokens every such request is {@code 401}.
 * </ul>
 * The answer's headers ({@code Cache-Control}, {@code WWW-Authenticate}, {@code Allow}, {@code X-Total-Count}) go on
 * the servlet response directly: Actuator's response type has no headers.
 */
public final class OperatorExchange {

    private static final Logger log = LoggerFactory.getLogger(OperatorExchange.class);
    private static final MimeType JSON = MimeType.valueOf(ErrorBody.CONTENT_TYPE);

    private final OperatorEndpoint endpoint;
    private final boolean tokens;
    private final String role;
    private final String readRole;

    /**
     * Calls {@code endpoint}.
     *
     * @param tokens whether {@code endpoint} checks bearer tokens for callers without a principal
     * @param role who may read and act
     * @param readRole who may only read
     */
    public OperatorExchange(OperatorEndpoint endpoint, boolean tokens, String role, String readRole) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.tokens = tokens;
        this.role = Objects.requireNonNull(role, "role");
        this.readRole = Objects.requireNonNull(readRole, "readRole");
    }

    /**
     * Answers {@code method path} (a route of {@link OperatorEndpoint}, e.g. {@code POST /alerts/ab12/ack}) for the
     * current servlet request. Never throws.
     */
    public WebEndpointResponse<byte[]> call(String method, String path, SecurityContext security) {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        HttpServletRequest servletRequest = attributes instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
        HttpServletResponse servletResponse = attributes instanceof ServletRequestAttributes servlet ? servlet.getResponse() : null;
        String requestId = RequestContext.currentRequestId();
        OperatorResponse answer;
        try {
            answer = answer(method, path, security, servletRequest, requestId);
        } catch (IOException | RuntimeException e) {
            log.warn("Operator request failed: {}", e.getClass().getName());
            answer = error(500, ErrorBody.INTERNAL_ERROR, "the operator request could not be carried out", requestId);
        }
        if (servletResponse != null && !servletResponse.isCommitted()) {
            answer.headers().forEach(servletResponse::setHeader);
        }
        return new WebEndpointResponse<>(answer.body(), answer.status(), JSON);
    }

    private OperatorResponse answer(String method, String path, SecurityContext security,
            @Nullable HttpServletRequest servletRequest, @Nullable String requestId) throws IOException {
        Principal principal = security.getPrincipal();
        String authorization = servletRequest == null ? null : servletRequest.getHeader("Authorization");
        InputStream body = servletRequest != null && method.equals("POST") ? DeferredBodyRequest.bodyOf(servletRequest) : null;
        OperatorRequest request = new OperatorRequest(method, path,
                authorization == null ? Map.of() : Map.of("Authorization", authorization),
                principal == null ? null : principal.getName(), body, requestId);
        if (principal == null) {
            return tokens ? endpoint.handle(request) : endpoint.handle(request, null);
        }
        boolean mayWrite = security.isUserInRole(role);
        if (!mayWrite && !security.isUserInRole(readRole)) {
            return error(403, "FORBIDDEN", "the operator endpoints need role " + role + " (or " + readRole
                    + " to read)", requestId);
        }
        OperatorIdentity who;
        try {
            who = new OperatorIdentity(principal.getName(), mayWrite);
        } catch (IllegalArgumentException e) {
            return error(403, "FORBIDDEN", "the principal's name cannot be recorded as who acts: " + e.getMessage(),
                    requestId);
        }
        return endpoint.handle(request, who);
    }

    private static OperatorResponse error(int status, String code, String message, @Nullable String requestId) {
        String id = requestId != null && RequestId.isValid(requestId) ? requestId : RequestId.generate();
        Map<String, String> headers = requestId == null ? Map.of("Cache-Control", "no-store", "X-Request-ID", id)
                : Map.of("Cache-Control", "no-store");
        return new OperatorResponse(status, ErrorBody.CONTENT_TYPE, headers,
                new ErrorBody(code, message, id, Instant.now()).toJson());
    }
}
