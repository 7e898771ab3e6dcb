package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import dev.monitor.alert.support.OutboxChild;
import dev.monitor.alert.support.RecordingChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undelivered notifications survive a crash (a killed process) and a shutdown, and are sent after the restart. */
class OutboxRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only

    @TempDir
    Path stateDirectory;

    @Test
    void notificationsQueuedWhileTheChannelIsDownAreDeliveredAfterTheKilledProcessRestarts() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start().defaultReply(Reply.status(503))) {
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OutboxChild.class.getName(), stateDirectory.toString(),
                    server.url("/alerts"))
                    .redirectErrorStream(true).start();
            try {
                BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                // a hang guard: a child stuck before READY would otherwise hold the build forever
                assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
                    String line;
                    while ((line = output.readLine()) != null && !line.equals("READY")) {
                        seen.append(line).append('\n');
                    }
                    assertThat(line).as("the child reached READY; its output:\n%s", seen).isEqualTo("READY");
                }, () -> "the child did not reach READY; its output:\n" + seen);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no final sync
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            int attemptsWhileDown = server.requests().size();
            assertThat(attemptsWhileDown).isPositive();

            server.defaultReply(Reply.status(200));
            try (AlertDispatcher restarted = AlertDispatcher.builder()
                    .channel(WebhookChannel.builder().url(server.url("/alerts")).build())
                    .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofMillis(100)).build())
                    .stateDirectory(stateDirectory)
                    .build()) {
                Await.until(WAIT, () -> restarted.stats().channel("webhook").delivered() == 3,
                        () -> "delivered after restart: " + restarted.stats().channel("webhook"));
                assertThat(restarted.awaitIdle(WAIT)).isTrue();
                List<Request> afterRestart = server.requests().subList(attemptsWhileDown, server.requests().size());
                assertThat(afterRestart).hasSize(3);
                assertThat(afterRestart).extracting(Request::body)
                        .anyMatch(body -> body.contains("\"status\":\"resolved\"") && body.contains("ResolvedBeforeCrash"))
                        .anyMatch(body -> body.contains("FiringAtCrash") && body.contains("\"service\":\"orders\""))
                        .anyMatch(body -> body.contains("FiringAtCrash") && body.contains("\"service\":\"billing\""));
                assertThat(restarted.stats().outboxSize()).isZero();
                // the firing alerts came back as already notified: no duplicate notification
                assertThat(restarted.stats().activeAlerts()).isEqualTo(2);
                assertThat(restarted.recentAlerts()).extracting(e -> e.alert().name()).containsOnly("FiringAtCrash");
            }
        }
    }

    @Test
    void closeLeavesWhatItCouldNotDeliverInTheOutboxForTheNextStart() {
        RecordingChannel down = new RecordingChannel("chat")
                .behaviour(n -> dev.monitor.alert.channel.DeliveryResult.retryable("http_503", "down"));
        AlertDispatcher first = AlertDispatcher.builder().channel(down)
                .route(AlertRoute.builder().groupWait(Duration.ofHours(1)).build())
                .stateDirectory(stateDirectory).closeTimeout(Duration.ofMillis(200)).build();
        first.fire(Alert.builder("Down").label("service", "orders").build());
        String silence = first.silence(Silence.builder().match(AlertMatcher.equal("service", "search"))
                .endsAt(Instant.now().plus(Duration.ofHours(1))).build());
        assertThatThrownBy(() -> AlertDispatcher.builder().channel(new RecordingChannel("chat")).stateDirectory(stateDirectory)
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("already open");
        first.close(); // notifies the waiting group at once; the channel is down, so it stays in the outbox
        // (whether close found time to try the down channel within its 200 ms is up to the machine, and does not
        // matter: the notification, made at close despite the hour-long group wait, is kept either way)
        assertThat(first.stats().outboxSize()).isEqualTo(1);

        RecordingChannel up = new RecordingChannel("chat");
        try (AlertDispatcher second = AlertDispatcher.builder().channel(up).route(AlertRoute.builder().groupWait(Duration.ofHours(1)).build())
                .stateDirectory(stateDirectory).build()) {
            Await.until(WAIT, () -> up.delivered().size() == 1, "delivered from the outbox");
            assertThat(up.delivered().get(0).alerts().get(0).alert().name()).isEqualTo("Down");
            assertThat(second.silences()).containsOnlyKeys(silence);
            second.fire(Alert.builder("Down").label("service", "search").build());
            assertThat(second.preview(Alert.builder("Down").label("service", "search").build()).suppressedBy())
                    .isEqualTo("silence:" + silence);
        }
    }

    @Test
    void aNotificationForAChannelThatNoLongerExistsIsDroppedAndCounted() {
        RecordingChannel down = new RecordingChannel("old")
                .behaviour(n -> dev.monitor.alert.channel.DeliveryResult.retryable("http_503", "down"));
        AlertDispatcher first = AlertDispatcher.builder().channel(down, DeliveryPolicy.from(down.defaultPolicy()).build())
                .route(AlertRoute.builder().groupWait(Duration.ZERO).build()).stateDirectory(stateDirectory)
                .closeTimeout(Duration.ofMillis(100)).build();
        first.fire(Alert.builder("Down").build());
        Await.until(WAIT, () -> !down.attempts().isEmpty(), "attempted");
        first.close();
        try (AlertDispatcher second = AlertDispatcher.builder().channel(new RecordingChannel("new"))
                .stateDirectory(stateDirectory).build()) {
            assertThat(second.stats().dropped("unknown_channel")).isEqualTo(1);
            assertThat(second.stats().outboxSize()).isZero();
        }
    }
}
