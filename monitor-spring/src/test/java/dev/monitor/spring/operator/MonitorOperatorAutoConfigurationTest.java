package dev.monitor.spring.operator;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.job.MonitorJobsAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.status.MonitorStatusPageAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

class MonitorOperatorAutoConfigurationTest {

    private static final String EXPOSED = "management.endpoints.web.exposure.include=alerts,silences,maintenance,incidents,jobs";
    private static final String TOKEN = "operator-token-0123456789abcdef";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                    MonitorJobsAutoConfiguration.class, MonitorStatusPageAutoConfiguration.class,
                    MonitorOperatorAutoConfiguration.class))
            .withPropertyValues("monitor.health.disk.enabled=false");

    private final WebApplicationContextRunner secured = runner.withConfiguration(AutoConfigurations.of(
            SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

    @Test
    void exposedEndpointsExistWithTheBeansTheyServeAndTheStatusPageAddsMaintenanceAndIncidents() {
        runner.withPropertyValues(EXPOSED, "monitor.operator.tokens.ops=" + TOKEN).run(context -> {
            assertThat(context).hasSingleBean(AlertsEndpoint.class).hasSingleBean(SilencesEndpoint.class)
                    .hasSingleBean(JobsEndpoint.class).doesNotHaveBean(MaintenanceEndpoint.class)
                    .doesNotHaveBean(IncidentsEndpoint.class).hasBean("monitorOperatorRequestFilter");
            assertThat(MonitorOperatorAutoConfiguration.createdIds(context.getBeanFactory()))
                    .containsExactly("alerts", "silences", "jobs");
        });
        runner.withPropertyValues(EXPOSED, "monitor.operator.tokens.ops=" + TOKEN, "monitor.status.enabled=true")
                .run(context -> assertThat(context).hasSingleBean(MaintenanceEndpoint.class)
                        .hasSingleBean(IncidentsEndpoint.class));
    }

    @Test
    void notExposedThereAreNoEndpointsAsWithActuatorsOwnAndDisabledNothingAtAll() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(AlertsEndpoint.class).doesNotHaveBean(SilencesEndpoint.class)
                    .doesNotHaveBean(JobsEndpoint.class);
            // nor is the exchange behind them made (it would warn about missing tokens)
            assertThat(context.getBeanFactory().containsSingleton("monitorOperatorExchange")).isFalse();
        });
        runner.withPropertyValues(EXPOSED, "monitor.operator.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(AlertsEndpoint.class).doesNotHaveBean("monitorOperatorRequestFilter"));
        runner.withPropertyValues(EXPOSED, "monitor.alerts.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(AlertsEndpoint.class).doesNotHaveBean(JobsEndpoint.class));
    }

    @Test
    void withSpringSecurityTheOperatorChainIsDefinedBesideTheApplicationsAndCanBeTurnedOff() {
        secured.withPropertyValues(EXPOSED).run(context -> {
            assertThat(context).hasBean("monitorOperatorSecurityFilterChain");
            // Spring Boot's default chain still guards the rest of the application
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSizeGreaterThan(1);
        });
        secured.withPropertyValues(EXPOSED, "monitor.operator.security.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("monitorOperatorSecurityFilterChain")
                        .hasSingleBean(AlertsEndpoint.class));
        runner.withPropertyValues(EXPOSED).withClassLoader(new FilteredClassLoader("org.springframework.security"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AlertsEndpoint.class)
                        .doesNotHaveBean("monitorOperatorSecurityFilterChain"));
    }

    @Test
    void withNeitherSpringSecurityNorATokenAWarnSaysAtStartThatEveryRequestIsRefused() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(MonitorOperatorAutoConfiguration.class);
        logger.addAppender(logs);
        try {
            WebApplicationContextRunner unsecured = runner.withClassLoader(new FilteredClassLoader("org.springframework.security"));
            unsecured.withPropertyValues(EXPOSED, "monitor.operator.tokens.ops=" + TOKEN)
                    .run(context -> assertThat(context).hasSingleBean(AlertsEndpoint.class));
            unsecured.run(context -> assertThat(context).doesNotHaveBean(AlertsEndpoint.class));
            assertThat(logs.list).as("a token, or nothing exposed: nothing to warn about").isEmpty();

            unsecured.withPropertyValues(EXPOSED).run(context -> assertThat(context).hasSingleBean(AlertsEndpoint.class));
            assertThat(logs.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).contains("The operator endpoints refuse every request")
                        .contains("monitor.operator.tokens.<operator>");
            });
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void tokensBesideTheSpringSecurityChainFailStartupSayingWhatToDo() {
        secured.withPropertyValues(EXPOSED, "monitor.operator.tokens.ops=" + TOKEN).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure()))
                    .contains("monitor.operator.tokens and monitor.operator.read-only-tokens are for applications without"
                            + " Spring Security").doesNotContain(TOKEN);
        });
    }

    @Test
    void badValuesFailStartupNamingThePropertyAndNeverShowingAToken() {
        runner.withPropertyValues(EXPOSED, "monitor.operator.tokens.ops=short secret").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains("monitor.operator.tokens.ops must be"
                    + " 16 to 512 visible ASCII characters").doesNotContain("short secret");
        });
        runner.withPropertyValues(EXPOSED, "monitor.operator.role=ROLE_OPS").run(context -> assertThat(
                StartupFailures.messages(context.getStartupFailure())).contains("monitor.operator.role must be the role"
                        + " without the ROLE_ prefix"));
        runner.withPropertyValues(EXPOSED, "monitor.operator.max-body-size=10MB").run(context -> assertThat(
                StartupFailures.messages(context.getStartupFailure())).contains("monitor.operator.max-body-size must be"
                        + " between 1KB and 1MB"));
    }
}
