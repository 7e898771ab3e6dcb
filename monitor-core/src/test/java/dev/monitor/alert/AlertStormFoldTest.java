package dev.monitor.alert;

import static dev.monitor.alert.support.StormCounts.accounted;
import static dev.monitor.alert.support.StormCounts.received;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.TestScrubbers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The storm of issue #18: 100,000 distinct alerts, one group per alert, into a channel that takes 1 s per request.
 * The second is the dispatcher's: the channel's {@code send} moves the test's {@link ManualClock} on by 1 s, and its
 * first request is held by a latch until the whole storm is in, so the storm piles up behind the channel whatever the
 * machine's pace, without the test waiting for anything but conditions (no sleeps, no wall-time assertion; every wait
 * is a 60 s hang guard).
 *
 * <p>It shows: every admitted alert listed or counted ("and K more") in what the channel received, exactly once;
 * fewer than 50 log lines; the {@code AlertsDropped} report delivered, also to a channel no route names; the pending
 * structures bounded by the policy (sampled throughout), never {@code outbox_full}.
 */
class AlertStormFoldTest {

    private static final int FIRES = 100_000;
    private static final int MAX_PENDING = 1_000;
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void aStormOf100000DistinctAlertsIntoAChannelTaking1sPerRequestFoldsIntoDigestsAndLosesNothing() throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
        // the first request is held until the whole storm is in, so it piles up behind the channel whatever the
        // threads' pace; every request takes 1 s on the dispatcher's clock
        CountDownLatch stormIn = new CountDownLatch(1);
        RecordingChannel slow = new RecordingChannel("slow").behaviour(notification -> {
            TestScrubbers.await(stormIn);
            clock.advance(Duration.ofSeconds(1));
            return DeliveryResult.delivered();
        });
        RecordingChannel audit = new RecordingChannel("audit"); // named by no route
        DeliveryPolicy policy = DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).maxPending(MAX_PENDING).build();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger alertLogger = (Logger) LoggerFactory.getLogger("dev.monitor.alert");
        Level level = alertLogger.getLevel();
        alertLogger.setLevel(Level.INFO);
        logs.start();
        alertLogger.addAppender(logs);
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .channel(slow, policy)
                .channel(audit)
                .route(AlertRoute.builder().channels("slow").groupByEachAlert().groupWait(Duration.ZERO)
                        .groupInterval(Duration.ofHours(1)).build())
                .clock(clock)
                .build();
        AtomicLong maxPending = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                maxPending.accumulateAndGet(dispatcher.stats().channel("slow").pending(), Math::max);
                LockSupport.parkNanos(100_000); // a sample every 0.1 ms or so, leaving the cores to the dispatcher
            }
        });
        try {
            sampler.start();
            for (int i = 0; i < FIRES; i++) {
                dispatcher.fire(Alert.builder("Storm").label("instance", "i-" + i).build());
            }
            Await.until(HANG_GUARD, () -> accounted(dispatcher.stats()) == FIRES,
                    () -> "accounted for " + accounted(dispatcher.stats()) + " of " + FIRES + " fires");
            Await.dispatcherRound(dispatcher); // every group flushed to the outbox
            stormIn.countDown();
            AlertStats taken = dispatcher.stats();
            long admitted = taken.fired();
            // what reached the channel adds up: every admitted alert and the AlertsDropped report, each exactly once
            Await.until(HANG_GUARD, () -> received(slow) == admitted + 1 && dispatcher.stats().channel("slow").pending() == 0,
                    () -> "the channel received " + received(slow) + " of " + (admitted + 1) + " alerts, "
                            + dispatcher.stats().channel("slow").pending() + " pending");
            Await.until(HANG_GUARD, () -> received(audit) == 1, () -> "audit received " + received(audit) + " alerts");
            sampling.set(false);
            sampler.join();
            AlertStats stats = dispatcher.stats();
            assertThat(received(slow)).as("listed + 'and K more' over every notification").isEqualTo(admitted + 1);
            assertThat(stats.fired()).isEqualTo(admitted);
            assertThat(stats.dropped("active_limit") + stats.dropped("queue_full"))
                    .as("overflow stays counted").isEqualTo(FIRES - admitted).isPositive();
            assertThat(stats.dropped("outbox_full")).as("an admitted alert is never dropped").isZero();
            assertThat(stats.dropped("expired")).isZero();
            Set<String> listed = new HashSet<>();
            for (AlertNotification notification : slow.delivered()) {
                assertThat(notification.alerts()).hasSizeLessThanOrEqualTo(AlertDispatcher.DEFAULT_MAX_ALERTS_PER_NOTIFICATION);
                for (NotifiedAlert alert : notification.alerts()) {
                    assertThat(listed.add(alert.fingerprint())).as("listed once: %s", alert.alert().labels()).isTrue();
                }
            }
            assertThat(stats.channel("slow").folded()).as("the storm was folded").isPositive();
            // the digest that carried the fold held the channel's full pending limit and more: it lists some, counts the rest
            assertThat(slow.delivered()).as("a digest says how many more there are")
                    .anyMatch(n -> n.isDigest() && n.omittedCount() > 0);
            assertThat(slow.delivered()).as("a storm reaches a slow channel as a few digests").hasSizeLessThanOrEqualTo(3);
            // the most alerts held, one of them perhaps the AlertsDropped report (admitted beyond the limit, not counted)
            assertThat(stats.fired()).as("alerts admitted").isBetween(AlertDispatcher.DEFAULT_MAX_ACTIVE_ALERTS - 1L,
                    (long) AlertDispatcher.DEFAULT_MAX_ACTIVE_ALERTS);

            // AlertsDropped was delivered, listed, to the routed channel and to the one no route names
            for (RecordingChannel channel : List.of(slow, audit)) {
                assertThat(channel.delivered()).flatExtracting(AlertNotification::alerts)
                        .as(channel.name()).anyMatch(a -> a.alert().name().equals("AlertsDropped")
                                && a.alert().summary().contains("alerts dropped to protect the application"));
            }

            // bounded: the channel never held more than its limit twice over (what waits, plus the batch in flight);
            // held alerts stay within maxActiveAlerts
            assertThat(maxPending.get()).as("most notifications the channel ever held").isLessThanOrEqualTo(2L * MAX_PENDING + 2);
            assertThat(stats.activeAlerts()).isLessThanOrEqualTo(AlertDispatcher.DEFAULT_MAX_ACTIVE_ALERTS + 1);

            List<String> lines = lines(logs);
            assertThat(lines).as("log lines of the storm").hasSizeLessThan(50)
                    .anyMatch(line -> line.contains("folded into its next digest"));
        } finally {
            stormIn.countDown();
            sampling.set(false);
            sampler.join();
            dispatcher.close();
            alertLogger.detachAppender(logs);
            alertLogger.setLevel(level);
        }
    }

    @Test
    void aFoldedStormSurvivesARestartInTheOutbox(@TempDir Path state) {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
        RecordingChannel down = new RecordingChannel("chat").behaviour(n -> DeliveryResult.retryable("http_503", "down"));
        DeliveryPolicy policy = DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).maxPending(2).build();
        AlertRoute route = AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofSeconds(10)).build();
        AlertDispatcher first = AlertDispatcher.builder().channel(down, policy).route(route).clock(clock).stateDirectory(state)
                .closeTimeout(Duration.ZERO).build();
        try {
            for (int i = 0; i < 10; i++) {
                first.fire(Alert.builder("Storm").label("instance", "i-" + i).build());
            }
            Await.dispatcherRound(first);
            clock.advance(Duration.ofSeconds(10)); // the ten groups flush together: 2 wait, 8 fold
            Await.dispatcherRound(first);
            Await.until(HANG_GUARD, () -> !down.attempts().isEmpty(), "the digest was attempted");
            assertThat(first.stats().channel("chat").folded()).isEqualTo(8);
            assertThat(down.attempts().get(0).firingCount()).as("the digest counts all ten").isEqualTo(10);
        } finally {
            first.close();
        }

        RecordingChannel up = new RecordingChannel("chat");
        AlertDispatcher second = AlertDispatcher.builder().channel(up, policy).route(route).clock(clock).stateDirectory(state)
                .build();
        try {
            Await.until(HANG_GUARD, () -> received(up) == 10 && second.stats().outboxSize() == 0,
                    () -> "after the restart the channel received " + received(up) + " of 10 alerts");
            assertThat(up.delivered()).flatExtracting(AlertNotification::alerts).extracting(NotifiedAlert::fingerprint)
                    .doesNotHaveDuplicates();
        } finally {
            second.close();
        }
    }

    @Test
    void foldedNotificationsExpireByTheirOwnAgeNotByWhenTheirDigestWasSealed(@TempDir Path state) {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-07T00:00:00Z"));
        RecordingChannel down = new RecordingChannel("chat").behaviour(n -> DeliveryResult.retryable("http_503", "down"));
        // one retry every 55 minutes; anything older than 25 minutes is given up
        DeliveryPolicy policy = DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).maxPending(2)
                .backoff(Duration.ofMinutes(55), 1, Duration.ofMinutes(55)).jitter(0).maxAge(Duration.ofMinutes(25)).build();
        AlertRoute route = AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofSeconds(10)).build();
        AlertDispatcher first = AlertDispatcher.builder().channel(down, policy).route(route).clock(clock).stateDirectory(state)
                .closeTimeout(Duration.ZERO).build();
        try {
            fireTen(first, "early");
            clock.advance(Duration.ofSeconds(10)); // 00:00:10: 2 wait, 8 fold, and the first attempt seals the fold
            Await.dispatcherRound(first);
            Await.until(HANG_GUARD, () -> first.stats().channel("chat").failedAttempts("http_503") == 1, "the first attempt failed");

            clock.advance(Duration.ofMinutes(25));
            fireTen(first, "late");
            clock.advance(Duration.ofSeconds(10)); // 00:25:20: the three waiting entries fill the limit, all ten fold
            Await.dispatcherRound(first);
            assertThat(first.stats().channel("chat").folded()).isEqualTo(18);

            clock.advance(Duration.ofMinutes(30)); // 00:55:20, the retry: everything is older than 25 minutes
            Await.dispatcherRound(first);
            Await.dispatcherRound(first);
            assertThat(first.stats().dropped("expired")).as("every group notification of both storms, folded or not")
                    .isEqualTo(20);
            assertThat(first.stats().outboxSize()).isZero();
            assertThat(down.attempts()).as("an open fold of old news is not sealed and sent as if it were new").hasSize(1);
        } finally {
            first.close();
        }

        RecordingChannel up = new RecordingChannel("chat");
        AlertDispatcher second = AlertDispatcher.builder().channel(up, policy).route(route).clock(clock).stateDirectory(state)
                .build();
        try {
            Await.dispatcherRound(second);
            assertThat(second.stats().outboxSize()).as("the expired records left the journal too").isZero();
        } finally {
            second.close();
        }
    }

    private static void fireTen(AlertDispatcher dispatcher, String storm) {
        for (int i = 0; i < 10; i++) {
            dispatcher.fire(Alert.builder("Storm").label("instance", storm + "-" + i).build());
        }
        Await.dispatcherRound(dispatcher);
    }

    private static List<String> lines(ListAppender<ILoggingEvent> logs) {
        synchronized (logs.list) {
            return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }
}
