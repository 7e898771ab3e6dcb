package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.fleet.FleetMeters;
import dev.monitor.fleet.JdbcMonitorStore;
import dev.monitor.fleet.MonitorStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Two dispatchers sharing a fleet store in one JVM: the same alert fired on both reaches the webhook once; the
 * replica that lost the claim counts it and does not count a delivery. ({@code FleetProcessesTest} runs processes.)
 */
class FleetNotificationClaimTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    @Test
    void theSameAlertFiredOnTwoReplicasIsNotifiedOnce() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:fleet-claims-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        MeterRegistry metersA = new SimpleMeterRegistry();
        MeterRegistry metersB = new SimpleMeterRegistry();
        try (LoopbackHttpServer webhook = LoopbackHttpServer.start();
                AlertDispatcher a = dispatcher(webhook, JdbcMonitorStore.builder(database).replicaId("a").meterRegistry(metersA).build());
                AlertDispatcher b = dispatcher(webhook, JdbcMonitorStore.builder(database).replicaId("b").meterRegistry(metersB).build())) {
            Alert alert = Alert.builder("HighErrorRate").severity(AlertSeverity.HIGH).label("service", "orders").build();
            a.fire(alert);
            b.fire(alert);
            // both claims decided: the winner's send is counted as delivered, the loser's is final (it never sends)
            Await.until(HANG_GUARD, () -> claims(metersA, "won") + claims(metersB, "won") == 1
                    && claims(metersA, "lost") + claims(metersB, "lost") == 1
                    && a.stats().channel("webhook").delivered() + b.stats().channel("webhook").delivered() == 1,
                    () -> "one claim won, one lost: a=" + a.stats().channel("webhook") + " b=" + b.stats().channel("webhook"));
            assertThat(webhook.requests()).hasSize(1);
            assertThat(a.stats().channel("webhook").failed() + b.stats().channel("webhook").failed()).isZero();
        }
    }

    @Test
    void theLocalStoreSendsFromEveryReplicaAsBefore() throws Exception {
        try (LoopbackHttpServer webhook = LoopbackHttpServer.start();
                AlertDispatcher a = dispatcher(webhook, MonitorStore.local());
                AlertDispatcher b = dispatcher(webhook, MonitorStore.local())) {
            Alert alert = Alert.builder("HighErrorRate").severity(AlertSeverity.HIGH).label("service", "orders").build();
            a.fire(alert);
            b.fire(alert);
            Await.until(HANG_GUARD, () -> webhook.requests().size() == 2, () -> "two notifications: " + webhook.requests());
        }
    }

    private static AlertDispatcher dispatcher(LoopbackHttpServer webhook, MonitorStore store) {
        return AlertDispatcher.builder()
                .channel(WebhookChannel.builder().url(webhook.url("/alerts")).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                .store(store)
                .build();
    }

    private static double claims(MeterRegistry meters, String outcome) {
        return meters.get(FleetMeters.CLAIMS).tag(FleetMeters.TAG_OUTCOME, outcome).functionCounter().count();
    }
}
