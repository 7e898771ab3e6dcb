package dev.monitor.jdbc;

/**
 * A snapshot of a connection pool's use, from HikariCP when it backs the data source.
 *
 * @param active connections lent out now
 * @param idle connections waiting in the pool
 * @param total connections open (active plus idle)
 * @param max the pool's maximum size
 * @param pending threads waiting for a connection
 */
public record JdbcPoolUsage(int active, int idle, int total, int max, int pending) {

    /** Active connections as a share of the maximum, from 0 to 1 (0 when the maximum is unknown). */
    public double utilization() {
        return max <= 0 ? 0 : Math.min(1.0, (double) active / max);
    }

    /** Whether every connection is lent out or threads are waiting for one. */
    public boolean saturated() {
        return pending > 0 || max > 0 && active >= max;
    }
}
