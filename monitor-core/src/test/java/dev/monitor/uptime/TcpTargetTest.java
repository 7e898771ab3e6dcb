package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * TCP targets against real loopback sockets: one that accepts, a closed port (refused) and one whose accept
 * queue is full (the connection never completes: timeout). Connect times are read from a test ticker.
 */
class TcpTargetTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final AtomicLong nanos = new AtomicLong();
    private final AlertCapture alerts = new AlertCapture();
    private final UptimeMonitor monitor = UptimeMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).ticker(() -> nanos.addAndGet(Duration.ofMillis(7).toNanos())).build();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        monitor.close();
        alerts.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private ServerSocket listening(int backlog) throws IOException {
        ServerSocket server = new ServerSocket(0, backlog, InetAddress.getLoopbackAddress());
        resources.add(server);
        return server;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private List<String> events(int count) {
        Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count, () -> "alerts: " + alerts.events());
        return alerts.events();
    }

    @Test
    void anOpenPortIsUpWithItsConnectTime() throws Exception {
        ServerSocket server = listening(50);
        monitor.add(UptimeTarget.tcp("db", "127.0.0.1", server.getLocalPort()).interval(MINUTE).timeout(Duration.ofSeconds(30))
                .build());
        HealthRegistry health = HealthRegistry.builder().build();
        resources.add(health);
        monitor.register(health);
        time.runDue();

        UptimeSummary summary = monitor.summary("db");
        assertThat(summary.state()).isEqualTo(UptimeState.UP);
        UptimeCheckResult result = summary.lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.responseTime()).isEqualTo(Duration.ofMillis(7)); // two ticker readings 7 ms apart
        assertThat(result.error()).isNull();
        assertThat(monitor.targets().get(0).kind()).isEqualTo(UptimeTarget.Kind.TCP);
        CheckReport check = health.report().checks().get("uptime-db");
        assertThat(check.status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aSlowConnectIsDegraded() throws Exception {
        ServerSocket server = listening(50);
        monitor.add(UptimeTarget.tcp("db", "127.0.0.1", server.getLocalPort()).interval(MINUTE).timeout(Duration.ofSeconds(30))
                .degradedAbove(Duration.ofMillis(5)).build());
        time.runDue();

        UptimeCheckResult result = monitor.summary("db").lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.error()).isEqualTo("slow connect: 7 ms (warn above 5 ms)");
        assertThat(monitor.summary("db").state()).isEqualTo(UptimeState.DEGRADED);
    }

    @Test
    void aClosedPortIsRefusedAndAlertsAfterTheThreshold() throws Exception {
        int port = closedPort();
        monitor.add(UptimeTarget.tcp("cache", "127.0.0.1", port).interval(MINUTE).timeout(Duration.ofSeconds(30))
                .failureThreshold(2).build());
        HealthRegistry health = HealthRegistry.builder().build();
        resources.add(health);
        monitor.register(health);
        time.runDue();
        assertThat(monitor.summary("cache").lastResult().error()).isEqualTo("connection refused");
        assertThat(monitor.summary("cache").lastResult().responseTime()).isNull();
        assertThat(monitor.summary("cache").state()).isEqualTo(UptimeState.UNKNOWN); // one failure of the two needed
        assertThat(monitor.summary("cache").consecutiveFailures()).isEqualTo(1);
        time.advance(MINUTE);

        assertThat(monitor.summary("cache").state()).isEqualTo(UptimeState.DOWN);
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=cache}");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("cache is down: connection refused (2 failed checks in a row)");
        CheckReport check = health.report().checks().get("uptime-cache");
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.error()).isEqualTo("connection refused");
    }

    @Test
    void aPortThatNeverCompletesTheHandshakeTimesOut() throws Exception {
        ServerSocket server = listening(1);
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        // nobody accepts: fill the accept queue until a connection no longer completes
        boolean full = false;
        for (int i = 0; i < 64 && !full; i++) {
            Socket filler = new Socket();
            resources.add(filler);
            try {
                filler.connect(address, 1_000);
            } catch (SocketTimeoutException e) {
                full = true;
            }
        }
        assertThat(full).as("the accept queue of a listening socket nobody accepts from fills up").isTrue();
        monitor.add(UptimeTarget.tcp("queue", "127.0.0.1", server.getLocalPort()).interval(MINUTE)
                .timeout(Duration.ofMillis(300)).failureThreshold(1).build());
        time.runDue();

        UptimeCheckResult result = monitor.summary("queue").lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("timed out after 300 ms");
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=queue}");
    }

    @Test
    void tcpTargetsRefuseBadHostsPortsAndHttpSettings() {
        assertThatThrownBy(() -> UptimeTarget.tcp("db", "127.0.0.1", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port of target 'db' must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> UptimeTarget.tcp("db", "user:pw@db", 5432)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host of target 'db' must be a host name or an IP address, such as 'db.internal' or '10.0.0.5'");
        assertThatThrownBy(() -> UptimeTarget.tcp("db", "db.internal", 5432).expectKeyword("ok"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("expectKeyword applies to http targets, not to the tcp target 'db'");
        assertThat(UptimeTarget.tcp("db", "db.internal", 5432).build().toString())
                .isEqualTo("UptimeTarget{db, tcp, every PT1M, timeout PT10S}");
    }
}
