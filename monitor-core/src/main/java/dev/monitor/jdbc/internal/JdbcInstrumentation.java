package dev.monitor.jdbc.internal;

import dev.monitor.health.Ticker;
import dev.monitor.jdbc.JdbcMeters;
import dev.monitor.jdbc.JdbcPoolUsage;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryFailure;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.RepeatedQuery;
import dev.monitor.jdbc.SlowQuery;
import dev.monitor.jdbc.SqlDialect;
import dev.monitor.jdbc.SqlOperation;
import dev.monitor.pii.Scrubber;
import dev.monitor.request.RequestContext;
import dev.monitor.request.RequestId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What a monitored data source does with each statement: records its time, decides at
 * completion whether it was slow, reports slow and failed statements, and counts it in the
 * thread's query scope. One instance per data source, shared by its connections and
 * statements.
 *
 * <p>The per-statement path ({@link #time}) does two adds on striped counters, one
 * comparison and one thread-local read; everything else (sanitizing, building events, logging,
 * listeners, meter creation) happens only for slow or failed statements, or inside a scope
 * through the bounded sanitizer cache. Nothing here throws into the application.
 */
public final class JdbcInstrumentation {

    /** Rows value when the driver did not report a count. */
    public static final long ROWS_UNKNOWN = -1;

    private static final Logger log = LoggerFactory.getLogger(MonitoredDataSource.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final SqlOperation[] OPERATIONS = SqlOperation.values();
    private static final int SUCCESS = 0;
    private static final int ERROR = 1;
    /** Longest scope label shown (labels are at most 256 characters; a scrubbed one may be longer). */
    private static final int MAX_LABEL_LENGTH = 256;
    /** The key-value pair that carries a slow operation's duration, a number in structured (JSON) logs. */
    private static final String DURATION_KEY = "duration_ms";

    private final long id = IDS.incrementAndGet() * 0x632BE59BD9B4E019L;
    private final String name;
    private final long slowNanos;
    private final int repeatedQueryThreshold;
    private final long slowAcquisitionNanos;
    /** Whether a connection acquisition has succeeded: the ones that started before include the pool's start. */
    private volatile boolean warm;
    private final int maxSqlLength;
    private final int cacheSize;
    private final Scrubber scrubber;
    private final QueryListener[] listeners;
    private final boolean[] listenerFailed;
    private final @Nullable PoolProbe pool;

    private final @Nullable MeterRegistry registry;
    private final QueryStats @Nullable [] stats;
    private final Timer @Nullable [] slowTimers;
    private final @Nullable Timer acquireSuccess;
    private final @Nullable Timer acquireError;
    private final @Nullable Counter repeatedCounter;
    private final @Nullable Counter listenerErrors;

    private final Ticker ticker;
    private volatile SanitizedSqlCache cache;
    private volatile boolean dialectResolved;

    /** Creates the instrumentation of one data source; the arguments were validated by its builder. */
    public JdbcInstrumentation(String name, Duration slowThreshold, int repeatedQueryThreshold,
            Duration slowAcquisitionThreshold, int maxSqlLength, int cacheSize, Scrubber scrubber,
            List<QueryListener> listeners, @Nullable MeterRegistry registry, @Nullable SqlDialect dialect,
            @Nullable PoolProbe pool, Ticker ticker) {
        this.ticker = ticker;
        this.name = name;
        this.slowNanos = slowThreshold.toNanos();
        this.repeatedQueryThreshold = repeatedQueryThreshold;
        this.slowAcquisitionNanos = slowAcquisitionThreshold.toNanos();
        this.maxSqlLength = maxSqlLength;
        this.cacheSize = cacheSize;
        this.scrubber = scrubber;
        this.listeners = listeners.toArray(new QueryListener[0]);
        this.listenerFailed = new boolean[this.listeners.length];
        this.pool = pool;
        SqlDialect initial = dialect;
        if (initial == null && pool != null) {
            String url = pool.jdbcUrl();
            if (url != null) {
                SqlDialect fromUrl = SqlDialect.fromJdbcUrl(url);
                initial = fromUrl == SqlDialect.GENERIC ? null : fromUrl;
            }
        }
        this.cache = new SanitizedSqlCache(SqlLexer.of(initial == null ? SqlDialect.GENERIC : initial), cacheSize);
        this.dialectResolved = initial != null;

        this.registry = registry;
        if (registry != null) {
            stats = new QueryStats[OperationClassifier.COUNT * 2];
            for (int op = 0; op < OperationClassifier.COUNT; op++) {
                stats[op * 2 + SUCCESS] = new QueryStats(registry, tags(op, JdbcMeters.SUCCESS));
                stats[op * 2 + ERROR] = new QueryStats(registry, tags(op, JdbcMeters.ERROR));
            }
            slowTimers = new Timer[OperationClassifier.COUNT * 2];
            acquireSuccess = acquireTimer(registry, JdbcMeters.SUCCESS);
            acquireError = acquireTimer(registry, JdbcMeters.ERROR);
            repeatedCounter = Counter.builder(JdbcMeters.QUERY_REPEATED)
                    .description(JdbcMeters.QUERY_REPEATED_DESCRIPTION)
                    .tag(JdbcMeters.TAG_DATASOURCE, name)
                    .register(registry);
            listenerErrors = Counter.builder(JdbcMeters.LISTENER_ERRORS)
                    .description(JdbcMeters.LISTENER_ERRORS_DESCRIPTION)
                    .tag(JdbcMeters.TAG_DATASOURCE, name)
                    .register(registry);
            if (pool != null) {
                poolGauge(registry, JdbcMeters.POOL_ACTIVE, JdbcMeters.POOL_ACTIVE_DESCRIPTION, JdbcMeters.CONNECTIONS,
                        JdbcPoolUsage::active);
                poolGauge(registry, JdbcMeters.POOL_IDLE, JdbcMeters.POOL_IDLE_DESCRIPTION, JdbcMeters.CONNECTIONS,
                        JdbcPoolUsage::idle);
                poolGauge(registry, JdbcMeters.POOL_PENDING, JdbcMeters.POOL_PENDING_DESCRIPTION, JdbcMeters.THREADS,
                        JdbcPoolUsage::pending);
                poolGauge(registry, JdbcMeters.POOL_MAX, JdbcMeters.POOL_MAX_DESCRIPTION, JdbcMeters.CONNECTIONS,
                        JdbcPoolUsage::max);
                poolGauge(registry, JdbcMeters.POOL_USAGE, JdbcMeters.POOL_USAGE_DESCRIPTION, null,
                        JdbcPoolUsage::utilization);
            }
        } else {
            stats = null;
            slowTimers = null;
            acquireSuccess = null;
            acquireError = null;
            repeatedCounter = null;
            listenerErrors = null;
        }
    }

    private Tags tags(int op, String outcome) {
        return Tags.of(JdbcMeters.TAG_DATASOURCE, name, JdbcMeters.TAG_OPERATION, OPERATIONS[op].tag(),
                JdbcMeters.TAG_OUTCOME, outcome);
    }

    private Timer acquireTimer(MeterRegistry registry, String outcome) {
        return Timer.builder(JdbcMeters.CONNECTION_ACQUIRE)
                .description(JdbcMeters.CONNECTION_ACQUIRE_DESCRIPTION)
                .tags(JdbcMeters.TAG_DATASOURCE, name, JdbcMeters.TAG_OUTCOME, outcome)
                .register(registry);
    }

    private void poolGauge(MeterRegistry registry, String meter, String description, @Nullable String baseUnit,
            ToDoubleFunction<JdbcPoolUsage> value) {
        PoolProbe probe = pool;
        Gauge.builder(meter, probe, p -> {
                    JdbcPoolUsage usage = p.usage();
                    return usage == null ? Double.NaN : value.applyAsDouble(usage);
                })
                .description(description)
                .baseUnit(baseUnit)
                .tag(JdbcMeters.TAG_DATASOURCE, name)
                .strongReference(true)
                .register(registry);
    }

    // ---- accessors

    /** The data source's name. */
    public String name() {
        return name;
    }

    /** A number that tells data sources apart inside a query scope. */
    long id() {
        return id;
    }

    /** The repeated-query (N+1) threshold. */
    public int repeatedQueryThreshold() {
        return repeatedQueryThreshold;
    }

    /** The slow threshold. */
    public Duration slowThreshold() {
        return Duration.ofNanos(slowNanos);
    }

    /** The dialect statements are sanitized with. */
    public SqlDialect dialect() {
        return cache.lexer().dialect();
    }

    /** The pool's usage, when a HikariCP pool backs the data source and has started. */
    public @Nullable JdbcPoolUsage poolUsage() {
        PoolProbe probe = pool;
        return probe == null ? null : probe.usage();
    }

    /** The current reading of this data source's time base, in nanoseconds: where every timing starts. */
    public long nanoTime() {
        return ticker.read();
    }

    /** The sanitized form of {@code sql}, through the bounded cache. */
    public SanitizedSql sanitized(String sql) {
        return cache.get(sql);
    }

    // ---- connections

    /**
     * Obtains a connection through {@code call} (a data source's {@code getConnection}, a connection builder's
     * {@code build}), times it, and wraps it; a failure is counted and rethrown unchanged.
     */
    public <T, A, B> MonitoredConnection acquire(T source, @Nullable A first, @Nullable B second,
            JdbcCall<T, A, B, Connection> call) throws SQLException {
        boolean warmUp = !warm;
        long start = ticker.read();
        Connection connection;
        try {
            connection = call.call(source, first, second);
        } catch (SQLException | RuntimeException e) {
            acquisitionFailed(start);
            throw e;
        }
        acquired(start, connection, warmUp);
        return new MonitoredConnection(connection, this);
    }

    /**
     * Records a successful connection acquisition that started at {@code startNanos}. One that started before any
     * acquisition had succeeded ({@code warmUp}) is timed like any other but not judged slow: it includes starting
     * the pool (a pool created lazily, as Spring Boot's HikariCP is, starts on its first {@code getConnection}),
     * loading the driver and opening the first physical connection, which says nothing about the pool's health later.
     */
    void acquired(long startNanos, Connection connection, boolean warmUp) {
        long elapsed = ticker.read() - startNanos;
        warm = true;
        try {
            if (acquireSuccess != null) {
                acquireSuccess.record(elapsed, TimeUnit.NANOSECONDS);
            }
            if (!dialectResolved) {
                resolveDialect(connection);
            }
            if (elapsed >= slowAcquisitionNanos) {
                if (warmUp) {
                    log.debug("First connection acquisition of datasource={}: {} ms, including the pool's start; not "
                            + "judged against the slow-acquisition threshold", name,
                            TimeUnit.NANOSECONDS.toMillis(elapsed));
                } else {
                    slowAcquisition(elapsed);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    /** Records a failed connection acquisition. */
    void acquisitionFailed(long startNanos) {
        long elapsed = ticker.read() - startNanos;
        try {
            if (acquireError != null) {
                acquireError.record(elapsed, TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    private synchronized void resolveDialect(Connection connection) {
        if (dialectResolved) {
            return;
        }
        SqlDialect dialect = SqlDialect.GENERIC;
        try {
            var meta = connection.getMetaData();
            String url = meta.getURL();
            if (url != null) {
                dialect = SqlDialect.fromJdbcUrl(url);
            }
            if (dialect == SqlDialect.GENERIC) {
                String product = meta.getDatabaseProductName();
                if (product != null) {
                    dialect = SqlDialect.fromProductName(product);
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.debug("Could not read the database product of data source {}; sanitizing as generic SQL", name);
        }
        if (dialect != cache.lexer().dialect()) {
            cache = new SanitizedSqlCache(SqlLexer.of(dialect), cacheSize);
        }
        dialectResolved = true;
    }

    private void slowAcquisition(long elapsed) {
        if (!log.isWarnEnabled()) {
            return;
        }
        JdbcPoolUsage usage = poolUsage();
        String poolText = usage == null ? "unknown"
                : "active=" + usage.active() + "/" + usage.max() + " idle=" + usage.idle() + " pending="
                        + usage.pending() + (usage.saturated() ? " (saturated)" : "");
        long millis = TimeUnit.NANOSECONDS.toMillis(elapsed);
        log.atWarn().addKeyValue(DURATION_KEY, millis).log(
                "Slow connection acquisition: {} ms (threshold {} ms), datasource={}, pool {}", millis,
                TimeUnit.NANOSECONDS.toMillis(slowAcquisitionNanos), name, poolText);
    }

    // ---- statements: the hot path

    /**
     * Runs one execute call of a statement and records it: the one place every execute path of every statement
     * kind is timed. Reads the ticker, makes the call, records success (with the rows the result reports) or
     * failure, reports a slow statement with its scrubbed SQL, and rethrows the driver's exception unchanged.
     * Callers pass non-capturing lambdas, so the path allocates nothing of its own.
     *
     * @param statement the driver's statement, handed to {@code call}
     * @param sql the statement text, handed to {@code call} and recorded ({@code null}, which the driver rejects,
     *     is recorded as empty)
     * @param op the operation ordinal from {@link OperationClassifier}
     * @param batchSize statements in the batch, 0 when not a batch
     * @param argument the call's last argument (generated-keys flag, column indexes or names), or null
     */
    public <S, A, R> R time(S statement, @Nullable String sql, int op, int batchSize, @Nullable A argument,
            JdbcCall<S, String, A, R> call) throws SQLException {
        String recorded = sql == null ? "" : sql;
        long start = ticker.read();
        R result;
        try {
            result = call.call(statement, sql, argument);
        } catch (SQLException | RuntimeException e) {
            failed(recorded, op, start, e, batchSize);
            throw e;
        }
        succeeded(recorded, op, start, rows(result), batchSize);
        return result;
    }

    /** The rows an execute call's result reports: an update count, the sum of a batch's counts, else unknown. */
    static long rows(@Nullable Object result) {
        if (result instanceof Number count) {
            return count.longValue();
        }
        int[] ints = result instanceof int[] counts ? counts : null;
        long[] longs = result instanceof long[] counts ? counts : null;
        int length = ints != null ? ints.length : longs != null ? longs.length : 0;
        long total = 0;
        boolean known = false;
        for (int i = 0; i < length; i++) {
            long count = ints != null ? ints[i] : longs[i];
            if (count >= 0) { // SUCCESS_NO_INFO and EXECUTE_FAILED are negative
                total += count;
                known = true;
            }
        }
        return known ? total : ROWS_UNKNOWN; // also a result set, or execute()'s flag
    }

    /**
     * Records a statement that completed normally.
     *
     * @param sql the raw statement (kept in process; only its sanitized form is ever reported)
     * @param op the operation ordinal from {@link OperationClassifier}
     * @param startNanos {@link #nanoTime()} before the execute call
     * @param rows the update count or {@link #ROWS_UNKNOWN}
     * @param batchSize statements in the batch, 0 when not a batch
     */
    void succeeded(String sql, int op, long startNanos, long rows, int batchSize) {
        long elapsed = ticker.read() - startNanos;
        try {
            QueryStats[] s = stats;
            if (s != null) {
                s[op << 1].record(elapsed);
            }
            if (elapsed >= slowNanos) {
                slow(sql, op, elapsed, rows, batchSize, false);
            }
            ScopeCounts scope = ScopeCounts.current();
            if (scope != null) {
                scope.record(this, sql);
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    /** Records a statement that threw {@code failure}; the caller rethrows it unchanged. */
    void failed(String sql, int op, long startNanos, Throwable failure, int batchSize) {
        long elapsed = ticker.read() - startNanos;
        try {
            QueryStats[] s = stats;
            if (s != null) {
                s[(op << 1) + ERROR].record(elapsed);
            }
            if (elapsed >= slowNanos) {
                slow(sql, op, elapsed, ROWS_UNKNOWN, batchSize, true);
            }
            failure(sql, op, elapsed, failure, batchSize);
            ScopeCounts scope = ScopeCounts.current();
            if (scope != null) {
                scope.record(this, sql);
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    // ---- reports: slow, failed and repeated statements only

    private void slow(String sql, int op, long elapsed, long rows, int batchSize, boolean failed) {
        Timer timer = slowTimer(op, failed ? ERROR : SUCCESS);
        if (timer != null) {
            timer.record(elapsed, TimeUnit.NANOSECONDS);
        }
        SanitizedSql statement = sanitized(sql);
        String shown = display(statement.sql());
        String requestId = requestId();
        if (log.isWarnEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(elapsed);
            log.atWarn().addKeyValue(DURATION_KEY, millis).log(
                    "Slow query: {} ms (threshold {} ms), datasource={}, operation={}, rows={}, batch={}, "
                            + "outcome={}, fingerprint={}, sql={}",
                    millis, TimeUnit.NANOSECONDS.toMillis(slowNanos), name, OPERATIONS[op].tag(),
                    rows < 0 ? "unknown" : Long.toString(rows), batchSize, failed ? "error" : "success",
                    statement.fingerprintText(), shown);
        }
        if (listeners.length > 0) {
            SlowQuery event = new SlowQuery(shown, statement.fingerprintText(), OPERATIONS[op], name,
                    Duration.ofNanos(elapsed), rows < 0 ? OptionalLong.empty() : OptionalLong.of(rows), batchSize,
                    requestId, failed);
            for (int i = 0; i < listeners.length; i++) {
                try {
                    listeners[i].onSlowQuery(event);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    listenerError(i, e);
                }
            }
        }
    }

    private void failure(String sql, int op, long elapsed, Throwable failure, int batchSize) {
        if (listeners.length == 0) {
            return;
        }
        SanitizedSql statement = sanitized(sql);
        String sqlState = null;
        int vendorCode = 0;
        if (failure instanceof SQLException e) {
            sqlState = wellFormedSqlState(e.getSQLState());
            vendorCode = e.getErrorCode();
        }
        QueryFailure event = new QueryFailure(display(statement.sql()), statement.fingerprintText(), OPERATIONS[op],
                name, Duration.ofNanos(elapsed), batchSize, requestId(), failure.getClass().getName(), sqlState,
                vendorCode);
        for (int i = 0; i < listeners.length; i++) {
            try {
                listeners[i].onQueryFailure(event);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                listenerError(i, e);
            }
        }
    }

    /** Reports a statement shape that one scope ran {@code count} times; called when the scope closes. */
    public void reportRepeated(String scopeLabel, SanitizedSql statement, int count) {
        try {
            if (repeatedCounter != null) {
                repeatedCounter.increment();
            }
            String shown = display(statement.sql());
            String label = scrubber.scrub(scopeLabel, MAX_LABEL_LENGTH);
            String requestId = requestId();
            log.warn("Repeated query (possible N+1): {} executions in scope {} (threshold {}), datasource={}, "
                    + "fingerprint={}, sql={}", count, label, repeatedQueryThreshold, name,
                    statement.fingerprintText(), shown);
            if (listeners.length > 0) {
                RepeatedQuery event = new RepeatedQuery(shown, statement.fingerprintText(), name, count, label,
                        requestId);
                for (int i = 0; i < listeners.length; i++) {
                    try {
                        listeners[i].onRepeatedQuery(event);
                    } catch (RuntimeException | LinkageError | AssertionError e) {
                        listenerError(i, e);
                    }
                }
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    private @Nullable Timer slowTimer(int op, int outcome) {
        Timer[] timers = slowTimers;
        MeterRegistry meters = registry;
        if (timers == null || meters == null) {
            return null;
        }
        int index = op * 2 + outcome;
        Timer timer = timers[index];
        if (timer == null) {
            synchronized (timers) {
                timer = timers[index];
                if (timer == null) {
                    timer = Timer.builder(JdbcMeters.QUERY_SLOW)
                            .description(JdbcMeters.QUERY_SLOW_DESCRIPTION)
                            .tags(tags(op, outcome == SUCCESS ? JdbcMeters.SUCCESS : JdbcMeters.ERROR))
                            .register(meters);
                    timers[index] = timer;
                }
            }
        }
        return timer;
    }

    /**
     * The sanitized SQL as shown: scrubbed whole (comments and identifiers may hold personal data), then cut to the
     * maximum length. The sanitizer already replaced every literal of the raw statement: nothing raw is ever cut.
     */
    private String display(String sanitized) {
        return scrubber.scrub(sanitized, maxSqlLength);
    }

    private static @Nullable String requestId() {
        try {
            String id = RequestContext.currentRequestId();
            return RequestId.isValid(id) ? id : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static @Nullable String wellFormedSqlState(@Nullable String state) {
        if (state == null || state.length() != 5) {
            return null;
        }
        for (int i = 0; i < 5; i++) {
            char c = state.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'Z')) {
                return null;
            }
        }
        return state;
    }

    private void listenerError(int index, Throwable e) {
        if (listenerErrors != null) {
            listenerErrors.increment();
        }
        if (!listenerFailed[index]) {
            listenerFailed[index] = true;
            log.warn("Query listener {} of data source {} threw {}; further failures of this listener are only counted",
                    listeners[index].getClass().getName(), name, e.getClass().getName());
        }
    }

    private void internalError(Throwable e) {
        log.warn("Monitoring of data source {} failed with {}; the statement itself was not affected", name,
                e.getClass().getName());
    }
}
