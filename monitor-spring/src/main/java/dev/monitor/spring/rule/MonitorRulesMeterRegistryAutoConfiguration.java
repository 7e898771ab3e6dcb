package dev.monitor.spring.rule;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The rule engine's own cumulative registry, for applications whose meter registry does not keep cumulative counts (a
 * step registry such as Datadog's, alone or beside others). The rule engine computes rates from differences between
 * evaluations, which a step registry's counts (restarting every step) cannot give. This configuration defines a
 * {@link SimpleMeterRegistry} bean ({@code monitorRulesMeterRegistry}) before Spring Boot assembles its composite
 * registry, so Spring Boot makes it a member: every meter recorded through the application's {@code MeterRegistry}
 * is also counted there, cumulatively, and the rule engine reads it. Applications whose registry is cumulative
 * (Spring Boot's default simple registry, Prometheus) do not get it: the engine reads their registry.
 *
 * <p>A separate auto-configuration from {@link MonitorRulesAutoConfiguration} because it must run between Spring
 * Boot's metrics export auto-configurations and its composite registry. Off with {@code monitor.rules.enabled=false}
 * or {@code monitor.alerts.enabled=false}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBean(Clock.class)
@ConditionalOnBooleanProperty(name = "monitor.alerts.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "monitor.rules.enabled", matchIfMissing = true)
@Conditional(NonCumulativeMeterRegistryCondition.class)
public final class MonitorRulesMeterRegistryAutoConfiguration {

    MonitorRulesMeterRegistryAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = RuleMeterRegistries.OWN_REGISTRY_BEAN)
    SimpleMeterRegistry monitorRulesMeterRegistry(Clock clock) {
        return new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    }
}
