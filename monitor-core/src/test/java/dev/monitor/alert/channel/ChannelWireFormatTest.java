package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import dev.monitor.alert.support.SampleNotifications;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact request each HTTP channel sends for a fixed notification (a firing CRITICAL and a resolved
 * HIGH alert of group {@code service=orders}), as received by a real loopback server.
 */
class ChannelWireFormatTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final DeliveryContext CONTEXT = new DeliveryContext("n-1", 1, Duration.ofSeconds(5));

    private final LoopbackHttpServer server = LoopbackHttpServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private Request deliver(AlertChannel channel, AlertNotification notification, int status) {
        server.defaultReply(Reply.status(status));
        DeliveryResult result = channel.send(channel.render(notification), CONTEXT);
        assertThat(result.isDelivered()).as("%s", result).isTrue();
        assertThat(server.requests()).hasSize(1);
        Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        return request;
    }

    private static void assertJson(String actual, String expected) {
        JsonNode actualTree = JSON.readTree(actual);
        JsonNode expectedTree = JSON.readTree(expected);
        assertThat(actualTree).as("actual: %s", actual).isEqualTo(expectedTree);
    }

    @Test
    void slackReceivesBlockKitWithAHeaderASectionPerAlertAndATextFallback() {
        Request request = deliver(SlackChannel.builder().webhookUrl(server.url("/services/T0/B0/secret")).build(),
                SampleNotifications.group(), 200);
        assertThat(request.path()).isEqualTo("/services/T0/B0/secret");
        assertJson(request.body(), """
                {"text":"[FIRING:1] orders",
                 "blocks":[
                  {"type":"header","text":{"type":"plain_text","text":"[FIRING:1] orders","emoji":true}},
                  {"type":"section","text":{"type":"mrkdwn","text":"\uD83D\uDD34 *CRITICAL* *DatabaseDown*: primary database unreachable\\nconnection refused for 2 minutes\\n`instance=db-1, service=orders`"}},
                  {"type":"section","text":{"type":"mrkdwn","text":"\u2705 *RESOLVED* *HighLatency*: p95 above 2 s\\n`service=orders`"}}]}
                """);
    }

    @Test
    void discordReceivesContentAndOneEmbedPerAlertWithMentionsDisabled() {
        Request request = deliver(DiscordChannel.builder().webhookUrl(server.url("/api/webhooks/1/secret")).build(),
                SampleNotifications.group(), 204);
        assertThat(request.path()).isEqualTo("/api/webhooks/1/secret");
        assertJson(request.body(), """
                {"content":"[FIRING:1] orders",
                 "embeds":[
                  {"title":"\uD83D\uDD34 [CRITICAL] DatabaseDown","description":"primary database unreachable\\nconnection refused for 2 minutes",
                   "color":14232363,"timestamp":"2026-02-08T12:00:00Z",
                   "fields":[{"name":"instance","value":"db-1","inline":true},{"name":"service","value":"orders","inline":true}]},
                  {"title":"\u2705 [RESOLVED] HighLatency","description":"p95 above 2 s","color":3061373,
                   "timestamp":"2026-02-08T12:05:00Z","fields":[{"name":"service","value":"orders","inline":true}]}],
                 "allowed_mentions":{"parse":[]}}
                """);
    }

    @Test
    void teamsReceivesAnAdaptiveCardMessage() {
        Request request = deliver(TeamsChannel.builder().webhookUrl(server.url("/workflows/abc/triggers/manual/paths/invoke?sig=secret"))
                .build(), SampleNotifications.resolvedGroup(), 202);
        assertThat(request.path()).isEqualTo("/workflows/abc/triggers/manual/paths/invoke");
        assertThat(request.query()).isEqualTo("sig=secret");
        assertJson(request.body(), """
                {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,
                 "content":{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","type":"AdaptiveCard","version":"1.4",
                  "msteams":{"width":"Full"},
                  "body":[
                   {"type":"TextBlock","text":"[RESOLVED] orders","size":"Large","weight":"Bolder","color":"Good","wrap":true},
                   {"type":"Container","separator":true,"items":[
                     {"type":"TextBlock","text":"\u2705 **[RESOLVED] DatabaseDown**: primary database unreachable","wrap":true},
                     {"type":"FactSet","facts":[{"title":"service","value":"orders"}]}]}]}}]}
                """);
    }

    @Test
    void pagerDutyReceivesATriggerWithTheRoutingKeyAndThenAResolveWithTheSameDedupKey() {
        server.defaultReply(Reply.status(202).body("{\"status\":\"success\",\"message\":\"Event processed\"}"));
        PagerDutyChannel channel = PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef")
                .endpoint(server.url("/v2/enqueue")).build();
        ChannelPayload trigger = channel.render(SampleNotifications.group());
        assertThat(trigger.body()).as("the rendered payload never holds the key").doesNotContain("0123456789abcdef");
        assertThat(channel.send(trigger, CONTEXT).isDelivered()).isTrue();
        assertThat(channel.send(channel.render(SampleNotifications.resolvedGroup()), CONTEXT).isDelivered()).isTrue();

        Request triggerRequest = server.requests().get(0);
        assertThat(triggerRequest.path()).isEqualTo("/v2/enqueue");
        String dedupKey = PagerDutyChannel.dedupKey("/:{service=\"orders\"}");
        assertJson(triggerRequest.body(), """
                {"routing_key":"0123456789abcdef0123456789abcdef","event_action":"trigger","dedup_key":"%s",
                 "payload":{"summary":"[FIRING:1] orders: primary database unreachable","source":"orders","severity":"critical",
                  "timestamp":"2026-02-08T12:06:00Z","component":"orders","group":"/",
                  "custom_details":{"firing":1,"resolved":1,
                   "alerts":["[CRITICAL] DatabaseDown: primary database unreachable (instance=db-1, service=orders)",
                             "[RESOLVED] HighLatency: p95 above 2 s (service=orders)"],
                   "common_labels":{"service":"orders"}}},
                 "client":"monitor"}
                """.formatted(dedupKey));
        assertJson(server.requests().get(1).body(), """
                {"routing_key":"0123456789abcdef0123456789abcdef","event_action":"resolve","dedup_key":"%s"}
                """.formatted(dedupKey));
    }

    @Test
    void theWebhookReceivesAlertmanagerVersion4JsonWithItsHeaders() {
        Request request = deliver(WebhookChannel.builder().url(server.url("/hooks/alerts")).header("Authorization", "Bearer s3cret")
                .build(), SampleNotifications.group(), 200);
        assertThat(request.path()).isEqualTo("/hooks/alerts");
        assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret");
        assertJson(request.body(), """
                {"version":"4","groupKey":"/:{service=\\"orders\\"}","truncatedAlerts":0,"status":"firing","receiver":"/",
                 "groupLabels":{"service":"orders"},"commonLabels":{"service":"orders"},"commonAnnotations":{},"externalURL":"",
                 "alerts":[
                  {"status":"firing","labels":{"alertname":"DatabaseDown","severity":"critical","instance":"db-1","service":"orders"},
                   "annotations":{"summary":"primary database unreachable","description":"connection refused for 2 minutes",
                    "runbook":"https://runbooks.example/db"},
                   "startsAt":"2026-02-08T12:00:00Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"https://orders.example/health",
                   "fingerprint":"%s"},
                  {"status":"resolved","labels":{"alertname":"HighLatency","severity":"high","service":"orders"},
                   "annotations":{"summary":"p95 above 2 s"},"startsAt":"2026-02-08T12:00:00Z","endsAt":"2026-02-08T12:05:00Z",
                   "generatorURL":"","fingerprint":"%s"}]}
                """.formatted(SampleNotifications.group().alerts().get(0).fingerprint(),
                SampleNotifications.group().alerts().get(1).fingerprint()));
    }

    @Test
    void alertmanagerReceivesTheApiV2AlertsArrayWithEndsAtForFiringAndResolvedAlerts() {
        Request request = deliver(AlertmanagerChannel.builder().url(server.url("/")).build(), SampleNotifications.group(), 200);
        assertThat(request.path()).isEqualTo("/api/v2/alerts");
        assertJson(request.body(), """
                [{"labels":{"alertname":"DatabaseDown","severity":"critical","instance":"db-1","service":"orders"},
                  "annotations":{"summary":"primary database unreachable","description":"connection refused for 2 minutes",
                   "runbook":"https://runbooks.example/db"},
                  "startsAt":"2026-02-08T12:00:00Z","endsAt":"2026-02-08T16:16:00Z","generatorURL":"https://orders.example/health"},
                 {"labels":{"alertname":"HighLatency","severity":"high","service":"orders"},"annotations":{"summary":"p95 above 2 s"},
                  "startsAt":"2026-02-08T12:00:00Z","endsAt":"2026-02-08T12:05:00Z","generatorURL":""}]
                """);
    }

    @Test
    void failureDetailsNeverContainTheChannelsSecrets() {
        server.defaultReply(Reply.status(403).body("invalid token for /services/T0/B0/secretpath"));
        SlackChannel slack = SlackChannel.builder().webhookUrl(server.url("/services/T0/B0/secretpath")).build();
        DeliveryResult result = slack.send(slack.render(SampleNotifications.group()), CONTEXT);
        assertThat(result.reason()).isEqualTo("http_403");
        assertThat(result.isRetryable()).isFalse();
        assertThat(result.detail()).contains("[secret]").doesNotContain("secretpath");

        server.defaultReply(Reply.status(400).body("{\"message\":\"routing key 0123456789abcdef0123456789abcdef is invalid\"}"));
        PagerDutyChannel pager = PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef")
                .endpoint(server.url("/v2/enqueue")).build();
        DeliveryResult rejected = pager.send(pager.render(SampleNotifications.group()), CONTEXT);
        assertThat(rejected.detail()).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void redirectsAreNotFollowedSoASecretNeverTravelsElsewhere() {
        server.defaultReply(Reply.status(302).header("Location", "http://127.0.0.1:9/elsewhere"));
        WebhookChannel channel = WebhookChannel.builder().url(server.url("/hook")).build();
        DeliveryResult result = channel.send(channel.render(SampleNotifications.group()), CONTEXT);
        assertThat(result.reason()).isEqualTo("http_302");
        assertThat(result.isRetryable()).isFalse();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void discordsJsonRetryAfterIsHonouredWhenThereIsNoHeader() {
        server.reply(Reply.status(429).body("{\"message\":\"You are being rate limited.\",\"retry_after\":1.5,\"global\":false}"));
        DiscordChannel channel = DiscordChannel.builder().webhookUrl(server.url("/api/webhooks/1/x")).build();
        DeliveryResult result = channel.send(channel.render(SampleNotifications.group()), CONTEXT);
        assertThat(result.isRetryable()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    }
}
