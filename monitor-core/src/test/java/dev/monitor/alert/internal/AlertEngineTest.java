package dev.monitor.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.InhibitRule;
import dev.monitor.alert.MaintenanceWindow;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.Silence;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The routing, grouping and suppression engine, driven by explicit times: group wait and interval,
 * repeat interval, silences and maintenance windows are checked without waiting.
 */
class AlertEngineTest {

    private static final long T0 = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli(); // a Monday

    private record Sent(List<String> channels, AlertNotification notification) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final List<String> retired = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    private AlertEngine engine(AlertRoute route, List<InhibitRule> inhibit, List<MaintenanceWindow> windows, int maxActive) {
        return new AlertEngine(AlertRouteNode.resolve(route, List.of("slack", "pager", "mail")), inhibit, windows, maxActive, 100,
                new AlertEngine.Sink() {
                    @Override
                    public void notification(List<String> channels, AlertNotification notification) {
                        sent.add(new Sent(channels, notification));
                    }

                    @Override
                    public void alertChanged(ActiveAlert alert) {
                    }

                    @Override
                    public void alertRetired(ActiveAlert alert) {
                        retired.add(alert.fingerprint());
                    }

                    @Override
                    public void silenceExpired(String id) {
                    }
                }, () -> "n" + ids.incrementAndGet());
    }

    private AlertEngine engine(AlertRoute route) {
        return engine(route, List.of(), List.of(), 10_000);
    }

    private static AlertRoute groupedRoute() {
        return AlertRoute.builder().groupBy("alertname", "service").groupWait(Duration.ofSeconds(30))
                .groupInterval(Duration.ofMinutes(5)).repeatInterval(Duration.ofHours(4)).build();
    }

    private static Alert alert(String name, String service, AlertSeverity severity) {
        return Alert.builder(name).severity(severity).label("service", service).summary(name + " on " + service).build();
    }

    private static AlertEngine.FireOutcome fire(AlertEngine engine, Alert alert, long at) {
        return engine.fire(alert.fingerprint(), alert, alert, at);
    }

    @Test
    void tenThousandFiresOfOneFingerprintWithinTheGroupWaitGiveOneNotification() {
        AlertEngine engine = engine(groupedRoute());
        Alert alert = alert("HighErrorRate", "orders", AlertSeverity.HIGH);
        assertThat(fire(engine, alert, T0)).isEqualTo(AlertEngine.FireOutcome.FIRED);
        int repeats = 0;
        for (int i = 1; i < 10_000; i++) {
            Alert again = alert("HighErrorRate", "orders", AlertSeverity.HIGH); // equal, not the same instance
            if (engine.tryRepeat(again) != null) {
                repeats++;
            }
            engine.tick(T0 + i); // still inside the 30 s group wait
        }
        assertThat(repeats).isEqualTo(9_999);
        assertThat(sent).isEmpty();

        engine.tick(T0 + 30_000);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).notification().firingCount()).isEqualTo(1);
        assertThat(engine.get(alert.fingerprint()).fireCount()).isEqualTo(10_000);

        engine.tick(T0 + 30_000 + 5 * 60_000); // group interval: nothing changed
        assertThat(sent).hasSize(1);
    }

    @Test
    void fiftyAlertsWithTheSameGroupLabelsGiveOneGroupedNotification() {
        AlertEngine engine = engine(AlertRoute.builder().groupBy("service").groupWait(Duration.ofSeconds(10)).build());
        for (int i = 0; i < 50; i++) {
            fire(engine, Alert.builder("Check" + i).label("service", "orders").label("check", "c" + i).build(), T0 + i * 100);
        }
        fire(engine, Alert.builder("Check0").label("service", "billing").label("check", "c0").build(), T0);
        engine.tick(T0 + 10_000);

        assertThat(sent).hasSize(2);
        AlertNotification orders = sent.stream().map(Sent::notification)
                .filter(n -> n.groupLabels().equals(java.util.Map.of("service", "orders"))).findFirst().orElseThrow();
        assertThat(orders.firingCount()).isEqualTo(50);
        assertThat(orders.alerts()).hasSize(50);
        assertThat(orders.groupKey()).isEqualTo("/:{service=\"orders\"}");
    }

    @Test
    void groupIntervalNotifiesChangesAndRepeatIntervalRepeatsUnchangedGroups() {
        AlertEngine engine = engine(groupedRoute());
        Alert first = alert("DiskFull", "orders", AlertSeverity.HIGH);
        fire(engine, first, T0);
        engine.tick(T0 + 30_000);
        assertThat(sent).hasSize(1);

        Alert second = Alert.builder("DiskFull").label("service", "orders").label("disk", "/data").build();
        fire(engine, second, T0 + 60_000);
        engine.tick(T0 + 60_000);
        assertThat(sent).as("a new alert in a notified group waits for the group interval").hasSize(1);
        engine.tick(T0 + 30_000 + 300_000);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).notification().firingCount()).isEqualTo(2);

        long t = T0 + 30_000 + 300_000;
        while (t < T0 + 30_000 + 300_000 + Duration.ofHours(4).toMillis() - 300_000) {
            t += 300_000;
            engine.tick(t);
        }
        assertThat(sent).as("unchanged groups stay quiet until the repeat interval").hasSize(2);
        t += 300_000;
        engine.tick(t);
        assertThat(sent).hasSize(3);
        assertThat(sent.get(2).notification().firingCount()).isEqualTo(2);
    }

    @Test
    void resolvedNotificationsFollowNotifiedAlertsOnly() {
        AlertEngine engine = engine(groupedRoute());
        Alert notified = alert("Down", "orders", AlertSeverity.CRITICAL);
        fire(engine, notified, T0);
        engine.tick(T0 + 30_000);
        engine.resolve(notified.fingerprint(), T0 + 40_000);
        engine.tick(T0 + 30_000 + 300_000);
        assertThat(sent).hasSize(2);
        AlertNotification resolved = sent.get(1).notification();
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.resolvedCount()).isEqualTo(1);
        NotifiedAlert shown = resolved.alerts().get(0);
        assertThat(shown.endsAt()).isEqualTo(Instant.ofEpochMilli(T0 + 40_000));
        assertThat(retired).containsExactly(notified.fingerprint());
        assertThat(engine.activeCount()).isZero();

        Alert flapping = alert("Down", "billing", AlertSeverity.CRITICAL);
        fire(engine, flapping, T0 + 100_000);
        engine.resolve(flapping.fingerprint(), T0 + 110_000); // resolved within the group wait
        engine.tick(T0 + 130_000);
        assertThat(sent).as("an alert resolved before it was ever notified is not reported").hasSize(2);
        assertThat(engine.activeCount()).isZero();
    }

    @Test
    void sendResolvedFalseSuppressesResolvedNotifications() {
        AlertEngine engine = engine(AlertRoute.builder().groupWait(Duration.ZERO).sendResolved(false).build());
        Alert alert = alert("Down", "orders", AlertSeverity.CRITICAL);
        fire(engine, alert, T0);
        engine.tick(T0);
        engine.resolve(alert.fingerprint(), T0 + 1);
        engine.tick(T0 + 300_000);
        assertThat(sent).hasSize(1);
        assertThat(engine.activeCount()).isZero();
    }

    @Test
    void routingDescendsIntoTheFirstMatchingChildAndContinuesOnlyWhenAsked() {
        AlertRoute route = AlertRoute.builder().channels("mail").groupWait(Duration.ZERO)
                .route(AlertRoute.builder().name("pager").match(AlertMatcher.severity(AlertSeverity.CRITICAL))
                        .channels("pager").continueMatching(true).build())
                .route(AlertRoute.builder().name("orders").match(AlertMatcher.equal("service", "orders")).channels("slack")
                        .route(AlertRoute.builder().name("orders-db").match(AlertMatcher.regex("component", "db|cache")).build())
                        .build())
                .route(AlertRoute.builder().name("never").match(AlertMatcher.equal("service", "orders")).channels("mail").build())
                .build();
        AlertEngine engine = engine(route);

        assertThat(engine.receivers(alert("Down", "orders", AlertSeverity.CRITICAL))).containsExactly("pager", "orders");
        assertThat(engine.receivers(alert("Slow", "orders", AlertSeverity.LOW))).containsExactly("orders");
        assertThat(engine.receivers(Alert.builder("Slow").label("service", "orders").label("component", "db").build()))
                .containsExactly("orders-db");
        assertThat(engine.channels(Alert.builder("Slow").label("service", "orders").label("component", "db").build()))
                .as("children inherit the parent's channels").containsExactly("slack");
        assertThat(engine.receivers(alert("Slow", "billing", AlertSeverity.LOW))).containsExactly("/");

        fire(engine, alert("Down", "orders", AlertSeverity.CRITICAL), T0);
        engine.tick(T0);
        assertThat(sent).extracting(Sent::channels).containsExactlyInAnyOrder(List.of("pager"), List.of("slack"));
    }

    @Test
    void groupByEachAlertGivesEveryAlertItsOwnGroup() {
        AlertEngine engine = engine(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build());
        fire(engine, alert("A", "orders", AlertSeverity.HIGH), T0);
        fire(engine, alert("A", "billing", AlertSeverity.HIGH), T0);
        engine.tick(T0);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).notification().groupLabels()).containsKeys("alertname", "service");
    }

    @Test
    void aSilenceSuppressesMatchingAlertsAndNothingElseUntilItEnds() {
        AlertEngine engine = engine(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO)
                .groupInterval(Duration.ofMinutes(1)).build());
        engine.addSilence("s1", Silence.builder().match(AlertMatcher.equal("service", "search"))
                .endsAt(Instant.ofEpochMilli(T0 + 600_000)).build(), T0, T0 + 600_000);
        Alert silenced = alert("Down", "search", AlertSeverity.CRITICAL);
        Alert other = alert("Down", "orders", AlertSeverity.CRITICAL);
        assertThat(engine.suppression(silenced, T0)).isEqualTo("silence:s1");
        assertThat(engine.suppression(other, T0)).isNull();

        fire(engine, silenced, T0);
        fire(engine, other, T0);
        engine.tick(T0);
        assertThat(sent).extracting(s -> s.notification().alerts().get(0).alert().labels().get("service"))
                .containsExactly("orders");

        engine.tick(T0 + 600_000); // the silence ends; the group's next tick notifies it
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).notification().alerts().get(0).alert().labels().get("service")).isEqualTo("search");
        assertThat(engine.silenceIds(T0 + 600_000)).isEmpty();
    }

    @Test
    void aMaintenanceWindowInItsZoneSuppressesMatchingAlertsOnlyWhileOpen() {
        // Sundays 02:00-04:00 in Berlin, for the database only
        MaintenanceWindow window = MaintenanceWindow.builder("db-maintenance").days(DayOfWeek.SUNDAY)
                .between(LocalTime.of(2, 0), LocalTime.of(4, 0)).zone(ZoneId.of("Europe/Berlin"))
                .match(AlertMatcher.equal("service", "database")).build();
        AlertEngine engine = engine(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO)
                .groupInterval(Duration.ofMinutes(30)).build(), List.of(), List.of(window), 100);
        long sunday0230Berlin = ZonedDateTime.of(2026, 3, 8, 2, 30, 0, 0, ZoneId.of("Europe/Berlin")).toInstant().toEpochMilli();
        Alert database = alert("Down", "database", AlertSeverity.CRITICAL);
        Alert orders = alert("Down", "orders", AlertSeverity.CRITICAL);

        assertThat(engine.suppression(database, sunday0230Berlin)).isEqualTo("maintenance:db-maintenance");
        assertThat(engine.suppression(orders, sunday0230Berlin)).isNull();
        // Berlin is UTC+1 on that date: 03:30 UTC is 04:30 in Berlin, after the window
        long sunday0330Utc = ZonedDateTime.of(2026, 3, 8, 3, 30, 0, 0, ZoneId.of("UTC")).toInstant().toEpochMilli();
        assertThat(engine.suppression(database, sunday0330Utc)).isNull();

        fire(engine, database, sunday0230Berlin);
        fire(engine, orders, sunday0230Berlin);
        engine.tick(sunday0230Berlin);
        assertThat(sent).extracting(s -> s.notification().alerts().get(0).alert().labels().get("service"))
                .containsExactly("orders");
        engine.tick(sunday0230Berlin + 90 * 60_000); // 04:00 Berlin passed
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).notification().alerts().get(0).alert().labels().get("service")).isEqualTo("database");
    }

    @Test
    void aCriticalServiceDownInhibitsHighAlertsOfTheSameServiceOnly() {
        InhibitRule rule = InhibitRule.builder()
                .source(AlertMatcher.name("ServiceDown"), AlertMatcher.severity(AlertSeverity.CRITICAL))
                .target(AlertMatcher.severity(AlertSeverity.HIGH)).equal("service").build();
        AlertEngine engine = engine(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO)
                .groupInterval(Duration.ofMinutes(1)).build(), List.of(rule), List.of(), 100);
        Alert down = alert("ServiceDown", "orders", AlertSeverity.CRITICAL);
        Alert latencyOrders = alert("HighLatency", "orders", AlertSeverity.HIGH);
        Alert latencyBilling = alert("HighLatency", "billing", AlertSeverity.HIGH);
        Alert mediumOrders = alert("SlowQueries", "orders", AlertSeverity.MEDIUM);

        fire(engine, down, T0);
        fire(engine, latencyOrders, T0);
        fire(engine, latencyBilling, T0);
        fire(engine, mediumOrders, T0);
        assertThat(engine.suppression(latencyOrders, T0)).isEqualTo("inhibited");
        engine.tick(T0);
        assertThat(sent).extracting(s -> s.notification().alerts().get(0).alert().name() + "/"
                + s.notification().alerts().get(0).alert().labels().get("service"))
                .containsExactlyInAnyOrder("ServiceDown/orders", "HighLatency/billing", "SlowQueries/orders");

        engine.resolve(down.fingerprint(), T0 + 10_000);
        assertThat(engine.suppression(latencyOrders, T0 + 10_000)).isNull();
        engine.tick(T0 + 60_000);
        assertThat(sent).extracting(s -> s.notification().alerts().get(0).alert().name() + "/"
                + s.notification().status()).contains("HighLatency/FIRING", "ServiceDown/RESOLVED");
    }

    @Test
    void aSourceAlertDoesNotInhibitItself() {
        InhibitRule rule = InhibitRule.builder().source(AlertMatcher.equal("service", "orders"))
                .target(AlertMatcher.equal("service", "orders")).build();
        AlertEngine engine = engine(AlertRoute.builder().groupWait(Duration.ZERO).build(), List.of(rule), List.of(), 100);
        Alert only = alert("Down", "orders", AlertSeverity.HIGH);
        fire(engine, only, T0);
        assertThat(engine.suppression(only, T0)).isNull();
        Alert second = alert("Slow", "orders", AlertSeverity.HIGH);
        fire(engine, second, T0);
        assertThat(engine.suppression(only, T0)).as("each is muted by the other").isEqualTo("inhibited");
    }

    @Test
    void newAlertsBeyondTheActiveLimitAreRefusedButRepeatsStillCount() {
        AlertEngine engine = engine(AlertRoute.builder().build(), List.of(), List.of(), 2);
        Alert a = alert("A", "x", AlertSeverity.LOW);
        assertThat(fire(engine, a, T0)).isEqualTo(AlertEngine.FireOutcome.FIRED);
        assertThat(fire(engine, alert("B", "x", AlertSeverity.LOW), T0)).isEqualTo(AlertEngine.FireOutcome.FIRED);
        assertThat(fire(engine, alert("C", "x", AlertSeverity.LOW), T0)).isEqualTo(AlertEngine.FireOutcome.LIMIT);
        assertThat(engine.tryRepeat(a)).isNotNull();
        Alert own = alert("AlertsDropped", "x", AlertSeverity.HIGH);
        assertThat(engine.fire(own.fingerprint(), own, own, T0, true)).isEqualTo(AlertEngine.FireOutcome.FIRED);
    }

    @Test
    void anAlertFiringAgainBeforeItsResolutionWasReportedIsANewOccurrence() {
        AlertEngine engine = engine(groupedRoute());
        Alert alert = alert("Down", "orders", AlertSeverity.CRITICAL);
        fire(engine, alert, T0);
        engine.tick(T0 + 30_000);
        engine.resolve(alert.fingerprint(), T0 + 40_000);
        assertThat(fire(engine, alert, T0 + 50_000)).isEqualTo(AlertEngine.FireOutcome.FIRED);
        engine.tick(T0 + 330_000);
        assertThat(sent).as("still firing and already notified: nothing new to say").hasSize(1);
        assertThat(engine.get(alert.fingerprint()).startsAt()).isEqualTo(T0 + 50_000);
    }

    @Test
    void restoredAlertsKeepWhetherTheyWereNotified() {
        AlertEngine engine = engine(groupedRoute());
        Alert notified = alert("Down", "orders", AlertSeverity.CRITICAL);
        Alert fresh = alert("Down", "billing", AlertSeverity.CRITICAL);
        Alert resolvedAfterNotify = alert("Down", "search", AlertSeverity.CRITICAL);
        engine.restore(notified.fingerprint(), notified, T0, 0, true, T0 + 1000);
        engine.restore(fresh.fingerprint(), fresh, T0, 0, false, T0 + 1000);
        engine.restore(resolvedAfterNotify.fingerprint(), resolvedAfterNotify, T0, T0 + 500, true, T0 + 1000);
        engine.tick(T0 + 31_000);
        assertThat(sent).extracting(s -> s.notification().alerts().get(0).alert().labels().get("service") + "/"
                + s.notification().status()).containsExactlyInAnyOrder("billing/FIRING", "search/RESOLVED");
    }

    @Test
    void anAcknowledgedAlertIsNotifiedOnceAtOnceAndThenNoLongerRepeats() {
        AlertEngine engine = engine(groupedRoute());
        Alert alert = alert("DiskFull", "orders", AlertSeverity.HIGH);
        fire(engine, alert, T0);
        engine.tick(T0 + 30_000);
        assertThat(sent).hasSize(1);

        AlertAcknowledgement alice = new AlertAcknowledgement("alice", Instant.ofEpochMilli(T0 + 60_000), "");
        assertThat(engine.acknowledge(alert.fingerprint(), alice, T0 + 60_000)).isNotNull();
        assertThat(engine.acknowledge(alert.fingerprint(), alice, T0 + 60_000)).as("once").isNull();
        engine.tick(T0 + 60_000);
        assertThat(sent).as("the acknowledgement goes out at once, not at the next group interval").hasSize(2);
        AlertNotification acknowledged = sent.get(1).notification();
        assertThat(acknowledged.isAcknowledged()).isTrue();
        assertThat(acknowledged.alerts().get(0).acknowledgement()).isEqualTo(alice);

        for (long t = T0 + 60_000; t <= T0 + Duration.ofHours(12).toMillis(); t += 300_000) {
            engine.tick(t);
        }
        assertThat(sent).as("no repeat interval reminder for an acknowledged alert").hasSize(2);

        Alert other = Alert.builder("DiskFull").label("service", "orders").label("disk", "/data").build();
        fire(engine, other, T0 + Duration.ofHours(12).toMillis());
        engine.tick(T0 + Duration.ofHours(12).toMillis() + 300_000);
        assertThat(sent).as("a new alert in the group is still notified").hasSize(3);
        assertThat(sent.get(2).notification().acknowledgedCount()).isEqualTo(1);
        assertThat(sent.get(2).notification().isAcknowledged()).isFalse();
    }

    @Test
    void anAlertAcknowledgedDuringItsGroupWaitShowsItInTheFirstNotificationOnly() {
        AlertEngine engine = engine(groupedRoute());
        Alert alert = alert("DiskFull", "orders", AlertSeverity.HIGH);
        fire(engine, alert, T0);
        engine.acknowledge(alert.fingerprint(), new AlertAcknowledgement("alice", Instant.ofEpochMilli(T0 + 1), ""), T0 + 1);
        engine.tick(T0 + 1);
        assertThat(sent).isEmpty();
        engine.tick(T0 + 30_000);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).notification().isAcknowledged()).isTrue();
    }

    @Test
    void anEscalationForcesANotificationOfTheGroupsThatAlreadyNotifiedTheAlert() {
        AlertEngine engine = engine(groupedRoute());
        Alert alert = alert("DiskFull", "orders", AlertSeverity.HIGH);
        fire(engine, alert, T0);
        assertThat(engine.escalate(alert.fingerprint(), 1, true, T0)).containsExactly("slack", "pager", "mail");
        engine.tick(T0);
        assertThat(sent).as("before the group wait nothing is forced").isEmpty();
        engine.tick(T0 + 30_000);
        assertThat(sent.get(0).notification().alerts().get(0).escalationLevel()).isEqualTo(1);

        engine.escalate(alert.fingerprint(), 2, true, T0 + 60_000);
        engine.tick(T0 + 60_000);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).notification().alerts().get(0).escalationLevel()).isEqualTo(2);
        engine.escalate(alert.fingerprint(), 3, false, T0 + 120_000);
        engine.tick(T0 + 120_000);
        assertThat(sent).as("without renotify the level only shows in later notifications").hasSize(2);
        assertThat(engine.escalate("0000000000000000", 2, true, T0)).isEmpty();
    }

    @Test
    void firingAgainAfterResolvingForgetsTheAcknowledgement() {
        AlertEngine engine = engine(AlertRoute.builder().groupWait(Duration.ZERO).groupInterval(Duration.ofMinutes(5)).build());
        Alert alert = alert("Down", "orders", AlertSeverity.CRITICAL);
        fire(engine, alert, T0);
        engine.tick(T0);
        engine.acknowledge(alert.fingerprint(), new AlertAcknowledgement("alice", Instant.ofEpochMilli(T0), ""), T0);
        engine.escalate(alert.fingerprint(), 2, false, T0);
        engine.resolve(alert.fingerprint(), T0 + 1000);
        fire(engine, alert, T0 + 2000);
        assertThat(engine.get(alert.fingerprint()).acknowledgement()).isNull();
        assertThat(engine.get(alert.fingerprint()).escalationLevel()).isZero();
    }
}
