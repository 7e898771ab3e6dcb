package dev.monitor.spring.health;

import dev.monitor.health.HealthRegistry;

/**
 * Registers checks in the starter's {@link HealthRegistry} when it is created. Every bean of this type is applied,
 * in {@link org.springframework.core.annotation.Order @Order}; the built-in checks are registrars too (bean names
 * {@code monitorDatabaseHealthChecks}, {@code monitorMailHealthChecks}, {@code monitorDiskSpaceHealthCheck},
 * {@code monitorAvailabilityHealthChecks}), so a bean of the same name replaces one. A registrar that throws fails
 * startup: a check name that is invalid or taken is a configuration error.
 *
 * <pre>{@code
 * @Bean
 * HealthCheckRegistrar paymentsCheck(PaymentsClient payments) {
 *     return registry -> registry.register("payments", payments::ping, CheckOptions.builder().critical(false).build());
 * }
 * }</pre>
 *
 * <p>For checks written as methods, {@link dev.monitor.health.HealthCheckMethod} on any bean is simpler.
 */
@FunctionalInterface
public interface HealthCheckRegistrar {

    /** Registers checks; called once, when the registry bean is created. */
    void registerChecks(HealthRegistry registry);
}
