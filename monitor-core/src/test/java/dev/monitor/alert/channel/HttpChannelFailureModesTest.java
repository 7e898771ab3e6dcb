package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertChannelStats;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP channel, end to end (fire → dispatcher → channel → a real loopback server), against the
 * failure modes of its provider: 500 then success, 429 with {@code Retry-After: 2}, 400, a timeout, and
 * a server that accepts and never answers. An attempt has 30 s to get its answer on loopback, so a busy
 * machine never turns an answer into a timeout; the tests about waiting (Retry-After, a timed-out attempt)
 * run the dispatcher on a {@link ManualClock}, and its per-attempt deadline is what times a hung attempt out.
 */
class HttpChannelFailureModesTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only
    /** Longer than any answer on loopback takes, however busy the machine. */
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);
    /** The dispatcher gives up on an attempt this long after it started (its timeout and a grace second). */
    private static final Duration ATTEMPT_DEADLINE = ATTEMPT_TIMEOUT.plusSeconds(1);

    record Case(String name, int okStatus, String path, Function<LoopbackHttpServer, AlertChannel> factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> channels() {
        return Stream.of(
                new Case("slack", 200, "/services/T0/B0/secret",
                        s -> SlackChannel.builder().webhookUrl(s.url("/services/T0/B0/secret")).build()),
                new Case("discord", 204, "/api/webhooks/1/secret",
                        s -> DiscordChannel.builder().webhookUrl(s.url("/api/webhooks/1/secret")).build()),
                new Case("teams", 202, "/workflows/run",
                        s -> TeamsChannel.builder().webhookUrl(s.url("/workflows/run?sig=secret")).build()),
                new Case("pagerduty", 202, "/v2/enqueue",
                        s -> PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef")
                                .endpoint(s.url("/v2/enqueue")).build()),
                new Case("webhook", 200, "/alerts",
                        s -> WebhookChannel.builder().url(s.url("/alerts")).build()),
                new Case("alertmanager", 200, "/api/v2/alerts",
                        s -> AlertmanagerChannel.builder().url(s.url("")).build()));
    }

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private LoopbackHttpServer server;
    private AlertDispatcher dispatcher;

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private AlertDispatcher dispatcher(Case channelCase, AlertChannel... others) {
        return dispatcher(channelCase, Clock.systemUTC(), others);
    }

    private AlertDispatcher dispatcher(Case channelCase, Clock clock, AlertChannel... others) {
        AlertChannel channel = channelCase.factory().apply(server);
        // a generous rate limit so retries are not also waiting for permits; rate limits have their own tests;
        // two threads, so that an attempt abandoned at its deadline does not hold up the retry
        DeliveryPolicy policy = DeliveryPolicy.from(channel.defaultPolicy()).rateLimit(100, Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(50), 2, Duration.ofMillis(400)).jitter(0).attemptTimeout(ATTEMPT_TIMEOUT)
                .concurrency(2).build();
        AlertDispatcher.Builder builder = AlertDispatcher.builder().channel(channel, policy).clock(clock)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).groupInterval(Duration.ofHours(1)).build())
                .closeTimeout(Duration.ZERO);
        for (AlertChannel other : others) {
            builder.channel(other);
        }
        return builder.build();
    }

    private static Alert alert(String service) {
        return Alert.builder("ServiceDown").severity(AlertSeverity.CRITICAL).label("service", service)
                .summary(service + " is down").build();
    }

    /** Moves the clock on and lets the dispatcher run everything due by then. */
    private void step(ManualClock clock, Duration duration) {
        clock.advance(duration);
        Await.dispatcherRound(dispatcher);
    }

    private AlertChannelStats stats(Case channelCase) {
        return dispatcher.stats().channel(channelCase.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void aServerErrorIsRetriedAndThenDelivered(Case channelCase) {
        server = LoopbackHttpServer.start().reply(Reply.status(500).body("internal error"))
                .defaultReply(Reply.status(channelCase.okStatus()));
        dispatcher = dispatcher(channelCase);
        dispatcher.fire(alert("orders"));

        Await.until(WAIT, () -> stats(channelCase).delivered() == 1, "delivered after the retry");
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(Request::path).containsOnly(channelCase.path());
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
        assertThat(stats(channelCase).failedAttempts("http_500")).isEqualTo(1);
        assertThat(stats(channelCase).failed()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void tooManyRequestsWithRetryAfterTwoSecondsWaitsAtLeastTwoSecondsThenDelivers(Case channelCase) {
        server = LoopbackHttpServer.start().reply(Reply.status(429).header("Retry-After", "2").body("rate limited"))
                .defaultReply(Reply.status(channelCase.okStatus()));
        ManualClock clock = new ManualClock(T0);
        dispatcher = dispatcher(channelCase, clock);
        dispatcher.fire(alert("orders"));
        Await.until(WAIT, () -> stats(channelCase).failedAttempts("http_429") == 1, "the 429");

        step(clock, Duration.ofMillis(1999));
        assertThat(server.requests()).as("the retry honours Retry-After: 2, not the 50 ms backoff").hasSize(1);
        step(clock, Duration.ofMillis(1));
        Await.until(WAIT, () -> stats(channelCase).delivered() == 1, "delivered after Retry-After");
        assertThat(server.requests()).hasSize(2);
        assertThat(stats(channelCase).failedAttempts("http_429")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void aBadRequestIsNotRetriedAndIsCounted(Case channelCase) {
        server = LoopbackHttpServer.start().defaultReply(Reply.status(400).body("invalid_payload"));
        dispatcher = dispatcher(channelCase);
        dispatcher.fire(alert("orders"));

        Await.until(WAIT, () -> stats(channelCase).failed() == 1, "counted as failed");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(dispatcher.stats().outboxSize()).as("nothing left to retry").isZero();
        assertThat(server.requests()).hasSize(1);
        assertThat(stats(channelCase).failedAttempts("http_400")).isEqualTo(1);
        assertThat(stats(channelCase).delivered()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void aTimedOutAttemptIsRetried(Case channelCase) {
        server = LoopbackHttpServer.start().reply(Reply.never()).defaultReply(Reply.status(channelCase.okStatus()));
        ManualClock clock = new ManualClock(T0);
        dispatcher = dispatcher(channelCase, clock);
        dispatcher.fire(alert("orders"));
        server.awaitRequests(1, WAIT);

        step(clock, ATTEMPT_DEADLINE.minusMillis(1));
        assertThat(stats(channelCase).failedAttempts("timeout")).as("not before its deadline").isZero();
        step(clock, Duration.ofMillis(1));
        Await.until(WAIT, () -> stats(channelCase).failedAttempts("timeout") == 1, "abandoned at its deadline");
        step(clock, Duration.ofMillis(50)); // the backoff
        Await.until(WAIT, () -> stats(channelCase).delivered() == 1, "delivered after the timeout");
        assertThat(stats(channelCase).failedAttempts("timeout")).isEqualTo(1);
        assertThat(server.requests()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void aServerThatAcceptsAndNeverAnswersNeverHoldsTheCallerNorOtherChannels(Case channelCase) {
        server = LoopbackHttpServer.start().defaultReply(Reply.never());
        RecordingChannel healthy = new RecordingChannel("healthy");
        ManualClock clock = new ManualClock(T0);
        dispatcher = dispatcher(channelCase, clock, healthy);
        dispatcher.fire(alert("first"));
        server.awaitRequests(1, WAIT); // the channel now hangs, until the server closes after the test

        // a fire() that waited for the channel would wait for that: the bound is a hang guard, not a speed limit
        assertTimeoutPreemptively(WAIT, () -> {
            for (int i = 0; i < 1000; i++) {
                dispatcher.fire(alert("service-" + i));
            }
        }, "fire() must return at once while the channel hangs");

        Await.advancingUntil(clock, dispatcher, Duration.ofMillis(100), 100,
                () -> dispatcher.stats().channel("healthy").alertsDelivered() == 1001,
                () -> "the other channel is not delayed: " + dispatcher.stats().channel("healthy"));
        clock.advance(ATTEMPT_DEADLINE);
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> stats(channelCase).failedAttempts("timeout") >= 1, "the hung attempt timed out");
        assertThat(dispatcher.stats().fired()).isEqualTo(1001);
        assertThat(stats(channelCase).delivered()).isZero();
    }
}
