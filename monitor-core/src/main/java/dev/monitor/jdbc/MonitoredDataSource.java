package dev.monitor.jdbc;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.health.Ticker;
import dev.monitor.jdbc.internal.JdbcInstrumentation;
import dev.monitor.jdbc.internal.MonitoredConnectionBuilder;
import dev.monitor.jdbc.internal.PoolProbe;
import dev.monitor.jdbc.internal.Unwrapping;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.ShardingKeyBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DataSource} that times every statement run through it and reports the slow ones.
 *
 * <pre>{@code
 * DataSource dataSource = MonitoredDataSource.builder(hikari)
 *         .name("orders")
 *         .slowThreshold(Duration.ofMillis(500))
 *         .meterRegistry(meterRegistry)
 *         .listener(slowQueryAlerts)
 *         .build();
 * }</pre>
 *
 * <p>Every execute path of {@link java.sql.Statement}, {@link java.sql.PreparedStatement} and
 * {@link java.sql.CallableStatement}, batches included, is timed. A statement is slow when it
 * took at least the threshold (default 1 s), decided when it completes: no timer runs per
 * statement. A slow statement produces one WARN line (sanitized SQL, duration, rows when known,
 * fingerprint; the request ID is in the MDC, the duration also as the key-value pair {@code duration_ms}),
 * a {@code monitor.jdbc.query.slow} timer sample and a call to each
 * {@link QueryListener}. Failures are reported to listeners and rethrown unchanged. All
 * statements are counted in {@code monitor.jdbc.query} (count and total time), tagged by data
 * source, operation and outcome. Connection acquisition is timed in
 * {@code monitor.jdbc.connection.acquire}; when HikariCP backs the data source, its pool
 * usage is published as {@code monitor.jdbc.pool.*} gauges and named in slow-acquisition warnings.
 *
 * <p>The SQL dialect is taken from the builder, else from HikariCP's JDBC URL, else from the
 * first connection's metadata. Nothing reported carries raw SQL, bind values or driver messages: the
 * sanitized SQL and scope labels pass the {@linkplain Builder#scrubber scrubber}, and only then are they cut to
 * {@link Builder#maxSqlLength(int) maxSqlLength}.
 */
public final class MonitoredDataSource implements DataSource {

    /** Default slow-statement threshold. */
    public static final Duration DEFAULT_SLOW_THRESHOLD = Duration.ofSeconds(1);
    /** Default executions of one statement shape in one scope that count as an N+1 pattern. */
    public static final int DEFAULT_REPEATED_QUERY_THRESHOLD = 10;
    /** Default threshold above which a connection acquisition is logged as slow. */
    public static final Duration DEFAULT_SLOW_ACQUISITION_THRESHOLD = Duration.ofMillis(500);
    /** Default longest sanitized SQL shown in logs and events. */
    public static final int DEFAULT_MAX_SQL_LENGTH = 2000;
    /** Default number of statements the sanitizer cache holds. */
    public static final int DEFAULT_SANITIZER_CACHE_SIZE = 1024;

    private final DataSource delegate;
    private final JdbcInstrumentation instrumentation;

    private MonitoredDataSource(DataSource delegate, JdbcInstrumentation instrumentation) {
        this.delegate = delegate;
        this.instrumentation = instrumentation;
    }

    /**
     * Wraps a data source with the defaults and no meter registry; returns {@code dataSource}
     * itself when it is already monitored.
     *
     * @throws NullPointerException if {@code dataSource} is null
     */
    public static MonitoredDataSource wrap(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof MonitoredDataSource monitored) {
            return monitored;
        }
        return builder(dataSource).build();
    }

    /**
     * A builder wrapping {@code dataSource}.
     *
     * @throws NullPointerException if {@code dataSource} is null
     * @throws IllegalArgumentException if {@code dataSource} is already a {@code MonitoredDataSource}
     */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof MonitoredDataSource) {
            throw new IllegalArgumentException("dataSource is already a MonitoredDataSource; wrapping it twice would "
                    + "count every statement twice. Pass the data source it wraps instead");
        }
        return new Builder(dataSource);
    }

    /** The name used in logs, events and the {@code datasource} tag. */
    public String name() {
        return instrumentation.name();
    }

    /** The dialect statements are sanitized with ({@link SqlDialect#GENERIC} until it is known). */
    public SqlDialect dialect() {
        return instrumentation.dialect();
    }

    /** The slow-statement threshold. */
    public Duration slowThreshold() {
        return instrumentation.slowThreshold();
    }

    /** The pool's usage now, when HikariCP backs this data source and its pool has started; else null. */
    public @Nullable JdbcPoolUsage poolUsage() {
        return instrumentation.poolUsage();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return instrumentation.acquire(delegate, null, null, (source, none, nothing) -> source.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return instrumentation.acquire(delegate, username, password, DataSource::getConnection);
    }

    @Override
    public ConnectionBuilder createConnectionBuilder() throws SQLException {
        return new MonitoredConnectionBuilder(delegate.createConnectionBuilder(), instrumentation);
    }

    @Override
    public ShardingKeyBuilder createShardingKeyBuilder() throws SQLException {
        return delegate.createShardingKeyBuilder();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }

    @Override
    public String toString() {
        return "MonitoredDataSource{name=" + name() + ", dialect=" + dialect() + ", slowThreshold=" + slowThreshold()
                + '}';
    }

    /** Builds a {@link MonitoredDataSource}; every setter validates its argument. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String name;
        private Duration slowThreshold = DEFAULT_SLOW_THRESHOLD;
        private int repeatedQueryThreshold = DEFAULT_REPEATED_QUERY_THRESHOLD;
        private Duration slowAcquisitionThreshold = DEFAULT_SLOW_ACQUISITION_THRESHOLD;
        private int maxSqlLength = DEFAULT_MAX_SQL_LENGTH;
        private int sanitizerCacheSize = DEFAULT_SANITIZER_CACHE_SIZE;
        private Scrubber scrubber = Scrubber.defaults();
        private final List<QueryListener> listeners = new ArrayList<>();
        private @Nullable MeterRegistry meterRegistry;
        private @Nullable SqlDialect dialect;
        private Ticker ticker = Ticker.system();

        private Builder(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * The name in logs, events and the {@code datasource} tag (default: the HikariCP pool name when it is a
         * valid name, else {@code default}); a {@linkplain Names name}: 1–64 ASCII letters, digits, {@code .},
         * {@code _} or {@code -}, starting with a letter or digit.
         */
        public Builder name(String name) {
            this.name = Names.requireName("data source name", name);
            return this;
        }

        /** Statements taking at least this long are slow (default 1 s); a timeout: above 0, at most 1 hour. */
        public Builder slowThreshold(Duration slowThreshold) {
            this.slowThreshold = DurationLimits.requireTimeout("slowThreshold", slowThreshold);
            return this;
        }

        /** Executions of one statement shape in one {@link QueryScope} that count as N+1 (default 10); at least 2. */
        public Builder repeatedQueryThreshold(int repeatedQueryThreshold) {
            if (repeatedQueryThreshold < 2) {
                throw new IllegalArgumentException("repeatedQueryThreshold must be at least 2, was "
                        + repeatedQueryThreshold);
            }
            this.repeatedQueryThreshold = repeatedQueryThreshold;
            return this;
        }

        /**
         * Connection acquisitions taking at least this long are logged with the pool's usage (default 500 ms); a
         * timeout: above 0, at most 1 hour. The acquisitions that start before the first one succeeds are timed but
         * not judged: they include the pool's start (a lazily started pool, like Spring Boot's HikariCP, starts on
         * its first {@code getConnection}), the driver's loading and the first physical connection.
         */
        public Builder slowAcquisitionThreshold(Duration slowAcquisitionThreshold) {
            this.slowAcquisitionThreshold = DurationLimits.requireTimeout("slowAcquisitionThreshold",
                    slowAcquisitionThreshold);
            return this;
        }

        /**
         * Longest sanitized SQL shown in logs and events (default 2000); at least 16. Longer text is cut, after the
         * {@linkplain #scrubber scrubber} ran over the whole of it, and ends in {@code "…"}.
         */
        public Builder maxSqlLength(int maxSqlLength) {
            if (maxSqlLength < 16) {
                throw new IllegalArgumentException("maxSqlLength must be at least 16, was " + maxSqlLength);
            }
            this.maxSqlLength = maxSqlLength;
            return this;
        }

        /** Statements the sanitizer cache holds (default 1024); its size never grows past this. At least 1. */
        public Builder sanitizerCacheSize(int sanitizerCacheSize) {
            if (sanitizerCacheSize < 1) {
                throw new IllegalArgumentException("sanitizerCacheSize must be greater than 0, was "
                        + sanitizerCacheSize);
            }
            this.sanitizerCacheSize = sanitizerCacheSize;
            return this;
        }

        /**
         * The PII scrubber of the last pass over sanitized SQL (comments and identifiers may still hold personal
         * data) and scope labels before they are cut, logged or handed to listeners (default
         * {@link Scrubber#defaults()}).
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Adds a listener for slow, failed and repeated statements. */
        public Builder listener(QueryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Where to publish meters (default: none are created). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** The SQL dialect (default: from HikariCP's JDBC URL, else from the first connection's metadata). */
        public Builder dialect(SqlDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect");
            return this;
        }

        /**
         * The monotonic time base of statement and acquisition durations, and so of what is slow (default
         * {@link Ticker#system()}, that is {@link System#nanoTime()}). Tests pass a ticker they advance by hand,
         * so that a statement is slow because the test says so, not because the machine was busy.
         */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /** Builds the data source. */
        public MonitoredDataSource build() {
            PoolProbe pool = PoolProbe.detect(dataSource);
            String resolvedName = name;
            if (resolvedName == null) {
                String poolName = pool == null ? null : pool.poolName();
                resolvedName = poolName != null && Names.isValidName(poolName) ? poolName : "default";
            }
            JdbcInstrumentation instrumentation = new JdbcInstrumentation(resolvedName, slowThreshold,
                    repeatedQueryThreshold, slowAcquisitionThreshold, maxSqlLength, sanitizerCacheSize, scrubber,
                    List.copyOf(listeners), meterRegistry, dialect, pool, ticker);
            return new MonitoredDataSource(dataSource, instrumentation);
        }
    }
}
