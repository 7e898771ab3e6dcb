package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The channel factory builds every built-in channel from neutral settings ({@code <type>.<setting>}) and environment
 * variables, with messages that name the full setting and never repeat a secret.
 */
class AlertChannelsFactoryTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f";

    @Test
    void everyTypeIsBuiltFromSettingsInTheOrderOfTypes() {
        Map<String, String> settings = Map.ofEntries(
                Map.entry("log.enabled", "true"),
                Map.entry("webhook.url", "http://127.0.0.1:9/alerts"),
                Map.entry("webhook.headers.Authorization", "Bearer webhook-secret"),
                Map.entry("slack.webhook-url", "https://hooks.slack.com/services/T0/B0/abc"),
                Map.entry("discord.webhook-url", "https://discord.com/api/webhooks/1/abc"),
                Map.entry("teams.webhook-url", "https://example.logic.azure.com/workflows/1?sig=abc"),
                Map.entry("pagerduty.routing-key", KEY),
                Map.entry("alertmanager.url", "http://alertmanager:9093"),
                Map.entry("email.host", "smtp.example.com"),
                Map.entry("email.from", "alerts@example.com"),
                Map.entry("email.to", "ops@example.com, oncall@example.com"),
                Map.entry("sms.account-sid", SID),
                Map.entry("sms.auth-token", TOKEN),
                Map.entry("sms.from", "+15005550006"));
        assertThat(AlertChannels.fromSettings("", settings, Map.of())).extracting(AlertChannel::name)
                .containsExactlyElementsOf(AlertChannels.types());
        assertThat(AlertChannels.types()).containsExactly("log", "webhook", "slack", "discord", "teams", "pagerduty",
                "alertmanager", "email", "sms");
    }

    @Test
    void aSettingWinsOverItsVariableAndTheOtherSettingsApplyOnTopOfTheVariables() {
        Map<String, String> environment = Map.of("SLACK_WEBHOOK_URL", "http://127.0.0.1:1/from-variable",
                "TWILIO_ACCOUNT_SID", SID, "TWILIO_AUTH_TOKEN", TOKEN, "TWILIO_FROM_NUMBER", "+15005550006");
        AlertChannel slack = AlertChannels.fromSettings("", Map.of("slack.webhook-url", "http://127.0.0.1:2/from-setting"),
                environment).get(0);
        assertThat(slack.toString()).isEqualTo("SlackChannel{slack, host=127.0.0.1}");
        AlertChannel sms = AlertChannels.fromSettings("", Map.of("sms.endpoint", "http://127.0.0.1:3", "sms.to",
                "+4915112345678,+4915187654321"), environment).get(1);
        assertThat(sms.toString()).isEqualTo("SmsChannel{sms, host=127.0.0.1:3, 2 default recipients}");
    }

    @Test
    void failuresNameTheFullSettingAndNeverTheSecret() {
        assertThatThrownBy(() -> AlertChannels.fromSettings("monitor.alerts.", Map.of("slack.webhook-url",
                "http://hooks.example.com/services/T0/B0/SECRETTOKEN"), Map.of()))
                .hasMessageStartingWith("monitor.alerts.slack.webhook-url must use https because it carries a secret")
                .hasMessageNotContaining("SECRETTOKEN");
        assertThatThrownBy(() -> AlertChannels.fromSettings("monitor.alerts.", Map.of("sms.account-sid", SID), Map.of()))
                .hasMessage("monitor.alerts.sms.auth-token is not set; set it to the account's auth token");
        assertThatThrownBy(() -> AlertChannels.fromSettings("monitor.alerts.", Map.of("sms.account-sid", SID,
                "sms.auth-token", TOKEN, "sms.from", "+1 555"), Map.of()))
                .hasMessageStartingWith("monitor.alerts.sms.from must be an E.164 number");
        assertThatThrownBy(() -> AlertChannels.fromSettings("monitor.alerts.", Map.of("email.host", "smtp.example.com"),
                Map.of())).hasMessage("monitor.alerts.email.from must be set to the sender address when "
                + "monitor.alerts.email.host is set");
        assertThatThrownBy(() -> AlertChannels.fromSettings("", Map.of("webhook.url", "http://127.0.0.1:1/",
                "webhook.headers.X-Token", "a\nb"), Map.of()))
                .hasMessage("webhook.headers: value of header 'X-Token' must not contain line breaks");
        assertThatThrownBy(() -> WebhookChannel.builder().header("Host", "example.com"))
                .hasMessageStartingWith("header name must not be one the HTTP client sets itself");
        assertThatThrownBy(() -> AlertChannels.fromSettings("", Map.of("slack.url", "https://hooks.slack.com/x"), Map.of()))
                .hasMessage("slack.url is not a setting of the slack channel; its settings are [webhook-url]");
        assertThatThrownBy(() -> AlertChannels.fromSettings("", Map.of(), Map.of("PAGERDUTY_ROUTING_KEY", "short-secret")))
                .hasMessageStartingWith("PAGERDUTY_ROUTING_KEY must be the 32-character integration key")
                .hasMessageNotContaining("short-secret");
    }

    @Test
    void theDeliveryConfigurationOfABuilderIsTheChannelsDefaultPolicy() {
        SlackChannel slack = SlackChannel.builder().webhookUrl("http://127.0.0.1:1/hook").fallbackChannel("log")
                .attemptTimeout(Duration.ofSeconds(3)).retries(4, Duration.ofSeconds(2), 3, Duration.ofMinutes(1))
                .circuitBreaker(25, 4, 8, Duration.ofMinutes(2)).build();
        DeliveryPolicy policy = slack.defaultPolicy();
        assertThat(policy.ratePermits()).as("Slack's own rate limit stays").isEqualTo(1);
        assertThat(policy.fallbackChannel()).isEqualTo("log");
        assertThat(policy.attemptTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(policy.maxAttempts()).isEqualTo(4);
        assertThat(policy.initialBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffMultiplier()).isEqualTo(3);
        assertThat(policy.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.failureRateThreshold()).isEqualTo(25);
        assertThat(policy.circuitOpenDuration()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SlackChannel.builder().attemptTimeout(Duration.ofHours(2)))
                .hasMessageContaining("attemptTimeout");
        assertThatThrownBy(() -> SlackChannel.builder().fallbackChannel("a b")).hasMessageContaining("fallbackChannel");
    }

    @Test
    void everySettingOfEveryTypeIsDescribedWithItsKindAndADefaultOnlyWhereOneApplies() {
        for (String type : AlertChannels.types()) {
            List<ChannelSetting> described = AlertChannels.describe(type);
            assertThat(described).extracting(ChannelSetting::name).as(type)
                    .containsExactlyElementsOf(AlertChannels.settings(type));
            assertThat(AlertChannels.description(type)).as(type).isNotBlank().endsWith(".");
            Set<String> names = new HashSet<>();
            for (ChannelSetting setting : described) {
                String name = type + "." + setting.name();
                assertThat(names.add(setting.name())).as("%s is described once", name).isTrue();
                assertThat(setting.name()).as(name).matches("[a-z]+(-[a-z]+)*(\\.\\*)?");
                assertThat(setting.description()).as(name).isNotBlank().endsWith(".");
                assertThat(setting.values().isEmpty() || setting.values().contains(setting.defaultValue()))
                        .as("%s's default is one of its values", name).isTrue();
            }
        }
        assertThat(AlertChannels.describe("webhook")).extracting(ChannelSetting::kind)
                .containsExactly(ChannelSetting.Kind.TEXT, ChannelSetting.Kind.MAP, ChannelSetting.Kind.TEXT);
        assertThat(AlertChannels.describe("webhook").get(1).prefix()).isEqualTo("headers");
        assertThat(AlertChannels.describe("email")).filteredOn(s -> s.name().equals("security")).singleElement()
                .satisfies(s -> assertThat(s.defaultValue()).isEqualTo("starttls"));
        assertThat(AlertChannels.describe("log")).filteredOn(s -> s.name().equals("logger")).singleElement()
                .satisfies(s -> assertThat(s.defaultValue()).isEqualTo(LogChannel.DEFAULT_LOGGER));
        assertThatThrownBy(() -> AlertChannels.describe("pager")).hasMessageStartingWith("no channel type 'pager'");
        assertThatThrownBy(() -> new ChannelSetting("headers", ChannelSetting.Kind.MAP, "Headers.", null, List.of()))
                .hasMessage("name of a MAP setting must end with .*, was 'headers'");
    }

    /** Every value a setting lists is accepted by the factory, so a documented value never fails startup. */
    @Test
    void everyListedValueOfTheEmailSecurityIsAccepted() {
        for (String value : AlertChannels.describe("email").stream().filter(s -> s.name().equals("security"))
                .findFirst().orElseThrow().values()) {
            assertThat(AlertChannels.fromSettings("", Map.of("email.host", "127.0.0.1", "email.from", "a@example.com",
                    "email.to", "b@example.com", "email.security", value), Map.of())).as(value).hasSize(1);
        }
    }
}
