package dev.monitor.health;

import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
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
 * carries {@code Cache-Control: no-store}. Errors (404 for an unknown check or group, 405 for other methods)
 * have the standard {@link ErrorBody}, with the request ID of the current thread (set by the request filter) and
 * the registry's clock as timestamp.
 *
 * <p>{@code /checks/{name}} reports the check the way {@code /health} counts it: a failing critical check is
 * {@code unhealthy} (503), a failing non-critical one or a warning {@code degraded} (200).
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
        return handle(method, path, accept, authorized, null);
    }

    /**
     * Answers one request, as {@link #handle(String, String, String, boolean)}, with {@code requestId} in error bodies.
     *
     * @param requestId the request's ID, or null for the current thread's (else a new one)
     */
    public CompletableFuture<HealthResponse> handle(String method, @Nullable String path, @Nullable String accept,
            boolean authorized, @Nullable String requestId) {
        Objects.requireNonNull(method, "method");
        boolean head = method.equalsIgnoreCase("HEAD");
        String relative = trim(path == null ? "" : path);
        String template = template(relative);
        if (!head && !method.equalsIgnoreCase("GET")) {
            return CompletableFuture.completedFuture(new HealthResponse(405, ErrorBody.CONTENT_TYPE,
                    Map.of("Cache-Control", "no-store", "Allow", "GET, HEAD"), error(head, ErrorBody.METHOD_NOT_ALLOWED,
                            "only GET and HEAD are supported", requestId), template));
        }
        CompletableFuture<HealthReport> report = route(relative);
        if (report == null) {
            return CompletableFuture.completedFuture(new HealthResponse(404, ErrorBody.CONTENT_TYPE, NO_STORE,
                    error(head, ErrorBody.NOT_FOUND, "no such health check or group", requestId), template));
        }
        HealthFormat format = HealthFormat.negotiate(accept);
        boolean details = visibility.showsDetails(authorized);
        return report.thenApply(done -> new HealthResponse(done.status().httpStatus(), format.mediaType(), NO_STORE,
                head ? new byte[0] : HealthJsonWriter.write(done, format, details), template));
    }

    /**
     * The route template of a path below the mount point, for the {@code uri} tag of the request metrics: {@code ""}
     * (the root), {@code /live}, {@code /ready}, {@code /started}, {@code /{group}} or {@code /checks/{name}}; null for
     * a path no route could match (the request metrics then tag it as not found).
     *
     * @param path the path below the mount point; null means the root
     */
    public static @Nullable String routeOf(@Nullable String path) {
        return template(trim(path == null ? "" : path));
    }

    private static @Nullable String template(String trimmed) {
        if (trimmed.isEmpty()) {
            return "";
        }
        if (trimmed.startsWith("/checks/")) {
            return "/checks/{name}";
        }
        String segment = trimmed.substring(1);
        if (segment.isEmpty() || segment.indexOf('/') >= 0) {
            return null;
        }
        return switch (segment) {
            case "live", "ready", "started" -> trimmed;
            default -> "/{group}";
        };
    }

    private static String trim(String path) {
        String trimmed = path;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    private @Nullable CompletableFuture<HealthReport> route(String trimmed) {
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

    private byte[] error(boolean head, String code, String message, @Nullable String requestId) {
        if (head) {
            return new byte[0];
        }
        String id = requestId != null ? requestId : RequestContext.currentRequestId();
        return new ErrorBody(code, message, id == null ? RequestId.generate() : id, registry.now()).toJson();
    }
}
