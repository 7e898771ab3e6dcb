/**
 * Spring Boot 4 auto-configuration for monitor: add {@code dev.monitor:monitor-spring} and a Spring Boot
 * application gets {@code /health}, request IDs and metrics, slow-query and N+1 detection on every
 * {@code DataSource} and PII scrubbing, configured under {@code monitor.*}.
 *
 * <p>One auto-configuration per feature, each in its package ({@code health}, {@code request}, {@code jdbc},
 * {@code pii}, {@code actuate}), each switched off with {@code monitor.<feature>.enabled=false}. Every bean backs
 * off when the application defines its own. Each feature has a customizer interface ({@code XCustomizer} with one
 * method {@code customize(X.Builder)}), applied to the builder after the properties, in
 * {@link org.springframework.core.annotation.Order @Order}; listener beans of the core SPIs
 * ({@code HealthTransitionListener}, {@code RequestObserver}, {@code SecurityEventListener}, {@code QueryListener})
 * are attached automatically. This package holds what all features share: {@link MonitorProperties}
 * ({@code monitor.service.*}) and the {@link dev.monitor.health.ServiceInfo} bean.
 */
@NullMarked
package dev.monitor.spring;

import org.jspecify.annotations.NullMarked;
