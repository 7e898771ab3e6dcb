package dev.monitor.health;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP behaviour of the health endpoints, independent of any web framework; the servlet and
 * Spring adapters only copy its {@link HealthResponse} onto their responses.
 *
 * <p>Paths, relative to the mount point: {@code ""} or {@code "/"} (all checks), {@code /live},
 * {@code /ready}, {@code /started}, {@code /checks/{name}}, and {@code /{group}} for custom groups.
 * {@code GET} and {@code HEAD} only; {@code HEAD} answers the status without a body. Every answer
 * carries {@code Cache-Control: no-store}.
 */
public final class HealthEndpoint {

    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");
    private static final String JSON = "application/json";

    private final HealthRegistry registry;
    private final DetailVisibility visibility;

    /**
     * Creates the endpoint.
     *
     * @param visibility who sees error text and details
     */
    public HealthEndpoint(HealthRegistry registry, DetailVisibility visibility) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.visibility = Objects.requireNonNull(visibility, "visibility");
    }

    /** Who sees error text and details. */
    public DetailVisibility visibility() {
        return visibility;
    }

    /**
     * Answers one request. Never throws for bad input; the future always completes within the
     * registry's report deadline.
     *
     * @param method the HTTP method
     * @param path the path below the mount point, e.g. {@code "/ready"}; null means the root
     * @param accept the {@code Accept} header, or null
     * @param authorized whether the caller is authorized to see details
     */
    public CompletableFuture<HealthResponse> handle(String method, @Nullable String path, @Nullable String accept,
            boolean authorized) {
        Objects.requireNonNull(method, "method");
        boolean head = method.equalsIgnoreCase("HEAD");
        if (!head && !method.equalsIgnoreCase("GET")) {
            return CompletableFuture.completedFuture(new HealthResponse(405, JSON,
                    Map.of("Cache-Control", "no-store", "Allow", "GET, HEAD"), error(head, "METHOD_NOT_ALLOWED",
                            "only GET and HEAD are supported")));
        }
        CompletableFuture<HealthReport> report = route(path == null ? "" : path);
        if (report == null) {
            return CompletableFuture.completedFuture(new HealthResponse(404, JSON, NO_STORE,
                    error(head, "NOT_FOUND", "no such health check or group")));
        }
        HealthFormat format = HealthFormat.negotiate(accept);
        boolean details = visibility.showsDetails(authorized);
        return report.thenApply(done -> new HealthResponse(done.status().httpStatus(), format.mediaType(), NO_STORE,
                head ? new byte[0] : HealthJsonWriter.write(done, format, details)));
    }

    private @Nullable CompletableFuture<HealthReport> route(String path) {
        String trimmed = path;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return registry.reportAsync(null);
        }
        if (trimmed.startsWith("/checks/")) {
            String name = trimmed.substring("/checks/".length());
            try {
                return registry.reportCheckAsync(name);
            } catch (IllegalArgumentException unknown) {
                return null;
            }
        }
        String segment = trimmed.substring(1);
        if (segment.indexOf('/') >= 0) {
            return null;
        }
        HealthGroup group;
        if (segment.equals("started")) {
            group = HealthGroup.STARTUP;
        } else {
            try {
                group = HealthGroup.of(segment);
            } catch (IllegalArgumentException invalid) {
                return null;
            }
        }
        return registry.groups().contains(group) ? registry.reportAsync(group) : null;
    }

    private static byte[] error(boolean head, String code, String message) {
        if (head) {
            return new byte[0];
        }
        return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}").getBytes(StandardCharsets.UTF_8);
    }
}
