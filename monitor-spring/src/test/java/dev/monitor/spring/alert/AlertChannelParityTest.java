package dev.monitor.spring.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertChannels;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.ChannelSetting;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every built-in channel of core, SMS included, can be configured by Spring properties and by environment variables,
 * and both reach the same channel: the same name and the same payload as core's own
 * {@link AlertChannels#fromEnvironment(Map)} builds from the same variables. The channel types are enumerated from
 * core, so a new core channel without a case here, or without its {@code monitor.alerts.<type>.*} properties, fails.
 */
class AlertChannelParityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

    /** One configuration of a channel type, as the environment variables core reads and as Spring properties. */
    record Case(String type, Map<String, String> environment, Map<String, String> properties) {
        @Override
        public String toString() {
            return type;
        }
    }

    /** The same settings as variables and as properties; log has no variables (core never builds it from the environment). */
    private static final List<Case> CASES = List.of(
            new Case("log", Map.of(), Map.of("log.enabled", "true", "log.logger", "parity.alerts")),
            new Case("webhook", Map.of("ALERT_WEBHOOK_URL", "http://127.0.0.1:9/webhook"),
                    Map.of("webhook.url", "http://127.0.0.1:9/webhook")),
            new Case("slack", Map.of("SLACK_WEBHOOK_URL", "http://127.0.0.1:9/slack"),
                    Map.of("slack.webhook-url", "http://127.0.0.1:9/slack")),
            new Case("discord", Map.of("DISCORD_WEBHOOK_URL", "http://127.0.0.1:9/discord"),
                    Map.of("discord.webhook-url", "http://127.0.0.1:9/discord")),
            new Case("teams", Map.of("TEAMS_WEBHOOK_URL", "http://127.0.0.1:9/teams?sig=abc"),
                    Map.of("teams.webhook-url", "http://127.0.0.1:9/teams?sig=abc")),
            new Case("pagerduty", Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY),
                    Map.of("pagerduty.routing-key", ROUTING_KEY)),
            new Case("alertmanager", Map.of("ALERTMANAGER_URL", "http://127.0.0.1:9"),
                    Map.of("alertmanager.url", "http://127.0.0.1:9")),
            new Case("email", Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", "2525", "SMTP_SECURITY", "none",
                    "SMTP_USERNAME", "alerts", "SMTP_PASSWORD", "mail-secret", "SMTP_FROM", "alerts@example.com",
                    "ALERT_EMAIL_TO", "oncall@example.com,ops@example.com"),
                    Map.of("email.host", "127.0.0.1", "email.port", "2525", "email.security", "none",
                            "email.username", "alerts", "email.password", "mail-secret", "email.from", "alerts@example.com",
                            "email.to", "oncall@example.com,ops@example.com")),
            new Case("sms", Map.of("TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN,
                    "TWILIO_FROM_NUMBER", "+15005550006", "ALERT_SMS_TO", "+4915112345678", "TWILIO_API_URL", "http://127.0.0.1:9"),
                    Map.of("sms.account-sid", SID, "sms.auth-token", TOKEN, "sms.from", "+15005550006",
                            "sms.to", "+4915112345678", "sms.endpoint", "http://127.0.0.1:9")));

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorAlertsAutoConfiguration.class))
            .withBean(AlertDispatcherCustomizer.class, () -> builder -> builder.clock(CLOCK))
            .withPropertyValues("monitor.alerts.log.enabled=false");

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @Test
    void everyCoreChannelTypeHasACaseHere() {
        assertThat(CASES).extracting(Case::type).containsExactlyElementsOf(AlertChannels.types());
        assertThat(AlertChannels.types()).contains("sms", "email");
    }

    @Test
    void everySettingOfEveryCoreChannelIsADocumentedSpringProperty() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the generated configuration metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        metadata.get("properties").forEach(property -> documented.add(property.get("name").asString()));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String type : AlertChannels.types()) {
            for (ChannelSetting setting : AlertChannels.describe(type)) {
                String key = type + "." + setting.prefix();
                String property = "monitor.alerts." + key;
                if (!documented.contains(property)) {
                    missing.add(property);
                }
                switch (setting.kind()) {
                    case MAP -> {
                        values.put(property + ".X-Probe", "probe " + key);
                        expected.put(key + ".X-Probe", "probe " + key);
                    }
                    case LIST -> {
                        values.put(property + "[0]", "first " + key);
                        values.put(property + "[1]", "second " + key);
                        expected.put(key, "first " + key + ",second " + key);
                    }
                    default -> {
                        values.put(property, "probe " + key);
                        expected.put(key, "probe " + key);
                    }
                }
            }
        }
        Binder binder = new Binder(new MapConfigurationPropertySource(values));
        assertThat(ConfiguredAlertChannels.settings(binder)).as("every setting of core channels is bound from its property")
                .isEqualTo(expected);
        assertThat(missing).as("settings of core channels without a documented Spring property").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aChannelConfiguredByPropertiesIsTheOneCoreBuildsFromTheVariables(Case channel) {
        Map<String, ChannelPayload> expected = channel.environment().isEmpty()
                ? null : payloads(AlertChannels.fromEnvironment(channel.environment()));
        List<String> properties = new ArrayList<>(List.of("monitor.alerts.environment-variables=false"));
        channel.properties().forEach((setting, value) -> properties.add("monitor.alerts." + setting + "=" + value));
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            Map<String, ChannelPayload> payloads = preview(context.getBean(AlertDispatcher.class));
            assertThat(payloads.keySet()).containsExactly(channel.type());
            if (expected != null) {
                assertThat(payloads).isEqualTo(expected);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aChannelSwitchedOnByItsVariablesInSpringIsTheOneCoreBuildsFromThem(Case channel) {
        if (channel.environment().isEmpty()) {
            assertThat(AlertChannels.variables(channel.type())).as("a type without variables").isEmpty();
            return;
        }
        assertThat(AlertChannels.variables(channel.type())).containsAll(channel.environment().keySet());
        Map<String, ChannelPayload> expected = payloads(AlertChannels.fromEnvironment(channel.environment()));
        assertThat(expected.keySet()).containsExactly(channel.type());
        List<String> variables = new ArrayList<>();
        channel.environment().forEach((variable, value) -> variables.add(variable + "=" + value));
        runner.withPropertyValues(variables.toArray(String[]::new)).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(preview(context.getBean(AlertDispatcher.class))).isEqualTo(expected);
        });
    }

    /** The payloads core's channels render for the probe alert, through a dispatcher on the same clock. */
    private static Map<String, ChannelPayload> payloads(List<AlertChannel> channels) {
        AlertDispatcher.Builder builder = AlertDispatcher.builder().clock(CLOCK);
        channels.forEach(builder::channel);
        try (AlertDispatcher dispatcher = builder.build()) {
            return preview(dispatcher);
        }
    }

    private static Map<String, ChannelPayload> preview(AlertDispatcher dispatcher) {
        Alert alert = Alert.builder("ParityProbe").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("orders answers 503").build();
        return new LinkedHashMap<>(dispatcher.preview(alert).payloads());
    }
}
