package dev.monitor.spring.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.sentry.SentryMonitoring;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Beside Sentry's own Spring Boot 4 starter ({@code sentry-spring-boot-4}, its newest release, with the SDK it
 * brings): the build runs this class alone, in the {@code sentry-spring-boot-4} surefire execution, with those jars
 * in place of the SDK the module compiles against. The starter is looked up by name, so this class compiles without
 * it. Sentry is initialised once, by Sentry's starter, with monitor's hooks: what the application reports through
 * Sentry's API arrives scrubbed, and personal data stays off even when the application's Sentry properties ask for
 * it.
 */
class SentrySpringBootStarterTest {

    private final RecordingHttpServer sentryServer = RecordingHttpServer.start();
    private final String dsn = "http://0123456789abcdef0123456789abcdef@127.0.0.1:" + sentryServer.port() + "/42";

    @AfterEach
    void stop() {
        Sentry.close();
        sentryServer.close();
    }

    @Test
    @SuppressWarnings("deprecation") // isSendDefaultPii: the switch the oldest supported SDK has
    void sentrysStarterInitialisesTheSdkOnceWithMonitorsHooks() throws Exception {
        Class<?> sentrysStarter = Class.forName("io.sentry.spring.boot4.SentryAutoConfiguration");
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(sentrysStarter, MonitorAutoConfiguration.class,
                        MonitorPiiAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                        MonitorSentryAutoConfiguration.class))
                .withPropertyValues("sentry.dsn=" + dsn, "sentry.send-default-pii=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(IScopes.class)
                            .hasSingleBean(MonitorSentryOptionsConfiguration.class)
                            .doesNotHaveBean(SentryExceptionReporter.class); // Sentry's starter reports instead
                    SentryMonitoring sentry = context.getBean(SentryMonitoring.class);
                    assertThat(sentry.isEnabled()).isTrue();
                    SentryOptions options = Sentry.getCurrentScopes().getOptions();
                    assertThat(options.getDsn()).isEqualTo(dsn);
                    assertThat(options.isSendDefaultPii()).isFalse();

                    Sentry.captureException(new IllegalStateException("card of jane@example.com declined"));
                    Sentry.flush(10_000);
                    RecordingHttpServer.Request envelope = sentryServer.await(
                            request -> request.body().contains("IllegalStateException"), Duration.ofSeconds(60));
                    assertThat(envelope.body()).doesNotContain("jane@example.com").contains("card of");
                });
    }
}
