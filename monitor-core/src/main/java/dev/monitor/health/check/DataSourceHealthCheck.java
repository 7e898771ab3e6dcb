package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import dev.monitor.health.check.internal.PoolUsage;
import dev.monitor.health.check.internal.PoolUsageReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Checks a JDBC {@link DataSource}: borrows a connection, asks the driver whether it is valid
 * ({@link Connection#isValid(int)}) and, if configured, runs a validation query.
 *
 * <pre>{@code
 * health.register("database", new DataSourceHealthCheck(dataSource));
 * health.register("reporting-db", DataSourceHealthCheck.builder(reportingDataSource)
 *         .validationQuery("SELECT 1").timeout(Duration.ofSeconds(2)).build());
 * }</pre>
 *
 * <p>When the data source is (or wraps) a HikariCP pool, the result carries the pool's usage as
 * details {@code pool_active}, {@code pool_idle}, {@code pool_total}, {@code pool_waiting} and
 * {@code pool_max}, also when the check fails (an exhausted pool is the usual reason). HikariCP
 * is optional: without it on the class path the check works the same, without pool details.
 *
 * <p>The timeout bounds {@code isValid} and the query (JDBC counts in whole seconds, so it is
 * rounded up). Borrowing the connection is bounded by the data source's own connection or login
 * timeout; keep that below the check's registry timeout.
 */
public final class DataSourceHealthCheck implements HealthCheck {

    /** Default bound of {@code isValid} and the validation query. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

    private final DataSource dataSource;
    private final @Nullable String validationQuery;
    private final Duration timeout;
    private final int timeoutSeconds;

    /** Checks the data source with {@code isValid} only and the default 1 s timeout. */
    public DataSourceHealthCheck(DataSource dataSource) {
        this(builder(dataSource));
    }

    private DataSourceHealthCheck(Builder builder) {
        this.dataSource = builder.dataSource;
        this.validationQuery = builder.validationQuery;
        this.timeout = builder.timeout;
        this.timeoutSeconds = ArgumentChecks.seconds(builder.timeout);
    }

    /** A builder for a check of {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The bound of {@code isValid} and the validation query. */
    public Duration timeout() {
        return timeout;
    }

    /** The validation query, or {@code null} when only {@code isValid} is used. */
    public @Nullable String validationQuery() {
        return validationQuery;
    }

    @Override
    public HealthResult check() {
        CheckStatus status;
        String error = null;
        String product = null;
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(timeoutSeconds)) {
                status = CheckStatus.FAIL;
                error = "connection is not valid (isValid returned false within " + timeoutSeconds + " s)";
            } else if (validationQuery != null
                    && (error = runValidationQuery(connection, validationQuery)) != null) {
                status = CheckStatus.FAIL;
            } else {
                status = CheckStatus.PASS;
                product = productName(connection);
            }
        } catch (SQLException | RuntimeException e) {
            status = CheckStatus.FAIL;
            error = Failures.describe(e);
        }
        HealthResult.Builder result = HealthResult.builder(status).error(error);
        if (product != null && !product.isBlank()) {
            result.detail("database", product);
        }
        // Read after the connection went back, so our own borrow does not count as application load.
        PoolUsage pool = PoolUsageReader.read(dataSource);
        if (pool != null) {
            result.detail("pool_active", pool.active())
                    .detail("pool_idle", pool.idle())
                    .detail("pool_total", pool.total())
                    .detail("pool_waiting", pool.waiting())
                    .detail("pool_max", pool.max());
        }
        return result.build();
    }

    private static @Nullable String productName(Connection connection) {
        try {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException | RuntimeException e) {
            return null; // a nice-to-have detail; the connection itself is fine
        }
    }

    /** Runs the query; returns why it failed, or {@code null} when it succeeded. */
    private @Nullable String runValidationQuery(Connection connection, String query) {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            if (statement.execute(query)) {
                try (ResultSet rows = statement.getResultSet()) {
                    rows.next(); // completes the round trip on drivers that stream results
                }
            }
            return null;
        } catch (SQLException | RuntimeException e) {
            return "validation query failed: " + Failures.describe(e);
        }
    }

    /** Builds a {@link DataSourceHealthCheck}. */
    public static final class Builder {
        private final DataSource dataSource;
        private @Nullable String validationQuery;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /**
         * A query to run after {@code isValid}, e.g. {@code "SELECT 1"}; fails the check if it
         * throws. Default: none.
         */
        public Builder validationQuery(String validationQuery) {
            Objects.requireNonNull(validationQuery, "validationQuery");
            if (validationQuery.isBlank()) {
                throw new IllegalArgumentException("validationQuery must not be blank; leave it unset to use "
                        + "Connection.isValid only");
            }
            this.validationQuery = validationQuery;
            return this;
        }

        /** Bound of {@code isValid} and the query (default 1 s); rounded up to whole seconds. */
        public Builder timeout(Duration timeout) {
            this.timeout = ArgumentChecks.timeout("timeout", timeout);
            return this;
        }

        /** Builds the check. */
        public DataSourceHealthCheck build() {
            return new DataSourceHealthCheck(this);
        }
    }
}
