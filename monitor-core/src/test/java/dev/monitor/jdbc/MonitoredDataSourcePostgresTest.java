package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.util.PSQLException;
import org.slf4j.MDC;

/** The wrapper against a real PostgreSQL 14 (embedded, on loopback): slow statements with pg_sleep, failures. */
class MonitoredDataSourcePostgresTest {

    private static final String SECRET_EMAIL = "x@y.com";

    private static EmbeddedPostgres postgres;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private MonitoredDataSource dataSource;
    private LogCapture logs;

    @BeforeAll
    static void startPostgres() throws IOException, SQLException {
        postgres = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id serial PRIMARY KEY, email text UNIQUE NOT NULL, name text)");
            s.execute("INSERT INTO accounts (email, name) SELECT 'user' || g || '@example.com', 'User ' || g "
                    + "FROM generate_series(1, 30) g");
            s.execute("INSERT INTO accounts (email, name) VALUES ('" + SECRET_EMAIL + "', 'Existing')");
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void setUp() {
        DataSource pg = postgres.getPostgresDatabase();
        dataSource = MonitoredDataSource.builder(pg)
                .name("pg")
                .slowThreshold(Duration.ofMillis(300))
                .meterRegistry(meters)
                .listener(listener)
                .build();
        logs = new LogCapture();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        MDC.clear();
    }

    @Test
    void aPgSleepSlowerThanTheThresholdIsReportedOnceWithSanitizedSqlAndCorrectDuration() throws SQLException {
        MDC.put("request_id", "pg-req-1");
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT pg_sleep(?), ?::text AS who, 'inline-literal'")) {
            ps.setDouble(1, 0.5);
            ps.setString(2, SECRET_EMAIL);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("who")).isEqualTo(SECRET_EMAIL);
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            }
        }
        assertThat(dataSource.dialect()).isEqualTo(SqlDialect.POSTGRESQL);
        // the server really sleeps, so time here is real: only the pg_sleep is certain to be slow (that a fast
        // statement is never reported is shown with a controlled clock in MonitoredDataSourceH2Test)
        assertThat(listener.slow).filteredOn(slow -> slow.sql().startsWith("SELECT pg_sleep"))
                .singleElement().satisfies(slow -> {
            assertThat(slow.sql()).isEqualTo("SELECT pg_sleep(?), ?::text AS who, ?");
            assertThat(slow.duration()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(30));
            assertThat(slow.requestId()).isEqualTo("pg-req-1");
            assertThat(slow.dataSource()).isEqualTo("pg");
            assertThat(slow.failed()).isFalse();
        });
        List<String> warnings = logs.linesContaining("Slow query").stream()
                .filter(line -> line.contains("pg_sleep")).toList();
        assertThat(warnings).singleElement().asString().contains("sql=SELECT pg_sleep(?), ?::text AS who, ?",
                "request_id=pg-req-1", "datasource=pg");
        assertThat(meters.get("monitor.jdbc.query").tags("datasource", "pg", "operation", "select", "outcome",
                "success").functionTimer().count()).isEqualTo(2);
        assertNoRawDataAnywhere(SECRET_EMAIL, "inline-literal");
    }

    @Test
    void aUniqueViolationIsRethrownUnchangedAndReportedWithClassAndSqlStateButNotTheDriversMessage()
            throws SQLException {
        PSQLException thrown;
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO accounts (email, name) VALUES (?, ?)")) {
            ps.setString(1, SECRET_EMAIL);
            ps.setString(2, "Duplicate");
            thrown = assertThrows(PSQLException.class, ps::executeUpdate);
        }
        assertThat(thrown.getMessage()).contains("Key (email)=(" + SECRET_EMAIL + ") already exists");
        assertThat(listener.failures).singleElement().satisfies(failure -> {
            assertThat(failure.exceptionClass()).isEqualTo("org.postgresql.util.PSQLException");
            assertThat(failure.sqlState()).isEqualTo("23505");
            assertThat(failure.sql()).isEqualTo("INSERT INTO accounts (email, name) VALUES (?, ?)");
            assertThat(failure.operation()).isEqualTo(SqlOperation.INSERT);
        });
        assertNoRawDataAnywhere(SECRET_EMAIL, "Duplicate", "already exists");
    }

    @Test
    void aStatementCancelledByItsTimeoutIsReportedAsASlowFailure() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            SQLException thrown = assertThrows(SQLException.class, () -> s.execute("SELECT pg_sleep(120)"));
            assertThat(thrown.getSQLState()).isEqualTo("57014");
        }
        assertThat(listener.slow).singleElement().satisfies(slow -> {
            assertThat(slow.failed()).isTrue();
            // cancelled at its 1 s timeout, far from the 120 s it asked for, however busy the machine
            assertThat(slow.duration()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(60));
        });
        assertThat(listener.failures).singleElement()
                .satisfies(failure -> assertThat(failure.sqlState()).isEqualTo("57014"));
        assertThat(meters.get("monitor.jdbc.query.slow").tags("datasource", "pg", "operation", "select", "outcome",
                "error").timer().count()).isEqualTo(1);
    }

    @Test
    void twentyFiveLookupsInOneScopeGiveOneRepeatedQueryReport() throws SQLException {
        try (Connection c = dataSource.getConnection(); QueryScope scope = QueryScope.open("GET /accounts")) {
            for (int id = 1; id <= 25; id++) {
                try (PreparedStatement ps = c.prepareStatement("SELECT email FROM accounts WHERE id = ?")) {
                    ps.setInt(1, id);
                    ps.executeQuery().close();
                }
            }
        }
        assertThat(listener.repeated).singleElement().satisfies(repeated -> {
            assertThat(repeated.count()).isEqualTo(25);
            assertThat(repeated.sql()).isEqualTo("SELECT email FROM accounts WHERE id = ?");
        });
        assertNoRawDataAnywhere("user3@example.com");
    }

    @Test
    void unwrapReachesThePostgresDriver() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            assertThat(c.isWrapperFor(PGConnection.class)).isTrue();
            assertThat(c.unwrap(PGConnection.class).getBackendPID()).isPositive();
        }
    }

    private void assertNoRawDataAnywhere(String... values) {
        StringBuilder meterText = new StringBuilder();
        for (Meter meter : meters.getMeters()) {
            meterText.append(meter.getId()).append('\n');
        }
        for (String value : values) {
            assertThat(logs.lines()).noneMatch(line -> line.contains(value));
            assertThat(meterText.toString()).doesNotContain(value);
            assertThat(listener.everything()).doesNotContain(value);
        }
    }
}
