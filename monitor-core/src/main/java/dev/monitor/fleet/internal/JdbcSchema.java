package dev.monitor.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The JDBC store's schema: created (or, with {@code createSchema} off, only its dialect detected) at the first use
 * that finds the database answering, then taken as ready for good. While the database does not answer, a new
 * attempt is made at most every {@value #RETRY_SECONDS} seconds; the store's users run locally meanwhile. Not API.
 */
public final class JdbcSchema {

    static final long RETRY_SECONDS = 30;

    private final DataSource dataSource;
    private final boolean create;
    private final Clock clock;
    private final StoreOutage outage;
    private volatile @Nullable StoreDialect dialect;
    private long lastAttempt;
    private boolean attempted;

    public JdbcSchema(DataSource dataSource, boolean create, Clock clock, StoreOutage outage) {
        this.dataSource = dataSource;
        this.create = create;
        this.clock = clock;
        this.outage = outage;
    }

    /**
     * The database's dialect once the schema is ready, else {@code null} (the database did not answer; retried later).
     *
     * @throws IllegalArgumentException if the database is not one the store supports
     */
    public @Nullable StoreDialect ready() {
        StoreDialect ready = dialect;
        if (ready != null) {
            return ready;
        }
        synchronized (this) {
            if (dialect != null) {
                return dialect;
            }
            long now = System.nanoTime();
            if (attempted && now - lastAttempt < TimeUnit.SECONDS.toNanos(RETRY_SECONDS)) {
                return null;
            }
            attempted = true;
            lastAttempt = now;
            try {
                ready = create ? SchemaMigration.migrate(dataSource, clock) : detect();
            } catch (SQLException | RuntimeException e) {
                if (e instanceof IllegalArgumentException unsupported) {
                    throw unsupported;
                }
                outage.failed("schema", e);
                return null;
            }
            dialect = ready;
            outage.succeeded();
            return ready;
        }
    }

    private StoreDialect detect() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return StoreDialect.of(connection.getMetaData().getDatabaseProductName());
        }
    }
}
