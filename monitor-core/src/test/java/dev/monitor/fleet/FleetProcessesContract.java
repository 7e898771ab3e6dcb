package dev.monitor.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.fleet.support.ReplicaProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A fleet of three replicas, each its own JVM ({@link dev.monitor.fleet.support.FleetReplica}), on one database: the
 * acceptance of fleet mode's first slice. Subclasses provide the database (embedded PostgreSQL, H2 in server mode).
 * The replicas start together on an empty database, so the schema's creation race runs too. The tests share the fleet
 * and run in order; the last kills a replica.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FleetProcessesContract {

    /** The store's lease: short, so that a takeover is quick to see. */
    static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    /** Where the replicas connect. */
    record Database(String url, String user, String password) {
    }

    private final List<ReplicaProcess> replicas = new ArrayList<>();
    private LoopbackHttpServer webhook;
    private LoopbackHttpServer target;
    private LoopbackHttpServer hangingTarget;

    /** Starts the database (empty) and says where it is. */
    abstract Database startDatabase() throws Exception;

    /** Stops the database. */
    abstract void stopDatabase() throws Exception;

    @BeforeAll
    void startFleet() throws Exception {
        webhook = LoopbackHttpServer.start();
        target = LoopbackHttpServer.start();
        hangingTarget = LoopbackHttpServer.start().defaultReply(Reply.never());
        Database database = startDatabase();
        for (int i = 1; i <= 3; i++) {
            replicas.add(ReplicaProcess.start("replica-" + i, database.url(), database.user(), database.password(),
                    webhook.url("/alerts"), LEASE));
        }
        for (ReplicaProcess replica : replicas) {
            replica.awaitReady();
        }
    }

    @AfterAll
    void stopFleet() throws Exception {
        for (ReplicaProcess replica : replicas) {
            replica.close();
        }
        for (LoopbackHttpServer server : new LoopbackHttpServer[] {webhook, target, hangingTarget}) {
            if (server != null) {
                server.close();
            }
        }
        stopDatabase();
    }

    @Test
    @Order(1)
    void theSameAlertFiredOnTwoReplicasYieldsOneNotification() {
        replicas.get(0).ask("fire HighErrorRate");
        replicas.get(1).ask("fire HighErrorRate");
        // both claims are decided: the winner sends, the loser never will
        Await.until(HANG_GUARD, () -> sum("won") == 1 && sum("lost") == 1 && !webhook.requests().isEmpty(),
                () -> "one claim won and one lost, and a notification: won=" + sum("won") + " lost=" + sum("lost")
                        + " notifications=" + webhook.requests().size());
        assertThat(webhook.requests()).hasSize(1);
        assertThat(webhook.requests().get(0).body()).contains("HighErrorRate");
    }

    @Test
    @Order(2)
    void anUptimeTargetWithA1sIntervalIsProbedAboutOncePerSecondByTheFleetNotThreeTimes() {
        for (ReplicaProcess replica : replicas) {
            replica.ask("uptime shop " + target.url("/shop") + " 1000 500");
        }
        int hits = 12;
        // every replica ticks (each has run or skipped a few ticks) while the fleet makes the hits
        Await.until(HANG_GUARD, () -> target.requests().size() >= hits && replicas.stream().allMatch(replica -> {
            Map<String, String> status = replica.status("uptime.shop");
            return Long.parseLong(status.get("ran")) + Long.parseLong(status.get("skipped")) >= 5;
        }), () -> "the fleet checked the target " + hits + " times: " + target.requests().size());
        List<LoopbackHttpServer.Request> requests = target.requests();
        int count = requests.size();
        double spanSeconds = (requests.get(count - 1).nanos() - requests.get(0).nanos()) / 1e9;
        System.out.printf("FleetProcesses: %d checks in %.2f s (%.2f a second), %s%n", count, spanSeconds,
                (count - 1) / spanSeconds, replicas.stream().map(r -> r.id() + " " + r.status("uptime.shop").get("ran")
                        + " ran").toList());
        // A check takes the target's lease for 0.9 s, so n checks by the fleet span at least (n - 1) x 0.9 s; two checks
        // of slack for a run whose request was delayed after it took the lease. A busy machine only slows the checks
        // down. Three replicas checking on their own would make n checks in about n / 3 s and fail this.
        assertThat(spanSeconds).as("%d checks by the fleet, at most one per 0.9 s lease", count)
                .isGreaterThanOrEqualTo((count - 1 - 2) * 0.9);
    }

    @Test
    @Order(3)
    void afterTheReplicaHoldingTheLeaseIsKilledAnotherTakesOverWithinOneLease() throws Exception {
        // a target that never answers: the replica checking it holds the lease for the whole check (1.9 s of 2 s)
        for (ReplicaProcess replica : replicas) {
            replica.ask("uptime hang " + hangingTarget.url("/hang") + " 2000 1900");
        }
        String task = "uptime.hang";
        ReplicaProcess holder = null;
        Map<String, String> holderStatus = null;
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (holder == null) {
            assertThat(System.nanoTime()).as("a replica reported it holds the lease").isLessThan(deadline);
            for (ReplicaProcess replica : replicas) {
                Map<String, String> status = replica.status(task);
                if (status.get("running").equals("true")) {
                    holder = replica;
                    holderStatus = status;
                    break;
                }
            }
        }
        List<Long> holderAttempts = ReplicaProcess.times(holderStatus, "attempts");
        long lastAttempt = holderAttempts.get(holderAttempts.size() - 1);
        long killedAt = System.currentTimeMillis();
        holder.kill();

        List<ReplicaProcess> survivors = new ArrayList<>(replicas);
        survivors.remove(holder);
        long[] takeover = {Long.MAX_VALUE};
        Await.until(HANG_GUARD, () -> {
            for (ReplicaProcess survivor : survivors) {
                for (long start : ReplicaProcess.times(survivor.status(task), "starts")) {
                    if (start > killedAt) {
                        takeover[0] = Math.min(takeover[0], start);
                    }
                }
            }
            return takeover[0] != Long.MAX_VALUE;
        }, "a surviving replica checks the target");
        long afterKill = takeover[0] - killedAt;
        long afterLastLease = takeover[0] - lastAttempt;
        System.out.printf("FleetProcesses: %s killed; taken over %d ms after the kill, %d ms after its lease began%n",
                holder.id(), afterKill, afterLastLease);
        // the lease of the dead replica is respected: its least hold is 1.8 s (its whole lease, 3 s, if it died checking)
        assertThat(afterLastLease).as("no survivor checks before the dead replica's lease could end")
                .isGreaterThanOrEqualTo(1800);
        // within one lease (3 s) and a tick (2 s) of the kill; one more lease of margin for a stalled, busy machine
        assertThat(afterKill).as("taken over within one lease and a tick").isLessThanOrEqualTo(
                LEASE.plusSeconds(2).plus(LEASE).toMillis());
    }

    private long sum(String claims) {
        long sum = 0;
        for (ReplicaProcess replica : replicas) {
            if (replica.isAlive()) {
                sum += Long.parseLong(replica.status("-").get(claims));
            }
        }
        return sum;
    }
}
