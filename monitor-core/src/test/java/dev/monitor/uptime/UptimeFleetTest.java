package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.fleet.FleetMeters;
import dev.monitor.fleet.FleetRunner;
import dev.monitor.fleet.JdbcMonitorStore;
import dev.monitor.rule.support.ManualScheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Uptime checks through a fleet runner, in one JVM: the scheduled check goes through the gate with the target's lease,
 * and of two replicas sharing a store the second skips the tick the first ran. ({@code FleetProcessesTest} runs three
 * processes.)
 */
class UptimeFleetTest {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** A runner that records what it is asked and lets every task run. */
    private static final class RecordingRunner implements FleetRunner {
        final List<String> calls = new ArrayList<>();

        @Override
        public Duration lease() {
            return Duration.ofSeconds(30);
        }

        @Override
        public synchronized boolean runOnce(String name, Duration lockAtLeastFor, Duration lockAtMostFor, Runnable task) {
            calls.add(name + " " + lockAtLeastFor + " " + lockAtMostFor);
            task.run();
            return true;
        }
    }

    @Test
    void aScheduledCheckHoldsItsLeaseForNineTenthsOfItsIntervalAndAtMostTheLeaseOrItsTimeout() throws Exception {
        ScriptedHttpServer server = track(new ScriptedHttpServer());
        ManualScheduler time = new ManualScheduler(start);
        RecordingRunner runner = new RecordingRunner();
        UptimeMonitor monitor = track(UptimeMonitor.builder().clock(time.clock()).scheduler(time).runner(runner).build());
        monitor.add(UptimeTarget.builder("shop", server.uri("/")).interval(Duration.ofSeconds(10))
                .timeout(Duration.ofSeconds(5)).build());
        monitor.add(UptimeTarget.builder("slow", server.uri("/")).interval(Duration.ofSeconds(100))
                .timeout(Duration.ofSeconds(95)).build());
        monitor.add(UptimeTarget.builder("daily", server.uri("/")).interval(Duration.ofDays(1)).build());
        time.runDue();
        assertThat(runner.calls).containsExactlyInAnyOrder(
                "uptime.shop PT9S PT30S",       // the store's lease
                "uptime.slow PT1M30S PT1M36S",       // as long as a check can take
                "uptime.daily PT21H36M PT21H36M"); // never shorter than it is held
        assertThat(server.requests()).isEqualTo(3);
        java.util.concurrent.CompletableFuture<?> asked = monitor.checkNow("shop");
        time.runDue();
        asked.get(60, java.util.concurrent.TimeUnit.SECONDS); // a hang guard
        assertThat(runner.calls).as("a check asked for runs here, outside the gate").hasSize(3);
        assertThat(server.requests()).isEqualTo(4);
    }

    @Test
    void ofTwoReplicasSharingAStoreOnlyTheFirstToTickChecksTheTarget() throws Exception {
        ScriptedHttpServer server = track(new ScriptedHttpServer());
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:uptime-fleet-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        SimpleMeterRegistry metersB = new SimpleMeterRegistry();
        ManualScheduler timeA = new ManualScheduler(start);
        ManualScheduler timeB = new ManualScheduler(start);
        // an hour's interval: the lease is held 54 minutes of real time, far beyond this test
        UptimeMonitor a = track(UptimeMonitor.builder().clock(timeA.clock()).scheduler(timeA)
                .runner(JdbcMonitorStore.builder(database).replicaId("a").meterRegistry(metersA).build().runner()).build());
        UptimeMonitor b = track(UptimeMonitor.builder().clock(timeB.clock()).scheduler(timeB)
                .runner(JdbcMonitorStore.builder(database).replicaId("b").meterRegistry(metersB).build().runner()).build());
        UptimeTarget shop = UptimeTarget.builder("shop", server.uri("/")).interval(HOUR).build();
        a.add(shop);
        b.add(shop);

        timeA.runDue();
        assertThat(server.requests()).isEqualTo(1);
        timeB.runDue();
        assertThat(server.requests()).as("replica b skipped the tick replica a ran").isEqualTo(1);
        assertThat(b.recentResults("shop")).isEmpty();
        assertThat(metersA.get(FleetMeters.TASKS).tag(FleetMeters.TAG_OUTCOME, "ran").functionCounter().count()).isEqualTo(1);
        assertThat(metersB.get(FleetMeters.TASKS).tag(FleetMeters.TAG_OUTCOME, "skipped").functionCounter().count())
                .isEqualTo(1);
    }
}
