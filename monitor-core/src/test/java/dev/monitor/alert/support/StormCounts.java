package dev.monitor.alert.support;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertStats;

/** What storm tests add up. */
public final class StormCounts {

    private StormCounts() {
    }

    /** Every fire, counted once: fired, deduplicated, or dropped for a full queue or the active-alert limit. */
    public static long accounted(AlertStats stats) {
        return stats.fired() + stats.deduplicated() + stats.dropped("queue_full") + stats.dropped("active_limit");
    }

    /** Alerts the channel received, listed or counted among "and K more". */
    public static long received(RecordingChannel channel) {
        long total = 0;
        for (AlertNotification notification : channel.delivered()) {
            total += notification.alerts().size() + notification.omittedCount();
        }
        return total;
    }
}
