package dev.monitor.jdbc;

import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * The meters a {@link MonitoredDataSource} registers: names, descriptions, base units and tag
 * keys, in one place. Timers are in the registry's base time unit (seconds for most); gauges that
 * count things carry a base unit; counters count what their name says.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #QUERY}</td><td>function timer</td><td>datasource, operation, outcome</td></tr>
 *   <tr><td>{@value #QUERY_SLOW}</td><td>timer</td><td>datasource, operation, outcome</td></tr>
 *   <tr><td>{@value #QUERY_REPEATED}</td><td>counter</td><td>datasource</td></tr>
 *   <tr><td>{@value #LISTENER_ERRORS}</td><td>counter</td><td>datasource</td></tr>
 *   <tr><td>{@value #CONNECTION_ACQUIRE}</td><td>timer</td><td>datasource, outcome</td></tr>
 *   <tr><td>{@code monitor.jdbc.pool.*}</td><td>gauges (HikariCP only)</td><td>datasource</td></tr>
 * </table>
 */
public final class JdbcMeters {

    /** Every statement run through a monitored data source: count and total time. */
    public static final String QUERY = "monitor.jdbc.query";
    /** Description of {@link #QUERY}. */
    public static final String QUERY_DESCRIPTION = "Statements executed through a monitored data source";
    /** Statements that took at least the slow threshold. */
    public static final String QUERY_SLOW = "monitor.jdbc.query.slow";
    /** Description of {@link #QUERY_SLOW}. */
    public static final String QUERY_SLOW_DESCRIPTION = "Statements that took at least the slow threshold";
    /** Statement shapes that one query scope ran at least the repeated-query threshold times. */
    public static final String QUERY_REPEATED = "monitor.jdbc.query.repeated";
    /** Description of {@link #QUERY_REPEATED}. */
    public static final String QUERY_REPEATED_DESCRIPTION =
            "Statement shapes run at least the repeated-query threshold within one query scope";
    /** Exceptions thrown by query listeners. */
    public static final String LISTENER_ERRORS = "monitor.jdbc.listener.errors";
    /** Description of {@link #LISTENER_ERRORS}. */
    public static final String LISTENER_ERRORS_DESCRIPTION = "Exceptions thrown by query listeners (caught)";
    /** Time to obtain a connection. */
    public static final String CONNECTION_ACQUIRE = "monitor.jdbc.connection.acquire";
    /** Description of {@link #CONNECTION_ACQUIRE}. */
    public static final String CONNECTION_ACQUIRE_DESCRIPTION = "Time to obtain a connection from the data source";

    /** Connections lent out. */
    public static final String POOL_ACTIVE = "monitor.jdbc.pool.active";
    /** Description of {@link #POOL_ACTIVE}. */
    public static final String POOL_ACTIVE_DESCRIPTION = "Connections lent out";
    /** Connections idle in the pool. */
    public static final String POOL_IDLE = "monitor.jdbc.pool.idle";
    /** Description of {@link #POOL_IDLE}. */
    public static final String POOL_IDLE_DESCRIPTION = "Connections idle in the pool";
    /** Threads waiting for a connection. */
    public static final String POOL_PENDING = "monitor.jdbc.pool.pending";
    /** Description of {@link #POOL_PENDING}. */
    public static final String POOL_PENDING_DESCRIPTION = "Threads waiting for a connection";
    /** Maximum pool size. */
    public static final String POOL_MAX = "monitor.jdbc.pool.max";
    /** Description of {@link #POOL_MAX}. */
    public static final String POOL_MAX_DESCRIPTION = "Maximum pool size";
    /** Active connections as a share of the maximum, 0 to 1. */
    public static final String POOL_USAGE = "monitor.jdbc.pool.usage";
    /** Description of {@link #POOL_USAGE}. */
    public static final String POOL_USAGE_DESCRIPTION = "Active connections as a share of the maximum";

    /** Base unit of the connection gauges ({@link #POOL_ACTIVE}, {@link #POOL_IDLE}, {@link #POOL_MAX}). */
    public static final String CONNECTIONS = BaseUnits.CONNECTIONS;
    /** Base unit of {@link #POOL_PENDING}. */
    public static final String THREADS = BaseUnits.THREADS;

    /** Tag: the data source's name. */
    public static final String TAG_DATASOURCE = "datasource";
    /** Tag: the statement's operation ({@link SqlOperation#tag()}). */
    public static final String TAG_OPERATION = "operation";
    /** Tag: {@value #SUCCESS} or {@value #ERROR}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Outcome of a call that completed normally. */
    public static final String SUCCESS = "success";
    /** Outcome of a call that threw. */
    public static final String ERROR = "error";

    private JdbcMeters() {
    }
}
