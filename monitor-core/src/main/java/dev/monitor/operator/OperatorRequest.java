package dev.monitor.operator;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A request to the operator API as an adapter sees it, for {@link OperatorEndpoint#handle(OperatorRequest)}.
 *
 * @param method the HTTP method
 * @param path the path below the mount point, e.g. {@code "/alerts"}; null or {@code ""} means the root
 * @param headers the request's headers (the first value of each), looked up case-insensitively by {@link #header};
 *     adapters pass at least {@code Authorization}
 * @param principal the name the container authenticated ({@code request.getUserPrincipal()}), or null
 * @param body the request body, or null when there is none; read only after the caller is authorized, and only up
 *     to the endpoint's body limit
 * @param requestId the request's ID for the error body, or null to make one
 */
public record OperatorRequest(String method, @Nullable String path, Map<String, String> headers, @Nullable String principal,
        @Nullable InputStream body, @Nullable String requestId) {

    /** Checks the arguments and copies the headers into a case-insensitive map. */
    public OperatorRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(headers, "headers");
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> {
            if (name != null && value != null) {
                copy.putIfAbsent(name, value);
            }
        });
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** The value of header {@code name} (case-insensitive), or {@code ""} when it was not sent. */
    public String header(String name) {
        String value = headers.get(name);
        return value == null ? "" : value;
    }

    /** The method in upper case. */
    public String upperMethod() {
        return method.toUpperCase(Locale.ROOT);
    }
}
