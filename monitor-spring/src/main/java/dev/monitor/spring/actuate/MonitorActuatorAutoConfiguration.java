package dev.monitor.spring.actuate;

import dev.monitor.health.HealthRegistry;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bridges monitor's health registry and Spring Boot's health support (module {@code spring-boot-health}, served by
 * Actuator). Defines:
 * <ul>
 *   <li>the contributor {@value #CONTRIBUTOR_NAME} (bean {@code monitorHealthContributor}): every monitor check is a
 *       component of {@code /actuator/health}, addressable as {@code monitor/NAME} in Actuator's groups; the
 *       {@code liveness-state} and {@code readiness-state} checks are left out (Actuator shows those states itself);
 *   <li>with Actuator's endpoint, the checks of monitor's {@code live} and {@code ready} groups become members of the
 *       {@code liveness} and {@code readiness} probe groups ({@code monitor.actuator.probes});
 *   <li>optionally, Actuator's indicators as checks of monitor's {@code /health}
 *       ({@code monitor.actuator.include-indicators}).
 * </ul>
 * Off with {@code monitor.actuator.enabled=false}.
 */
@AutoConfiguration(after = MonitorHealthAutoConfiguration.class, afterName = {
        "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
@ConditionalOnBean(HealthRegistry.class)
@ConditionalOnBooleanProperty(name = "monitor.actuator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorActuatorProperties.class)
public final class MonitorActuatorAutoConfiguration {

    /** The name of monitor's contributor in Actuator's health. */
    public static final String CONTRIBUTOR_NAME = "monitor";

    MonitorActuatorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorHealthContributor")
    CompositeHealthContributor monitorHealthContributor(HealthRegistry registry) {
        return new RegistryHealthContributor(registry, Set.of(MonitorHealthAutoConfiguration.LIVENESS_STATE_CHECK,
                MonitorHealthAutoConfiguration.READINESS_STATE_CHECK));
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorActuatorIndicators")
    @ConditionalOnBooleanProperty(name = "monitor.actuator.include-indicators")
    ActuatorIndicatorsRegistrar monitorActuatorIndicators(HealthRegistry registry,
            ObjectProvider<HealthContributorRegistry> contributors, CompositeHealthContributor monitorHealthContributor,
            MonitorActuatorProperties properties) {
        HealthContributorRegistry actuator = contributors.getIfUnique();
        if (actuator == null || !(monitorHealthContributor instanceof RegistryHealthContributor bridge)) {
            throw new IllegalStateException("monitor.actuator.include-indicators=true needs Spring Boot's "
                    + "HealthContributorRegistry and monitor's own monitorHealthContributor bean");
        }
        return new ActuatorIndicatorsRegistrar(registry, actuator, bridge, CONTRIBUTOR_NAME, properties);
    }

    /** Actuator's probe groups, when Actuator's health endpoint is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
            "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor"})
    @ConditionalOnBooleanProperty(name = "monitor.actuator.probes", matchIfMissing = true)
    static class ProbeGroupsConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorProbeGroupsPostProcessor")
        ProbeGroupsPostProcessor monitorProbeGroupsPostProcessor(HealthRegistry registry,
                CompositeHealthContributor monitorHealthContributor) {
            if (!(monitorHealthContributor instanceof RegistryHealthContributor bridge)) {
                throw new IllegalStateException("monitor.actuator.probes=true needs monitor's own "
                        + "monitorHealthContributor bean; set it to false when replacing that bean");
            }
            return new ProbeGroupsPostProcessor(registry, bridge, CONTRIBUTOR_NAME);
        }
    }
}
