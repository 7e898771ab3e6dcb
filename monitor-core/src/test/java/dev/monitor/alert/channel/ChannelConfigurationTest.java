package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ChannelEndpoints and secrets come from builders or environment variables, validated with messages that never echo a secret. */
class ChannelConfigurationTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void everyProviderWhoseVariableIsSetGetsAChannel() {
        Map<String, String> environment = Map.of(
                "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/abc",
                "ALERT_WEBHOOK_URL", "http://alert-router.internal:8080/alerts",
                "DISCORD_WEBHOOK_URL", "https://discord.com/api/webhooks/1/abc",
                "TEAMS_WEBHOOK_URL", "https://prod.westeurope.logic.azure.com/workflows/1/triggers/manual/paths/invoke?sig=abc",
                "PAGERDUTY_ROUTING_KEY", KEY,
                "ALERTMANAGER_URL", "http://alertmanager:9093",
                "SMTP_HOST", "smtp.example.com",
                "SMTP_FROM", "alerts@example.com",
                "ALERT_EMAIL_TO", "ops@example.com, oncall@example.com");
        assertThat(AlertChannels.fromEnvironment(environment)).extracting(AlertChannel::name)
                .containsExactly("webhook", "slack", "discord", "teams", "pagerduty", "alertmanager", "email");
        assertThat(AlertChannels.fromEnvironment(Map.of("SLACK_WEBHOOK_URL", " "))).isEmpty();
    }

    @Test
    void secretUrlsMustUseHttpsExceptOnLoopbackAndAreNeverEchoed() {
        assertThatThrownBy(() -> SlackChannel.builder().fromEnvironment(Map.of("SLACK_WEBHOOK_URL",
                "http://hooks.slack.com/services/T0/B0/topsecret")).build())
                .hasMessage("SLACK_WEBHOOK_URL must use https because it carries a secret (http is only allowed for loopback "
                        + "hosts), was http for host hooks.slack.com");
        assertThatThrownBy(() -> DiscordChannel.builder().webhookUrl("https://discord.com/api/webhooks/1/top secret").build())
                .hasMessageStartingWith("webhookUrl is not a valid URL: Illegal character in path at index")
                .hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> TeamsChannel.builder().webhookUrl("ftp://x/topsecret").build())
                .hasMessage("webhookUrl must be an http or https URL, was scheme 'ftp'");
        assertThatThrownBy(() -> SlackChannel.builder().fromEnvironment(Map.of()).build())
                .hasMessage("SLACK_WEBHOOK_URL is not set; set it to the webhook URL");
        assertThat(SlackChannel.builder().webhookUrl("http://127.0.0.1:8080/hook").build().name()).isEqualTo("slack");
        assertThat(SlackChannel.builder().webhookUrl("http://[::1]:8080/hook").build().name()).isEqualTo("slack");
    }

    @Test
    void pagerDutyKeysAreCheckedWithoutBeingShown() {
        assertThatThrownBy(() -> PagerDutyChannel.builder().fromEnvironment(Map.of("PAGERDUTY_ROUTING_KEY", "short-secret")).build())
                .hasMessage("PAGERDUTY_ROUTING_KEY must be the 32-character integration key (letters and digits) of a PagerDuty "
                        + "Events API v2 integration, was a value of 12 characters");
        assertThatThrownBy(() -> PagerDutyChannel.builder().build())
                .hasMessage("routingKey is not set; set it to the 32-character integration key of a PagerDuty Events API v2 "
                        + "integration");
        assertThatThrownBy(() -> PagerDutyChannel.builder().routingKey(KEY).endpoint("http://events.pagerduty.com/v2/enqueue").build())
                .hasMessageContaining("endpoint must use https");
    }

    @Test
    void smtpSettingsNameTheVariableThatIsWrong() {
        assertThatThrownBy(() -> EmailChannel.builder().fromEnvironment(Map.of("SMTP_HOST", "smtp.example.com")))
                .hasMessage("SMTP_FROM is not set; set it to the sender address");
        assertThatThrownBy(() -> EmailChannel.builder().fromEnvironment(Map.of("SMTP_HOST", "h", "SMTP_PORT", "smtp")))
                .hasMessage("SMTP_PORT must be a port number, was 'smtp'");
        assertThatThrownBy(() -> EmailChannel.builder().fromEnvironment(Map.of("SMTP_HOST", "h", "SMTP_SECURITY", "maybe")))
                .hasMessage("SMTP_SECURITY must be one of starttls, starttls-optional, smtps, none, was 'maybe'");
        assertThatThrownBy(() -> EmailChannel.builder().fromEnvironment(Map.of("SMTP_HOST", "h", "SMTP_USERNAME", "u",
                "SMTP_FROM", "a@example.com", "ALERT_EMAIL_TO", "b@example.com")))
                .hasMessage("SMTP_PASSWORD is not set but SMTP_USERNAME is; set both or neither");
        assertThatThrownBy(() -> EmailChannel.builder().server("h", 25).from("not an address").to("b@example.com").build())
                .hasMessageStartingWith("from is not a valid e-mail address");
    }

    @Test
    void channelNamesAndPolicyValuesAreValidated() {
        assertThatThrownBy(() -> LogChannel.builder().name("a:b"))
                .hasMessageStartingWith("channel name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-'")
                .hasMessageContaining("was 'a:b'");
        assertThatThrownBy(() -> DeliveryPolicy.builder().jitter(2)).hasMessage("jitter must be between 0 and 1, was 2.0");
        assertThatThrownBy(() -> DeliveryPolicy.builder().backoff(java.time.Duration.ofSeconds(2), 2,
                java.time.Duration.ofSeconds(1))).hasMessage("max backoff must be at least the initial backoff (PT2S), was PT1S");
        assertThatThrownBy(() -> DeliveryResult.retryable("", "x")).hasMessageContaining("reason must be a short code");
        assertThatThrownBy(() -> WebhookChannel.builder().header("X-Token", "a\nb"))
                .hasMessage("value of header 'X-Token' must not contain line breaks");
    }
}
