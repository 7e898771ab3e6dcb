package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.support.SampleNotifications;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Payloads fit each provider's limits, say how much they leave out, and cannot be abused by alert text. */
class ChannelLimitsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A digest of 40 groups × 30 alerts = 1,200 alerts, 100 listed, each with long texts. */
    private static final AlertNotification STORM = SampleNotifications.digest(40, 30, 100);

    private static JsonNode json(ChannelPayload payload) {
        return JSON.readTree(payload.body());
    }

    private static AlertNotification single(Alert alert) {
        return new AlertNotification("n", "/", "/:{}", Map.of(), List.of(new NotifiedAlert(alert, AlertStatus.FIRING,
                SampleNotifications.STARTS, null)), 1, 0, 1, SampleNotifications.CREATED, SampleNotifications.STALE);
    }

    @Test
    void slackDigestsStayWithinBlockAndTextLimitsAndCountTheRest() {
        JsonNode slack = json(SlackChannel.builder().webhookUrl("https://hooks.slack.invalid/x").build().render(STORM));
        JsonNode blocks = slack.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).get("text").get("text").asString()).hasSizeLessThanOrEqualTo(150)
                .isEqualTo("[FIRING:1200] 1200 alerts in 40 groups");
        for (JsonNode block : blocks) {
            if (block.get("type").asString().equals("section")) {
                assertThat(block.get("text").get("text").asString()).hasSizeLessThanOrEqualTo(3000);
            }
        }
        assertThat(blocks.get(blocks.size() - 1).get("elements").get(0).get("text").asString())
                .isEqualTo("1200 alerts, +1190 more");
        assertThat(slack.get("text").asString()).hasSizeLessThanOrEqualTo(3000);
    }

    @Test
    void slackEscapesControlCharactersSoAlertTextCannotMentionOrLink() {
        Alert alert = Alert.builder("Injected").summary("<!channel> see <https://evil.example|here> & more").build();
        String text = json(SlackChannel.builder().webhookUrl("https://hooks.slack.invalid/x").build().render(single(alert)))
                .get("blocks").get(1).get("text").get("text").asString();
        assertThat(text).contains("&lt;!channel&gt;", "&lt;https://evil.example|here&gt;", "&amp; more").doesNotContain("<!channel>");
    }

    @Test
    void discordStaysWithinContentEmbedAndTotalLimits() {
        JsonNode discord = json(DiscordChannel.builder().webhookUrl("https://discord.invalid/api/webhooks/1/x").build().render(STORM));
        assertThat(discord.get("content").asString()).hasSizeLessThanOrEqualTo(2000).contains("+");
        JsonNode embeds = discord.get("embeds");
        assertThat(embeds.size()).isBetween(1, 10);
        int total = 0;
        for (JsonNode embed : embeds) {
            assertThat(embed.get("title").asString()).hasSizeLessThanOrEqualTo(256);
            assertThat(embed.path("description").asString("")).hasSizeLessThanOrEqualTo(4096);
            assertThat(embed.path("fields").size()).isLessThanOrEqualTo(25);
            total += embed.get("title").asString().length() + embed.path("description").asString("").length();
            for (JsonNode field : embed.path("fields")) {
                assertThat(field.get("name").asString()).hasSizeLessThanOrEqualTo(256);
                assertThat(field.get("value").asString()).hasSizeLessThanOrEqualTo(1024);
                total += field.get("name").asString().length() + field.get("value").asString().length();
            }
        }
        assertThat(total).isLessThanOrEqualTo(6000);
        assertThat(discord.get("content").asString()).endsWith("1200 alerts, +" + (1200 - embeds.size()) + " more");
        assertThat(discord.get("allowed_mentions").get("parse").size()).isZero();
    }

    @Test
    void teamsCardsStayUnder28Kilobytes() {
        TeamsChannel teams = TeamsChannel.builder().webhookUrl("https://teams.invalid/workflows/x").maxAlerts(50).build();
        ChannelPayload payload = teams.render(STORM);
        assertThat(payload.body().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(28 * 1024);
        assertThat(payload.body()).contains("1200 alerts, +");
    }

    @Test
    void pagerDutySummariesAreCutTo1024CharactersAndSeveritiesMapped() {
        Alert alert = Alert.builder("Huge").severity(AlertSeverity.MEDIUM).summary("s".repeat(1020)).build();
        PagerDutyChannel pager = PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").build();
        JsonNode event = json(pager.render(single(alert)));
        assertThat(event.get("payload").get("summary").asString()).hasSize(1024).endsWith("…");
        assertThat(event.get("payload").get("severity").asString()).isEqualTo("warning");
        assertThat(PagerDutyChannel.severity(AlertSeverity.CRITICAL)).isEqualTo("critical");
        assertThat(PagerDutyChannel.severity(AlertSeverity.HIGH)).isEqualTo("error");
        assertThat(PagerDutyChannel.severity(AlertSeverity.LOW)).isEqualTo("info");
        assertThat(PagerDutyChannel.severity(AlertSeverity.INFO)).isEqualTo("info");

        JsonNode digest = json(pager.render(STORM));
        assertThat(digest.get("dedup_key").asString()).isEqualTo(PagerDutyChannel.dedupKey("digest:test"));
        assertThat(digest.get("payload").get("custom_details").get("alerts").size()).isEqualTo(20);
        assertThat(digest.get("payload").get("custom_details").get("more").asString()).isEqualTo("1200 alerts, +1180 more");
        assertThat(digest.get("payload").get("custom_details").get("groups").asInt()).isEqualTo(40);
    }

    @Test
    void theWebhookReportsHowManyAlertsItLeftOut() {
        JsonNode webhook = json(WebhookChannel.builder().url("http://127.0.0.1:9/x").build().render(STORM));
        assertThat(webhook.get("alerts").size()).isEqualTo(100);
        assertThat(webhook.get("truncatedAlerts").asInt()).isEqualTo(1100);
    }

    @Test
    void emailEscapesHtmlAndKeepsTheSubjectShortAndOnOneLine() {
        Alert alert = Alert.builder("XssInjected").label("service", "Xss\nInjected")
                .summary("<script>alert(1)</script> \"quoted\"").build();
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", 25).from("alerts@example.com").to("ops@example.com")
                .subjectPrefix("[orders] ").build();
        ChannelPayload payload = email.render(new AlertNotification("n", "/", "/:{}", Map.of("service", "Xss\nInjected"),
                List.of(new NotifiedAlert(alert, AlertStatus.FIRING, SampleNotifications.STARTS, null)), 1, 0, 1,
                SampleNotifications.CREATED, SampleNotifications.STALE));
        assertThat(payload.field("html")).contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot;")
                .doesNotContain("<script>");
        assertThat(payload.field("subject")).startsWith("[orders] [FIRING:1]").doesNotContain("\n");
        ChannelPayload storm = email.render(STORM);
        assertThat(storm.field("subject")).hasSizeLessThanOrEqualTo(200);
        assertThat(storm.body()).contains("1200 alerts, +1150 more");
    }
}
