package dev.monitor.fleet.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Creates and upgrades the fleet schema from the SQL files shipped under {@code dev/monitor/fleet/sql/<dialect>/}: the
 * files are the one source of the DDL, for this class and for teams that run Flyway or Liquibase.
 *
 * <p>{@code schema_version.sql} creates {@value #VERSION_TABLE}; then every {@code V<n>__monitor.sql} newer than the
 * highest version recorded there runs and is recorded. Every statement is idempotent ({@code IF NOT EXISTS}), so a
 * schema created by Flyway from the same files, or by a replica that died before recording it, is taken as it is.
 * Replicas starting together are serialised by the dialect's lock (PostgreSQL advisory lock, MySQL named lock); a
 * migration that still loses a race (H2) is tried again, up to {@value #ATTEMPTS} times. Not API.
 */
public final class SchemaMigration {

    /** The newest schema version this library knows. */
    public static final int LATEST_VERSION = 1;
    /** The table recording the applied versions. */
    public static final String VERSION_TABLE = "monitor_schema_version";

    private static final List<String> DESCRIPTIONS = List.of("fleet locks and notification claims");
    private static final int ATTEMPTS = 3;

    private SchemaMigration() {
    }

    /** The file of schema version {@code version}, e.g. {@code V1__monitor.sql}. */
    public static String file(int version) {
        return "V" + version + "__monitor.sql";
    }

    /**
     * Brings the schema in {@code dataSource} to {@link #LATEST_VERSION}.
     *
     * @return the database's dialect
     * @throws SQLException if the database cannot be reached or refuses the DDL after {@value #ATTEMPTS} attempts
     * @throws IllegalArgumentException if the database is not one the store supports
     */
    public static StoreDialect migrate(DataSource dataSource, Clock clock) throws SQLException {
        SQLException failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                StoreDialect dialect = StoreDialect.of(connection.getMetaData().getDatabaseProductName());
                boolean autoCommit = connection.getAutoCommit();
                try {
                    migrate(connection, dialect, clock);
                    return dialect;
                } finally {
                    if (connection.getAutoCommit() != autoCommit) {
                        connection.setAutoCommit(autoCommit); // a pooled connection goes back as it came
                    }
                }
            } catch (SQLException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw failure;
    }

    private static void migrate(Connection connection, StoreDialect dialect, Clock clock) throws SQLException {
        dialect.lockSchema(connection);
        boolean done = false;
        try {
            execute(connection, dialect.resource("schema_version.sql"));
            for (int version = currentVersion(connection) + 1; version <= LATEST_VERSION; version++) {
                execute(connection, dialect.resource(file(version)));
                record(connection, version, clock);
            }
            dialect.unlockSchema(connection);
            done = true;
        } finally {
            if (!done) {
                try {
                    dialect.abandonSchema(connection);
                } catch (SQLException e) {
                    // the connection is closed next, which ends the lock as well
                }
            }
        }
    }

    /** The highest version recorded, or 0. */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private static void record(Connection connection, int version, Clock clock) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + VERSION_TABLE
                + " (version, description, installed_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, version);
            insert.setString(2, DESCRIPTIONS.get(version - 1));
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
        } catch (SQLException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // another replica recorded it in between (a database without a schema lock): the schema is there
        }
    }

    /** Whether {@code e} reports a unique-key violation (SQLSTATE class 23 on every supported database). */
    static boolean isDuplicateKey(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("23");
    }

    private static void execute(Connection connection, String resource) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(resource)) {
                statement.execute(sql);
            }
        }
    }

    /** The statements of a shipped SQL file: comment lines dropped, split at semicolons. */
    public static List<String> statements(String resource) {
        String text;
        try (InputStream in = SchemaMigration.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the monitor's schema file " + resource + " is missing from the class path");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the monitor's schema file " + resource, e);
        }
        StringBuilder code = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith("--")) {
                code.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : code.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip());
            }
        }
        return statements;
    }
}
