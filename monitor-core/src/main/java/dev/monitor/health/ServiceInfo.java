package dev.monitor.health;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the service in health reports.
 *
 * @param service the service name, e.g. {@code "orders"}
 * @param version the running version, or {@code null}
 * @param environment the deployment environment, e.g. {@code "production"}, or {@code null}
 */
public record ServiceInfo(String service, @Nullable String version, @Nullable String environment) {

    /** Validates the arguments. */
    public ServiceInfo {
        Objects.requireNonNull(service, "service");
        if (service.isBlank()) {
            throw new IllegalArgumentException("service must not be blank");
        }
    }

    /**
     * Reads the service from the environment: {@code SERVICE_NAME} (default {@code "application"}),
     * {@code RELEASE_VERSION}/{@code VERSION}, {@code ENVIRONMENT}/{@code ENV}.
     */
    public static ServiceInfo fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static ServiceInfo fromEnvironment(java.util.Map<String, String> env) {
        return new ServiceInfo(
                firstNonBlank(env, "SERVICE_NAME", "application"),
                firstNonBlank(env, "RELEASE_VERSION", firstNonBlank(env, "VERSION", null)),
                firstNonBlank(env, "ENVIRONMENT", firstNonBlank(env, "ENV", null)));
    }

    private static @Nullable String firstNonBlank(java.util.Map<String, String> env, String key, @Nullable String fallback) {
        String value = env.get(key);
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
