package dev.monitor.health;

/**
 * A health check: a function that probes one dependency and says how it is.
 *
 * <p>Implementations may block (the registry runs them on its own bounded executor with a
 * deadline) and may throw: an exception is reported as {@link CheckStatus#FAIL} with the
 * exception's type and first message line, never its stack trace.
 */
@FunctionalInterface
public interface HealthCheck {

    /**
     * Probes the dependency.
     *
     * @return the result; {@code null} is treated as a failure
     * @throws Exception when the dependency cannot be reached; reported as a failure
     */
    HealthResult check() throws Exception;
}
