/**
 * Spring Boot auto-configuration of the health registry: the {@link dev.monitor.health.HealthRegistry} bean, the
 * {@code /health} servlet on the main port, discovery of {@link dev.monitor.health.HealthCheckMethod} methods on
 * every bean, built-in checks for the beans present (DataSource, JavaMailSender, disk) and the mapping of Spring's
 * availability states. Extension points: {@link HealthRegistryCustomizer} and {@link HealthCheckRegistrar} beans.
 */
@NullMarked
package dev.monitor.spring.health;

import org.jspecify.annotations.NullMarked;
