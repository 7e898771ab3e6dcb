package dev.monitor.alert;

import static dev.monitor.alert.support.StormCounts.accounted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.TestScrubbers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * 100,000 fires in a burst from four threads while the dispatcher thread is stalled (a slow scrubber):
 * the callers never wait, memory stays bounded (a bounded queue whose overflow is counted and reported,
 * a bounded number of alerts, digests instead of one message per group), each channel receives digests
 * within its rate limit, and every fire is accounted for.
 *
 * <p>Before the burst the test thread fires one alert twice: the dispatcher takes the first fire and stalls in the
 * scrubber on it, the second waits in the queue. So the dispatcher holds that alert when it reaches the second fire,
 * which is certainly a repeat, whatever the burst threads' interleaving (which alone decided, before, whether any of
 * the 500 held alerts came back among the 8,192 queued fires), and it takes nothing during the burst, so exactly
 * {@code QUEUE - 1} burst fires find room.
 */
class AlertStormTest {

    private static final int FIRES = 100_000;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 1_000; // distinct alerts each thread cycles through
    private static final int SERVICES = 200;
    private static final int QUEUE = 8192;
    private static final int MAX_ACTIVE = 500;
    private static final int FIRES_BEFORE = 2; // one alert, twice, from the test thread

    @Test
    void aBurstOf100000FiresStaysBoundedReachesChannelsAsDigestsWithinTheirRateLimitsAndAddsUp() throws Exception {
        RecordingChannel chat = new RecordingChannel("chat");
        RecordingChannel pager = new RecordingChannel("pager");
        CountDownLatch burstDone = new CountDownLatch(1);
        CountDownLatch stalled = new CountDownLatch(1);
        AlertDispatcher dispatcher = AlertDispatcher.builder()
                .channel(chat, DeliveryPolicy.builder().rateLimit(1, Duration.ofSeconds(1)).build())
                .channel(pager, DeliveryPolicy.builder().rateLimit(2, Duration.ofSeconds(1)).build())
                .route(AlertRoute.builder().groupBy("service").groupWait(Duration.ofSeconds(2)).groupInterval(Duration.ofHours(1))
                        .build())
                .queueCapacity(QUEUE)
                .maxActiveAlerts(MAX_ACTIVE)
                // a slow scrubber stalls the dispatcher thread for the whole burst: the worst case
                .scrubber(TestScrubbers.calling(() -> {
                    stalled.countDown();
                    TestScrubbers.await(burstDone);
                }))
                .build();
        try {
            Alert[][] alerts = new Alert[THREADS][PER_THREAD];
            for (int t = 0; t < THREADS; t++) {
                for (int j = 0; j < PER_THREAD; j++) {
                    alerts[t][j] = Alert.builder("Check" + t).severity(j % 10 == 0 ? AlertSeverity.CRITICAL : AlertSeverity.MEDIUM)
                            .label("service", "svc-" + (j % SERVICES)).label("instance", "i-" + j).build();
                }
            }
            AtomicLong maxQueueDepth = new AtomicLong();
            AtomicBoolean bursting = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (bursting.get()) {
                    maxQueueDepth.accumulateAndGet(dispatcher.stats().queueDepth(), Math::max);
                    Thread.onSpinWait();
                }
            });
            sampler.start();

            // the first fire is taken (the dispatcher stalls scrubbing it), the second waits: a repeat of a held alert
            dispatcher.fire(alerts[0][0]);
            assertThat(stalled.await(10, TimeUnit.SECONDS)).as("the dispatcher took the first fire").isTrue();
            dispatcher.fire(alerts[0][0]);
            assertThat(dispatcher.stats().queueDepth()).isEqualTo(1);

            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> burst(dispatcher, alerts),
                    "100,000 fires must never wait for the dispatcher");
            long burstMillis = (System.nanoTime() - started) / 1_000_000;
            burstDone.countDown();
            bursting.set(false);
            sampler.join();

            // every fire is counted exactly once: the counts reach the number of fires, and never pass it
            Await.until(Duration.ofSeconds(20), () -> accounted(dispatcher.stats()) >= FIRES + FIRES_BEFORE,
                    () -> "accounted for " + accounted(dispatcher.stats()) + " of " + (FIRES + FIRES_BEFORE) + " fires");
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
            AlertStats stats = dispatcher.stats();
            assertThat(stats.queueDepth()).isZero();
            assertThat(accounted(stats))
                    .as("fired %d + deduplicated %d + queue_full %d + active_limit %d", stats.fired(), stats.deduplicated(),
                            stats.dropped("queue_full"), stats.dropped("active_limit"))
                    .isEqualTo(FIRES + FIRES_BEFORE);
            // bounded: the queue never held more than its capacity, the alerts never more than their maximum
            // the queue held the second early fire and QUEUE - 1 burst fires; the stalled dispatcher took none: the
            // rest overflowed
            assertThat(stats.dropped("queue_full")).isEqualTo((long) FIRES - (QUEUE - 1));
            assertThat(stats.dropped("active_limit")).as("more distinct alerts than the dispatcher holds").isPositive();
            assertThat(stats.deduplicated()).as("repeats of held alerts (at least the second early fire)").isPositive();
            assertThat(maxQueueDepth.get()).isLessThanOrEqualTo(QUEUE);
            assertThat(stats.activeAlerts()).isLessThanOrEqualTo(MAX_ACTIVE + 1); // + the AlertsDropped report
            assertThat(stats.fired()).isLessThanOrEqualTo(MAX_ACTIVE);

            // every group is notified once (group wait 2 s, burst took burstMillis), as digests
            Await.until(Duration.ofSeconds(20), () -> firing(chat) == stats.fired() + 1 && firing(pager) == stats.fired() + 1,
                    () -> "channels received chat=" + firing(chat) + " pager=" + firing(pager) + " of " + (stats.fired() + 1)
                            + " alerts (burst took " + burstMillis + " ms)");
            assertThat(dispatcher.awaitIdle(Duration.ofSeconds(10))).isTrue();
            for (RecordingChannel channel : List.of(chat, pager)) {
                List<AlertNotification> delivered = channel.delivered();
                assertThat(delivered).as("%s: a storm of %d groups arrives as a few digests", channel.name(), SERVICES)
                        .hasSizeLessThanOrEqualTo(8).anyMatch(AlertNotification::isDigest);
                for (AlertNotification notification : delivered) {
                    assertThat(notification.alerts()).hasSizeLessThanOrEqualTo(AlertDispatcher.DEFAULT_MAX_ALERTS_PER_NOTIFICATION);
                }
                AlertNotification digest = delivered.stream().filter(AlertNotification::isDigest).findFirst().orElseThrow();
                assertThat(digest.omittedCount()).as("the digest says how many more there are").isPositive();
            }
            assertWithinRate(chat.deliveredNanos(), 1, Duration.ofSeconds(1));
            assertWithinRate(pager.deliveredNanos(), 2, Duration.ofSeconds(1));

            // the overflow is summarized, never silent
            assertThat(chat.delivered()).flatExtracting(AlertNotification::alerts)
                    .anyMatch(a -> a.alert().name().equals("AlertsDropped")
                            && a.alert().summary().contains("alerts dropped to protect the application"));
            assertThat(dispatcher.stats().channel("chat").alertsDelivered()).isEqualTo(stats.fired() + 1);
        } finally {
            dispatcher.close();
        }
    }

    private static long firing(RecordingChannel channel) {
        long total = 0;
        for (AlertNotification notification : channel.delivered()) {
            total += notification.firingCount();
        }
        return total;
    }

    private static void burst(AlertDispatcher dispatcher, Alert[][] alerts) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int j = 0; j < FIRES / THREADS; j++) {
                    dispatcher.fire(alerts[offset][j % PER_THREAD]);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** No more than {@code permits} deliveries in any period-long window, allowing one refill boundary inside it. */
    private static void assertWithinRate(List<Long> nanos, int permits, Duration period) {
        for (int i = 0; i < nanos.size(); i++) {
            int inWindow = 0;
            for (int j = i; j < nanos.size() && nanos.get(j) - nanos.get(i) < period.toNanos(); j++) {
                inWindow++;
            }
            assertThat(inWindow).as("deliveries within %s from delivery %d", period, i).isLessThanOrEqualTo(2 * permits);
        }
        if (nanos.size() > 1) {
            long span = nanos.get(nanos.size() - 1) - nanos.get(0);
            assertThat(nanos.size()).isLessThanOrEqualTo((int) (permits * (span / period.toNanos() + 2)));
        }
    }
}
