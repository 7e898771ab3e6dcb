package dev.monitor.spring.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.health.HealthRegistry;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.RedactionMode;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import dev.monitor.rule.SecurityEventAlerts;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.RecordingHttpServer;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.jdbc.MonitorJdbcAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.pii.ScrubberCustomizer;
import dev.monitor.spring.request.MonitorRequestAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MonitorAlertsAutoConfigurationTest {

    /** Waits up to 60 s for the GreenMail server to start: a hang guard (its 2 s default is not one on a busy machine). */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(60_000);
        return setup;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(patient(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)));

    private final RecordingHttpServer receiver = RecordingHttpServer.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorAlertsAutoConfiguration.class));

    @AfterEach
    void stopTheReceiver() {
        receiver.close();
    }

    @Test
    void defaultsCreateADispatcherLoggingAlertsAndTheSecurityEventAlerts() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(AlertDispatcher.class).hasSingleBean(SecurityEventAlerts.class);
            AlertPreview preview = context.getBean(AlertDispatcher.class).preview(alert("DiskFull", AlertSeverity.HIGH));
            assertThat(preview.payloads()).containsOnlyKeys("log");
        });
    }

    @Test
    void aWebhookUrlSendsAlertsAsAlertmanagerJsonScrubbedByTheScrubberBean() {
        runner.withUserConfiguration(EmployeeIds.class)
                .withPropertyValues("monitor.alerts.webhook.url=" + receiver.url("/hooks/alerts"),
                        "monitor.alerts.webhook.headers.Authorization=Bearer hook-secret",
                        "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    context.getBean(AlertDispatcher.class).fire(Alert.builder("DiskFull").severity(AlertSeverity.HIGH)
                            .label("service", "orders")
                            .summary("disk of jane@example.com full, badge EMP-123456").build());

                    RecordingHttpServer.Request request = receiver.await(r -> r.path().equals("/hooks/alerts"),
                            Duration.ofSeconds(60));
                    assertThat(request.header("Authorization")).isEqualTo("Bearer hook-secret");
                    JsonNode body = JSON.readTree(request.body());
                    assertThat(body.get("version").asString()).isEqualTo("4");
                    JsonNode alert = body.get("alerts").get(0);
                    assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("DiskFull");
                    assertThat(alert.get("labels").get("severity").asString()).isEqualTo("high");
                    // the PII auto-configuration's scrubber, with the application's customizer: not Scrubber.defaults()
                    assertThat(alert.get("annotations").get("summary").asString())
                            .isEqualTo("disk of j***@example.com full, badge [employee_id]");
                    assertThat(request.body()).doesNotContain("jane@example.com").doesNotContain("EMP-123456");
                });
    }

    @Test
    void theDocumentedEnvironmentVariablesSwitchChannelsOn() {
        runner.withPropertyValues("ALERT_WEBHOOK_URL=" + receiver.url("/webhook"),
                        "SLACK_WEBHOOK_URL=" + receiver.url("/slack"),
                        "DISCORD_WEBHOOK_URL=" + receiver.url("/discord"),
                        "TEAMS_WEBHOOK_URL=" + receiver.url("/teams"),
                        "PAGERDUTY_ROUTING_KEY=" + ROUTING_KEY,
                        "ALERTMANAGER_URL=" + receiver.url(""),
                        "SMTP_HOST=127.0.0.1", "SMTP_PORT=" + smtp.getSmtp().getPort(), "SMTP_SECURITY=none",
                        "SMTP_FROM=alerts@example.com", "ALERT_EMAIL_TO=oncall@example.com")
                .run(context -> assertThat(channels(context.getBean(AlertDispatcher.class))).containsExactly("log",
                        "webhook", "slack", "discord", "teams", "pagerduty", "alertmanager", "email"));
        runner.withPropertyValues("ALERT_WEBHOOK_URL=" + receiver.url("/webhook"), "SLACK_WEBHOOK_URL=" + receiver.url("/slack"),
                        "monitor.alerts.environment-variables=false")
                .run(context -> assertThat(channels(context.getBean(AlertDispatcher.class))).containsExactly("log"));
    }

    @Test
    void eachChannelIsSwitchedOnByItsPropertyAndAPropertyWinsOverTheVariable() {
        runner.withPropertyValues("monitor.alerts.log.enabled=false",
                        "monitor.alerts.webhook.url=" + receiver.url("/from-property"),
                        "ALERT_WEBHOOK_URL=" + receiver.url("/from-variable"),
                        "monitor.alerts.slack.webhook-url=" + receiver.url("/slack"),
                        "monitor.alerts.discord.webhook-url=" + receiver.url("/discord"),
                        "monitor.alerts.teams.webhook-url=" + receiver.url("/teams"),
                        "monitor.alerts.pagerduty.routing-key=" + ROUTING_KEY,
                        "monitor.alerts.pagerduty.endpoint=" + receiver.url("/v2/enqueue"),
                        "monitor.alerts.alertmanager.url=" + receiver.url(""),
                        "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    AlertDispatcher dispatcher = context.getBean(AlertDispatcher.class);
                    assertThat(channels(dispatcher)).containsExactly("webhook", "slack", "discord", "teams", "pagerduty",
                            "alertmanager");
                    dispatcher.fire(alert("QueueBacklog", AlertSeverity.CRITICAL));
                    for (String path : List.of("/from-property", "/slack", "/discord", "/teams", "/v2/enqueue",
                            "/api/v2/alerts")) {
                        receiver.await(request -> request.path().equals(path), Duration.ofSeconds(60));
                    }
                    assertThat(receiver.requests()).noneMatch(request -> request.path().equals("/from-variable"));
                    JsonNode pagerDuty = JSON.readTree(receiver.await(r -> r.path().equals("/v2/enqueue"),
                            Duration.ofSeconds(1)).body());
                    assertThat(pagerDuty.get("routing_key").asString()).isEqualTo(ROUTING_KEY);
                    assertThat(pagerDuty.get("payload").get("severity").asString()).isEqualTo("critical");
                });
    }

    /**
     * The channel properties are bound like any Spring property: from environment variables by Spring's relaxed names,
     * camel-case, and lists indexed as well as comma-separated.
     */
    @Test
    void channelPropertiesBindWithRelaxedNamesFromTheEnvironmentAndIndexedLists() throws Exception {
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of("MONITOR_ALERTS_SLACK_WEBHOOKURL", receiver.url("/slack-from-env"),
                                        "MONITOR_ALERTS_LOG_ENABLED", "false"))))
                .withPropertyValues("monitor.alerts.email.host=127.0.0.1", "monitor.alerts.email.port=" + smtp.getSmtp().getPort(),
                        "monitor.alerts.email.security=none", "monitor.alerts.email.from=alerts@example.com",
                        "monitor.alerts.email.to[0]=oncall@example.com", "monitor.alerts.email.to[1]=ops@example.com",
                        "monitor.alerts.email.subjectPrefix=[orders] ", "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(channels(context.getBean(AlertDispatcher.class))).containsExactly("slack", "email");
                    context.getBean(AlertDispatcher.class).fire(alert("DatabaseDown", AlertSeverity.CRITICAL));
                    receiver.await(request -> request.path().equals("/slack-from-env"), Duration.ofSeconds(60));
                    assertThat(smtp.waitForIncomingEmail(60_000, 1)).isTrue();
                    assertThat(smtp.getReceivedMessages()).extracting(MimeMessage::getSubject)
                            .allMatch(subject -> subject.startsWith("[orders]"));
                    assertThat(Arrays.stream(smtp.getReceivedMessages()[0].getAllRecipients()).map(Object::toString))
                            .containsExactly("oncall@example.com", "ops@example.com");
                });
    }

    @Test
    void theEmailChannelDeliversThroughSmtp() throws Exception {
        runner.withPropertyValues("monitor.alerts.email.host=127.0.0.1", "monitor.alerts.email.port=" + smtp.getSmtp().getPort(),
                        "monitor.alerts.email.security=none", "monitor.alerts.email.from=alerts@example.com",
                        "monitor.alerts.email.to=oncall@example.com", "monitor.alerts.email.subject-prefix=[orders] ",
                        "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    assertThat(channels(context.getBean(AlertDispatcher.class))).containsExactly("log", "email");
                    context.getBean(AlertDispatcher.class).fire(alert("DatabaseDown", AlertSeverity.CRITICAL));
                    assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
                    MimeMessage mail = smtp.getReceivedMessages()[0];
                    assertThat(mail.getSubject()).startsWith("[orders]").contains("DatabaseDown");
                    assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
                });
    }

    @Test
    void withoutJakartaMailAConfiguredEmailChannelFailsStartupSayingWhatToAddAndOtherChannelsWork() {
        ApplicationContextRunner withoutMail = runner.withClassLoader(new FilteredClassLoader("jakarta.mail",
                "org.eclipse.angus.mail"));
        withoutMail.withPropertyValues("monitor.alerts.email.host=127.0.0.1", "monitor.alerts.email.from=a@example.com",
                        "monitor.alerts.email.to=b@example.com")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(StartupFailures.messages(context.getStartupFailure()))
                            .contains("monitor.alerts.email.host is set, but the e-mail channel needs Jakarta Mail on the "
                                    + "class path: add org.springframework.boot:spring-boot-starter-mail");
                });
        withoutMail.withPropertyValues("monitor.alerts.webhook.url=" + receiver.url("/hook"))
                .run(context -> assertThat(channels(context.getBean(AlertDispatcher.class))).containsExactly("log", "webhook"));
    }

    @Test
    void routingSendsEachSeverityToItsChannelsAndTheRestToTheDefaultOnes() {
        runner.withPropertyValues("monitor.alerts.webhook.url=" + receiver.url("/hook"),
                        "monitor.alerts.routing.channels=log", "monitor.alerts.routing.severity.critical=webhook,log",
                        "monitor.alerts.routing.group-by=alertname,service")
                .run(context -> {
                    AlertDispatcher dispatcher = context.getBean(AlertDispatcher.class);
                    AlertPreview critical = dispatcher.preview(alert("ServiceDown", AlertSeverity.CRITICAL));
                    assertThat(critical.routes()).containsExactly("severity-critical");
                    assertThat(critical.payloads()).containsOnlyKeys("webhook", "log");
                    AlertPreview medium = dispatcher.preview(alert("SlowQueries", AlertSeverity.MEDIUM));
                    assertThat(medium.payloads()).containsOnlyKeys("log");
                });
        MonitorAlertsProperties.Routing routing = new MonitorAlertsProperties.Routing();
        routing.setGroupBy(List.of("alertname", "service"));
        routing.setGroupWait(Duration.ofSeconds(5));
        routing.setRepeatInterval(Duration.ofHours(1));
        routing.setSendResolved(false);
        dev.monitor.alert.AlertRoute route = MonitorAlertsAutoConfiguration.route(routing, java.util.Set.of("log"));
        assertThat(route.groupBy()).containsExactly("alertname", "service");
        assertThat(route.groupWait()).isEqualTo(Duration.ofSeconds(5));
        assertThat(route.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(route.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(route.sendResolved()).isFalse();
        assertThat(route.channels()).isNull();
    }

    @Test
    void aStateDirectoryKeepsTheOutboxInAJournal(@TempDir Path directory) {
        runner.withPropertyValues("monitor.alerts.state-directory=" + directory)
                .run(context -> {
                    context.getBean(AlertDispatcher.class).fire(alert("DiskFull", AlertSeverity.HIGH));
                    assertThat(context.getBean(AlertDispatcher.class).awaitIdle(Duration.ofSeconds(60))).isTrue();
                    assertThat(Files.exists(directory.resolve("alerts.journal"))).isTrue();
                    assertThat(Files.size(directory.resolve("alerts.journal"))).isPositive();
                });
    }

    @Test
    void metersListenersChannelBeansAndCustomizersAreWiredIn() {
        runner.withUserConfiguration(Extensions.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    AlertDispatcher dispatcher = context.getBean(AlertDispatcher.class);
                    assertThat(channels(dispatcher)).containsExactly("log", "recording");
                    dispatcher.fire(alert("First", AlertSeverity.LOW));
                    dispatcher.fire(alert("Second", AlertSeverity.LOW));
                    assertThat(dispatcher.awaitIdle(Duration.ofSeconds(60))).isTrue();
                    Extensions extensions = context.getBean(Extensions.class);
                    awaitSize(extensions.notified, 2);
                    assertThat(extensions.events).extracting(AlertEvent::type).contains(AlertEvent.Type.FIRED);
                    assertThat(context.getBean(MeterRegistry.class).get("monitor.alerts.fired").functionCounter().count())
                            .isEqualTo(2);
                    assertThat(dispatcher.recentAlerts()).hasSize(1); // the customizer's history size
                });
    }

    @Test
    void theDispatcherIsClosedWithTheContext() {
        AlertDispatcher[] dispatcher = new AlertDispatcher[1];
        runner.run(context -> dispatcher[0] = context.getBean(AlertDispatcher.class));
        dispatcher[0].fire(alert("AfterShutdown", AlertSeverity.LOW));
        assertThat(dispatcher[0].stats().dropped("closed")).isEqualTo(1);
    }

    @Test
    void enabledFalseRemovesAlertsWhileHealthAndJdbcKeepWorking() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                        MonitorHealthAutoConfiguration.class, MonitorJdbcAutoConfiguration.class,
                        MonitorAlertsAutoConfiguration.class))
                .withBean("dataSource", DataSource.class, MonitorAlertsAutoConfigurationTest::h2)
                .withPropertyValues("monitor.alerts.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(AlertDispatcher.class).doesNotHaveBean(SecurityEventAlerts.class);
                    assertThat(context.getBean(DataSource.class)).isInstanceOf(MonitoredDataSource.class);
                    assertThat(context.getBean(HealthRegistry.class).names()).contains("database");
                    try (var connection = context.getBean(DataSource.class).getConnection()) {
                        assertThat(connection.isValid(1)).isTrue();
                    }
                });
    }

    @Test
    void aDispatcherOfTheApplicationMakesOursBackOffAndFiresTheSecurityAlerts() {
        AlertDispatcher own = AlertDispatcher.builder().channel(LogChannel.create()).build();
        try {
            runner.withBean(AlertDispatcher.class, () -> own).run(context -> {
                assertThat(context).getBean(AlertDispatcher.class).isSameAs(own);
                assertThat(context).hasSingleBean(SecurityEventAlerts.class);
            });
        } finally {
            own.close();
        }
    }

    @Test
    void repeatedFailedAuthenticationsOfOneClientBecomeAnAlertNamingItsHashNeverItsAddress() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                        MonitorRequestAutoConfiguration.class, MonitorAlertsAutoConfiguration.class))
                .withPropertyValues("monitor.request.auth-failures.threshold=2",
                        "monitor.alerts.webhook.url=" + receiver.url("/security"), "monitor.alerts.routing.group-wait=0s")
                .run(context -> {
                    RequestMonitor monitor = context.getBean(RequestMonitor.class);
                    for (int i = 0; i < 3; i++) {
                        TrackedRequest request = monitor.start("POST", null, null);
                        request.clientAddress("203.0.113.9");
                        request.end(401);
                    }
                    RecordingHttpServer.Request request = receiver.await(r -> r.body().contains(
                            SecurityEventAlerts.DEFAULT_NAME), Duration.ofSeconds(60));
                    JsonNode labels = JSON.readTree(request.body()).get("alerts").get(0).get("labels");
                    assertThat(labels.get("severity").asString()).isEqualTo("high");
                    assertThat(labels.get("client").asString()).isNotBlank();
                    assertThat(request.body()).doesNotContain("203.0.113.9");
                });
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThemAndNeverRepeatingSecrets() {
        assertFailure("monitor.alerts.routing.group-wait=-1s", "monitor.alerts.routing.group-wait must not be negative, was -1s");
        assertFailure("monitor.alerts.routing.repeat-interval=0s", "monitor.alerts.routing.repeat-interval must be greater than 0");
        assertFailure("monitor.alerts.history-size=0", "monitor.alerts.history-size must be between 1 and 100000, was 0");
        assertFailure("monitor.alerts.routing.group-by=", "monitor.alerts.routing.group-by must name at least one label");
        assertFailure("monitor.alerts.routing.severity.critical=", "monitor.alerts.routing.severity.critical must name at "
                + "least one channel");
        assertFailure("monitor.alerts.routing.severity.critical=pagerduty", "monitor.alerts.routing.severity.critical names "
                + "channel 'pagerduty', which is not configured; the configured channels are [log]");
        assertFailure("monitor.alerts.log.enabled=false", "monitor.alerts has no channel");
        assertFailure("monitor.alerts.email.host=127.0.0.1", "monitor.alerts.email.from must be set to the sender address");
        runner.withPropertyValues("monitor.alerts.slack.webhook-url=http://hooks.example.com/services/T0/B0/SECRETTOKEN")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.alerts.slack.webhook-url must use https because it carries a secret")
                        .doesNotContain("SECRETTOKEN"));
        runner.withPropertyValues("monitor.alerts.pagerduty.routing-key=short-key-abc")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.alerts.pagerduty.routing-key must be the 32-character integration key")
                        .doesNotContain("short-key-abc"));
        runner.withPropertyValues("monitor.alerts.webhook.url=hooks.example.com/SECRETPATH")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.alerts.webhook.url must be an http or https URL").doesNotContain("SECRETPATH"));
        runner.withPropertyValues("SLACK_WEBHOOK_URL=http://hooks.example.com/services/T0/B0/SECRETTOKEN")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("SLACK_WEBHOOK_URL must use https").doesNotContain("SECRETTOKEN"));
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    private static List<String> channels(AlertDispatcher dispatcher) {
        return List.copyOf(dispatcher.preview(alert("Probe", AlertSeverity.INFO)).payloads().keySet());
    }

    private static Alert alert(String name, AlertSeverity severity) {
        return Alert.builder(name).severity(severity).summary(name + " in orders").build();
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
        while (list.size() < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(size);
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:alerts-off;DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Configuration(proxyBeanMethods = false)
    static class EmployeeIds {

        @Bean
        ScrubberCustomizer employeeIds() {
            PiiKind kind = PiiKind.of("employee_id");
            return builder -> builder.detector(kind, PiiDetector.regex("EMP-", Pattern.compile("EMP-\\d{6}")))
                    .mode(kind, RedactionMode.REPLACE);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Extensions {

        final List<AlertEvent> events = new CopyOnWriteArrayList<>();
        final List<ChannelPayload> notified = new CopyOnWriteArrayList<>();

        @Bean
        AlertEventListener recordingListener() {
            return events::add;
        }

        @Bean
        AlertChannel recordingChannel() {
            return new AlertChannel() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public ChannelPayload render(AlertNotification notification) {
                    return ChannelPayload.json("{\"alerts\":" + notification.alerts().size() + "}");
                }

                @Override
                public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
                    notified.add(payload);
                    return DeliveryResult.delivered();
                }
            };
        }

        @Bean
        AlertDispatcherCustomizer shortHistory() {
            return builder -> builder.historySize(1);
        }
    }
}
