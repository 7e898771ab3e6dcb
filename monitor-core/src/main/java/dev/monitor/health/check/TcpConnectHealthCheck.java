package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Checks that a TCP port accepts connections: opens a connection and closes it at once. The
 * observed value is the connect time.
 *
 * <pre>{@code
 * health.register("redis", new TcpConnectHealthCheck("redis.internal", 6379));
 * health.register("broker", TcpConnectHealthCheck.builder("mq.internal", 5672).timeout(Duration.ofMillis(300)).build());
 * }</pre>
 *
 * <p>The connect is bounded by the timeout (default 800 ms). Resolving the host name is left to
 * the system resolver, which the timeout cannot bound; the registry's deadline still does.
 */
public final class TcpConnectHealthCheck implements HealthCheck {

    /** Default connect timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);

    private final String host;
    private final int port;
    private final Duration timeout;
    private final int timeoutMillis;

    /** Checks {@code host:port} with the default 800 ms timeout. */
    public TcpConnectHealthCheck(String host, int port) {
        this(builder(host, port));
    }

    private TcpConnectHealthCheck(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.timeout = builder.timeout;
        this.timeoutMillis = ArgumentChecks.millis(builder.timeout);
    }

    /** A builder for a check of {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    @Override
    public HealthResult check() {
        long start = System.nanoTime();
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return HealthResult.fail("unknown host '" + host + "'");
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
        } catch (SocketTimeoutException e) {
            return HealthResult.fail("connect to " + target() + " timed out after " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return HealthResult.fail("connect to " + target() + " failed: " + Failures.describe(e));
        } catch (UnknownHostException e) {
            return HealthResult.fail("unknown host '" + host + "'");
        } catch (IOException | RuntimeException e) {
            return HealthResult.fail("connect to " + target() + " failed: " + Failures.describe(e));
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        return HealthResult.builder(CheckStatus.PASS)
                .observed("connectTime", elapsedMillis, "ms")
                .build();
    }

    private String target() {
        return host + ":" + port;
    }

    /** Builds a {@link TcpConnectHealthCheck}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String host, int port) {
            this.host = ArgumentChecks.host(host);
            this.port = ArgumentChecks.port(port);
        }

        /** The connect timeout (default 800 ms). */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /** Builds the check. */
        public TcpConnectHealthCheck build() {
            return new TcpConnectHealthCheck(this);
        }
    }
}
