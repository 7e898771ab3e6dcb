package dev.monitor.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The databases the JDBC store supports, told apart by {@code DatabaseMetaData.getDatabaseProductName()}: where
 * their DDL files are, how concurrent schema creation is serialised, how expired claims are deleted in bounded
 * batches. Not API.
 */
public enum StoreDialect {

    /** PostgreSQL: DDL is transactional; a transaction-scoped advisory lock serialises replicas creating the schema. */
    POSTGRESQL("postgresql") {
        @Override
        void lockSchema(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_ID + ")");
            }
        }

        @Override
        void unlockSchema(Connection connection) throws SQLException {
            connection.commit(); // ends the transaction and with it the advisory lock
        }

        @Override
        void abandonSchema(Connection connection) throws SQLException {
            connection.rollback(); // ends the transaction and with it the advisory lock
        }
    },
    /** MySQL and MariaDB: DDL commits at once; a named lock serialises replicas creating the schema. */
    MYSQL("mysql") {
        @Override
        void lockSchema(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT GET_LOCK('monitor_schema', 60)");
            }
        }

        @Override
        void unlockSchema(Connection connection) throws SQLException {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT RELEASE_LOCK('monitor_schema')");
            }
        }

        @Override
        void abandonSchema(Connection connection) throws SQLException {
            unlockSchema(connection);
        }

        @Override
        String deleteExpiredClaims(String table, int limit) {
            return "DELETE FROM " + table + " WHERE expires_at < ? LIMIT " + limit;
        }
    },
    /** H2 (2.x): DDL statements are serialised by the database itself; a lost race is retried. */
    H2("h2") {
        @Override
        String deleteExpiredClaims(String table, int limit) {
            return "DELETE FROM " + table + " WHERE expires_at < ? FETCH FIRST " + limit + " ROWS ONLY";
        }
    };

    /** The key of PostgreSQL's advisory lock around schema creation ("monitor" in ASCII). */
    static final long ADVISORY_LOCK_ID = 0x6d6f6e69746f72L;

    private final String folder;

    StoreDialect(String folder) {
        this.folder = folder;
    }

    /**
     * The dialect of a database product name.
     *
     * @throws IllegalArgumentException naming the product and the supported ones if none fits
     */
    public static StoreDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MYSQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("the monitor's JDBC store supports PostgreSQL, MySQL, MariaDB and H2; the data "
                + "source is '" + productName + "': use MonitorStore.local() or a supported database");
    }

    /** The class-path resource of a schema file of this dialect, e.g. {@code dev/monitor/fleet/sql/h2/V1__monitor.sql}. */
    public String resource(String file) {
        return "dev/monitor/fleet/sql/" + folder + "/" + file;
    }

    /** Takes the lock that keeps two replicas from creating the schema at once (nothing for H2). */
    void lockSchema(Connection connection) throws SQLException {
    }

    /** Releases {@link #lockSchema}'s lock, committing what was done under it. */
    void unlockSchema(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Releases {@link #lockSchema}'s lock after a failure, undoing what can be undone. */
    void abandonSchema(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
    }

    /** A statement deleting at most {@code limit} claims that expired before its one parameter. */
    String deleteExpiredClaims(String table, int limit) {
        return "DELETE FROM " + table + " WHERE claim_key IN (SELECT claim_key FROM " + table
                + " WHERE expires_at < ? LIMIT " + limit + ")";
    }
}
