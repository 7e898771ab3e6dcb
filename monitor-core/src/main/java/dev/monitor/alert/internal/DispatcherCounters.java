package dev.monitor.alert.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The counters the dispatcher thread writes and any thread reads (stats, meters). */
final class DispatcherCounters {

    /** Drop reasons, as metric tags and {@code AlertStats.dropped()} keys. */
    static final List<String> DROP_REASONS = List.of("queue_full", "active_limit", "outbox_full", "expired",
            "resolve_queue_full", "closed", "unknown_channel");

    final AtomicLong fired = new AtomicLong();
    final AtomicLong deduplicated = new AtomicLong();
    final AtomicLong suppressed = new AtomicLong();
    final AtomicLong resolved = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong escalations = new AtomicLong();
    final AtomicInteger active = new AtomicInteger();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

    DispatcherCounters() {
        for (String reason : DROP_REASONS) {
            dropped.put(reason, new AtomicLong());
        }
    }

    /** The counter of drops for {@code reason}. */
    AtomicLong dropped(String reason) {
        return dropped.computeIfAbsent(reason, r -> new AtomicLong());
    }

    /** Counters written by the dispatcher thread only need no atomic read-modify-write. */
    static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }
}
