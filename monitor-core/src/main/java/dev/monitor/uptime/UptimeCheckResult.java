package dev.monitor.uptime;

import dev.monitor.health.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One check of an uptime target of any kind. Texts are already scrubbed.
 *
 * @param target the target's name
 * @param checkedAt when the check finished, on the monitor's clock
 * @param status {@code pass}, {@code warn} (slow, certificate expiring) or {@code fail}
 * @param responseTime how long the check took (the HTTP exchange, the TCP connect, the DNS answer, all steps of a
 *     scenario), or {@code null} when there was no response
 * @param statusCode the HTTP status (of a scenario: of its last step answered), or 0 when there was none (no
 *     response, TCP, DNS)
 * @param certificateDaysLeft whole days until the TLS certificate chain expires, or {@code null} (plain HTTP,
 *     not inspected)
 * @param error why the check warned or failed, one line of at most {@value #MAX_ERROR_LENGTH} characters, scrubbed
 *     before it was cut; {@code null} when it passed
 * @param step the name of the scenario step that failed, or {@code null} (passed, or not a scenario)
 */
public record UptimeCheckResult(String target, Instant checkedAt, CheckStatus status, @Nullable Duration responseTime,
        int statusCode, @Nullable Long certificateDaysLeft, @Nullable String error, @Nullable String step) {

    /** Longest error text a check reports (and a store keeps). */
    public static final int MAX_ERROR_LENGTH = 512;

    /** A result that names no scenario step. */
    public UptimeCheckResult(String target, Instant checkedAt, CheckStatus status, @Nullable Duration responseTime,
            int statusCode, @Nullable Long certificateDaysLeft, @Nullable String error) {
        this(target, checkedAt, status, responseTime, statusCode, certificateDaysLeft, error, null);
    }

    /** Validates the arguments. */
    public UptimeCheckResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(checkedAt, "checkedAt");
        Objects.requireNonNull(status, "status");
        if (statusCode < 0 || statusCode > 999) {
            throw new IllegalArgumentException("statusCode must be between 0 and 999, was " + statusCode);
        }
    }

    /** Whether the target counted as up in this check ({@code pass} or {@code warn}). */
    public boolean isUp() {
        return status != CheckStatus.FAIL;
    }
}
