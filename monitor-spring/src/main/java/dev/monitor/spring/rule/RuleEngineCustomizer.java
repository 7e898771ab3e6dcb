package dev.monitor.spring.rule;

import dev.monitor.rule.RuleEngine;

/**
 * Adjusts the {@link RuleEngine} built by the starter, after the {@code monitor.rules.*} properties were applied (e.g. a
 * scheduler and clock). Every bean of this type is applied, in {@link org.springframework.core.annotation.Order @Order}.
 * Rules and listeners need no customizer: beans of type {@link dev.monitor.rule.AlertRule},
 * {@link dev.monitor.rule.HealthAlertRule} and {@link dev.monitor.rule.RuleTransitionListener} are added
 * automatically.
 *
 * <pre>{@code
 * @Bean
 * AlertRule ordersQueueBacklog(OrdersQueue queue) {
 *     return AlertRule.builder("OrdersQueueBacklog")
 *             .signal(RuleSignal.supplier("orders queue depth", queue::size))
 *             .above(1_000).clearBelow(800).pendingFor(Duration.ofMinutes(5)).build();
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RuleEngineCustomizer {

    /** Adjusts the builder; called once, when the engine bean is created. */
    void customize(RuleEngine.Builder builder);
}
