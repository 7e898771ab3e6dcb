package dev.monitor.health;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer produced by {@link HealthEndpoint}, for an adapter to copy onto its response.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header value
 * @param headers further headers, e.g. {@code Cache-Control} and {@code Allow}
 * @param body the body; empty for {@code HEAD}
 * @param route the route template below the mount point, for the {@code uri} tag of the request metrics:
 *     {@code ""} (the root), {@code /live}, {@code /ready}, {@code /started}, {@code /{group}} or
 *     {@code /checks/{name}}; null for a path that is none of these
 */
public record HealthResponse(int status, String contentType, Map<String, String> headers, byte[] body,
        @Nullable String route) {

    /** Validates and copies the arguments. */
    public HealthResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /** An answer without a route template. */
    public HealthResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
        this(status, contentType, headers, body, null);
    }
}
