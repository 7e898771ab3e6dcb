package dev.monitor.fleet;

import java.time.Duration;

/**
 * The gate a scheduled evaluation goes through so that it runs once per fleet, not once per replica.
 *
 * <p>Every replica keeps its own schedule and calls {@link #runOnce} at each tick; the replica that takes the task's
 * lease runs it, the others skip that tick. The lease is held for at least {@code lockAtLeastFor} (a little less than
 * the task's interval, so that one tick of the fleet runs once) and at most {@code lockAtMostFor}: if the replica
 * holding it dies, another takes the task over once it expires. The {@linkplain MonitorStore#local() local} runner
 * always runs the task. Implementations are thread-safe.
 */
public interface FleetRunner {

    /**
     * The store's lease: how long a replica that died keeps its tasks at most, and the least {@code lockAtMostFor}
     * that {@link #runOnce} callers should use.
     */
    Duration lease();

    /**
     * Runs {@code task} on this thread if this replica takes the lease of {@code name} (whose name in the store is
     * {@code name}), and releases the lease after it at {@code lockAtLeastFor} from the start at the earliest. When
     * the store cannot be reached, the task runs (local behaviour: a check twice beats no check) and the failure is
     * logged once.
     *
     * @param name the task's name, unique in the fleet, e.g. {@code "uptime.shop"}; at most 128 characters
     * @param lockAtLeastFor how long no other replica runs the task after this one started it
     * @param lockAtMostFor how long the lease lasts if this replica dies while running it; at least
     *     {@code lockAtLeastFor}
     * @return whether the task ran here
     * @throws IllegalArgumentException if the name is empty or too long, or the durations are negative or out of order
     */
    boolean runOnce(String name, Duration lockAtLeastFor, Duration lockAtMostFor, Runnable task);
}
