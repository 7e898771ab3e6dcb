package dev.monitor.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FoldTest {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");

    private static AlertNotification group(Alert alert, AlertStatus status) {
        return new AlertNotification("n-" + alert.fingerprint(), "/", "/:" + alert.fingerprint(), Map.of(),
                List.of(new NotifiedAlert(alert, status, NOW, status == AlertStatus.RESOLVED ? NOW : null)),
                status == AlertStatus.FIRING ? 1 : 0, status == AlertStatus.RESOLVED ? 1 : 0, 1, NOW, NOW.plusSeconds(60));
    }

    @Test
    void aFoldCountsEveryNotificationListsTheFirstFewAndSaysHowManyMore() {
        Fold fold = new Fold(10);
        for (int i = 0; i < 1000; i++) {
            fold.add(group(Alert.builder("Storm").label("instance", "i-" + i).build(), AlertStatus.FIRING));
        }
        fold.add(group(Alert.builder("Gone").build(), AlertStatus.RESOLVED));

        AlertNotification digest = fold.digest("d-1", "chat", NOW.toEpochMilli(), List.of());

        assertThat(fold.size()).isEqualTo(1001);
        assertThat(digest.firingCount()).isEqualTo(1000);
        assertThat(digest.resolvedCount()).isEqualTo(1);
        assertThat(digest.groupCount()).isEqualTo(1001);
        assertThat(digest.alerts()).hasSize(10).allMatch(NotifiedAlert::isFiring);
        assertThat(digest.alerts().size() + digest.omittedCount()).isEqualTo(1001);
        assertThat(digest.groupKey()).isEqualTo("digest:chat");
    }

    @Test
    void theDispatchersOwnAlertsAreAlwaysListedHoweverLateTheyCome() {
        Fold fold = new Fold(5);
        for (int i = 0; i < 50; i++) {
            fold.add(group(Alert.builder("Storm").label("instance", "i-" + i).build(), AlertStatus.FIRING));
        }
        Alert dropped = OwnAlerts.dropped(AlertSeverity.HIGH, 123, "high 123", 100, 23);
        fold.add(group(dropped, AlertStatus.FIRING));

        AlertNotification digest = fold.digest("d-2", "chat", NOW.toEpochMilli(), List.of());

        assertThat(digest.alerts()).hasSize(5).anyMatch(a -> a.alert().name().equals(OwnAlerts.ALERTS_DROPPED));
        assertThat(digest.firingCount()).isEqualTo(51);
        assertThat(digest.omittedCount()).isEqualTo(46);
    }
}
