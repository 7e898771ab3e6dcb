package dev.monitor.operator;

import java.util.Map;
import java.util.Objects;

/**
 * An HTTP answer produced by {@link OperatorEndpoint}, for an adapter to copy onto its response.
 *
 * @param status the HTTP status code
 * @param contentType the {@code Content-Type} header value
 * @param headers further headers, e.g. {@code Cache-Control}, {@code Allow} and {@code WWW-Authenticate}
 * @param body the UTF-8 JSON body (empty for {@code 204})
 */
public record OperatorResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    /** Validates and copies the arguments. */
    public OperatorResponse {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }
}
