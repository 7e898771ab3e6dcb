package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.support.SampleNotifications;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every channel renders the runbook link, the response target, the escalation level and who acknowledged
 * ({@link SampleNotifications#escalated()}: a CRITICAL at level 2 with a runbook and a 15-minute target, and a
 * HIGH acknowledged by alice), and never turns a runbook annotation that is not an http(s) URL into a link.
 */
class EscalationRenderingTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final AlertNotification ESCALATED = SampleNotifications.escalated();
    private static final String ACKNOWLEDGED = "Acknowledged by alice at 2026-02-08T12:03:00Z: on it";

    private static JsonNode json(AlertChannel channel, AlertNotification notification) {
        return JSON.readTree(channel.render(notification).body());
    }

    @Test
    void slackShowsTheRunbookAsALinkTheTargetTheLevelAndWhoAcknowledged() {
        JsonNode blocks = json(SlackChannel.builder().webhookUrl("https://hooks.slack.com/services/T/B/x").build(), ESCALATED)
                .get("blocks");
        assertThat(blocks.get(1).at("/text/text").asString()).isEqualTo("\uD83D\uDD34 *CRITICAL* *DatabaseDown*: primary database "
                + "unreachable\n`service=orders`\n<https://runbooks.example/db|Runbook> \u00b7 Response target: 15m \u00b7 Escalation level 2");
        assertThat(blocks.get(2).at("/text/text").asString()).isEqualTo("\uD83D\uDC40 *HIGH* *HighLatency*: p95 above 2 s\n"
                + "`service=orders`\n<https://runbooks.example/latency?team=a&amp;b=c|Runbook>\n:eyes: " + ACKNOWLEDGED);
    }

    @Test
    void discordLinksTheTitleToTheRunbookAndAddsFields() {
        JsonNode embeds = json(DiscordChannel.builder().webhookUrl("https://discord.com/api/webhooks/1/x").build(), ESCALATED)
                .get("embeds");
        assertThat(embeds.get(0).get("url").asString()).isEqualTo("https://runbooks.example/db");
        assertThat(fields(embeds.get(0))).containsExactly(
                Map.entry("Runbook", "[Open runbook](https://runbooks.example/db)"), Map.entry("Response target", "15m"),
                Map.entry("Escalation level", "2"), Map.entry("service", "orders"));
        assertThat(fields(embeds.get(1))).contains(Map.entry("Acknowledged", ACKNOWLEDGED));
        assertThat(embeds.get(1).get("title").asString()).isEqualTo("\uD83D\uDC40 [HIGH] HighLatency");
    }

    private static List<Map.Entry<String, String>> fields(JsonNode embed) {
        return embed.get("fields").valueStream().map(f -> Map.entry(f.get("name").asString(), f.get("value").asString())).toList();
    }

    @Test
    void teamsAddsARunbookLinkAndFacts() {
        JsonNode body = json(TeamsChannel.builder().webhookUrl("https://example.webhook.office.com/x?sig=s").build(), ESCALATED)
                .at("/attachments/0/content/body");
        JsonNode first = body.get(1).get("items");
        assertThat(first.get(1).get("text").asString()).isEqualTo("[Runbook](https://runbooks.example/db)");
        assertThat(facts(first.get(2))).containsExactly(Map.entry("Response target", "15m"), Map.entry("Escalation level", "2"),
                Map.entry("service", "orders"));
        JsonNode second = body.get(2).get("items");
        assertThat(facts(second.get(2))).containsExactly(Map.entry("Acknowledged", "by alice at 2026-02-08T12:03:00Z: on it"),
                Map.entry("service", "orders"));
    }

    private static List<Map.Entry<String, String>> facts(JsonNode factSet) {
        return factSet.get("facts").valueStream().map(f -> Map.entry(f.get("title").asString(), f.get("value").asString())).toList();
    }

    @Test
    void pagerDutyGetsRunbookLinksAndDetailsThenAnAcknowledgeEventOnceEveryAlertIsAcknowledged() {
        PagerDutyChannel pager = PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").build();
        JsonNode trigger = json(pager, ESCALATED);
        assertThat(trigger.get("event_action").asString()).as("one of two alerts is acknowledged").isEqualTo("trigger");
        assertThat(trigger.get("links").toString()).isEqualTo("[{\"href\":\"https://runbooks.example/db\",\"text\":\"Runbook 1\"},"
                + "{\"href\":\"https://runbooks.example/latency?team=a&b=c\",\"text\":\"Runbook 2\"}]");
        JsonNode details = trigger.at("/payload/custom_details");
        assertThat(details.get("response_target").asString()).isEqualTo("15m");
        assertThat(details.get("escalation_level").asInt()).isEqualTo(2);
        assertThat(details.get("acknowledged").toString()).isEqualTo("[\"HighLatency: " + ACKNOWLEDGED + "\"]");

        ChannelPayload acknowledge = pager.render(SampleNotifications.acknowledged());
        assertThat(acknowledge.body()).isEqualTo("{\"event_action\":\"acknowledge\",\"dedup_key\":\""
                + PagerDutyChannel.dedupKey("/:{service=\"orders\"}") + "\"}");
        assertThat(acknowledge.field("event_action")).isEqualTo("acknowledge");
    }

    @Test
    void theWebhookAndAlertmanagerCarryEverythingAsAnnotations() {
        JsonNode webhook = json(WebhookChannel.builder().url("https://hooks.example/alerts").build(), ESCALATED);
        JsonNode alertmanager = json(AlertmanagerChannel.builder().url("https://alertmanager.example").build(), ESCALATED);
        for (JsonNode alerts : List.of(webhook.get("alerts"), alertmanager)) {
            assertThat(alerts.get(0).get("annotations").toString()).isEqualTo("{\"summary\":\"primary database unreachable\","
                    + "\"response_target\":\"15m\",\"runbook_url\":\"https://runbooks.example/db\",\"escalation_level\":\"2\"}");
            assertThat(alerts.get(1).get("annotations").toString()).isEqualTo("{\"summary\":\"p95 above 2 s\","
                    + "\"runbook_url\":\"https://runbooks.example/latency?team=a&b=c\",\"acknowledged_by\":\"alice\","
                    + "\"acknowledged_at\":\"2026-02-08T12:03:00Z\",\"acknowledgement_comment\":\"on it\",\"escalation_level\":\"1\"}");
        }
    }

    @Test
    void eMailShowsThemInTextAndHtml() {
        ChannelPayload mail = EmailChannel.builder().server("127.0.0.1", 2525).from("alerts@example.com").to("ops@example.com")
                .build().render(ESCALATED);
        assertThat(mail.body()).isEqualTo(PLAIN);
        assertThat(mail.field("html"))
                .contains("<br><a href=\"https://runbooks.example/db\">Runbook</a><br>Response target: 15m<br>Escalation level 2<br>")
                .contains("<a href=\"https://runbooks.example/latency?team=a&amp;b=c\">Runbook</a><br><b>" + ACKNOWLEDGED + "</b>");
    }

    private static final String PLAIN = """
            [FIRING:2] orders
            - [CRITICAL] DatabaseDown: primary database unreachable (service=orders)
              Runbook: https://runbooks.example/db
              Response target: 15m
              Escalation level: 2
            - [HIGH] HighLatency: p95 above 2 s (service=orders)
              Runbook: https://runbooks.example/latency?team=a&b=c
              Acknowledged by alice at 2026-02-08T12:03:00Z: on it
            """;

    @Test
    void theLogChannelShowsThemAsLinesAndTheTitleSaysAcknowledgedWhenEveryAlertIs() {
        LogChannel log = LogChannel.create();
        assertThat(log.render(ESCALATED).body()).isEqualTo(PLAIN);
        assertThat(log.render(SampleNotifications.acknowledged()).body()).isEqualTo("""
                [ACKNOWLEDGED:1] orders
                - [CRITICAL] DatabaseDown: primary database unreachable (service=orders)
                  Runbook: https://runbooks.example/db
                  Acknowledged by alice at 2026-02-08T12:03:00Z
                """);
    }

    @Test
    void aTextMessageShowsThemCompactly() {
        ChannelPayload sms = SmsChannel.builder().accountSid("AC0123").authToken("token").from("+15005550006").build().render(ESCALATED);
        assertThat(sms.body()).isEqualTo("""
                [FIRING:2] orders
                [CRITICAL] DatabaseDown: primary database unreachable (service=orders)
                Runbook: https://runbooks.example/db
                Response target: 15m
                Escalation level: 2
                [HIGH] HighLatency: p95 above 2 s (service=orders)
                Runbook: https://runbooks.example/latency?team=a&b=c
                """ + ACKNOWLEDGED);
    }

    @Test
    void aRunbookAnnotationThatIsNotAnHttpUrlIsNeverALink() {
        Alert alert = Alert.builder("Odd").severity(AlertSeverity.HIGH).annotation(Alert.RUNBOOK_URL_ANNOTATION, "javascript:alert(1)")
                .build();
        AlertNotification notification = new AlertNotification("n", "/", "/:{}", Map.of(), List.of(new NotifiedAlert(alert,
                AlertStatus.FIRING, SampleNotifications.STARTS, null)), 1, 0, 1, SampleNotifications.CREATED, SampleNotifications.STALE);
        assertThat(SlackChannel.builder().webhookUrl("https://hooks.slack.com/x").build().render(notification).body())
                .doesNotContain("javascript");
        assertThat(DiscordChannel.builder().webhookUrl("https://discord.com/x").build().render(notification).body())
                .doesNotContain("javascript");
        assertThat(TeamsChannel.builder().webhookUrl("https://teams.example/x").build().render(notification).body())
                .doesNotContain("javascript");
        assertThat(EmailChannel.builder().server("127.0.0.1", 2525).from("a@example.com").to("b@example.com").build()
                .render(notification).field("html")).doesNotContain("javascript");
        assertThat(PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").build().render(notification).body())
                .doesNotContain("javascript");
    }
}
