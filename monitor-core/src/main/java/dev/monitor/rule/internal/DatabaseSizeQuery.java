package dev.monitor.rule.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads the size of the database a {@link DataSource} connects to, in bytes, with the query of its product (from
 * {@code DatabaseMetaData.getDatabaseProductName()}). Runs on the rule engine's thread; the statement has a query
 * timeout, and obtaining the connection is bounded by the pool's own timeout. Not API.
 *
 * <ul>
 *   <li>PostgreSQL: {@code pg_database_size(current_database())}, the files of the current database;
 *   <li>MySQL and MariaDB: the sum of {@code data_length + index_length} of the current schema's tables in
 *       {@code information_schema.tables} (InnoDB's estimate);
 *   <li>H2 2.x: {@code info.FILE_SIZE} of {@code INFORMATION_SCHEMA.SETTINGS}, the size of the database file; an
 *       in-memory database has none, which reads as no data.
 * </ul>
 */
public final class DatabaseSizeQuery {

    /** PostgreSQL's size of the current database. */
    public static final String POSTGRESQL = "SELECT pg_database_size(current_database())";
    /** MySQL's and MariaDB's size of the current schema's tables and indexes. */
    public static final String MYSQL = "SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables"
            + " WHERE table_schema = database()";
    /** H2's database file size (no row for an in-memory database). */
    public static final String H2 = "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.FILE_SIZE'";

    private final DataSource dataSource;
    private final Duration timeout;

    /** Reads the size of {@code dataSource}'s database; each query may take at most {@code timeout} (whole seconds, at least 1). */
    public DatabaseSizeQuery(DataSource dataSource, Duration timeout) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The query for a product name as the JDBC driver reports it, or {@code null} when the product is not supported. */
    public static @Nullable String sql(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (product.contains("mysql") || product.contains("mariadb")) {
            return MYSQL;
        }
        if (product.equals("h2")) {
            return H2;
        }
        return null;
    }

    /**
     * The database's size in bytes, or {@code NaN} when it has none (an in-memory H2 database).
     *
     * @throws SQLException if the connection or the query fails or times out
     * @throws IllegalStateException if the database product has no size query
     */
    public double bytes() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            String sql = sql(product == null ? "" : product);
            if (sql == null) {
                throw new IllegalStateException("no database size query for '" + product
                        + "': supported are PostgreSQL, MySQL, MariaDB and H2; for another database give the rule a "
                        + "RuleSignal.supplier of your own");
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds())));
                try (ResultSet result = statement.executeQuery(sql)) {
                    if (!result.next()) {
                        return Double.NaN;
                    }
                    long bytes = result.getLong(1);
                    return result.wasNull() ? Double.NaN : bytes;
                }
            }
        }
    }
}
