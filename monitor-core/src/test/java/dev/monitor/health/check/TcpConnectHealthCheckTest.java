package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpConnectHealthCheckTest {

    /** Longer than any connect on loopback takes, however busy the machine (the default is 800 ms). */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    @Test
    void passesWhenThePortAcceptsConnectionsAndReportsTheConnectTime() throws IOException {
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            HealthResult result = TcpConnectHealthCheck.builder("127.0.0.1", listening.getLocalPort()).timeout(GENEROUS)
                    .build().check();

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.observed()).isNotNull();
            assertThat(result.observed().measurement()).isEqualTo("connectTime");
            assertThat(result.observed().unit()).isEqualTo("ms");
        }
    }

    @Test
    void failsWhenThePortIsClosed() throws IOException {
        int port = HttpEndpointHealthCheckTest.closedPort();

        HealthResult result = TcpConnectHealthCheck.builder("127.0.0.1", port).timeout(GENEROUS).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("connect to 127.0.0.1:" + port + " failed: ConnectException")
                .contains("refused");
    }

    @Test
    void failsAtItsTimeoutWhenTheServerDoesNotAnswerTheHandshake() throws Exception {
        // A listener whose accept queue is full drops further SYNs, so a connect hangs: the
        // loopback equivalent of a firewalled port.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillAcceptQueue(full);
            try {
                TcpConnectHealthCheck check = TcpConnectHealthCheck.builder("127.0.0.1", full.getLocalPort())
                        .timeout(Duration.ofMillis(200)).build();

                // the connect hangs until the test ends: a hang guard, not a speed limit
                HealthResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), check::check);

                assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
                assertThat(result.error()).isEqualTo("connect to 127.0.0.1:" + full.getLocalPort()
                        + " timed out after 200 ms");
            } finally {
                for (Socket socket : queued) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void builderRejectsBadHostsPortsAndTimeouts() {
        assertThatThrownBy(() -> new TcpConnectHealthCheck("127.0.0.1", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be between 1 and 65535, was 0");
        assertThatThrownBy(() -> new TcpConnectHealthCheck("127.0.0.1", 65536))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("port must be between 1 and 65535, was 65536");
        assertThatThrownBy(() -> new TcpConnectHealthCheck(" ", 80))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("host must not be blank");
        assertThatThrownBy(() -> new TcpConnectHealthCheck("db internal", 80))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("host must not contain spaces or control characters, was 'db internal'");
        assertThatThrownBy(() -> TcpConnectHealthCheck.builder("127.0.0.1", 80).timeout(Duration.ofDays(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout must be at most");
    }

    /** Opens connections that are never accepted until one does not complete; returns the open ones. */
    static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                queued.add(socket);
            } catch (SocketTimeoutException e) {
                socket.close();
                return queued;
            }
        }
        for (Socket socket : queued) {
            socket.close();
        }
        throw new IllegalStateException("the accept queue never filled up; cannot simulate a silent port");
    }
}
