package dev.monitor.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthResult;
import dev.monitor.health.HealthStatus;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.health.HealthCheckRegistrar;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MonitorActuatorAutoConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorActuatorAutoConfiguration.class,
                    ApplicationAvailabilityAutoConfiguration.class, EndpointAutoConfiguration.class,
                    WebEndpointAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
                    HealthContributorAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
                    AvailabilityProbesAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
            .withUserConfiguration(Checks.class)
            .withPropertyValues("management.endpoint.health.show-details=always", "monitor.health.disk.enabled=false");

    /** Monitor's auto-configurations only: Spring Boot's own fail to load when their classes are hidden. */
    private final WebApplicationContextRunner monitorOnly = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorActuatorAutoConfiguration.class));

    @Test
    void monitorsChecksAreComponentsOfActuatorsHealth() {
        runner.run(context -> {
            accept(context);
            HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
            CompositeHealthDescriptor root = (CompositeHealthDescriptor) endpoint.health();
            CompositeHealthDescriptor monitor = (CompositeHealthDescriptor) root.getComponents().get("monitor");
            assertThat(monitor.getComponents()).containsOnlyKeys("payments", "inventory", "search");
            IndicatedHealthDescriptor payments = (IndicatedHealthDescriptor) monitor.getComponents().get("payments");
            // a failing non-critical check is UP in Actuator (monitor's report is degraded, which still answers 200)
            assertThat(payments.getStatus()).isEqualTo(Status.UP);
            assertThat(payments.getDetails()).containsEntry("check_status", "fail").containsEntry("critical", false)
                    .containsEntry("error", "payment provider answered 503");
            assertThat(monitor.getComponents().get("inventory").getStatus()).isEqualTo(Status.UP);
            assertThat(root.getStatus()).isEqualTo(Status.UP);
            // one check by path, as groups address it
            HealthDescriptor search = endpoint.healthForPath("monitor", "search");
            assertThat(search.getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void aFailingCriticalCheckIsDownInActuatorAndInTheReadinessProbe() {
        runner.withPropertyValues("test.inventory.fail=true").run(context -> {
            accept(context);
            HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
            assertThat(endpoint.healthForPath("monitor", "inventory").getStatus()).isEqualTo(Status.DOWN);
            assertThat(endpoint.health().getStatus()).isEqualTo(Status.DOWN);
            // inventory is in monitor's ready group: Actuator's readiness probe includes it; liveness does not
            assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.DOWN);
            assertThat(endpoint.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void liveChecksJoinTheLivenessProbe() {
        runner.withPropertyValues("test.search.fail=true").run(context -> {
            accept(context);
            HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
            assertThat(endpoint.healthForPath("liveness").getStatus()).isEqualTo(Status.DOWN);
            assertThat(endpoint.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void withProbesOffActuatorsProbeGroupsKeepOnlyTheirOwnMembers() {
        runner.withPropertyValues("test.inventory.fail=true", "monitor.actuator.probes=false").run(context -> {
            accept(context);
            assertThat(context).doesNotHaveBean("monitorProbeGroupsPostProcessor");
            assertThat(context.getBean(HealthEndpoint.class).healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        });
    }

    @Test
    void actuatorGroupsCanIncludeSingleChecks() {
        runner.withPropertyValues("management.endpoint.health.group.payments.include=monitor/payments,monitor/search")
                .run(context -> {
                    assertThat(context).hasNotFailed(); // Spring Boot validates that the members exist
                    CompositeHealthDescriptor group = (CompositeHealthDescriptor) context.getBean(HealthEndpoint.class)
                            .healthForPath("payments");
                    assertThat(((CompositeHealthDescriptor) group.getComponents().get("monitor")).getComponents())
                            .containsOnlyKeys("payments", "search");
                });
    }

    @Test
    void actuatorsIndicatorsCanBecomeChecksOfMonitorsHealthWithoutLoopingBack() {
        runner.withPropertyValues("monitor.actuator.include-indicators=true")
                .withBean("legacyHealthIndicator", HealthIndicator.class,
                        () -> () -> Health.down().withDetail("error", "legacy queue unreachable").build())
                .run(context -> {
                    accept(context);
                    HealthRegistry registry = context.getBean(HealthRegistry.class);
                    assertThat(registry.names()).contains("ping", "legacy")
                            .doesNotContain("monitor", "livenessState", "readinessState");
                    HealthReport report = registry.report();
                    assertThat(report.checks().get("ping").status()).isEqualTo(CheckStatus.PASS);
                    assertThat(report.checks().get("legacy").status()).isEqualTo(CheckStatus.FAIL);
                    assertThat(report.checks().get("legacy").error()).isEqualTo("legacy queue unreachable");
                    assertThat(report.status()).isEqualTo(HealthStatus.UNHEALTHY);
                    // the imported indicators are not exported back into Actuator's "monitor" contributor
                    CompositeHealthDescriptor monitor = (CompositeHealthDescriptor) ((CompositeHealthDescriptor) context
                            .getBean(HealthEndpoint.class).health()).getComponents().get("monitor");
                    assertThat(monitor.getComponents()).doesNotContainKeys("ping", "legacy");
                });
    }

    @Test
    void excludedIndicatorsAndNonCriticalIndicatorsAreConfigurable() {
        runner.withPropertyValues("monitor.actuator.include-indicators=true", "monitor.actuator.excluded-indicators=ping",
                        "monitor.actuator.indicators-critical=false")
                .withBean("legacyHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
                .run(context -> {
                    HealthRegistry registry = context.getBean(HealthRegistry.class);
                    assertThat(registry.names()).contains("legacy").doesNotContain("ping");
                    assertThat(registry.options("legacy").critical()).isFalse();
                    assertThat(registry.report().checks().get("legacy").error()).isEqualTo("Actuator status DOWN");
                });
    }

    @Test
    void enabledFalseRemovesTheBridge() {
        runner.withPropertyValues("monitor.actuator.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean("monitorHealthContributor").doesNotHaveBean("monitorProbeGroupsPostProcessor");
            assertThat(((CompositeHealthDescriptor) context.getBean(HealthEndpoint.class).health()).getComponents())
                    .doesNotContainKey("monitor");
        });
    }

    @Test
    void aContributorOfTheApplicationNamedLikeOursMakesOursBackOff() {
        CompositeHealthContributor own = CompositeHealthContributor.fromMap(Map.of("x", (HealthIndicator) () -> Health.up().build()));
        runner.withBean("monitorHealthContributor", CompositeHealthContributor.class, () -> own)
                .withPropertyValues("monitor.actuator.probes=false")
                .run(context -> assertThat(context.getBean("monitorHealthContributor")).isSameAs(own));
    }

    @Test
    void withoutSpringBootsHealthSupportThereIsNoBridge() {
        monitorOnly.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasSingleBean(HealthRegistry.class)
                        .doesNotHaveBean("monitorHealthContributor"));
    }

    @Test
    void withoutActuatorsEndpointTheContributorStaysAndTheProbeGroupsGo() {
        monitorOnly.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasBean("monitorHealthContributor")
                        .doesNotHaveBean("monitorProbeGroupsPostProcessor"));
    }

    private static void accept(AssertableWebApplicationContext context) {
        AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
        AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
    }

    @Configuration(proxyBeanMethods = false)
    static class Checks {

        @Bean
        HealthCheckRegistrar testChecks(org.springframework.core.env.Environment environment) {
            boolean inventoryFails = environment.getProperty("test.inventory.fail", Boolean.class, false);
            boolean searchFails = environment.getProperty("test.search.fail", Boolean.class, false);
            return registry -> {
                registry.register("payments", () -> HealthResult.fail("payment provider answered 503"),
                        CheckOptions.builder().critical(false).build());
                registry.register("inventory", () -> inventoryFails ? HealthResult.fail("no connection") : HealthResult.pass());
                registry.register("search", () -> searchFails ? HealthResult.fail("index corrupt") : HealthResult.pass(),
                        CheckOptions.builder().groups("live").build());
            };
        }
    }
}
