package dev.monitor.spring.uptime;

import dev.monitor.uptime.UptimeMonitor;

/**
 * Adjusts the {@link UptimeMonitor} built by the starter, after the {@code monitor.uptime.*} properties were applied
 * (e.g. another {@link dev.monitor.uptime.UptimeStore}, a scheduler and clock). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}. Targets need no customizer: list them in
 * {@code monitor.uptime.targets}, or add them to the monitor bean.
 *
 * <pre>{@code
 * @Bean
 * UptimeMonitorCustomizer redisUptimeStore(RedisUptimeStore store) {
 *     return builder -> builder.store(store);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface UptimeMonitorCustomizer {

    /** Adjusts the builder; called once, when the monitor bean is created. */
    void customize(UptimeMonitor.Builder builder);
}
