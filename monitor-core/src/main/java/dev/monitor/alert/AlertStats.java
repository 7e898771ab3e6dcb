package dev.monitor.alert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of the dispatcher's counters ({@link AlertDispatcher#stats()}). Every {@code fire} call is
 * counted exactly once, as fired, deduplicated or dropped, once the dispatcher has taken it from its
 * queue: {@code fired + deduplicated + dropped("queue_full") + dropped("active_limit") + queueDepth}
 * equals the number of {@code fire} calls made before {@link AlertDispatcher#close()} (later ones count as
 * {@code dropped("closed")}). The dispatcher's own alerts ({@code AlertsDropped}, {@code AlertNotifierFailing})
 * are notified like any other but not counted here.
 *
 * @param fired new alerts (including ones that fire again after they resolved)
 * @param deduplicated fires of an alert that was already firing
 * @param suppressed new alerts that a silence, maintenance window or inhibition kept from being notified
 * @param resolved alerts resolved
 * @param dropped alerts and notifications dropped to stay within bounds, by reason ({@code queue_full},
 *     {@code active_limit}, {@code expired}, {@code resolve_queue_full}, {@code closed}, {@code unknown_channel};
 *     {@code outbox_full} stays 0: past a channel's pending limit notifications fold into its digest instead)
 * @param activeAlerts alerts currently held (firing, or resolved but not yet notified)
 * @param queueDepth fires and resolves waiting for the dispatcher thread
 * @param outboxSize notifications waiting for delivery in the outbox
 * @param channels per channel counters, by channel name
 */
public record AlertStats(long fired, long deduplicated, long suppressed, long resolved, Map<String, Long> dropped,
        long activeAlerts, long queueDepth, long outboxSize, Map<String, AlertChannelStats> channels) {

    /** Copies the maps. */
    public AlertStats {
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(dropped, "dropped")));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(channels, "channels")));
    }

    /** Drops for {@code reason}, 0 if none. */
    public long dropped(String reason) {
        return dropped.getOrDefault(reason, 0L);
    }

    /** All drops. */
    public long droppedTotal() {
        long total = 0;
        for (long count : dropped.values()) {
            total += count;
        }
        return total;
    }

    /** The counters of channel {@code name}. */
    public AlertChannelStats channel(String name) {
        AlertChannelStats stats = channels.get(name);
        if (stats == null) {
            throw new IllegalArgumentException("no channel named '" + name + "'; channels are " + channels.keySet());
        }
        return stats;
    }
}
