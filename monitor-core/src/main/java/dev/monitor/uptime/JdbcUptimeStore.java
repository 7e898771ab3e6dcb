package dev.monitor.uptime;

import dev.monitor.health.CheckStatus;
import dev.monitor.pii.Scrubber;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Keeps uptime results in a database table, one row per check, through plain JDBC (tested on H2 and
 * PostgreSQL; the types are standard SQL). The table is created when missing unless told not to:
 *
 * <pre>{@code
 * CREATE TABLE monitor_uptime_results (
 *     target VARCHAR(64) NOT NULL, checked_at BIGINT NOT NULL, status VARCHAR(4) NOT NULL,
 *     response_ms BIGINT, status_code INTEGER NOT NULL, certificate_days INTEGER, error VARCHAR(512))
 * CREATE INDEX monitor_uptime_results_target_time ON monitor_uptime_results (target, checked_at)
 * }</pre>
 *
 * <p>{@code checked_at} is epoch milliseconds (UTC, no time-zone conversions). Error texts pass the store's
 * {@link Builder#scrubber scrubber} before they are cut to {@value #MAX_ERROR_LENGTH} characters and stored, and
 * again when they are read back (rows written by other tools or older versions), so the table never holds a value
 * cut in half. Every call takes a connection from the data source and returns it. Thread-safe.
 */
public final class JdbcUptimeStore implements UptimeStore {

    /** Default table name. */
    public static final String DEFAULT_TABLE = "monitor_uptime_results";
    /** Longest error text stored. */
    public static final int MAX_ERROR_LENGTH = UptimeCheckResult.MAX_ERROR_LENGTH;

    private final DataSource dataSource;
    private final String table;
    private final boolean createTable;
    private final Scrubber scrubber;
    private volatile boolean ready;

    private JdbcUptimeStore(Builder builder) {
        this.dataSource = builder.dataSource;
        this.table = builder.table;
        this.createTable = builder.createTable;
        this.scrubber = builder.scrubber;
    }

    /** A builder for a store in {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The table's name. */
    public String table() {
        return table;
    }

    @Override
    public void append(UptimeCheckResult result) throws SQLException {
        Objects.requireNonNull(result, "result");
        try (Connection connection = connection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (target, checked_at, status, response_ms, status_code, certificate_days, error)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, result.target());
            insert.setLong(2, result.checkedAt().toEpochMilli());
            insert.setString(3, result.status().jsonValue());
            Duration responseTime = result.responseTime();
            if (responseTime == null) {
                insert.setNull(4, Types.BIGINT);
            } else {
                insert.setLong(4, responseTime.toMillis());
            }
            insert.setInt(5, result.statusCode());
            Long days = result.certificateDaysLeft();
            if (days == null) {
                insert.setNull(6, Types.INTEGER);
            } else {
                insert.setInt(6, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, days)));
            }
            String error = result.error();
            if (error == null) {
                insert.setNull(7, Types.VARCHAR);
            } else {
                insert.setString(7, scrubber.scrub(error, MAX_ERROR_LENGTH)); // scrubbed before it is cut
            }
            insert.executeUpdate();
        }
    }

    @Override
    public void load(String target, Instant since, Consumer<UptimeCheckResult> sink) throws SQLException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(sink, "sink");
        try (Connection connection = connection();
                PreparedStatement select = connection.prepareStatement("SELECT checked_at, status, response_ms, status_code,"
                        + " certificate_days, error FROM " + table + " WHERE target = ? AND checked_at >= ? ORDER BY checked_at")) {
            select.setString(1, target);
            select.setLong(2, since.toEpochMilli());
            select.setFetchSize(1000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long responseMs = rows.getLong(3);
                    Duration responseTime = rows.wasNull() ? null : Duration.ofMillis(responseMs);
                    int days = rows.getInt(5);
                    Long certificateDays = rows.wasNull() ? null : (long) days;
                    String error = rows.getString(6);
                    sink.accept(new UptimeCheckResult(target, Instant.ofEpochMilli(rows.getLong(1)), status(rows.getString(2)),
                            responseTime, rows.getInt(4), certificateDays,
                            error == null ? null : scrubber.scrub(error, MAX_ERROR_LENGTH)));
                }
            }
        }
    }

    @Override
    public void deleteBefore(Instant cutoff) throws SQLException {
        Objects.requireNonNull(cutoff, "cutoff");
        try (Connection connection = connection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE checked_at < ?")) {
            delete.setLong(1, cutoff.toEpochMilli());
            delete.executeUpdate();
        }
    }

    private Connection connection() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!ready && createTable) {
            try {
                createIfMissing(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    private synchronized void createIfMissing(Connection connection) throws SQLException {
        if (ready) {
            return;
        }
        if (!exists(connection)) {
            boolean autoCommit = connection.getAutoCommit();
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE " + table + " (target VARCHAR(64) NOT NULL, checked_at BIGINT NOT NULL,"
                        + " status VARCHAR(4) NOT NULL, response_ms BIGINT, status_code INTEGER NOT NULL,"
                        + " certificate_days INTEGER, error VARCHAR(" + MAX_ERROR_LENGTH + "))");
                String index = table.substring(table.lastIndexOf('.') + 1) + "_target_time";
                statement.executeUpdate("CREATE INDEX " + index + " ON " + table + " (target, checked_at)");
                if (!autoCommit) {
                    connection.commit();
                }
            } catch (SQLException e) {
                if (!exists(connection)) { // another instance may have created it at the same moment
                    throw e;
                }
            }
        }
        ready = true;
    }

    private boolean exists(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(1);
            statement.executeQuery("SELECT checked_at FROM " + table + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if (!connection.getAutoCommit()) {
                connection.rollback(); // PostgreSQL aborts the transaction on the failed probe
            }
            return false;
        }
    }

    private static CheckStatus status(@Nullable String value) {
        for (CheckStatus status : CheckStatus.values()) {
            if (status.jsonValue().equals(value)) {
                return status;
            }
        }
        return CheckStatus.FAIL;
    }

    /** Builds a {@link JdbcUptimeStore}; every setter validates its argument. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private boolean createTable = true;
        private Scrubber scrubber = Scrubber.defaults();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The table (default {@value JdbcUptimeStore#DEFAULT_TABLE}): letters, digits and {@code _}, optionally schema-qualified. */
        public Builder table(String table) {
            Objects.requireNonNull(table, "table");
            if (!table.matches("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?")) {
                throw new IllegalArgumentException("table must be letters, digits and '_' (optionally schema.table), at most 63 "
                        + "characters each, was '" + table + "'");
            }
            this.table = table.toLowerCase(Locale.ROOT);
            return this;
        }

        /** Whether the table is created when missing (default true). */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /**
         * The PII scrubber error texts pass before they are cut and stored, and when they are read back (default
         * {@link Scrubber#defaults()}).
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** Builds the store; the table is created at first use. */
        public JdbcUptimeStore build() {
            return new JdbcUptimeStore(this);
        }
    }
}
