package dev.monitor.alert.channel;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a delivery attempt ended, as classified by the channel: {@linkplain #delivered() delivered},
 * {@linkplain #retryable(String, String, Duration) worth retrying} (server errors, timeouts, I/O errors,
 * rate limiting; optionally with the provider's {@code Retry-After}), or {@linkplain #permanent(String,
 * String) permanently rejected} (a 4xx other than 429: retrying the same request cannot succeed).
 *
 * <p>{@link #reason()} is a short, low-cardinality code used as a metric tag ({@code http_500},
 * {@code http_429}, {@code timeout}, {@code io}); {@link #detail()} is free text for the log and is
 * passed through the scrubber before it is logged. Neither may contain secrets such as webhook URLs.
 */
public final class DeliveryResult {

    /** How the attempt ended. */
    public enum Outcome {
        /** The provider accepted the notification. */
        DELIVERED,
        /** The attempt failed but a later one may succeed. */
        RETRYABLE,
        /** The provider rejected the notification; retrying cannot help. */
        PERMANENT
    }

    private static final DeliveryResult DELIVERED = new DeliveryResult(Outcome.DELIVERED, "delivered", "", null);

    private final Outcome outcome;
    private final String reason;
    private final String detail;
    private final @Nullable Duration retryAfter;

    private DeliveryResult(Outcome outcome, String reason, String detail, @Nullable Duration retryAfter) {
        this.outcome = outcome;
        this.reason = reason;
        this.detail = detail;
        this.retryAfter = retryAfter;
    }

    /** The provider accepted the notification. */
    public static DeliveryResult delivered() {
        return DELIVERED;
    }

    /**
     * The attempt failed but may succeed later.
     *
     * @param reason short code, e.g. {@code http_503}
     * @param detail free text for the log, e.g. the start of the response body
     * @param retryAfter the wait the provider asked for, or {@code null}; the next attempt waits at least this long
     */
    public static DeliveryResult retryable(String reason, String detail, @Nullable Duration retryAfter) {
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative, was " + retryAfter);
        }
        return new DeliveryResult(Outcome.RETRYABLE, checkReason(reason), Objects.requireNonNull(detail, "detail"), retryAfter);
    }

    /** The attempt failed but may succeed later; no wait was requested. */
    public static DeliveryResult retryable(String reason, String detail) {
        return retryable(reason, detail, null);
    }

    /**
     * The provider rejected the notification and retrying cannot help.
     *
     * @param reason short code, e.g. {@code http_400}
     * @param detail free text for the log
     */
    public static DeliveryResult permanent(String reason, String detail) {
        return new DeliveryResult(Outcome.PERMANENT, checkReason(reason), Objects.requireNonNull(detail, "detail"), null);
    }

    /** How the attempt ended. */
    public Outcome outcome() {
        return outcome;
    }

    /** Whether the provider accepted the notification. */
    public boolean isDelivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** Whether a later attempt may succeed. */
    public boolean isRetryable() {
        return outcome == Outcome.RETRYABLE;
    }

    /** Short low-cardinality code: {@code delivered}, {@code http_500}, {@code timeout}… */
    public String reason() {
        return reason;
    }

    /** Free text about the failure; empty when delivered. */
    public String detail() {
        return detail;
    }

    /** The wait the provider asked for, or {@code null}. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return outcome == Outcome.DELIVERED ? "delivered"
                : outcome.name().toLowerCase(java.util.Locale.ROOT) + "(" + reason
                        + (retryAfter != null ? ", retry after " + retryAfter : "") + ")";
    }

    private static String checkReason(@Nullable String reason) {
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank() || reason.length() > 64) {
            throw new IllegalArgumentException("reason must be a short code of 1 to 64 characters, was '" + reason + "'");
        }
        return reason;
    }
}
