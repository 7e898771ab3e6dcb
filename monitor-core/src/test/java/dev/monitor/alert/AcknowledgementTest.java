package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.pii.Scrubber;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Acknowledging through the API: who and when, shown everywhere, sent to PagerDuty, names kept out of sight. */
class AcknowledgementTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only
    private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    private static AlertRoute quick() {
        return AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofMillis(100)).build();
    }

    private static List<JsonNode> events(LoopbackHttpServer server) {
        return server.requests().stream().map(r -> JSON.readTree(r.body().getBytes(StandardCharsets.UTF_8))).toList();
    }

    @Test
    void pagerDutyOnTheRouteGetsTriggerThenAcknowledgeThenResolveForOneIncident() {
        LoopbackHttpServer server = track(LoopbackHttpServer.start().defaultReply(Reply.status(202)));
        AlertDispatcher dispatcher = track(AlertDispatcher.builder()
                .channel(PagerDutyChannel.builder().routingKey(ROUTING_KEY).endpoint(server.url("/v2/enqueue")).build())
                .route(quick()).build());
        Alert alert = Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", "orders").build();
        AlertHandle handle = dispatcher.fire(alert);
        server.awaitRequests(1, WAIT);

        assertThat(handle.acknowledge("alice")).isTrue();
        server.awaitRequests(2, WAIT);
        handle.resolve();
        server.awaitRequests(3, WAIT);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        List<JsonNode> events = events(server);
        assertThat(events).extracting(e -> e.get("event_action").asString()).containsExactly("trigger", "acknowledge", "resolve");
        assertThat(events).extracting(e -> e.get("dedup_key").asString()).containsOnly(events.get(0).get("dedup_key").asString());
        assertThat(events.get(1).toString()).isEqualTo("{\"routing_key\":\"" + ROUTING_KEY + "\",\"event_action\":\"acknowledge\","
                + "\"dedup_key\":\"" + events.get(0).get("dedup_key").asString() + "\"}");
    }

    @Test
    void pagerDutyAsAnEscalationTargetGetsAnAcknowledgeForTheIncidentItWasPagedFor() {
        LoopbackHttpServer server = track(LoopbackHttpServer.start().defaultReply(Reply.status(202)));
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat)
                .channel(PagerDutyChannel.builder().routingKey(ROUTING_KEY).endpoint(server.url("/v2/enqueue")).build())
                .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO).build())
                .escalation(EscalationConfig.builder().policy(AlertSeverity.CRITICAL, EscalationPolicy.builder("page")
                        .level(Duration.ZERO, EscalationTarget.route(), EscalationTarget.channel("pagerduty")).noRepeat().build()).build())
                .build());
        Alert alert = Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", "orders").build();
        dispatcher.fire(alert);
        server.awaitRequests(1, WAIT);
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice", "on it")).isTrue();
        server.awaitRequests(2, WAIT);
        Await.until(WAIT, () -> chat.delivered().size() == 2, "the chat shows the acknowledgement");

        List<JsonNode> events = events(server);
        assertThat(events).extracting(e -> e.get("event_action").asString()).containsExactly("trigger", "acknowledge");
        assertThat(events.get(1).get("dedup_key").asString()).isEqualTo(events.get(0).get("dedup_key").asString())
                .isEqualTo(PagerDutyChannel.dedupKey("escalation:" + alert.fingerprint()));
        assertThat(chat.delivered().get(1).alerts().get(0).acknowledgement().by()).isEqualTo("alice");
    }

    @Test
    void anAlertAcknowledgedRightAfterItWasFiredIsFoundEvenBeforeTheDispatcherTookIt() {
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).route(quick()).build());
        for (int i = 0; i < 200; i++) {
            AlertHandle handle = dispatcher.fire(Alert.builder("Check" + i).label("service", "orders").build());
            assertThat(handle.acknowledge("alice")).as("acknowledge right after fire %d", i).isTrue();
        }
        assertThat(dispatcher.incidents()).hasSize(200).allMatch(AlertIncident::isAcknowledged);
    }

    @Test
    void acknowledgingAGroupAcknowledgesEveryFiringAlertOfIt() {
        // the group wait ends when the test moves the clock, not when a slow firing thread lets it
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).clock(clock)
                .route(AlertRoute.builder().groupBy("service").groupWait(Duration.ofMillis(100)).groupInterval(Duration.ofHours(1)).build())
                .build());
        for (int i = 0; i < 3; i++) {
            dispatcher.fire(Alert.builder("Check" + i).label("service", "orders").build());
        }
        dispatcher.fire(Alert.builder("Check0").label("service", "billing").build());
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        clock.advance(Duration.ofMillis(100));
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> chat.delivered().size() == 2, "two groups notified");
        assertThat(chat.delivered()).extracting(AlertNotification::firingCount).containsExactlyInAnyOrder(3, 1);
        String groupKey = chat.delivered().stream().filter(n -> n.groupLabels().get("service").equals("orders")).findFirst()
                .orElseThrow().groupKey();

        assertThat(dispatcher.acknowledgeGroup(groupKey, "alice", "")).isEqualTo(3);
        Await.until(WAIT, () -> chat.delivered().size() == 3, "the group's acknowledgement notified");
        AlertNotification acknowledged = chat.delivered().get(2);
        assertThat(acknowledged.isAcknowledged()).isTrue();
        assertThat(acknowledged.acknowledgedCount()).isEqualTo(3);
        assertThat(acknowledged.alerts()).allMatch(NotifiedAlert::isAcknowledged);
        assertThat(dispatcher.acknowledgeGroup(groupKey, "bob", "")).as("already acknowledged").isZero();
        assertThat(dispatcher.acknowledgeGroup("/:{service=\"nowhere\"}", "bob", "")).isZero();
        assertThat(dispatcher.incidents()).filteredOn(i -> i.alert().labels().get("service").equals("billing"))
                .singleElement().satisfies(i -> assertThat(i.acknowledgement()).isNull());
    }

    @Test
    void theAcknowledgersNameAndCommentPassTheScrubberByDefault() {
        RecordingChannel chat = new RecordingChannel("chat");
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).route(quick()).listener(events::add).build());
        Alert alert = Alert.builder("ApiDown").build();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "notified");
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice.smith@example.com", "call me on +49 151 12345678")).isTrue();
        Await.until(WAIT, () -> chat.delivered().size() == 2, "acknowledgement notified");

        AlertAcknowledgement shown = chat.delivered().get(1).alerts().get(0).acknowledgement();
        assertThat(shown.by()).isEqualTo("a***@example.com");
        assertThat(shown.comment()).doesNotContain("12345678");
        AlertIncident incident = dispatcher.incident(alert.fingerprint()).orElseThrow();
        assertThat(incident.acknowledgement()).isEqualTo(shown);
        assertThat(String.valueOf(incident)).doesNotContain("alice.smith").doesNotContain("12345678");
        assertThat(events).filteredOn(e -> e.type() == AlertEvent.Type.ACKNOWLEDGED).extracting(AlertEvent::reason)
                .containsExactly("a***@example.com");
    }

    @Test
    void aKeyedPseudonymCanReplaceTheNameEverywhere() {
        RecordingChannel chat = new RecordingChannel("chat");
        Scrubber pseudonyms = Scrubber.builder().hmacKey("0123456789abcdef-team-key".getBytes(StandardCharsets.UTF_8)).build();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).route(quick())
                .personNames(pseudonyms::pseudonymize).build());
        Alert alert = Alert.builder("ApiDown").build();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "notified");
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice")).isTrue();
        Await.until(WAIT, () -> chat.delivered().size() == 2, "acknowledgement notified");
        String by = chat.delivered().get(1).alerts().get(0).acknowledgement().by();
        assertThat(by).isEqualTo(pseudonyms.pseudonymize("alice")).hasSize(32).doesNotContain("alice");
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().timeline())
                .filteredOn(e -> e.type() == AlertTimelineEntry.Type.ACKNOWLEDGED).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo(by));
    }

    @Test
    void anAlertWhoseLabelsWereScrubbedIsAcknowledgedByTheFingerprintItsNotificationShows() {
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).route(quick()).build());
        Alert alert = Alert.builder("LoginFailures").label("user", "bob@example.com").build();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "notified");
        String shownFingerprint = chat.delivered().get(0).alerts().get(0).fingerprint();
        assertThat(shownFingerprint).isNotEqualTo(alert.fingerprint());
        assertThat(dispatcher.acknowledge(shownFingerprint, "alice")).isTrue();
        assertThat(dispatcher.incident(shownFingerprint)).isPresent();
        assertThat(dispatcher.incident(alert.fingerprint())).as("the fired fingerprint finds it too").isPresent();
        assertThat(dispatcher.incident(shownFingerprint).orElseThrow().fingerprint()).isEqualTo(shownFingerprint);
    }

    @Test
    void badArgumentsAreRefusedAndUnknownOrClosedAcknowledgeNothing() {
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).route(quick()).build();
        Alert alert = Alert.builder("ApiDown").build();
        dispatcher.fire(alert);
        assertThatThrownBy(() -> dispatcher.acknowledge(alert.fingerprint(), " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("by must name who acknowledges in 1 to 256 characters, was blank");
        assertThatThrownBy(() -> dispatcher.acknowledge(alert.fingerprint(), "x".repeat(257)))
                .hasMessage("by must name who acknowledges in 1 to 256 characters, was 257 characters");
        assertThatThrownBy(() -> dispatcher.acknowledge(alert.fingerprint(), "alice", "c".repeat(1025)))
                .hasMessage("comment must be at most 1024 characters, was 1025");
        assertThatThrownBy(() -> dispatcher.acknowledge(null, "alice")).isInstanceOf(NullPointerException.class);
        assertThat(dispatcher.acknowledge("0000000000000000", "alice")).isFalse();
        dispatcher.close();
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice")).isFalse();
        assertThat(dispatcher.acknowledgeGroup("/:{}", "alice", "")).isZero();
    }

    @Test
    void incidentsAreReadWithoutWaitingForABusyDispatcherThread() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(chat).route(quick()).listener(event -> {
            // listeners run on the dispatcher thread: this one holds it until the test is done
            if (event.type() == AlertEvent.Type.FIRED && event.alert() != null && event.alert().name().equals("Other")) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build());
        Alert first = Alert.builder("ApiDown").build();
        dispatcher.fire(first);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "notified");
        dispatcher.fire(Alert.builder("Other").build());
        assertThat(stuck.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).as("the dispatcher is busy")
                .isTrue();
        try {
            // reads that waited for the dispatcher thread would wait until the release: the bound is a hang guard
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(WAIT, () -> {
                assertThat(dispatcher.incidents()).extracting(i -> i.alert().name()).contains("ApiDown");
                assertThat(dispatcher.incident(first.fingerprint())).isPresent();
            });
        } finally {
            release.countDown();
        }
    }
}
