package dev.monitor.spring.health;

import dev.monitor.health.HealthRegistry;

/**
 * Adjusts the {@link HealthRegistry} built by the starter, after the {@code monitor.health.*} properties were
 * applied (e.g. a clock, a thread bound). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * HealthRegistryCustomizer moreHealthThreads() {
 *     return builder -> builder.maxConcurrentChecks(32);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HealthRegistryCustomizer {

    /** Adjusts the builder; called once, when the registry bean is created. */
    void customize(HealthRegistry.Builder builder);
}
