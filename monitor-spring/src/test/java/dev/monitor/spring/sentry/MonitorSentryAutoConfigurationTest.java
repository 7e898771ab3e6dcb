package dev.monitor.spring.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.sentry.RouteTracesSampler;
import dev.monitor.sentry.SentryAlertChannel;
import dev.monitor.sentry.SentryMonitoring;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.sentry.IScopes;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Sentry auto-configuration with the real Sentry SDK sending envelopes to a loopback receiver.
 *
 * <p>Sentry's own Spring Boot 4 starter (sentry-spring-boot-4 8.53.0, the newest release) brings an older SDK than
 * the one this module compiles against, and Sentry refuses mixed versions, so the real starter is tested in its own
 * test run ({@link SentrySpringBootStarterTest}). Here, {@link StandInSentryStarter} does what that starter does with
 * other configurations (collect the {@code Sentry.OptionsConfiguration} beans, apply them in order, initialise the
 * SDK, expose an {@link IScopes} bean), to check the order and the single initialisation closely.
 */
class MonitorSentryAutoConfigurationTest {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(MonitorAutoConfiguration.class,
            MonitorPiiAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
            MonitorSentryAutoConfiguration.class);

    private final RecordingHttpServer sentryServer = RecordingHttpServer.start();
    private final String dsn = "http://0123456789abcdef0123456789abcdef@127.0.0.1:" + sentryServer.port() + "/42";

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @AfterEach
    void stop() {
        Sentry.close();
        sentryServer.close();
    }

    @Test
    void withoutADsnNothingIsSetUp() {
        runner.run(context -> assertThat(context).doesNotHaveBean(SentryMonitoring.class)
                .doesNotHaveBean("monitorSentryConfiguration").doesNotHaveBean("monitorSentryQueryListener"));
        assertThat(Sentry.isEnabled()).isFalse();
    }

    @Test
    void aDsnInitialisesTheSdkWhoseEventsAreScrubbedBeforeTheyLeave() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.service.environment=staging",
                        "monitor.service.version=1.4.2")
                .run(context -> {
                    SentryMonitoring sentry = context.getBean(SentryMonitoring.class);
                    assertThat(sentry.isEnabled()).isTrue();
                    assertThat(sentry.settings().environment()).isEqualTo("staging");
                    assertThat(sentry.settings().release()).isEqualTo("1.4.2");
                    assertThat(context).hasBean("monitorSentryQueryListener");
                    assertThat(context.getBean("monitorSentryQueryListener")).isInstanceOf(QueryListener.class);

                    sentry.captureException(new IllegalStateException("no order for jane@example.com"));
                    sentry.flush(Duration.ofSeconds(30)); // returns once sent: a hang guard

                    RecordingHttpServer.Request envelope = sentryServer.await(
                            request -> request.path().startsWith("/api/42/envelope"), Duration.ofSeconds(60));
                    assertThat(envelope.body()).contains("IllegalStateException").contains("staging")
                            .doesNotContain("jane@example.com");
                });
        assertThat(Sentry.isEnabled()).as("the SDK is closed with the context").isFalse();
    }

    @Test
    void theDsnIsAlsoReadFromSentryDsnAndFromSentrysOwnProperty() {
        runner.withPropertyValues("SENTRY_DSN=" + dsn)
                .run(context -> assertThat(context.getBean(SentryMonitoring.class).isEnabled()).isTrue());
        runner.withPropertyValues("sentry.dsn=" + dsn)
                .run(context -> assertThat(context.getBean(SentryMonitoring.class).settings().dsn()).isEqualTo(dsn));
    }

    @Test
    void enabledFalseOrAMissingLibraryRemoveTheBeans() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SentryMonitoring.class));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn).withClassLoader(new FilteredClassLoader("io.sentry"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("monitorSentryConfiguration"));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .withClassLoader(new FilteredClassLoader("dev.monitor.sentry"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("monitorSentryConfiguration"));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.query-breadcrumbs=false")
                .run(context -> assertThat(context).hasSingleBean(SentryMonitoring.class)
                        .doesNotHaveBean("monitorSentryQueryListener"));
        assertThat(Sentry.isEnabled()).isFalse();
    }

    @Test
    void aSentryMonitoringOfTheApplicationMakesOursBackOffAndCustomizersApply() {
        SentryMonitoring own = SentryMonitoring.builder().dsn(dsn).enabled(false).init();
        try {
            runner.withPropertyValues("monitor.sentry.dsn=" + dsn).withBean(SentryMonitoring.class, () -> own)
                    .run(context -> assertThat(context).getBean(SentryMonitoring.class).isSameAs(own));
        } finally {
            own.close();
        }
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .withBean(SentryMonitoringCustomizer.class, () -> builder -> builder.release("custom-7"))
                .run(context -> assertThat(context.getBean(SentryMonitoring.class).settings().release())
                        .isEqualTo("custom-7"));
    }

    @Test
    void transactionsOfProbeAndOperatorRoutesAreNotRecordedAndTheRouteListIsAProperty() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn).run(context -> {
            assertThat(context.getBean(SentryMonitoring.class).settings().ignoredTransactionRoutes())
                    .isEqualTo(RouteTracesSampler.DEFAULT_IGNORED_ROUTES);
            RouteTracesSampler sampler = (RouteTracesSampler) Sentry.getCurrentScopes().getOptions().getTracesSampler();
            assertThat(sampler.ignoredRoutes()).isEqualTo(RouteTracesSampler.DEFAULT_IGNORED_ROUTES);
        });
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.ignored-transaction-routes=/ping,/internal/**")
                .run(context -> assertThat(((RouteTracesSampler) Sentry.getCurrentScopes().getOptions()
                        .getTracesSampler()).ignoredRoutes()).containsExactly("/ping", "/internal/**"));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.ignored-transaction-routes=")
                .run(context -> assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isNull());
    }

    @Test
    void aTracesSamplerCallbackBeanOfTheApplicationWins() {
        SentryOptions.TracesSamplerCallback own = samplingContext -> 0.5;
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .withBean(SentryOptions.TracesSamplerCallback.class, () -> own)
                .run(context -> assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isSameAs(own));
    }

    @Test
    void theProfilesSampleRateComesFromThePropertyOrTheVariable() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.profiles-sample-rate=0.25")
                .run(context -> {
                    assertThat(context.getBean(SentryMonitoring.class).settings().profilesSampleRate()).isEqualTo(0.25);
                    assertThat(Sentry.getCurrentScopes().getOptions().getProfileSessionSampleRate()).isEqualTo(0.25);
                    assertThat(Sentry.getCurrentScopes().getOptions().getProfileLifecycle())
                            .isEqualTo(io.sentry.ProfileLifecycle.TRACE);
                });
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "SENTRY_PROFILES_SAMPLE_RATE=1")
                .run(context -> assertThat(Sentry.getCurrentScopes().getOptions().getProfileSessionSampleRate())
                        .isEqualTo(1.0));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .run(context -> assertThat(Sentry.getCurrentScopes().getOptions().getProfileSessionSampleRate())
                        .isNull());
    }

    @Test
    void inAServletApplicationUnhandledControllerExceptionsAreReported() {
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("monitor.sentry.dsn=" + dsn)
                .run(context -> assertThat(context).hasSingleBean(SentryExceptionReporter.class));
        new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
                .withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.capture-exceptions=false")
                .run(context -> assertThat(context).doesNotHaveBean(SentryExceptionReporter.class));
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .run(context -> assertThat(context).doesNotHaveBean(SentryExceptionReporter.class));
    }

    @Test
    void theAlertChannelSendsAlertsToSentryThroughTheDispatcher() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn, "monitor.sentry.alert-channel.enabled=true",
                        "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    assertThat(context.getBean("monitorSentryAlertChannel", AlertChannel.class))
                            .isInstanceOf(SentryAlertChannel.class);
                    context.getBean(AlertDispatcher.class).fire(Alert.builder("PaymentsDown")
                            .severity(AlertSeverity.CRITICAL).summary("payments down for jane@example.com").build());
                    RecordingHttpServer.Request envelope = sentryServer.await(
                            request -> request.body().contains("PaymentsDown"), Duration.ofSeconds(60));
                    assertThat(envelope.body()).doesNotContain("jane@example.com");
                });
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .run(context -> assertThat(context).doesNotHaveBean("monitorSentryAlertChannel"));
    }

    @Test
    void besideSentrysStarterTheSdkIsInitialisedOnceByItWithMonitorsHooks() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn).withUserConfiguration(StandInSentryStarter.class)
                .run(context -> {
                    assertThat(context).hasSingleBean(MonitorSentryOptionsConfiguration.class)
                            .doesNotHaveBean(SentryExceptionReporter.class);
                    assertThat(StandInSentryStarter.inits).isEqualTo(1);
                    SentryMonitoring sentry = context.getBean(SentryMonitoring.class);
                    assertThat(sentry.isEnabled()).isTrue();
                    assertThat(StandInSentryStarter.applied).containsExactly("application", "monitor");

                    // the application's code (or Sentry's starter) reports through the static API: still scrubbed
                    Sentry.captureException(new IllegalStateException("card of jane@example.com declined"));
                    Sentry.flush(10_000);
                    RecordingHttpServer.Request envelope = sentryServer.await(
                            request -> request.body().contains("IllegalStateException"), Duration.ofSeconds(60));
                    assertThat(envelope.body()).doesNotContain("jane@example.com");
                });
    }

    @Test
    void anIScopesBeanThatNeverAppliedTheHooksFailsStartupRatherThanSendUnscrubbedData() {
        runner.withPropertyValues("monitor.sentry.dsn=" + dsn)
                .withBean(IScopes.class, Sentry::getCurrentScopes)
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .contains("did not apply the Sentry.OptionsConfiguration bean 'monitorSentryOptionsConfiguration'")
                            .contains("monitor.sentry.enabled=false");
                });
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThemAndNeverTheDsn() {
        assertFailure("monitor.sentry.dsn=https://s3cretkey@sentry.invalid", "monitor.sentry.dsn", "s3cretkey");
        assertFailure("monitor.sentry.traces-sample-rate=1.5", "monitor.sentry.traces-sample-rate", null);
        assertFailure("monitor.sentry.noise.ignored-http-statuses=99", "monitor.sentry.noise.ignored-http-statuses "
                + "must hold HTTP statuses between 100 and 599", null);
        assertFailure("monitor.sentry.noise.ignored-exceptions=not a class", "monitor.sentry.noise.ignored-exceptions "
                + "must hold fully qualified class names", null);
        assertFailure("monitor.sentry.profiles-sample-rate=2", "monitor.sentry.profiles-sample-rate", null);
        assertFailure("monitor.sentry.ignored-transaction-routes=/health,actuator", "monitor.sentry."
                + "ignored-transaction-routes must hold paths such as /health or /actuator/**", null);
        assertFailure("SENTRY_PROFILES_SAMPLE_RATE=lots", "SENTRY_PROFILES_SAMPLE_RATE must be a number between 0 and 1",
                null);
        assertFailure("monitor.sentry.alert-channel.name=a:b", "monitor.sentry.alert-channel.name must be 1 to 64 "
                + "characters without ':'", null);
    }

    private void assertFailure(String property, String message, String hidden) {
        List<String> properties = property.startsWith("monitor.sentry.dsn=") ? List.of(property)
                : List.of("monitor.sentry.dsn=" + dsn, "monitor.sentry.alert-channel.enabled=true", property);
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasFailed();
            String messages = StartupFailures.messages(context.getStartupFailure());
            assertThat(messages).contains(message);
            if (hidden != null) {
                assertThat(messages).doesNotContain(hidden);
            }
        });
    }

    /**
     * What Sentry's Spring Boot starter does, reduced to its contract: apply every {@code Sentry.OptionsConfiguration}
     * bean in order, initialise the SDK once, expose the scopes.
     */
    @Configuration(proxyBeanMethods = false)
    static class StandInSentryStarter {

        static volatile int inits;
        static final List<String> applied = new java.util.concurrent.CopyOnWriteArrayList<>();

        StandInSentryStarter() {
            inits = 0;
            applied.clear();
        }

        @Bean
        @org.springframework.core.annotation.Order(0)
        Sentry.OptionsConfiguration<SentryOptions> applicationsOwnOptions() {
            return options -> {
                applied.add("application");
                options.setServerName("orders-host");
            };
        }

        @Bean
        IScopes sentryScopes(ObjectProvider<Sentry.OptionsConfiguration<SentryOptions>> configurations,
                org.springframework.core.env.Environment environment) {
            SentryOptions options = new SentryOptions();
            options.setDsn(environment.getProperty("monitor.sentry.dsn"));
            configurations.orderedStream().forEach(configuration -> {
                if (configuration instanceof MonitorSentryOptionsConfiguration) {
                    applied.add("monitor");
                }
                configuration.configure(options);
            });
            Sentry.init(options);
            inits++;
            return Sentry.getCurrentScopes();
        }
    }
}
