package com.example.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The custom channel of docs/alerts.md, written on the public {@code HttpAlertChannel} base outside core's packages,
 * delivers through a real dispatcher to a loopback receiver and inherits the base's classification and secrecy.
 */
class ChatOpsChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only

    private final LoopbackHttpServer server = LoopbackHttpServer.start();
    private AlertDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        server.close();
    }

    @Test
    void theDocumentedChannelDeliversItsJsonToTheReceiver() {
        dispatcher = AlertDispatcher.builder()
                .channel(new ChatOpsChannel.Builder().fromEnvironment(Map.of("CHATOPS_WEBHOOK_URL", server.url("/hooks/secret-path")))
                        .build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                .build();
        dispatcher.fire(Alert.builder("ServiceDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("orders answers 503 for jane@example.com").build());

        Request request = server.awaitRequests(1, WAIT).get(0);
        assertThat(request.path()).isEqualTo("/hooks/secret-path");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).startsWith("{\"title\":\"[FIRING:1] ServiceDown orders\",\"text\":\"")
                .contains("[CRITICAL] ServiceDown: orders answers 503 for j***@example.com (service=orders)")
                .doesNotContain("jane@example.com");
        Await.until(WAIT, () -> dispatcher.stats().channel("chatops").delivered() == 1, "counted as delivered");
    }

    @Test
    void itInheritsRetryAfterClassificationSecrecyAndTheDeliverySettings() {
        server.reply(Reply.status(429).header("Retry-After", "7").body("slow down, " + server.url("/hooks/secret-path")));
        ChatOpsChannel channel = new ChatOpsChannel.Builder().url(server.url("/hooks/secret-path")).fallbackChannel("log")
                .build();
        DeliveryResult result = channel.send(ChannelPayload.json("{}"), new DeliveryContext("n-1", 1, WAIT));
        assertThat(result.isRetryable()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(result.detail()).doesNotContain("secret-path");
        assertThat(channel.toString()).isEqualTo("ChatOpsChannel{chatops, host=127.0.0.1}");
        assertThat(channel.defaultPolicy().ratePermits()).isEqualTo(1);
        assertThat(channel.defaultPolicy().fallbackChannel()).isEqualTo("log");
        assertThatThrownBy(() -> new ChatOpsChannel.Builder().fromEnvironment(Map.of()).build())
                .hasMessage("CHATOPS_WEBHOOK_URL is not set; set it to the webhook URL");
    }

    @Test
    void theDeliverySettingsOfItsBuilderAreWhatTheDispatcherApplies() {
        server.defaultReply(Reply.status(503).body("unavailable"));
        RecordingChannel backup = new RecordingChannel("backup");
        dispatcher = AlertDispatcher.builder()
                .channel(new ChatOpsChannel.Builder().url(server.url("/hooks/secret-path"))
                        .retries(1, Duration.ofMinutes(1), 2, Duration.ofMinutes(5)).fallbackChannel("backup").build())
                .channel(backup)
                .route(AlertRoute.builder().channels("chatops").groupWait(Duration.ZERO).build())
                .build();
        dispatcher.fire(Alert.builder("ServiceDown").severity(AlertSeverity.CRITICAL).summary("orders is down").build());

        Await.until(WAIT, () -> !backup.delivered().isEmpty(), "the hand-over to the fallback after one attempt");
        assertThat(backup.delivered().get(0).alerts().get(0).alert().name()).isEqualTo("ServiceDown");
        assertThat(dispatcher.stats().channel("chatops").failedAttempts("http_503")).isPositive();
    }

    @Test
    void docsAlertsShowsThisVeryClass() throws IOException {
        String source = Files.readString(Path.of("src/test/java/com/example/alerts/ChatOpsChannel.java"));
        String channel = source.substring(source.indexOf("public final class ChatOpsChannel"));
        assertThat(Files.readString(Path.of("../docs/alerts.md"))).as("the snippet of 'Writing a channel'").contains(channel);
    }
}
