package dev.monitor.fleet;

/**
 * Claims of notifications in the fleet: before a channel sends a notification, the replica's delivery stage claims
 * it; only the replica whose claim wins sends it, so the same alert fired on several replicas reaches a channel
 * once. Claims are made on the channel's threads, never on the thread that fires an alert; they expire after the
 * store's claim TTL, and expired claims are deleted in bounded batches. The {@linkplain MonitorStore#local() local}
 * store's claims always win. Implementations are thread-safe and never throw.
 */
public interface NotificationClaims {

    /**
     * Claims notification {@code key} on {@code channel} for this replica.
     *
     * @param key what identifies the notification on every replica alike (a hash of its channel, receiver, recipients
     *     and alert states), at most 64 characters
     * @param channel the channel's name
     * @return {@code true} if this replica should send it: it won the claim, already held it (a retry), or the store
     *     could not be reached (local behaviour: a duplicate beats a lost page); {@code false} if another replica
     *     holds the claim
     */
    boolean claim(String key, String channel);
}
