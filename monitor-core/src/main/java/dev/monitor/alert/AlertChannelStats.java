package dev.monitor.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The delivery counters of one channel.
 *
 * @param delivered notifications that reached the channel (a digest counts once)
 * @param digests of those, how many were digests of several groups
 * @param alertsDelivered firing plus resolved alerts counted in the delivered notifications, shown or not
 * @param failed notifications given up: rejected by the provider, or expired in the outbox
 * @param failedAttempts failed attempts by reason ({@code http_500}, {@code http_429}, {@code timeout},
 *     {@code io}, {@code http_400}, {@code circuit_open}…), retried or not
 * @param pending notifications waiting in the outbox for this channel
 * @param fallbacks notifications handed to the fallback channel
 * @param folded notifications folded into the channel's digest because its pending limit was reached (a storm):
 *     counted and listed there, never dropped
 */
public record AlertChannelStats(long delivered, long digests, long alertsDelivered, long failed,
        Map<String, Long> failedAttempts, long pending, long fallbacks, long folded) {

    /** Counters of a channel that folded nothing. */
    public AlertChannelStats(long delivered, long digests, long alertsDelivered, long failed,
            Map<String, Long> failedAttempts, long pending, long fallbacks) {
        this(delivered, digests, alertsDelivered, failed, failedAttempts, pending, fallbacks, 0);
    }

    /** Copies the map. */
    public AlertChannelStats {
        failedAttempts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(failedAttempts, "failedAttempts")));
    }

    /** Failed attempts for {@code reason}, 0 if none. */
    public long failedAttempts(String reason) {
        return failedAttempts.getOrDefault(reason, 0L);
    }
}
