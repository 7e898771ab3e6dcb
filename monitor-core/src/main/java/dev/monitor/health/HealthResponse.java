package dev.monitor.health;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer produced by {@link HealthEndpoint}, for an adapter to copy onto its response.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header value
 * @param headers further headers, e.g. {@code Cache-Control} and {@code Allow}
 * @param body the body; empty for {@code HEAD}
 */
public record HealthResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Validates and copies the arguments. */
    public HealthResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }
}
