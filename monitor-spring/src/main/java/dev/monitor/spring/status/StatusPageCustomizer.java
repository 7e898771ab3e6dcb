package dev.monitor.spring.status;

import dev.monitor.status.StatusPage;

/**
 * Adjusts the {@link StatusPage} built by the starter, after the {@code monitor.status.*} properties were applied (e.g.
 * a clock, another JSON link). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * StatusPageCustomizer onlyCriticalIncidents() {
 *     return builder -> builder.minIncidentSeverity(AlertSeverity.CRITICAL);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface StatusPageCustomizer {

    /** Adjusts the builder; called once, when the page bean is created. */
    void customize(StatusPage.Builder builder);
}
