package dev.monitor.health.check.internal;

/**
 * A connection pool's usage at one moment. Not API.
 *
 * @param active connections lent out
 * @param idle connections waiting in the pool
 * @param total active plus idle
 * @param waiting threads waiting for a connection
 * @param max the pool's maximum size
 */
public record PoolUsage(int active, int idle, int total, int waiting, int max) {
}
