package dev.monitor.health.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The validity window of the certificate chain a TLS server presented, as read by
 * {@link TlsCertificateInspector}: the earliest expiry and the latest start among the chain's
 * certificates, because the chain stops working when any of them does.
 *
 * @param notBefore the latest {@code notBefore} in the chain
 * @param notAfter the earliest {@code notAfter} in the chain
 * @param expiringIndex position in the chain of the certificate that expires first: 0 is the
 *     server's own certificate, 1 its issuer, and so on
 * @param chainLength how many certificates the server presented
 */
public record CertificateExpiry(Instant notBefore, Instant notAfter, int expiringIndex, int chainLength) {

    private static final long SECONDS_PER_DAY = Duration.ofDays(1).getSeconds();

    /** Validates the arguments. */
    public CertificateExpiry {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        if (chainLength < 1) {
            throw new IllegalArgumentException("chainLength must be at least 1, was " + chainLength);
        }
        if (expiringIndex < 0 || expiringIndex >= chainLength) {
            throw new IllegalArgumentException("expiringIndex must be between 0 and " + (chainLength - 1) + ", was "
                    + expiringIndex);
        }
    }

    /**
     * Whole days from {@code now} until the chain expires, rounded down: 0 on the last day,
     * negative once expired.
     */
    public long daysLeft(Instant now) {
        Objects.requireNonNull(now, "now");
        return Math.floorDiv(Duration.between(now, notAfter).getSeconds(), SECONDS_PER_DAY);
    }

    /** Whether the chain has expired at {@code now} (a certificate is valid up to and including {@code notAfter}). */
    public boolean isExpired(Instant now) {
        return Objects.requireNonNull(now, "now").isAfter(notAfter);
    }

    /** Whether some certificate of the chain is not valid yet at {@code now}. */
    public boolean isNotYetValid(Instant now) {
        return Objects.requireNonNull(now, "now").isBefore(notBefore);
    }
}
