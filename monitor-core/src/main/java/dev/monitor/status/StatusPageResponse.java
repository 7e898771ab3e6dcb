package dev.monitor.status;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer produced by {@link StatusPage#handle}, for an adapter to copy onto its response.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header value
 * @param headers further headers: {@code Cache-Control}, {@code Content-Security-Policy} and the like
 * @param body the body; empty for {@code HEAD}
 */
public record StatusPageResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Validates and copies the arguments. */
    public StatusPageResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }
}
