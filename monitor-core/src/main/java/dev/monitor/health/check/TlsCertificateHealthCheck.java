package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Checks when a TLS server's certificate chain expires: warns when {@code warnAtDaysLeft} days
 * or fewer are left (default 30) and fails once it has expired, is not valid yet, or, if set,
 * {@code failAtDaysLeft} days or fewer are left. The observed value is the days left.
 *
 * <pre>{@code
 * health.register("tls", TlsCertificateHealthCheck.builder(URI.create("https://shop.example.com"))
 *         .warnAtDaysLeft(21).failAtDaysLeft(3).build(), CheckOptions.builder().critical(false).build());
 * }</pre>
 *
 * <p>This checks expiry only: the chain is read without verifying trust or the host name, and the
 * result says so with the detail {@code trust_checked=false}. Other details are
 * {@code expires_at} and {@code expiring_certificate} ({@code server} or {@code issuer N}).
 */
public final class TlsCertificateHealthCheck implements HealthCheck {

    /** Default warning level: 30 days or fewer left. */
    public static final int DEFAULT_WARN_AT_DAYS_LEFT = 30;

    private static final int NOT_SET = -1;

    private final String host;
    private final int port;
    private final TlsCertificateInspector inspector;
    private final int warnAtDaysLeft;
    private final int failAtDaysLeft;
    private final Clock clock;

    /** Checks {@code host:port} with the defaults: warn at 30 days left, fail when expired, 800 ms timeout. */
    public TlsCertificateHealthCheck(String host, int port) {
        this(builder(host, port));
    }

    private TlsCertificateHealthCheck(Builder builder) {
        this.host = builder.host;
        this.port = builder.port;
        this.inspector = new TlsCertificateInspector(builder.timeout);
        this.warnAtDaysLeft = builder.warnAtDaysLeft;
        this.failAtDaysLeft = builder.failAtDaysLeft;
        this.clock = builder.clock;
    }

    /** A builder for a check of the TLS server at {@code host:port}. */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** A builder for a check of the server of an {@code https} URI (port 443 unless the URI names one). */
    public static Builder builder(URI uri) {
        TlsCertificateInspector.requireHttps(uri);
        return new Builder(uri.getHost(), TlsCertificateInspector.portOf(uri));
    }

    @Override
    public HealthResult check() {
        CertificateExpiry expiry;
        try {
            expiry = inspector.inspect(host, port);
        } catch (SocketTimeoutException e) {
            return HealthResult.fail("TLS connection to " + target() + " timed out after "
                    + inspector.timeout().toMillis() + " ms");
        } catch (UnknownHostException e) {
            return HealthResult.fail("unknown host '" + host + "'");
        } catch (IOException | RuntimeException e) {
            return HealthResult.fail("TLS connection to " + target() + " failed: " + Failures.describe(e));
        }
        Instant now = clock.instant();
        long daysLeft = expiry.daysLeft(now);
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        if (expiry.isExpired(now)) {
            status = CheckStatus.FAIL;
            error = "certificate expired at " + expiry.notAfter();
        } else if (expiry.isNotYetValid(now)) {
            status = CheckStatus.FAIL;
            error = "certificate is not valid before " + expiry.notBefore();
        } else if (failAtDaysLeft != NOT_SET && daysLeft <= failAtDaysLeft) {
            status = CheckStatus.FAIL;
            error = "certificate expires in " + daysLeft + " days (fail at " + failAtDaysLeft + " days left)";
        } else if (daysLeft <= warnAtDaysLeft) {
            status = CheckStatus.WARN;
            error = "certificate expires in " + daysLeft + " days (warn at " + warnAtDaysLeft + " days left)";
        }
        return HealthResult.builder(status)
                .observed("daysLeft", daysLeft, "days")
                .detail("expires_at", expiry.notAfter().toString())
                .detail("expiring_certificate", expiry.expiringIndex() == 0 ? "server" : "issuer " + expiry.expiringIndex())
                .detail("trust_checked", false)
                .error(error)
                .build();
    }

    private String target() {
        return host + ":" + port;
    }

    /** Builds a {@link TlsCertificateHealthCheck}. */
    public static final class Builder {
        private final String host;
        private final int port;
        private int warnAtDaysLeft = DEFAULT_WARN_AT_DAYS_LEFT;
        private int failAtDaysLeft = NOT_SET;
        private Duration timeout = TlsCertificateInspector.DEFAULT_TIMEOUT;
        private Clock clock = Clock.systemUTC();

        private Builder(String host, int port) {
            this.host = ArgumentChecks.host(host);
            this.port = ArgumentChecks.port(port);
        }

        /** Warn when this many days or fewer are left (default 30); 0 to 3650. */
        public Builder warnAtDaysLeft(int days) {
            this.warnAtDaysLeft = days("warnAtDaysLeft", days);
            return this;
        }

        /** Fail when this many days or fewer are left (default: only once expired); 0 to 3650. */
        public Builder failAtDaysLeft(int days) {
            this.failAtDaysLeft = days("failAtDaysLeft", days);
            return this;
        }

        /** Bound of the connect and of each handshake read (default 800 ms). */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /** The clock the days left are counted from (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the check. */
        public TlsCertificateHealthCheck build() {
            if (failAtDaysLeft != NOT_SET && failAtDaysLeft >= warnAtDaysLeft) {
                throw new IllegalArgumentException("failAtDaysLeft (" + failAtDaysLeft
                        + ") must be less than warnAtDaysLeft (" + warnAtDaysLeft + ")");
            }
            return new TlsCertificateHealthCheck(this);
        }

        private static int days(String name, int days) {
            if (days < 0 || days > 3650) {
                throw new IllegalArgumentException(name + " must be between 0 and 3650, was " + days);
            }
            return days;
        }
    }
}
