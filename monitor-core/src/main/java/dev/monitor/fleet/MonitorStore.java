package dev.monitor.fleet;

import dev.monitor.fleet.internal.LocalMonitorStore;
import java.util.Set;

/**
 * Where the state that the replicas of a fleet share is kept: the one SPI of fleet mode.
 *
 * <p>{@link #local()}, the default everywhere, shares nothing: each instance keeps its state in memory or in its
 * own state directory, as a single instance always has. {@link JdbcMonitorStore} shares through the application's
 * database. The store is made of facets, one per kind of {@link SharedState}; {@link #shared()} says which this
 * store shares today:
 *
 * <table>
 *   <caption>Facets</caption>
 *   <tr><th>facet</th><th>what</th><th>JDBC store today</th></tr>
 *   <tr><td>{@link #runner()}</td><td>scheduled evaluations once per fleet (ShedLock leases)</td><td>shared: uptime
 *       checks use it</td></tr>
 *   <tr><td>{@link #notificationClaims()}</td><td>a notification sent by one replica</td><td>shared: every channel
 *       of a dispatcher given the store</td></tr>
 *   <tr><td>acknowledgements, escalation progress</td><td>an ack on one replica stops paging on all</td><td>planned
 *       </td></tr>
 *   <tr><td>silences, maintenance windows</td><td>created on one replica, applied on all</td><td>planned</td></tr>
 *   <tr><td>incidents and timelines</td><td>one status page</td><td>planned</td></tr>
 *   <tr><td>job check-ins and states</td><td>a heartbeat to any replica counts</td><td>planned</td></tr>
 *   <tr><td>uptime history, rule states</td><td>one history, one pending/firing state</td><td>planned</td></tr>
 * </table>
 *
 * <p>Planned facets will be added as methods with a local default, so a store written today keeps compiling. No
 * facet is ever used on the thread that fires an alert or checks in a job: the caller's cost does not change.
 * Implementations are thread-safe.
 */
public interface MonitorStore extends AutoCloseable {

    /** The store that shares nothing: every task runs here and every claim wins. */
    static MonitorStore local() {
        return LocalMonitorStore.INSTANCE;
    }

    /** What this store shares with the other replicas today; empty for the local store. */
    Set<SharedState> shared();

    /** The gate that runs scheduled evaluations once per fleet. */
    FleetRunner runner();

    /** The claims that make a notification go out once per fleet. */
    NotificationClaims notificationClaims();

    /** Releases what the store holds; the data source stays the application's. Idempotent. */
    @Override
    void close();
}
