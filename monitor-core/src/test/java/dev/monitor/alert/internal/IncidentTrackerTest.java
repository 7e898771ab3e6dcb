package dev.monitor.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The incident tracker driven by explicit times: bounds, repeats, catching up, and nobody on call. */
class IncidentTrackerTest {

    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private record Sent(String channel, AlertNotification notification) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<Integer> levels = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private IncidentTracker tracker(EscalationConfig config, int maxResolved) {
        return new IncidentTracker(config, maxResolved, new IncidentTracker.Sink() {
            @Override
            public void send(String channel, AlertNotification notification) {
                sent.add(new Sent(channel, notification));
            }

            @Override
            public List<String> escalate(String fingerprint, int level, boolean renotify, long now) {
                return List.of("chat");
            }

            @Override
            public @Nullable String suppression(String fingerprint, long now) {
                return null;
            }

            @Override
            public void changed(Incident incident, boolean durable) {
            }

            @Override
            public void removed(Incident incident) {
            }

            @Override
            public void escalated(Incident incident, int level, long now) {
                levels.add(level);
            }

            @Override
            public String newId() {
                return "n" + ids.incrementAndGet();
            }

            @Override
            public String personName(String name) {
                return name;
            }
        });
    }

    private static EscalationConfig config(EscalationPolicy policy) {
        return EscalationConfig.builder().policy(AlertSeverity.CRITICAL, policy)
                .schedule(OnCallSchedule.builder("primary").zone(ZoneId.of("UTC")).daily(LocalTime.of(9, 0))
                        .startingOn(LocalDate.of(2026, 3, 2)).responders("alice").build())
                .responder(OnCallResponder.builder("alice").contact("sms", "+4915111111111").build())
                .build();
    }

    private static Alert critical(String name) {
        return Alert.builder(name).severity(AlertSeverity.CRITICAL).build();
    }

    @Test
    void theLastLevelRepeatsAtMostMaxRepeatsTimes() {
        IncidentTracker tracker = tracker(config(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.channel("sms"))
                .repeatLastLevel(Duration.ofMinutes(10)).maxRepeats(2).build()), 10);
        Alert alert = critical("Down");
        tracker.fired(alert.fingerprint(), alert, T0, true, null);
        for (long t = T0; t <= T0 + 60 * MINUTE; t += MINUTE) {
            tracker.tick(t);
        }
        assertThat(levels).containsExactly(1, 1, 1);
        assertThat(tracker.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(tracker.find(alert.fingerprint()).orElseThrow().timeline()).filteredOn(e -> e.type() == AlertTimelineEntry.Type.ESCALATED)
                .extracting(AlertTimelineEntry::detail).containsExactly("", "repeat 1", "repeat 2");
    }

    @Test
    void levelsThatCameDueTogetherAreEachReachedOnceInOrder() {
        IncidentTracker tracker = tracker(config(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofMinutes(5), EscalationTarget.channel("sms")).level(Duration.ofMinutes(5), EscalationTarget.channel("phone"))
                .repeatLastLevel(Duration.ofMinutes(30)).build()), 10);
        Alert alert = critical("Down");
        tracker.fired(alert.fingerprint(), alert, T0, true, null);
        tracker.tick(T0 + 120 * MINUTE);
        assertThat(levels).as("levels 1 to 3 and one repeat, not the three repeats missed").containsExactly(1, 2, 3, 3);
        assertThat(sent).extracting(Sent::channel).containsExactly("sms", "phone", "phone");
        AlertIncident incident = tracker.find(alert.fingerprint()).orElseThrow();
        assertThat(incident.nextEscalationAt()).isEqualTo(Instant.ofEpochMilli(T0 + 150 * MINUTE));
    }

    @Test
    void whenNobodyIsOnCallTheChannelsOwnRecipientsAreNotifiedAndTheTimelineSaysSo() {
        IncidentTracker tracker = tracker(config(EscalationPolicy.builder("p")
                .level(Duration.ZERO, EscalationTarget.onCall("primary", "sms")).noRepeat().build()), 10);
        Alert alert = critical("Down");
        long beforeTheFirstHandOff = Instant.parse("2026-03-02T08:00:00Z").toEpochMilli();
        tracker.fired(alert.fingerprint(), alert, beforeTheFirstHandOff, true, null);
        tracker.tick(beforeTheFirstHandOff);
        assertThat(sent).singleElement().satisfies(s -> assertThat(s.notification().recipients()).isEmpty());
        assertThat(tracker.find(alert.fingerprint()).orElseThrow().timeline()).filteredOn(e -> e.type() == AlertTimelineEntry.Type.ESCALATED)
                .singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("nobody on call in schedule primary"));

        Alert later = critical("Later");
        tracker.fired(later.fingerprint(), later, T0, true, null);
        tracker.tick(T0);
        assertThat(sent.get(1).notification().recipients()).as("responder ids until the pipeline addresses them")
                .containsExactly("alice");
    }

    @Test
    void theTimelineKeepsTheLatestEntriesAndCountsTheOthers() {
        IncidentTracker tracker = tracker(config(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.channel("sms"))
                .repeatLastLevel(Duration.ofMinutes(1)).build()), 10);
        Alert alert = critical("Down");
        tracker.fired(alert.fingerprint(), alert, T0, true, null);
        for (int i = 0; i <= 40; i++) {
            tracker.tick(T0 + i * MINUTE);
        }
        AlertIncident incident = tracker.find(alert.fingerprint()).orElseThrow();
        assertThat(incident.timeline()).hasSize(IncidentTimelines.MAX_TIMELINE);
        assertThat(incident.omittedEntries()).isEqualTo(42 - IncidentTimelines.MAX_TIMELINE); // FIRED + 41 ESCALATED
        assertThat(incident.timeline().get(incident.timeline().size() - 1).detail()).isEqualTo("repeat 40");
    }

    @Test
    void resolvedIncidentsAreKeptUpToTheBoundOldestForgottenFirst() {
        IncidentTracker tracker = tracker(config(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route())
                .noRepeat().build()), 3);
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Alert alert = critical("Down" + i);
            alerts.add(alert);
            tracker.fired(alert.fingerprint(), alert, T0 + i, true, null);
            tracker.resolved(alert.fingerprint(), T0 + 100 + i);
        }
        Alert firing = critical("StillFiring");
        tracker.fired(firing.fingerprint(), firing, T0, true, null);
        assertThat(tracker.snapshot()).extracting(i -> i.alert().name()).containsExactly("StillFiring", "Down4", "Down3", "Down2");
        assertThat(tracker.find(alerts.get(0).fingerprint())).isEmpty();
        assertThat(tracker.size()).isEqualTo(4);
    }
}
