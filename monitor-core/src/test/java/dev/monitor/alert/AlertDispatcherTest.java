package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.alert.channel.SlackChannel;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.TestScrubbers;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class AlertDispatcherTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Where the manual clocks start: Monday 2026-03-02 10:00 UTC. */
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void closeAll() {
        dispatchers.forEach(AlertDispatcher::close);
    }

    private AlertDispatcher track(AlertDispatcher dispatcher) {
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private static AlertRoute quickRoute() {
        return AlertRoute.builder().groupWait(Duration.ofMillis(200)).groupInterval(Duration.ofHours(1))
                .repeatInterval(Duration.ofHours(4)).build();
    }

    private static Alert alert(String name, String service) {
        return Alert.builder(name).severity(AlertSeverity.HIGH).label("service", service).summary(name + " on " + service).build();
    }

    @Test
    void tenThousandFiresOfOneFingerprintWithinTheGroupWindowGiveOneNotification() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).route(quickRoute()).build());
        for (int i = 0; i < 10_000; i++) {
            dispatcher.fire(alert("HighErrorRate", "orders"));
        }
        Await.until(WAIT, () -> channel.delivered().size() == 1, "one notification");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        AlertStats stats = dispatcher.stats();
        assertThat(stats.fired()).isEqualTo(1);
        assertThat(stats.deduplicated()).isEqualTo(9_999);
        assertThat(stats.droppedTotal()).isZero();
        assertThat(channel.delivered()).hasSize(1);
        assertThat(channel.delivered().get(0).firingCount()).isEqualTo(1);
        assertThat(dispatcher.recentAlerts().get(0).fireCount()).isEqualTo(10_000);
    }

    @Test
    void fiftyAlertsWithTheSameGroupLabelsGiveOneGroupedNotification() {
        ManualClock clock = new ManualClock(T0); // the group wait ends when the test says, not when the firing thread is slow
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).clock(clock)
                .route(AlertRoute.builder().groupBy("service").groupWait(Duration.ofMillis(300)).groupInterval(Duration.ofHours(1)).build())
                .build());
        for (int i = 0; i < 50; i++) {
            dispatcher.fire(Alert.builder("Check" + i).label("service", "orders").build());
        }
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(channel.attempts()).as("nothing before the group wait").isEmpty();
        clock.advance(Duration.ofMillis(300));
        Await.until(WAIT, () -> !channel.delivered().isEmpty(), "a notification");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(channel.delivered()).hasSize(1);
        AlertNotification notification = channel.delivered().get(0);
        assertThat(notification.firingCount()).isEqualTo(50);
        assertThat(notification.groupLabels()).containsExactly(java.util.Map.entry("service", "orders"));
        assertThat(notification.alerts()).extracting(a -> a.alert().name()).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void resolvingAFiredAlertSendsAResolvedNotification() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel)
                .route(AlertRoute.builder().groupWait(Duration.ofMillis(50)).groupInterval(Duration.ofMillis(200)).build()).build());
        AlertHandle handle = dispatcher.fire(alert("Down", "orders"));
        Await.until(WAIT, () -> channel.delivered().size() == 1, "firing notification");
        handle.resolve();
        Await.until(WAIT, () -> channel.delivered().size() == 2, "resolved notification");
        AlertNotification resolved = channel.delivered().get(1);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.alerts().get(0).endsAt()).isNotNull();
        assertThat(dispatcher.stats().resolved()).isEqualTo(1);
        assertThat(dispatcher.recentAlerts().get(0).status()).isEqualTo(AlertStatus.RESOLVED);
        Await.until(WAIT, () -> dispatcher.stats().activeAlerts() == 0, "alert retired");
    }

    @Test
    void aSilenceSuppressesMatchingAlertsAndNothingElse() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofMillis(50)).build()).build());
        String id = dispatcher.silence(Silence.builder().match(AlertMatcher.equal("service", "search"))
                .endsAt(Instant.now().plus(Duration.ofHours(1))).comment("reindexing").build());
        assertThat(dispatcher.silences()).containsOnlyKeys(id);
        dispatcher.fire(alert("Down", "search"));
        dispatcher.fire(alert("Down", "orders"));
        Await.until(WAIT, () -> channel.delivered().size() == 1, "the unsilenced alert");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        assertThat(channel.delivered()).extracting(n -> n.alerts().get(0).alert().labels().get("service"))
                .containsExactly("orders");
        assertThat(dispatcher.stats().suppressed()).isEqualTo(1);
        AlertHistoryEntry search = dispatcher.recentAlerts().stream()
                .filter(e -> e.alert().labels().get("service").equals("search")).findFirst().orElseThrow();
        assertThat(search.suppressedBy()).isEqualTo("silence:" + id);
        assertThat(dispatcher.expireSilence(id)).isTrue();
        assertThat(dispatcher.silences()).isEmpty();
    }

    @Test
    void aMaintenanceWindowSuppressesMatchingAlertsAndNothingElse() {
        // a clock that runs, starting on a Sunday at 02:30 in Berlin
        Instant sunday = ZonedDateTime.of(2026, 3, 8, 2, 30, 0, 0, ZoneId.of("Europe/Berlin")).toInstant();
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), sunday));
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).clock(clock)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofMillis(50)).build())
                .maintenanceWindow(MaintenanceWindow.builder("db-maintenance").days(DayOfWeek.SUNDAY)
                        .between(LocalTime.of(2, 0), LocalTime.of(4, 0)).zone(ZoneId.of("Europe/Berlin"))
                        .match(AlertMatcher.equal("service", "database")).build())
                .build());
        dispatcher.fire(alert("Down", "database"));
        dispatcher.fire(alert("Down", "orders"));
        Await.until(WAIT, () -> channel.delivered().size() == 1, "the alert outside the window");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(channel.delivered()).extracting(n -> n.alerts().get(0).alert().labels().get("service"))
                .containsExactly("orders");
        assertThat(dispatcher.recentAlerts()).filteredOn(e -> e.alert().labels().get("service").equals("database"))
                .extracting(AlertHistoryEntry::suppressedBy).containsExactly("maintenance:db-maintenance");
        assertThat(dispatcher.preview(alert("Down", "database")).suppressedBy()).isEqualTo("maintenance:db-maintenance");
    }

    @Test
    void aCriticalServiceDownInhibitsHighAlertsOfTheSameService() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofMillis(100)).build())
                .inhibit(InhibitRule.builder()
                        .source(AlertMatcher.name("ServiceDown"), AlertMatcher.severity(AlertSeverity.CRITICAL))
                        .target(AlertMatcher.severity(AlertSeverity.HIGH)).equal("service").build())
                .build());
        dispatcher.fire(Alert.builder("ServiceDown").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        dispatcher.fire(alert("HighLatency", "orders"));
        dispatcher.fire(alert("HighLatency", "billing"));
        Await.until(WAIT, () -> channel.delivered().size() == 2, "two notifications");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(channel.delivered()).extracting(n -> n.alerts().get(0).alert().name() + "/"
                + n.alerts().get(0).alert().labels().get("service"))
                .containsExactlyInAnyOrder("ServiceDown/orders", "HighLatency/billing");
    }

    @Test
    void everyOutgoingTextPassesTheScrubberOnTheDispatcherThread() {
        Set<String> scrubberThreads = ConcurrentHashMap.newKeySet();
        RecordingChannel channel = new RecordingChannel("chat")
                .behaviour(n -> DeliveryResult.permanent("http_400", "rejected payload for alice@example.com"));
        RecordingChannel good = new RecordingChannel("good");
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).channel(good).route(quickRoute())
                    .listener(events::add)
                    .scrubber(Scrubber.builder().disable(PiiKind.EMAIL).detector(PiiKind.of("mail"), (text, matches) -> {
                        scrubberThreads.add(Thread.currentThread().getName());
                        TestScrubbers.literally("alice@example.com").detect(text, matches);
                    }).build())
                    .build());
            Alert alert = Alert.builder("LoginFailures").label("user", "alice@example.com")
                    .summary("failures for alice@example.com").description("alice@example.com tried 12 times")
                    .annotation("last_ip_owner", "alice@example.com").source("auth for alice@example.com").build();
            AlertPreview preview = dispatcher.preview(alert);
            dispatcher.fire(alert);
            Await.until(WAIT, () -> good.delivered().size() == 1 && dispatcher.stats().channel("chat").failed() == 1,
                    "delivered to one channel, rejected by the other");
            assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

            String delivered = good.delivered().toString();
            assertThat(delivered).doesNotContain("alice@example.com").contains("[mail]");
            assertThat(preview.toString()).doesNotContain("alice@example.com");
            assertThat(dispatcher.recentAlerts().toString()).doesNotContain("alice@example.com");
            assertThat(events.toString()).doesNotContain("alice@example.com");
            assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(m -> m.contains("http_400") && m.contains("[mail]"))
                    .noneMatch(m -> m.contains("alice@example.com"));
            assertThat(scrubberThreads).isNotEmpty().doesNotContain(Thread.currentThread().getName());
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void aScrubberThatThrowsFailsClosed() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).route(quickRoute())
                .scrubber(Scrubber.builder().detector(PiiKind.of("broken"), (text, matches) -> {
                    throw new IllegalStateException("broken scrubber");
                }).build()).build());
        dispatcher.fire(Alert.builder("Leak").summary("card 4111 1111 1111 1111").label("service", "orders").build());
        Await.until(WAIT, () -> channel.delivered().size() == 1, "a notification");
        String text = channel.delivered().toString();
        assertThat(text).doesNotContain("4111").doesNotContain("orders").contains("[scrub_error]");
    }

    @Test
    void listenersSeeEveryKindOfEventAndTheHistoryIsBounded() {
        RecordingChannel channel = new RecordingChannel("chat");
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).historySize(3)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofMillis(20)).groupInterval(Duration.ofMillis(100))
                        .build())
                .listener(events::add)
                .listener(event -> {
                    throw new IllegalStateException("a broken listener is ignored");
                })
                .build());
        dispatcher.silence(Silence.builder().match(AlertMatcher.equal("service", "muted")).endsAt(Instant.now().plusSeconds(600))
                .build());
        AlertHandle handle = dispatcher.fire(alert("A", "orders"));
        dispatcher.fire(alert("A", "orders"));
        dispatcher.fire(alert("B", "muted"));
        Await.until(WAIT, () -> channel.delivered().size() == 1, "notified");
        handle.resolve();
        Await.until(WAIT, () -> channel.delivered().size() == 2, "resolved");
        for (int i = 0; i < 5; i++) {
            dispatcher.fire(alert("C" + i, "orders"));
        }
        Await.until(WAIT, () -> dispatcher.stats().fired() == 7, "all fired");

        assertThat(events).extracting(AlertEvent::type).contains(AlertEvent.Type.FIRED, AlertEvent.Type.DEDUPLICATED,
                AlertEvent.Type.SUPPRESSED, AlertEvent.Type.NOTIFIED, AlertEvent.Type.RESOLVED);
        AlertEvent notified = events.stream().filter(e -> e.type() == AlertEvent.Type.NOTIFIED).findFirst().orElseThrow();
        assertThat(notified.channel()).isEqualTo("chat");
        assertThat(notified.notificationId()).isNotBlank();
        assertThat(dispatcher.recentAlerts()).hasSize(3).extracting(e -> e.alert().name()).containsExactly("C4", "C3", "C2");
        assertThat(dispatcher.activeAlerts()).hasSize(3);
    }

    @Test
    void failedDeliveriesAreEventsAndCountedByReason() {
        RecordingChannel channel = new RecordingChannel("chat");
        int[] calls = {0};
        channel.behaviour(n -> ++calls[0] == 1 ? DeliveryResult.retryable("http_503", "busy") : DeliveryResult.delivered());
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).route(quickRoute()).listener(events::add)
                .meterRegistry(meters).build());
        dispatcher.fire(alert("Down", "orders"));
        Await.until(WAIT, () -> dispatcher.stats().channel("chat").delivered() == 1, "delivered after a retry");
        // the delivery is counted before its outbox entry is removed: wait until the dispatcher is done with it
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        assertThat(channel.delivered()).hasSize(1);
        assertThat(dispatcher.stats().channel("chat").failedAttempts("http_503")).isEqualTo(1);
        assertThat(dispatcher.stats().channel("chat").delivered()).isEqualTo(1);
        assertThat(events).filteredOn(e -> e.type() == AlertEvent.Type.DELIVERY_FAILED).extracting(AlertEvent::reason)
                .containsExactly("http_503");

        assertThat(meters.get("monitor.alerts.fired").functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("monitor.alerts.notifications").tags("channel", "chat", "outcome", "delivered")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("monitor.alerts.notifications").tags("channel", "chat", "outcome", "failed", "reason", "http_503")
                .functionCounter().count()).isEqualTo(1);
        assertThat(meters.get("monitor.alerts.dropped").tags("reason", "queue_full").functionCounter().count()).isZero();
        assertThat(meters.get("monitor.alerts.queue.depth").gauge().value()).isZero();
        assertThat(meters.get("monitor.alerts.outbox.size").gauge().value()).isZero();
    }

    @Test
    void aChannelThatKeepsFailingHandsOverToItsFallbackAndRaisesAMetaAlertElsewhere() {
        // on a manual clock: the broken channel's later retries (whose failures would open its circuit) cannot
        // happen while the test is still looking at the hand-over, however slow the test thread is
        ManualClock clock = new ManualClock(T0);
        RecordingChannel broken = new RecordingChannel("pager")
                .behaviour(n -> DeliveryResult.retryable("http_502", "bad gateway"));
        RecordingChannel fallback = new RecordingChannel("chat");
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().clock(clock).listener(events::add)
                .channel(broken, DeliveryPolicy.from(broken.defaultPolicy()).maxAttempts(3).jitter(0).fallbackChannel("chat")
                        .build())
                .channel(fallback)
                .route(AlertRoute.builder().groupWait(Duration.ofMillis(50)).groupInterval(Duration.ofMillis(100)).channels("pager")
                        .route(AlertRoute.builder().match(AlertMatcher.name("AlertNotifierFailing")).channels("pager", "chat").build())
                        .build())
                .build());
        dispatcher.fire(Alert.builder("Down").severity(AlertSeverity.CRITICAL).label("service", "orders").build());
        Await.dispatcherRound(dispatcher); // fired at T0
        // the group wait (50 ms), then three attempts 20 and 40 ms apart
        step(clock, dispatcher, Duration.ofMillis(50));
        awaitFailedAttempts(dispatcher, "pager", "http_502", 1);
        step(clock, dispatcher, Duration.ofMillis(20));
        awaitFailedAttempts(dispatcher, "pager", "http_502", 2);
        step(clock, dispatcher, Duration.ofMillis(40));
        awaitFailedAttempts(dispatcher, "pager", "http_502", 3);
        // the round is used up: the notification goes to the fallback at once, the meta-alert after its group wait
        Await.until(WAIT, () -> !fallback.delivered().isEmpty(), "the hand-over to the fallback");
        step(clock, dispatcher, Duration.ofMillis(50));
        Await.until(WAIT, () -> fallback.delivered().size() >= 2, () -> "the meta-alert on the other channel: "
                + fallback.attempts());
        assertThat(broken.attempts()).as("its next try is 200 ms after the third, and the clock is not there yet")
                .hasSize(3);

        assertThat(fallback.delivered()).extracting(n -> n.alerts().get(0).alert().name())
                .contains("Down", "AlertNotifierFailing");
        AlertNotification meta = fallback.delivered().stream()
                .filter(n -> n.alerts().get(0).alert().name().equals("AlertNotifierFailing")).findFirst().orElseThrow();
        assertThat(meta.alerts().get(0).alert().labels()).containsEntry("channel", "pager");
        assertThat(broken.attempts()).as("the failing channel is not asked to report its own failure")
                .allMatch(n -> n.alerts().stream().noneMatch(a -> a.alert().name().equals("AlertNotifierFailing")));
        assertThat(dispatcher.stats().channel("pager").fallbacks()).isEqualTo(1);
        assertThat(dispatcher.stats().channel("pager").failedAttempts("http_502")).isEqualTo(3);

        broken.behaviour(n -> DeliveryResult.delivered());
        // two waits, because the pager's next try runs on its own thread: had one wait run out of clock steps
        // while that try was still on its way, the resolved meta-alert's group interval would never come.
        // At most 5 s of the clock each: an attempt in flight is never abandoned (its deadline is 11 s after its start)
        Await.advancingUntil(clock, dispatcher, Duration.ofMillis(100), 50,
                () -> events.stream().anyMatch(e -> e.type() == AlertEvent.Type.RESOLVED
                        && e.alert().name().equals("AlertNotifierFailing")),
                () -> "the pager delivers again and the dispatcher resolves its meta-alert: " + broken.attempts());
        Await.advancingUntil(clock, dispatcher, Duration.ofMillis(100), 50,
                () -> fallback.delivered().stream().anyMatch(n -> n.status() == AlertStatus.RESOLVED
                        && n.alerts().get(0).alert().name().equals("AlertNotifierFailing")),
                () -> "meta-alert resolved after recovery: " + fallback.attempts());
        assertThat(broken.delivered()).extracting(n -> n.alerts().get(0).alert().name()).contains("Down");
    }

    @Test
    void anOpenCircuitStopsAttemptsUntilItsTrialCall() {
        ManualClock clock = new ManualClock(T0); // the circuit's open state ends by the dispatcher's clock
        List<Instant> attemptTimes = new CopyOnWriteArrayList<>();
        RecordingChannel broken = new RecordingChannel("pager").behaviour(n -> {
            attemptTimes.add(clock.instant());
            return DeliveryResult.retryable("http_503", "down");
        });
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().clock(clock)
                .channel(broken, DeliveryPolicy.from(broken.defaultPolicy()).maxAttempts(100)
                        .backoff(Duration.ofMillis(10), 1, Duration.ofMillis(10)).jitter(0)
                        .circuitBreaker(50, 3, 3, Duration.ofMillis(600)).build())
                .channel(new RecordingChannel("chat"))
                .route(AlertRoute.builder().groupWait(Duration.ZERO).channels("pager")
                        .route(AlertRoute.builder().match(AlertMatcher.name("AlertNotifierFailing")).channels("chat").build()).build())
                .listener(events::add)
                .closeTimeout(Duration.ofMillis(100))
                .build());
        dispatcher.fire(alert("Down", "orders"));
        // three quick failures, 10 ms apart, open the circuit
        awaitFailedAttempts(dispatcher, "pager", "http_503", 1);
        for (int attempt = 2; attempt <= 3; attempt++) {
            step(clock, dispatcher, Duration.ofMillis(10));
            awaitFailedAttempts(dispatcher, "pager", "http_503", attempt);
        }
        assertThat(attemptTimes).containsExactly(T0, T0.plusMillis(10), T0.plusMillis(20));
        step(clock, dispatcher, Duration.ofMillis(10)); // the retry is due, the circuit refuses it
        Await.until(WAIT, () -> events.stream().anyMatch(e -> e.type() == AlertEvent.Type.FIRED && e.alert() != null
                && e.alert().name().equals("AlertNotifierFailing") && e.alert().summary().contains("circuit_open")),
                "the meta-alert names the open circuit");

        clock.set(T0.plusMillis(20 + 599)); // open for 600 ms from the third failure
        Await.dispatcherRound(dispatcher);
        assertThat(attemptTimes).as("no attempt while the circuit is open").hasSize(3);
        Instant later = T0.plusMillis(20 + 600 + 1000); // past the open duration, and the pipeline's next look at it
        clock.set(later);
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> attemptTimes.size() == 4, () -> "the trial call after the open duration: " + attemptTimes);
        assertThat(attemptTimes.get(3)).isEqualTo(later);
        awaitFailedAttempts(dispatcher, "pager", "http_503", 4);
        step(clock, dispatcher, Duration.ofMillis(10));
        assertThat(attemptTimes).as("the failed trial call opens the circuit again: no retry 10 ms later").hasSize(4);
    }

    /** Moves the clock on and lets the dispatcher run everything due by then. */
    private static void step(ManualClock clock, AlertDispatcher dispatcher, Duration duration) {
        clock.advance(duration);
        Await.dispatcherRound(dispatcher);
    }

    /** Waits until {@code channel} has failed {@code count} times, and the dispatcher has planned its next try. */
    private static void awaitFailedAttempts(AlertDispatcher dispatcher, String channel, String reason, long count) {
        Await.until(WAIT, () -> dispatcher.stats().channel(channel).failedAttempts(reason) == count,
                () -> count + " failed attempts: " + dispatcher.stats().channel(channel));
        Await.dispatcherRound(dispatcher);
    }

    @Test
    void previewRendersWhatEachChannelWouldReceiveWithoutSendingAnything() {
        SlackChannel slack = SlackChannel.builder().webhookUrl("https://hooks.slack.invalid/services/T000/B000/XXXXSECRET").build();
        PagerDutyChannel pager = PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").build();
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(slack).channel(pager)
                .route(AlertRoute.builder().channels("slack")
                        .route(AlertRoute.builder().name("critical").match(AlertMatcher.severityAtLeast(AlertSeverity.CRITICAL))
                                .channels("pagerduty", "slack").build())
                        .build())
                .build());
        AlertPreview preview = dispatcher.preview(Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL)
                .label("service", "orders").summary("primary unreachable").build());
        assertThat(preview.routes()).containsExactly("critical");
        assertThat(preview.suppressedBy()).isNull();
        assertThat(preview.payloads()).containsOnlyKeys("pagerduty", "slack");
        ChannelPayload pd = preview.payloads().get("pagerduty");
        assertThat(pd.body()).contains("\"event_action\":\"trigger\"", "\"severity\":\"critical\"")
                .doesNotContain("0123456789abcdef0123456789abcdef");
        assertThat(preview.payloads().get("slack").body()).contains("DatabaseDown").doesNotContain("XXXXSECRET");
        assertThat(dispatcher.stats().fired()).isZero();
    }

    @Test
    void fireNeverThrowsOrBlocksOnceClosedAndCountsWhatItDrops() {
        RecordingChannel channel = new RecordingChannel("chat");
        // close waits until the channel has the notification, or its timeout: a generous one, so that a busy machine
        // cannot make it give up
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(channel).route(quickRoute())
                .closeTimeout(Duration.ofSeconds(30)).build();
        dispatcher.fire(alert("Before", "orders"));
        dispatcher.close();
        assertThat(channel.delivered()).as("close notifies grouped alerts at once").hasSize(1);
        AlertHandle handle = dispatcher.fire(alert("After", "orders"));
        handle.resolve();
        assertThat(dispatcher.stats().dropped("closed")).isEqualTo(2);
        dispatcher.close();
        assertThatThrownBy(() -> dispatcher.fire(null)).isInstanceOf(NullPointerException.class).hasMessage("alert");
    }

    @Test
    void theBuilderRejectsInconsistentConfigurationWithClearMessages() {
        assertThatThrownBy(() -> AlertDispatcher.builder().build())
                .hasMessage("add at least one channel, e.g. channel(LogChannel.create())");
        assertThatThrownBy(() -> AlertDispatcher.builder().channel(LogChannel.create()).channel(LogChannel.create()))
                .hasMessageContaining("a channel named 'log' is already added");
        assertThatThrownBy(() -> AlertDispatcher.builder().channel(LogChannel.create())
                .route(AlertRoute.builder().route(AlertRoute.builder().name("pager").channels("pagerduty").build()).build()).build())
                .hasMessage("route 'pager' names channel 'pagerduty', which is not added; channels are [log]");
        assertThatThrownBy(() -> AlertDispatcher.builder().channel(LogChannel.create())
                .route(AlertRoute.builder().match(AlertMatcher.equal("a", "b")).build()).build())
                .hasMessageContaining("the root route takes every alert and must not have matchers");
        assertThatThrownBy(() -> AlertDispatcher.builder()
                .channel(LogChannel.create(), DeliveryPolicy.builder().fallbackChannel("email").build()).build())
                .hasMessage("channel 'log' falls back to 'email', which is not a channel; channels are [log]");
        assertThatThrownBy(() -> AlertDispatcher.builder().queueCapacity(2))
                .hasMessage("queueCapacity must be between 16 and 16777216, was 2");
        assertThatThrownBy(() -> AlertDispatcher.builder().maxActiveAlerts(0))
                .hasMessage("maxActiveAlerts must be at least 1, was 0");
        assertThatThrownBy(() -> AlertRoute.builder().groupInterval(Duration.ZERO))
                .hasMessage("groupInterval must be greater than 0, was PT0S");
        assertThatThrownBy(() -> DeliveryPolicy.builder().rateLimit(0, Duration.ofSeconds(1)))
                .hasMessage("rate limit permits must be at least 1, was 0");
    }

    @Test
    void aResolveIsNeverLostToAFullQueueAndIsAppliedAfterTheFiresBeforeIt() throws Exception {
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel).queueCapacity(16)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofHours(1)).build())
                .scrubber(TestScrubbers.calling(() -> {
                    entered.countDown();
                    TestScrubbers.await(stalled); // the dispatcher thread is stuck until the queue is full
                })).build());
        Alert down = alert("Down", "orders");
        dispatcher.fire(alert("First", "orders")); // taken by the stalled thread
        assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        AlertHandle handle = dispatcher.fire(down);
        for (int i = 0; i < 100; i++) {
            dispatcher.fire(alert("Noise" + i, "orders"));
        }
        assertThat(dispatcher.stats().dropped("queue_full")).isEqualTo(100 + 1 - 16);
        handle.resolve(); // the queue is full: the resolve waits beside it
        assertThat(dispatcher.stats().queueDepth()).as("16 queued + the waiting resolve").isEqualTo(17);
        stalled.countDown();

        Await.until(WAIT, () -> dispatcher.stats().resolved() == 1, "the resolve was applied");
        assertThat(dispatcher.recentAlerts()).filteredOn(e -> e.alert().name().equals("Down"))
                .extracting(AlertHistoryEntry::status).containsExactly(AlertStatus.RESOLVED);
    }

    @Test
    void resolveByTheScrubbedFingerprintShownInTheHistoryWorks() {
        RecordingChannel channel = new RecordingChannel("chat");
        AlertDispatcher dispatcher = track(AlertDispatcher.builder().channel(channel)
                .route(AlertRoute.builder().groupWait(Duration.ofMillis(20)).groupInterval(Duration.ofMillis(100)).build())
                .scrubber(TestScrubbers.redacting("alice", "user")).build());
        Alert alert = Alert.builder("Locked").label("user", "alice").build();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> channel.delivered().size() == 1, "notified");
        String shown = dispatcher.recentAlerts().get(0).fingerprint();
        assertThat(shown).isNotEqualTo(alert.fingerprint());
        dispatcher.resolve(shown);
        Await.until(WAIT, () -> channel.delivered().size() == 2, "resolved by the shown fingerprint");
        assertThat(channel.delivered().get(1).status()).isEqualTo(AlertStatus.RESOLVED);
    }
}
