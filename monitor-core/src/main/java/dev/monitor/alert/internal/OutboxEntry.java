package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;

/**
 * A notification waiting for one channel, as kept in the outbox.
 *
 * @param channel the channel it waits for
 * @param notification the notification
 * @param createdAt when it entered the outbox (epoch millis); its age counts from here
 * @param fallbackFrom the channel that handed it over as fallback, or "" if none
 */
public record OutboxEntry(String channel, AlertNotification notification, long createdAt, String fallbackFrom) {

    /** The journal key of this entry. */
    public String key() {
        return key(channel, notification.id());
    }

    /** The journal key of the entry of {@code channel} for notification {@code id}. */
    public static String key(String channel, String id) {
        return StateCodec.OUTBOX_PREFIX + channel + ":" + id;
    }

    /** Whether the notification reports any resolved alert (such entries are the last to be dropped). */
    public boolean reportsResolved() {
        return notification.resolvedCount() > 0;
    }
}
