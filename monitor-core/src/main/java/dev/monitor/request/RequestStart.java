package dev.monitor.request;

import java.util.Objects;

/**
 * What a {@link RequestObserver} learns when a request starts. No path or query: they may carry
 * personal data.
 *
 * @param requestId the request ID, also in the MDC
 * @param method the HTTP method
 */
public record RequestStart(String requestId, String method) {

    /** Validates the arguments. */
    public RequestStart {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(method, "method");
    }
}
