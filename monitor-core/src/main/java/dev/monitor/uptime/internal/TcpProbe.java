package dev.monitor.uptime.internal;

import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.Ticker;
import dev.monitor.pii.Scrubber;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Checks a TCP target: resolves the host, opens a connection within the time left of the timeout and closes it at
 * once. The response time is the connect time. Failures are classified: {@code unresolved host},
 * {@code connection refused}, {@code timed out}, else {@code cannot connect}. Not API.
 */
final class TcpProbe implements UptimeProbe {

    /** Resolves a host name to the address connected to. */
    @FunctionalInterface
    interface HostResolver {
        /** The address of {@code host}. */
        InetAddress resolve(String host) throws UnknownHostException;
    }

    /** The JVM's resolver (the system's, through {@link InetAddress}). */
    static final HostResolver SYSTEM_RESOLVER = InetAddress::getByName;

    private final UptimeTarget target;
    private final String host;
    private final Scrubber scrubber;
    private final Ticker ticker;
    private final HostResolver resolver;

    TcpProbe(UptimeTarget target, Scrubber scrubber, Ticker ticker, HostResolver resolver) {
        this.target = Objects.requireNonNull(target, "target");
        this.host = Objects.requireNonNull(target.host(), "host");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public UptimeCheckResult check(Supplier<Instant> clock) {
        long deadline = System.nanoTime() + target.timeout().toNanos(); // timeouts follow real time
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        Duration connectTime = null;
        try {
            InetAddress address = resolver.resolve(host);
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left < 1) {
                throw new SocketTimeoutException("no time left after resolving");
            }
            try (Socket socket = new Socket()) {
                long start = ticker.read();
                socket.connect(new InetSocketAddress(address, target.port()), (int) Math.min(left, Integer.MAX_VALUE));
                connectTime = Duration.ofNanos(Math.max(0, ticker.read() - start));
            }
        } catch (UnknownHostException e) {
            status = CheckStatus.FAIL;
            error = "unresolved host '" + host + "'";
        } catch (SocketTimeoutException e) {
            status = CheckStatus.FAIL;
            error = "timed out after " + target.timeout().toMillis() + " ms";
        } catch (ConnectException e) {
            status = CheckStatus.FAIL;
            String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
            error = message.contains("refused") ? "connection refused" : "cannot connect: " + Failures.describe(e);
        } catch (IOException | RuntimeException e) {
            status = CheckStatus.FAIL;
            error = "cannot connect: " + Failures.describe(e);
        }
        Duration slow = target.degradedAbove();
        if (status == CheckStatus.PASS && connectTime != null && slow != null && connectTime.compareTo(slow) > 0) {
            status = CheckStatus.WARN;
            error = "slow connect: " + connectTime.toMillis() + " ms (warn above " + slow.toMillis() + " ms)";
        }
        return result(clock.get(), status, connectTime, error);
    }

    private UptimeCheckResult result(Instant now, CheckStatus status, @Nullable Duration time, @Nullable String error) {
        return new UptimeCheckResult(target.name(), now, status, time, 0, null,
                error == null ? null : scrubber.scrub(error, UptimeCheckResult.MAX_ERROR_LENGTH));
    }
}
