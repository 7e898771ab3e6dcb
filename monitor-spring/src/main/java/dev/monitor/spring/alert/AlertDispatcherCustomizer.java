package dev.monitor.spring.alert;

import dev.monitor.alert.AlertDispatcher;

/**
 * Adjusts the {@link AlertDispatcher} built by the starter, after the {@code monitor.alerts.*} properties were applied:
 * inhibition rules, maintenance windows, a routing tree richer than the properties offer, delivery policies. Every bean
 * of this type is applied, in {@link org.springframework.core.annotation.Order @Order}. Channels and listeners need no
 * customizer: beans of type {@link dev.monitor.alert.channel.AlertChannel} and
 * {@link dev.monitor.alert.AlertEventListener} are added automatically.
 *
 * <pre>{@code
 * @Bean
 * AlertDispatcherCustomizer nightlyDatabaseMaintenance() {
 *     return builder -> builder.maintenanceWindow(MaintenanceWindow.builder("db-maintenance")
 *             .days(DayOfWeek.SUNDAY).between(LocalTime.of(2, 0), LocalTime.of(4, 0))
 *             .match(AlertMatcher.equal("check", "database")).build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface AlertDispatcherCustomizer {

    /** Adjusts the builder; called once, when the dispatcher bean is created. */
    void customize(AlertDispatcher.Builder builder);
}
