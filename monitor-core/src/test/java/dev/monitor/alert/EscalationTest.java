package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertTimelineEntry.Type;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Escalation end to end with a controllable clock: fire → dispatcher → channels, levels reached at their
 * delays, stopped by an acknowledgement or a resolution, a slower policy for LOW, the on-call of the moment
 * notified at their own number.
 */
class EscalationTest {

    static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only: time is the manual clock
    /** Monday 2026-03-02 10:00 UTC. */
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    static final String ALICE = "+4915111111111";
    static final String BOB = "+4915122222222";
    static final String CAROL = "+4915133333333";

    final ManualClock clock = new ManualClock(T0);
    final RecordingChannel chat = new RecordingChannel("chat");
    final RecordingChannel sms = new RecordingChannel("sms").acceptingRecipients();
    final RecordingChannel phone = new RecordingChannel("phone");
    final List<AlertEvent> events = new CopyOnWriteArrayList<>();
    AlertDispatcher dispatcher;

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** CRITICAL: chat at once; 15 min: the primary on call by SMS; 15 min more: the phone bridge and the secondary. */
    static EscalationPolicy critical() {
        return EscalationPolicy.builder("critical")
                .level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofMinutes(15), EscalationTarget.onCall("primary", "sms"))
                .level(Duration.ofMinutes(15), EscalationTarget.channel("phone"), EscalationTarget.onCall("secondary", "sms"))
                .repeatLastLevel(Duration.ofMinutes(30))
                .build();
    }

    /** LOW: chat at once; 4 h: the primary by SMS; then every 8 h. */
    static EscalationPolicy low() {
        return EscalationPolicy.builder("low")
                .level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofHours(4), EscalationTarget.onCall("primary", "sms"))
                .repeatLastLevel(Duration.ofHours(8))
                .build();
    }

    static EscalationConfig escalation() {
        // primary: alice this week (from Monday 2026-03-02 09:00 UTC), bob from 2026-03-09; secondary: carol
        return EscalationConfig.builder()
                .policy(AlertSeverity.CRITICAL, critical())
                .policy(AlertSeverity.LOW, low())
                .schedule(OnCallSchedule.builder("primary").zone(ZoneId.of("UTC")).weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
                        .startingOn(LocalDate.of(2026, 3, 2)).responders("alice", "bob").build())
                .schedule(OnCallSchedule.builder("secondary").zone(ZoneId.of("UTC")).weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
                        .startingOn(LocalDate.of(2026, 3, 2)).responders("carol").build())
                .responder(OnCallResponder.builder("alice").contact("sms", ALICE).build())
                .responder(OnCallResponder.builder("bob").contact("sms", BOB).build())
                .responder(OnCallResponder.builder("carol").contact("sms", CAROL).build())
                .build();
    }

    static AlertRoute route(Duration repeatInterval) {
        return AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO)
                .groupInterval(Duration.ofMinutes(1)).repeatInterval(repeatInterval).build();
    }

    AlertDispatcher start(Duration repeatInterval) {
        dispatcher = AlertDispatcher.builder().channel(chat).channel(sms).channel(phone)
                .route(route(repeatInterval)).escalation(escalation()).clock(clock).listener(events::add).build();
        return dispatcher;
    }

    static Alert apiDown() {
        return Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("orders answers 503").runbookUrl("https://runbooks.example/api-down").build();
    }

    /**
     * Moves the clock and lets the dispatcher thread run everything due by then. First waits until the deliveries
     * under way are done and their outcome is handled: moving the clock past an attempt's deadline while a busy
     * machine has not yet handed its outcome back would abandon it as timed out, and retry it.
     */
    void advance(Duration duration) {
        sync(dispatcher);
        clock.advance(duration);
        sync(dispatcher);
    }

    /**
     * Returns once the dispatcher thread has run a full round at the current clock: a preview is answered by the
     * dispatcher thread (waking it), and the second one only after the round that answered the first, with its timers.
     */
    static void sync(AlertDispatcher dispatcher) {
        Await.dispatcherRound(dispatcher);
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    }

    static AlertIncident incident(AlertDispatcher dispatcher, Alert alert) {
        return dispatcher.incident(alert.fingerprint()).orElseThrow();
    }

    static List<AlertTimelineEntry> escalations(AlertIncident incident) {
        return incident.timeline().stream().filter(e -> e.type() == Type.ESCALATED).toList();
    }

    @Test
    void anUnacknowledgedCriticalWalksLevelsOneTwoThreeAtTheConfiguredDelaysThenRepeatsTheLast() {
        start(Duration.ofDays(1));
        Alert alert = apiDown();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, () -> "level 1: the chat " + events + " " + dispatcher.stats() + " " + chat.attempts());
        assertThat(chat.delivered().get(0).alerts().get(0).escalationLevel()).isEqualTo(1);
        assertThat(incident(dispatcher, alert).level()).isEqualTo(1);
        assertThat(incident(dispatcher, alert).nextEscalationAt()).isEqualTo(T0.plus(Duration.ofMinutes(15)));

        advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(sms.attempts()).as("not before its delay").isEmpty();
        advance(Duration.ofSeconds(1));
        Await.until(WAIT, () -> sms.delivered().size() == 1, "level 2: the primary on call");
        AlertNotification level2 = sms.delivered().get(0);
        assertThat(level2.recipients()).containsExactly(ALICE);
        assertThat(level2.alerts().get(0).escalationLevel()).isEqualTo(2);
        assertThat(level2.alerts().get(0).alert().runbookUrl()).isEqualTo("https://runbooks.example/api-down");
        assertThat(phone.attempts()).isEmpty();
        assertThat(chat.delivered()).as("the route is not level 2's target").hasSize(1);

        advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(phone.attempts()).isEmpty();
        advance(Duration.ofSeconds(1));
        Await.until(WAIT, () -> phone.delivered().size() == 1 && sms.delivered().size() == 2, "level 3");
        assertThat(sms.delivered().get(1).recipients()).containsExactly(CAROL);
        assertThat(phone.delivered().get(0).alerts().get(0).escalationLevel()).isEqualTo(3);

        advance(Duration.ofMinutes(30));
        Await.until(WAIT, () -> phone.delivered().size() == 2 && sms.delivered().size() == 3, "level 3 repeated");

        AlertIncident incident = incident(dispatcher, alert);
        assertThat(incident.level()).isEqualTo(3);
        assertThat(incident.levels()).isEqualTo(3);
        assertThat(incident.policy()).isEqualTo("critical");
        assertThat(incident.nextEscalationAt()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
        assertThat(escalations(incident)).extracting(AlertTimelineEntry::level, AlertTimelineEntry::at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, T0),
                        org.assertj.core.groups.Tuple.tuple(2, T0.plus(Duration.ofMinutes(15))),
                        org.assertj.core.groups.Tuple.tuple(3, T0.plus(Duration.ofMinutes(30))),
                        org.assertj.core.groups.Tuple.tuple(3, T0.plus(Duration.ofMinutes(60))));
        assertThat(escalations(incident).get(1).actor()).isEqualTo("alice");
        assertThat(escalations(incident).get(2).channels()).containsExactly("phone", "sms");
        assertThat(escalations(incident).get(3).detail()).isEqualTo("repeat 1");
        assertThat(incident.timeline().get(0).type()).isEqualTo(Type.FIRED);
        assertThat(incident.timeline()).anyMatch(e -> e.type() == Type.NOTIFIED && e.channels().equals(List.of("sms"))
                && e.level() == 2);
        assertThat(events).filteredOn(e -> e.type() == AlertEvent.Type.ESCALATED).extracting(AlertEvent::reason)
                .containsExactly("level 1", "level 2", "level 3", "level 3");
    }

    @Test
    void acknowledgingAtLevelTwoStopsTheEscalationAndTellsEveryoneNotified() {
        start(Duration.ofDays(1));
        Alert alert = apiDown();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "level 1");
        advance(Duration.ofMinutes(15));
        Await.until(WAIT, () -> sms.delivered().size() == 1, "level 2");

        advance(Duration.ofMinutes(2));
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice", "on it")).isTrue();
        Await.until(WAIT, () -> chat.delivered().size() == 2 && sms.delivered().size() == 2, "the acknowledgement is shown");
        AlertNotification toChat = chat.delivered().get(1);
        assertThat(toChat.isAcknowledged()).isTrue();
        assertThat(toChat.alerts().get(0).acknowledgement())
                .isEqualTo(new AlertAcknowledgement("alice", T0.plus(Duration.ofMinutes(17)), "on it"));
        AlertNotification toAlice = sms.delivered().get(1);
        assertThat(toAlice.recipients()).containsExactly(ALICE);
        assertThat(toAlice.isAcknowledged()).isTrue();

        advance(Duration.ofHours(3));
        assertThat(phone.attempts()).as("level 3 never comes").isEmpty();
        assertThat(sms.attempts()).hasSize(2);
        assertThat(chat.attempts()).hasSize(2);
        AlertIncident incident = incident(dispatcher, alert);
        assertThat(incident.level()).isEqualTo(2);
        assertThat(incident.nextEscalationAt()).isNull();
        assertThat(incident.acknowledgement()).isNotNull();
        assertThat(incident.timeline()).filteredOn(e -> e.type() == Type.ACKNOWLEDGED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("alice");
                    assertThat(e.detail()).isEqualTo("on it");
                    assertThat(e.level()).isEqualTo(2);
                });
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "bob")).as("already acknowledged").isFalse();
        assertThat(events).filteredOn(e -> e.type() == AlertEvent.Type.ACKNOWLEDGED).extracting(AlertEvent::reason)
                .containsExactly("alice");
    }

    @Test
    void resolvingStopsTheEscalationAndTellsEveryoneNotified() {
        start(Duration.ofDays(1));
        Alert alert = apiDown();
        AlertHandle handle = dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "level 1");
        advance(Duration.ofMinutes(15));
        Await.until(WAIT, () -> sms.delivered().size() == 1, "level 2");

        handle.resolve();
        Await.until(WAIT, () -> sms.delivered().size() == 2, "the paged responder is told at once");
        advance(Duration.ofMinutes(1)); // the chat's group reports the resolution at its next group interval
        Await.until(WAIT, () -> chat.delivered().size() == 2, "the resolved notification of the group");
        assertThat(chat.delivered().get(1).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(sms.delivered().get(1).status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(sms.delivered().get(1).recipients()).containsExactly(ALICE);

        advance(Duration.ofHours(3));
        assertThat(phone.attempts()).isEmpty();
        assertThat(sms.attempts()).hasSize(2);
        AlertIncident incident = incident(dispatcher, alert);
        assertThat(incident.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(incident.nextEscalationAt()).isNull();
        assertThat(incident.timeline()).extracting(AlertTimelineEntry::type).contains(Type.RESOLVED).doesNotContain(Type.ACKNOWLEDGED);
        assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice")).as("nothing to acknowledge").isFalse();
    }

    @Test
    void aLowAlertFollowsItsOwnSlowerPolicy() {
        start(Duration.ofDays(2));
        Alert critical = apiDown();
        Alert low = Alert.builder("DiskFilling").severity(AlertSeverity.LOW).label("service", "orders").build();
        dispatcher.fire(critical);
        dispatcher.fire(low);
        Await.until(WAIT, () -> chat.delivered().size() == 2, "level 1 of both");

        advance(Duration.ofMinutes(15));
        Await.until(WAIT, () -> sms.delivered().size() == 1, "the critical's level 2");
        assertThat(sms.delivered().get(0).alerts().get(0).alert().name()).isEqualTo("ApiDown");
        assertThat(incident(dispatcher, low).level()).isEqualTo(1);
        assertThat(incident(dispatcher, low).nextEscalationAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(incident(dispatcher, low).policy()).isEqualTo("low");

        advance(Duration.ofHours(4).minusMinutes(15).minusSeconds(1));
        assertThat(sms.delivered()).extracting(n -> n.alerts().get(0).alert().name()).doesNotContain("DiskFilling");
        advance(Duration.ofSeconds(1));
        Await.until(WAIT, () -> sms.delivered().stream().anyMatch(n -> n.alerts().get(0).alert().name().equals("DiskFilling")),
                "the low alert's level 2 after 4 h");
        assertThat(escalations(incident(dispatcher, low))).extracting(AlertTimelineEntry::at)
                .containsExactly(T0, T0.plus(Duration.ofHours(4)));
        assertThat(incident(dispatcher, low).nextEscalationAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
    }

    @Test
    void aLevelReachesWhoeverIsOnCallAtThatMoment() {
        // 23:50 on Sunday: alice is on call until Monday 09:00, bob after; level 2 comes at 09:05 on Monday
        clock.set(Instant.parse("2026-03-09T08:50:00Z"));
        start(Duration.ofDays(1));
        Alert alert = apiDown();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "level 1");
        advance(Duration.ofMinutes(15));
        Await.until(WAIT, () -> sms.delivered().size() == 1, "level 2");
        assertThat(sms.delivered().get(0).recipients()).containsExactly(BOB);
        assertThat(escalations(incident(dispatcher, alert)).get(1).actor()).isEqualTo("bob");
    }

    @Test
    void aSilencedAlertHoldsItsEscalationUntilTheSilenceEnds() {
        start(Duration.ofDays(1));
        Alert alert = apiDown();
        dispatcher.fire(alert);
        Await.until(WAIT, () -> chat.delivered().size() == 1, "level 1");
        String silence = dispatcher.silence(Silence.builder().match(AlertMatcher.name("ApiDown"))
                .startsAt(T0.plus(Duration.ofMinutes(10))).endsAt(T0.plus(Duration.ofMinutes(40))).comment("deploy").build());

        advance(Duration.ofMinutes(15));
        advance(Duration.ofMinutes(10));
        assertThat(sms.attempts()).as("held while silenced").isEmpty();
        assertThat(incident(dispatcher, alert).timeline()).filteredOn(e -> e.type() == Type.HELD).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("silence:" + silence));

        advance(Duration.ofMinutes(16)); // the silence ended at 40 min; the hold is checked every minute
        Await.until(WAIT, () -> sms.delivered().size() == 1, () -> "level 2 after the silence " + incident(dispatcher, alert) + sms.attempts());
        assertThat(incident(dispatcher, alert).level()).isEqualTo(2);
    }

    @Test
    void anAcknowledgedAlertGetsNoMoreRemindersWhileAnUnacknowledgedOneDoes() {
        dispatcher = AlertDispatcher.builder().channel(chat).route(route(Duration.ofHours(1))).clock(clock).build();
        Alert acknowledged = Alert.builder("QueueBacklog").label("service", "orders").build();
        Alert ignored = Alert.builder("QueueBacklog").label("service", "billing").build();
        dispatcher.fire(acknowledged);
        dispatcher.fire(ignored);
        Await.until(WAIT, () -> chat.delivered().size() == 2, "both notified");
        assertThat(dispatcher.acknowledge(acknowledged.fingerprint(), "alice")).isTrue();
        Await.until(WAIT, () -> chat.delivered().size() == 3, "the acknowledgement notified");

        for (int i = 0; i < 3; i++) {
            advance(Duration.ofHours(1));
        }
        Await.until(WAIT, () -> chat.delivered().size() >= 6, () -> "the unacknowledged one repeats every hour " + chat.delivered());
        sync(dispatcher);
        assertThat(chat.delivered()).filteredOn(n -> n.alerts().get(0).alert().labels().get("service").equals("orders"))
                .as("the acknowledged one: its firing and its acknowledgement, no reminder").hasSize(2);
        assertThat(chat.delivered()).filteredOn(n -> n.alerts().get(0).alert().labels().get("service").equals("billing"))
                .hasSize(4);
        assertThat(dispatcher.incident(acknowledged.fingerprint()).orElseThrow().policy()).as("no escalation configured").isEmpty();
    }

    @Test
    void theResponseTargetOfThePolicyIsAddedAsAnAnnotationUnlessTheAlertHasOne() {
        start(Duration.ofDays(1));
        dispatcher.fire(apiDown());
        dispatcher.fire(Alert.builder("Slow").severity(AlertSeverity.CRITICAL).responseTarget(Duration.ofMinutes(5)).build());
        dispatcher.fire(Alert.builder("Note").severity(AlertSeverity.INFO).build());
        Await.until(WAIT, () -> chat.delivered().size() == 3, "three notified");
        assertThat(chat.delivered()).extracting(n -> n.alerts().get(0).alert())
                .filteredOn(a -> a.name().equals("ApiDown")).singleElement()
                .satisfies(a -> assertThat(a.responseTarget()).isEqualTo(Duration.ofMinutes(15)));
        assertThat(chat.delivered()).extracting(n -> n.alerts().get(0).alert())
                .filteredOn(a -> a.name().equals("Slow")).singleElement()
                .satisfies(a -> assertThat(a.annotations()).containsEntry(Alert.RESPONSE_TARGET_ANNOTATION, "5m"));
        assertThat(chat.delivered()).extracting(n -> n.alerts().get(0).alert())
                .filteredOn(a -> a.name().equals("Note")).singleElement()
                .satisfies(a -> assertThat(a.responseTarget()).as("INFO has no target").isNull());
    }

    @Test
    void theDispatcherRefusesAnEscalationItCannotCarryOut() {
        AlertDispatcher.Builder noSms = AlertDispatcher.builder().channel(chat).channel(phone).escalation(escalation());
        assertThatThrownBy(noSms::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("escalation policy 'critical' (critical) notifies channel 'sms', which is not added; channels are "
                        + "[chat, phone]");
        AlertDispatcher.Builder chatCannotAddress = AlertDispatcher.builder().channel(chat).channel(new RecordingChannel("sms"))
                .channel(phone).escalation(escalation());
        assertThatThrownBy(chatCannotAddress::build).hasMessageContaining("on channel 'sms', which cannot address a person");
        AlertDispatcher.Builder badNumber = AlertDispatcher.builder().channel(chat).channel(phone)
                .channel(dev.monitor.alert.channel.SmsChannel.builder().accountSid("AC123").authToken("token").from("+15005550006")
                        .endpoint("http://127.0.0.1:9").build())
                .escalation(EscalationConfig.builder().policy(AlertSeverity.CRITICAL, critical())
                        .schedules(escalation().schedules().values())
                        .responder(OnCallResponder.builder("alice").contact("sms", "0151 1111111").build())
                        .responder(OnCallResponder.builder("bob").contact("sms", BOB).build())
                        .responder(OnCallResponder.builder("carol").contact("sms", CAROL).build()).build());
        assertThatThrownBy(badNumber::build).hasMessageContaining("the address of responder 'alice' on channel 'sms' is not valid")
                .hasMessageContaining("E.164").hasMessageNotContaining("1111111");
        assertThatThrownBy(() -> EscalationConfig.builder().policy(AlertSeverity.CRITICAL, critical()).build())
                .hasMessageContaining("targets the on-call of schedule 'primary', which is not added");
        assertThatThrownBy(() -> EscalationConfig.builder().policy(AlertSeverity.CRITICAL, critical())
                .schedules(escalation().schedules().values())
                .responder(OnCallResponder.builder("alice").build()).build())
                .hasMessageContaining("responder 'alice' of schedule 'primary' has no address for channel 'sms'");
    }

    @Test
    void theDefaultPoliciesRemindTheRoutesAtTheGuidesResponseTargetsUntilAcknowledged() {
        dispatcher = AlertDispatcher.builder().channel(chat).route(route(Duration.ofDays(7))).escalation(EscalationConfig.defaults())
                .clock(clock).build();
        Alert critical = apiDown();
        Alert high = Alert.builder("ErrorRate").severity(AlertSeverity.HIGH).label("service", "orders").build();
        Alert info = Alert.builder("Deployed").severity(AlertSeverity.INFO).label("service", "orders").build();
        dispatcher.fire(critical);
        dispatcher.fire(high);
        dispatcher.fire(info);
        Await.until(WAIT, () -> chat.delivered().size() == 3, "level 1 of all three");

        advance(Duration.ofMinutes(15));
        Await.until(WAIT, () -> chat.delivered().size() == 4, "the critical, again after 15 min");
        assertThat(chat.delivered().get(3).alerts().get(0).alert().name()).isEqualTo("ApiDown");
        assertThat(chat.delivered().get(3).alerts().get(0).escalationLevel()).isEqualTo(2);
        assertThat(dispatcher.acknowledge(critical.fingerprint(), "alice")).isTrue();
        Await.until(WAIT, () -> chat.delivered().size() == 5, "the acknowledgement");

        advance(Duration.ofMinutes(45));
        Await.until(WAIT, () -> chat.delivered().size() == 6, "the high one after 1 h");
        assertThat(chat.delivered().get(5).alerts().get(0).alert().name()).isEqualTo("ErrorRate");
        for (int hour = 0; hour < 3; hour++) {
            advance(Duration.ofHours(1));
        }
        assertThat(chat.delivered()).as("an hourly reminder for the high one, none for the acknowledged critical or the info")
                .hasSize(9).extracting(n -> n.alerts().get(0).alert().name()).filteredOn("Deployed"::equals).hasSize(1);
        assertThat(dispatcher.incident(info.fingerprint()).orElseThrow().nextEscalationAt()).isNull();
    }
}
