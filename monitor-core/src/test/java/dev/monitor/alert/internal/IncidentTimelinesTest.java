package dev.monitor.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.NotifiedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The record store the completion stage writes deliveries into: entries on the timelines of the incidents a
 * notification shows, published at once and marked for the journal's next batch.
 */
class IncidentTimelinesTest {

    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    private record Mark(Incident incident, boolean durable) {
    }

    private final List<Mark> marks = new ArrayList<>();
    private final IncidentTimelines timelines = new IncidentTimelines((incident, durable) -> marks.add(new Mark(incident, durable)));

    private Incident shown(Alert alert) {
        Incident incident = new Incident("raw-" + alert.fingerprint(), alert, T0);
        timelines.showAs(incident, alert.fingerprint());
        timelines.publish(incident);
        return incident;
    }

    private static AlertNotification notification(String receiver, Alert... alerts) {
        List<NotifiedAlert> shown = new ArrayList<>();
        for (Alert alert : alerts) {
            shown.add(new NotifiedAlert(alert, AlertStatus.FIRING, Instant.ofEpochMilli(T0), null, null, 2));
        }
        return new AlertNotification("n1", receiver, receiver + ":{}", Map.of(), shown, alerts.length, 0, 1,
                Instant.ofEpochMilli(T0), Instant.ofEpochMilli(T0 + 3_600_000));
    }

    @Test
    void aDeliveredNotificationAddsANotifiedEntryToEachIncidentItShowsAndMarksItForTheNextJournalBatch() {
        Alert down = Alert.builder("Down").severity(AlertSeverity.CRITICAL).build();
        Alert slow = Alert.builder("Slow").severity(AlertSeverity.MEDIUM).build();
        Incident incident = shown(down);

        timelines.delivered("chat", notification("team", down, slow), T0 + 1000);

        AlertIncident published = timelines.find(down.fingerprint()).orElseThrow();
        assertThat(published.timeline()).containsExactly(new AlertTimelineEntry(AlertTimelineEntry.Type.NOTIFIED,
                Instant.ofEpochMilli(T0 + 1000), 2, List.of("chat"), "", "firing"));
        assertThat(timelines.find(slow.fingerprint())).isEmpty(); // no incident kept: nothing written
        assertThat(marks).containsExactly(new Mark(incident, false));
    }

    @Test
    void aFailedDeliveryIsOnTheTimelineOnlyForEscalationNotifications() {
        Alert down = Alert.builder("Down").severity(AlertSeverity.CRITICAL).build();
        shown(down);

        timelines.failed("chat", notification("team", down), "http_503", true, T0 + 1000);
        assertThat(timelines.find(down.fingerprint()).orElseThrow().timeline()).isEmpty();
        assertThat(marks).isEmpty();

        timelines.failed("sms", notification(EscalationNotifications.RECEIVER_PREFIX + "p", down), "http_503", false, T0 + 2000);
        assertThat(timelines.find(down.fingerprint()).orElseThrow().timeline()).containsExactly(new AlertTimelineEntry(
                AlertTimelineEntry.Type.DELIVERY_FAILED, Instant.ofEpochMilli(T0 + 2000), 2, List.of("sms"), "",
                "http_503 (given up)"));
        assertThat(marks).hasSize(1);
    }

    @Test
    void aForgottenIncidentIsNoLongerWrittenToOrFound() {
        Alert down = Alert.builder("Down").severity(AlertSeverity.CRITICAL).build();
        Incident incident = shown(down);
        timelines.forget(incident);

        timelines.delivered("chat", notification("team", down), T0 + 1000);

        assertThat(incident.timeline).isEmpty();
        assertThat(timelines.find(down.fingerprint())).isEmpty();
        assertThat(timelines.snapshot()).isEmpty();
        assertThat(marks).isEmpty();
    }
}
