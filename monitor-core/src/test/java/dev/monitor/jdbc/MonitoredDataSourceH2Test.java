package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbc.JdbcPreparedStatement;
import org.h2.jdbc.JdbcResultSet;
import org.h2.jdbc.JdbcSQLIntegrityConstraintViolationException;
import org.h2.jdbc.JdbcStatement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The wrapper against a real H2 database: JDBC behaviour, slow statements, failures, N+1, meters. */
class MonitoredDataSourceH2Test {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String SECRET_EMAIL = "ann.secret@example.com";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RecordingListener listener = new RecordingListener();
    private JdbcDataSource h2;
    private MonitoredDataSource dataSource;
    private Connection connection;
    private LogCapture logs;

    @BeforeEach
    void setUp() throws SQLException {
        h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:monitored" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        dataSource = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .name("h2test")
                .slowThreshold(Duration.ofMillis(250))
                .meterRegistry(meters)
                .listener(listener)
                .build();
        logs = new LogCapture();
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(StatementTicker.H2_SLEEP_ALIAS); // SLEEP(ms) moves the data source's time, not the test's
            statement.execute("CREATE TABLE users (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "email VARCHAR(200) UNIQUE, name VARCHAR(200))");
            statement.execute("INSERT INTO users (email, name) SELECT 'user' || X || '@example.com', 'User ' || X "
                    + "FROM SYSTEM_RANGE(1, 30)");
        }
    }

    @AfterEach
    void tearDown() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
        connection.close();
        logs.close();
        MDC.clear();
    }

    // ---- slow statements

    @Test
    void aStatementSlowerThanTheThresholdIsReportedOnceWithSanitizedSqlAndItsDuration() throws SQLException {
        MDC.put("request_id", "req-42");
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT SLEEP(400), CAST(? AS VARCHAR), 'inline-literal' FROM users WHERE id = 1")) {
            ps.setString(1, SECRET_EMAIL);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }

        assertThat(listener.slow).hasSize(1);
        SlowQuery slow = listener.slow.get(0);
        assertThat(slow.sql()).isEqualTo("SELECT SLEEP(?), CAST(? AS VARCHAR), ? FROM users WHERE id = ?");
        assertThat(slow.duration()).isEqualTo(Duration.ofMillis(400));
        assertThat(slow.operation()).isEqualTo(SqlOperation.SELECT);
        assertThat(slow.dataSource()).isEqualTo("h2test");
        assertThat(slow.requestId()).isEqualTo("req-42");
        assertThat(slow.rows()).isEmpty();
        assertThat(slow.failed()).isFalse();
        assertThat(slow.fingerprint()).isEqualTo(SqlSanitizer.forDialect(SqlDialect.H2)
                .fingerprint("SELECT SLEEP(1), CAST(? AS VARCHAR), 'x' FROM users WHERE id = 2"));

        List<String> warnings = logs.linesContaining("Slow query");
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("WARN Slow query: ")
                .contains("datasource=h2test", "operation=select", "rows=unknown", "request_id=req-42",
                        "fingerprint=" + slow.fingerprint(),
                        "sql=SELECT SLEEP(?), CAST(? AS VARCHAR), ? FROM users WHERE id = ?");
        long loggedMillis = Long.parseLong(warnings.get(0).replaceAll("^WARN Slow query: (\\d+) ms.*$", "$1"));
        assertThat(loggedMillis).isEqualTo(400);
        assertThat(warnings.get(0)).as("the request ID once (from the MDC), the duration as a key-value pair")
                .containsOnlyOnce("req-42").contains("duration_ms=\"400\"");

        Timer slowTimer = meters.get("monitor.jdbc.query.slow")
                .tags("datasource", "h2test", "operation", "select", "outcome", "success").timer();
        assertThat(slowTimer.count()).isEqualTo(1);
        assertThat(slowTimer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(400);
        assertNoRawDataAnywhere(SECRET_EMAIL, "inline-literal");
    }

    @Test
    void aFastStatementIsCountedButNotReported() throws SQLException {
        for (int i = 0; i < 5; i++) {
            // one row, so SLEEP runs once: each statement takes 10 ms of the data source's time, far below 250 ms
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT name, SLEEP(10) FROM users WHERE id = 1 AND email <> ?")) {
                ps.setString(1, SECRET_EMAIL);
                ps.executeQuery().close();
            }
        }
        assertThat(listener.slow).isEmpty();
        assertThat(logs.linesContaining("Slow query")).isEmpty();
        FunctionTimer all = meters.get("monitor.jdbc.query")
                .tags("datasource", "h2test", "operation", "select", "outcome", "success").functionTimer();
        assertThat(all.count()).isEqualTo(5);
        assertThat(all.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5 * 10);
        assertThat(meters.find("monitor.jdbc.query.slow").meters().isEmpty()).isTrue();
        assertNoRawDataAnywhere(SECRET_EMAIL);
    }

    @Test
    void slowUpdatesReportTheirRowCountAndSlowBatchesTheirSize() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            int rows = statement.executeUpdate("UPDATE users SET name = 'renamed' WHERE id <= 3 AND SLEEP(100) IS NULL");
            assertThat(rows).isEqualTo(3);
        }
        assertThat(listener.slow).hasSize(1);
        assertThat(listener.slow.get(0).rows()).hasValue(3);
        assertThat(listener.slow.get(0).operation()).isEqualTo(SqlOperation.UPDATE);
        assertThat(listener.slow.get(0).sql()).isEqualTo("UPDATE users SET name = ? WHERE id <= ? AND SLEEP(?) IS NULL");

        try (PreparedStatement ps = connection.prepareStatement("UPDATE users SET name = ? WHERE id = SLEEP(?)")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, SECRET_EMAIL);
                ps.setLong(2, 100);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(0, 0, 0);
        }
        assertThat(listener.slow).hasSize(2);
        SlowQuery batch = listener.slow.get(1);
        assertThat(batch.batchSize()).isEqualTo(3);
        assertThat(batch.rows()).hasValue(0);
        assertThat(batch.sql()).isEqualTo("UPDATE users SET name = ? WHERE id = SLEEP(?)");
        assertThat(logs.linesContaining("Slow query").get(1)).contains("batch=3", "rows=0");
        assertNoRawDataAnywhere(SECRET_EMAIL, "renamed");
    }

    // ---- failures

    @Test
    void aFailingStatementIsRethrownUnchangedAndReportedWithoutItsMessage() throws SQLException {
        SQLException thrown;
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO users (email, name) VALUES (?, ?)")) {
            ps.setString(1, "user1@example.com");
            ps.setString(2, "duplicate");
            thrown = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, ps::executeUpdate);
        }
        // the driver's own exception, untouched: its message names the duplicate value
        assertThat((Throwable) thrown).isInstanceOf(JdbcSQLIntegrityConstraintViolationException.class);
        assertThat(thrown.getMessage()).contains("user1@example.com");

        assertThat(listener.failures).hasSize(1);
        QueryFailure failure = listener.failures.get(0);
        assertThat(failure.exceptionClass()).isEqualTo(JdbcSQLIntegrityConstraintViolationException.class.getName());
        assertThat(failure.sqlState()).isEqualTo(thrown.getSQLState()).isEqualTo("23505");
        assertThat(failure.vendorCode()).isEqualTo(thrown.getErrorCode());
        assertThat(failure.sql()).isEqualTo("INSERT INTO users (email, name) VALUES (?, ?)");
        assertThat(failure.operation()).isEqualTo(SqlOperation.INSERT);
        assertThat(listener.slow).isEmpty();
        assertThat(meters.get("monitor.jdbc.query")
                .tags("datasource", "h2test", "operation", "insert", "outcome", "error").functionTimer().count())
                .isEqualTo(1);
        assertNoRawDataAnywhere("user1@example.com", "duplicate");
    }

    @Test
    void aFailingStatementOutsideAPreparedStatementIsReportedTooAndTheConnectionStaysUsable() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM missing_table WHERE secret = 'x'"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42S02"));
            try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM users")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(30);
            }
        }
        assertThat(listener.failures).singleElement()
                .satisfies(f -> assertThat(f.sql()).isEqualTo("SELECT * FROM missing_table WHERE secret = ?"));
    }

    @Test
    void aListenerThatThrowsNeverReachesTheApplication() throws SQLException {
        MonitoredDataSource throwing = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .name("throwing")
                .slowThreshold(Duration.ofMillis(1))
                .meterRegistry(meters)
                .listener(new QueryListener() {
                    @Override
                    public void onSlowQuery(SlowQuery query) {
                        throw new IllegalStateException("listener bug");
                    }

                    @Override
                    public void onQueryFailure(QueryFailure failure) {
                        throw new AssertionError("listener bug");
                    }
                })
                .listener(listener)
                .build();
        try (Connection c = throwing.getConnection(); Statement statement = c.createStatement()) {
            try (ResultSet rs = statement.executeQuery("SELECT SLEEP(5), 1")) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> statement.execute("SELECT nope FROM users"))
                    .isInstanceOf(SQLException.class);
            statement.executeQuery("SELECT SLEEP(5), 2").close();
        }
        // the listener after the throwing one still got everything (the failure took no time: it is not slow)
        assertThat(listener.slow).hasSize(2);
        assertThat(listener.failures).hasSize(1);
        assertThat(meters.get("monitor.jdbc.listener.errors").tag("datasource", "throwing").counter().count())
                .isEqualTo(listener.slow.size() + listener.failures.size());
        assertThat(logs.linesContaining("threw")).hasSize(1);
    }

    @Test
    void aScrubberSeesTheSanitizedSqlAndAFailingScrubberHidesIt() throws SQLException {
        MonitoredDataSource scrubbed = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .slowThreshold(Duration.ofMillis(1))
                .scrubber(Scrubber.builder().detector(PiiKind.of("table"),
                        PiiDetector.regex("users", Pattern.compile("users"))).build())
                .listener(listener)
                .build();
        try (Connection c = scrubbed.getConnection(); Statement statement = c.createStatement()) {
            statement.executeQuery("SELECT SLEEP(5), name FROM users WHERE id = 1").close();
        }
        MonitoredDataSource broken = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .slowThreshold(Duration.ofMillis(1))
                .scrubber(Scrubber.builder().detector(PiiKind.of("broken"), (text, matches) -> {
                    throw new IllegalStateException("scrubber bug");
                }).build())
                .listener(listener)
                .build();
        try (Connection c = broken.getConnection(); Statement statement = c.createStatement()) {
            statement.executeQuery("SELECT SLEEP(5), name FROM users WHERE id = 1").close();
        }
        assertThat(listener.slow).extracting(SlowQuery::sql)
                .containsExactly("SELECT SLEEP(?), name FROM [table] WHERE id = ?", "[scrub_error]");
    }

    @Test
    void longSanitizedSqlIsCutToTheMaximumLength() throws SQLException {
        MonitoredDataSource shortSql = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .slowThreshold(Duration.ofMillis(1))
                .maxSqlLength(20)
                .listener(listener)
                .build();
        try (Connection c = shortSql.getConnection(); Statement statement = c.createStatement()) {
            statement.executeQuery("SELECT SLEEP(5), name, email, id FROM users WHERE id = 1").close();
        }
        assertThat(listener.slow.get(0).sql()).isEqualTo("SELECT SLEEP(?), na…");
    }

    @Test
    void slowQueryLogCutsOnlyAfterScrubbing() throws SQLException {
        long seed = 120_2026L;
        PiiSamples samples = new PiiSamples(new java.util.Random(seed));
        int limit = 120;
        RecordingListener events = new RecordingListener();
        MonitoredDataSource everySlow = MonitoredDataSource.builder(h2)
                .name("cut")
                .dialect(SqlDialect.H2) // keeps "quoted" identifiers: the scrubber's last pass is all that guards them
                .slowThreshold(Duration.ofNanos(1))
                .maxSqlLength(limit)
                .listener(events)
                .build();
        String prefix = "SELECT ? AS \"";
        int cases = 0;
        List<Plant> planted = new java.util.ArrayList<>();
        try (Connection c = everySlow.getConnection(); Statement statement = c.createStatement()) {
            for (int value = 0; value < 2 * PiiSamples.families().size(); value++) {
                Plant next = samples.nth(value);
                if (next.text().contains("\"") || next.text().length() > 100) {
                    continue; // a quote would end the identifier; H2 takes names of at most 256 characters
                }
                for (int start : PiiSamples.positionsAround(limit, next.text().length())) {
                    String alias = PiiSamples.placed(next, Math.max(0, start - prefix.length()), limit + 30);
                    statement.executeQuery("SELECT 1 AS \"" + alias + "\"").close();
                    planted.add(next);
                    cases++;
                }
            }
        }
        List<String> lines = logs.linesContaining("datasource=cut");
        assertThat(lines).hasSize(cases);
        assertThat(events.slow).hasSize(cases);
        for (int i = 0; i < cases; i++) {
            String context = "seed " + seed + " case " + i;
            String sql = events.slow.get(i).sql();
            assertThat(sql.length()).as(context).isLessThanOrEqualTo(limit);
            assertThat(sql).as(context).startsWith(prefix);
            assertThat(Leaks.find(sql, planted.get(i))).as(context).isEmpty();
            assertThat(Leaks.find(lines.get(i), planted.get(i))).as(context).isEmpty();
        }
        System.out.println("slowQueryLogCutsOnlyAfterScrubbing: " + cases + " cases, seed " + seed);
    }

    @Test
    void everyJdbcDurationPastItsBoundIsRefusedNamingIt() {
        MonitoredDataSource.Builder builder = MonitoredDataSource.builder(h2);
        assertThatThrownBy(() -> builder.slowThreshold(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slowThreshold must be at most PT1H (1 hour), was PT2H");
        assertThatThrownBy(() -> builder.slowThreshold(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("slowThreshold must be at most PT1H");
        assertThatThrownBy(() -> builder.slowAcquisitionThreshold(Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("slowAcquisitionThreshold must be at most PT1H (1 hour), was PT24H");
    }

    @Test
    void aDataSourceNameOutsideTheNameRuleIsRefusedNamingTheSetting() {
        MonitoredDataSource.Builder builder = MonitoredDataSource.builder(h2);
        for (String name : List.of(".orders", "-orders", "_orders", "orders db", "x".repeat(65))) {
            assertThatThrownBy(() -> builder.name(name)).as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("data source name must be 1-64 characters");
        }
        assertThat(builder.name("orders-db.primary_1").build().name()).isEqualTo("orders-db.primary_1");
    }

    // ---- N+1

    @Test
    void aScopeRunningTwentyFiveIdenticalLookupsWithDifferentIdsEmitsOneRepeatedQueryWarningWithCount25()
            throws SQLException {
        MDC.put("request_id", "req-n-plus-one");
        try (QueryScope scope = QueryScope.open("GET /orders")) {
            for (int id = 1; id <= 25; id++) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
                    ps.setLong(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                    }
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM users").close();
            }
            assertThat(scope.statementCount()).isEqualTo(26);
            assertThat(scope.distinctStatementCount()).isEqualTo(2);
            assertThat(listener.repeated).as("reported when the scope closes").isEmpty();
        }
        String fingerprint = SqlSanitizer.forDialect(SqlDialect.H2).fingerprint("SELECT name FROM users WHERE id = ?");
        assertThat(listener.repeated).singleElement().satisfies(repeated -> {
            assertThat(repeated.count()).isEqualTo(25);
            assertThat(repeated.fingerprint()).isEqualTo(fingerprint);
            assertThat(repeated.sql()).isEqualTo("SELECT name FROM users WHERE id = ?");
            assertThat(repeated.scope()).isEqualTo("GET /orders");
            assertThat(repeated.dataSource()).isEqualTo("h2test");
            assertThat(repeated.requestId()).isEqualTo("req-n-plus-one");
        });
        List<String> warnings = logs.linesContaining("Repeated query");
        assertThat(warnings).singleElement().asString()
                .startsWith("WARN Repeated query (possible N+1): 25 executions in scope GET /orders")
                .contains("fingerprint=" + fingerprint, "request_id=req-n-plus-one");
        assertThat(meters.get("monitor.jdbc.query.repeated").tag("datasource", "h2test").counter().count())
                .isEqualTo(1);
    }

    @Test
    void lookupsWithInlinedIdsShareOneFingerprintInAScope() throws SQLException {
        try (QueryScope scope = QueryScope.open("GET /users"); Statement statement = connection.createStatement()) {
            for (int id = 1; id <= 25; id++) {
                statement.executeQuery("SELECT name FROM users WHERE email = 'user" + id + "@example.com'").close();
            }
        }
        assertThat(listener.repeated).singleElement().satisfies(repeated -> {
            assertThat(repeated.count()).isEqualTo(25);
            assertThat(repeated.sql()).isEqualTo("SELECT name FROM users WHERE email = ?");
        });
        assertNoRawDataAnywhere("user7@example.com");
    }

    @Test
    void fewerExecutionsThanTheThresholdAndStatementsOutsideAnyScopeAreNotReported() throws SQLException {
        try (QueryScope scope = QueryScope.open("GET /few")) {
            for (int id = 1; id <= 9; id++) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
                    ps.setLong(1, id);
                    ps.executeQuery().close();
                }
            }
        }
        for (int id = 1; id <= 30; id++) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            }
        }
        assertThat(listener.repeated).isEmpty();
        assertThat(logs.linesContaining("Repeated query")).isEmpty();
    }

    @Test
    void eachScopeReportsItsOwnRepeatedStatementsOnce() throws SQLException {
        for (int request = 0; request < 3; request++) {
            try (QueryScope scope = QueryScope.open("GET /orders/" + request)) {
                for (int id = 1; id <= 12; id++) {
                    try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
                        ps.setLong(1, id);
                        ps.executeQuery().close();
                    }
                }
                scope.close();
            }
        }
        assertThat(listener.repeated).extracting(RepeatedQuery::count).containsExactly(12, 12, 12);
    }

    // ---- JDBC behaviour through the wrapper

    @Test
    void generatedKeysAreReturnedAndLeadBackToTheMonitoredStatement() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO users (email, name) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "new@example.com");
            ps.setString(2, "New");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(31);
                assertThat(keys.getStatement()).isSameAs(ps);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO users (email, name) VALUES ('other@example.com', 'O')",
                    new String[] {"ID"});
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getLong(1)).isEqualTo(32);
            }
        }
    }

    @Test
    void batchUpdatesRunAndAreTimedAsOneStatement() throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO users (email, name) VALUES (?, ?)")) {
            for (int i = 0; i < 3; i++) {
                ps.setString(1, "batch" + i + "@example.com");
                ps.setString(2, "Batch " + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            ps.setString(1, "large@example.com");
            ps.setString(2, "Large");
            ps.addBatch();
            assertThat(ps.executeLargeBatch()).containsExactly(1L);
        }
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("UPDATE users SET name = 'a' WHERE id = 1");
            statement.addBatch("UPDATE users SET name = 'b' WHERE id = 2");
            statement.addBatch("DELETE FROM users WHERE id = 3");
            assertThat(statement.executeBatch()).containsExactly(1, 1, 1);
            statement.addBatch("DELETE FROM users WHERE id = 4");
            statement.clearBatch();
            assertThat(statement.executeBatch()).isEmpty();
        }
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(30 + 4 - 1);
        assertThat(meters.get("monitor.jdbc.query")
                .tags("datasource", "h2test", "operation", "insert", "outcome", "success").functionTimer().count())
                .as("two prepared batches, each timed once").isEqualTo(2 + 1);
        assertThat(meters.get("monitor.jdbc.query")
                .tags("datasource", "h2test", "operation", "update", "outcome", "success").functionTimer().count())
                .as("the statement batch is reported by its first statement").isEqualTo(1);
    }

    @Test
    void resultSetsNavigateAsTheDriversDo() throws SQLException {
        try (Statement statement = connection.createStatement(ResultSet.TYPE_SCROLL_INSENSITIVE,
                ResultSet.CONCUR_READ_ONLY); ResultSet rs = statement.executeQuery("SELECT id FROM users ORDER BY id")) {
            assertThat(rs.getStatement()).isSameAs(statement);
            assertThat(rs.isBeforeFirst()).isTrue();
            assertThat(rs.last()).isTrue();
            assertThat(rs.getRow()).isEqualTo(30);
            assertThat(rs.getLong("id")).isEqualTo(30);
            assertThat(rs.absolute(2)).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(2);
            assertThat(rs.previous()).isTrue();
            assertThat(rs.isFirst()).isTrue();
            assertThat(rs.relative(4)).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(5);
            rs.afterLast();
            assertThat(rs.isAfterLast()).isTrue();
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("ID");
        }
        try (Statement statement = connection.createStatement()) {
            assertThat(statement.execute("SELECT id FROM users WHERE id < 3 ORDER BY id")).isTrue();
            ResultSet first = statement.getResultSet();
            assertThat(statement.getResultSet()).isSameAs(first);
            assertThat(first.next()).isTrue();
            assertThat(first.next()).isTrue();
            assertThat(first.next()).isFalse();
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(-1);
        }
    }

    @Test
    void transactionsCommitRollBackAndHonourSavepoints() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("DELETE FROM users WHERE id = 1");
            connection.rollback();
            assertThat(count("SELECT count(*) FROM users WHERE id = 1")).isEqualTo(1);

            statement.executeUpdate("DELETE FROM users WHERE id = 1");
            Savepoint savepoint = connection.setSavepoint("after_first");
            statement.executeUpdate("DELETE FROM users WHERE id = 2");
            connection.rollback(savepoint);
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
        assertThat(count("SELECT count(*) FROM users WHERE id IN (1, 2)")).isEqualTo(1);
    }

    @Test
    void unwrapReachesTheDriversClassesAndEveryObjectLeadsBackToItsMonitoredParent() throws SQLException {
        assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
        assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
        assertThat(connection.unwrap(Connection.class)).isSameAs(connection);
        assertThat(connection.isWrapperFor(String.class)).isFalse();
        assertThatThrownBy(() -> connection.unwrap(String.class)).isInstanceOf(SQLException.class);
        assertThat(dataSource.unwrap(JdbcDataSource.class)).isSameAs(h2);
        assertThat(dataSource.isWrapperFor(JdbcDataSource.class)).isTrue();
        assertThat(dataSource.unwrap(MonitoredDataSource.class)).isSameAs(dataSource);

        try (PreparedStatement ps = connection.prepareStatement("SELECT id FROM users WHERE id = ?")) {
            assertThat(ps.unwrap(JdbcPreparedStatement.class)).isInstanceOf(JdbcPreparedStatement.class);
            assertThat(ps.isWrapperFor(JdbcStatement.class)).isTrue();
            assertThat(ps.getConnection()).isSameAs(connection);
            ps.setLong(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.unwrap(JdbcResultSet.class)).isInstanceOf(JdbcResultSet.class);
                assertThat(rs.getStatement()).isSameAs(ps);
                assertThat(rs.getStatement().getConnection()).isSameAs(connection);
            }
        }
        DatabaseMetaData meta = connection.getMetaData();
        assertThat(meta.getConnection()).isSameAs(connection);
        assertThat(meta.getDatabaseProductName()).isEqualTo("H2");
        assertThat(meta.unwrap(DatabaseMetaData.class)).isSameAs(meta);
    }

    @Test
    void callableStatementsAreTimed() throws SQLException {
        try (CallableStatement call = connection.prepareCall("{call SLEEP(300)}")) {
            call.execute();
            assertThat(call.getConnection()).isSameAs(connection);
        }
        assertThat(listener.slow).singleElement().satisfies(slow -> {
            assertThat(slow.operation()).isEqualTo(SqlOperation.CALL);
            assertThat(slow.sql()).isEqualTo("{call SLEEP(?)}");
        });
    }

    @Test
    void theDialectComesFromTheFirstConnection() {
        assertThat(dataSource.dialect()).isEqualTo(SqlDialect.H2);
        assertThat(MonitoredDataSource.builder(h2).build().dialect()).isEqualTo(SqlDialect.GENERIC);
        assertThat(MonitoredDataSource.builder(h2).dialect(SqlDialect.ORACLE).build().dialect())
                .isEqualTo(SqlDialect.ORACLE);
    }

    // ---- meters

    @Test
    void metersAreCreatedOnceAndNeverPerStatement() throws SQLException {
        AtomicInteger added = new AtomicInteger();
        meters.config().onMeterAdded(meter -> added.incrementAndGet());
        Runnable run = () -> {
            try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM users WHERE id = ?")) {
                for (int i = 1; i <= 30; i++) {
                    ps.setLong(1, i);
                    ps.executeQuery().close();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
        run.run();
        int afterFirstUse = added.get();
        for (int i = 0; i < 20; i++) {
            run.run();
        }
        assertThat(added.get()).isEqualTo(afterFirstUse);
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getTags()).allSatisfy(tag -> assertThat(tag.getKey())
                    .isIn("datasource", "operation", "outcome"));
        }
    }

    @Test
    void connectionAcquisitionIsTimed() throws SQLException {
        dataSource.getConnection().close();
        dataSource.getConnection("", "").close();
        assertThat(meters.get("monitor.jdbc.connection.acquire").tags("datasource", "h2test", "outcome", "success")
                .timer().count()).isEqualTo(3);
        MonitoredDataSource failing = MonitoredDataSource.builder(h2).name("failing").meterRegistry(meters).build();
        assertThatThrownBy(() -> failing.getConnection("nobody", "wrong")).isInstanceOf(SQLException.class);
        assertThat(meters.get("monitor.jdbc.connection.acquire").tags("datasource", "failing", "outcome", "error")
                .timer().count()).isEqualTo(1);
    }

    @Test
    void theConnectionBuilderHandsOutMonitoredConnections() throws SQLException {
        // H2's data source has no connection builder: the driver's answer comes through unchanged
        assertThatThrownBy(() -> dataSource.createConnectionBuilder())
                .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
    }

    // ---- configuration

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        MonitoredDataSource.Builder builder = MonitoredDataSource.builder(h2);
        assertThatThrownBy(() -> builder.slowThreshold(Duration.ZERO)).hasMessage(
                "slowThreshold must be greater than 0, was PT0S");
        assertThatThrownBy(() -> builder.slowThreshold(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("slowThreshold must not be null");
        assertThatThrownBy(() -> builder.repeatedQueryThreshold(1)).hasMessage(
                "repeatedQueryThreshold must be at least 2, was 1");
        assertThatThrownBy(() -> builder.slowAcquisitionThreshold(Duration.ofMillis(-1))).hasMessage(
                "slowAcquisitionThreshold must be greater than 0, was PT-0.001S");
        assertThatThrownBy(() -> builder.maxSqlLength(3)).hasMessage("maxSqlLength must be at least 16, was 3");
        assertThatThrownBy(() -> builder.sanitizerCacheSize(0)).hasMessage(
                "sanitizerCacheSize must be greater than 0, was 0");
        assertThatThrownBy(() -> builder.name("orders db")).hasMessageStartingWith("data source name must be 1-64 characters")
                .hasMessageEndingWith("was 'orders db' (9 characters)");
        assertThatThrownBy(() -> builder.name("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.listener(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("listener");
        assertThatThrownBy(() -> builder.scrubber(null)).hasMessage("scrubber");
        assertThatThrownBy(() -> builder.meterRegistry(null)).hasMessage("meterRegistry");
        assertThatThrownBy(() -> MonitoredDataSource.builder(dataSource))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already a MonitoredDataSource");
        assertThatThrownBy(() -> MonitoredDataSource.wrap(null)).hasMessage("dataSource");
        assertThat(MonitoredDataSource.wrap(dataSource)).isSameAs(dataSource);
        MonitoredDataSource defaults = MonitoredDataSource.wrap(h2);
        assertThat(defaults.name()).isEqualTo("default");
        assertThat(defaults.slowThreshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.poolUsage()).isNull();
    }

    @Test
    void withoutAMeterRegistryEverythingButMetersStillWorks() throws SQLException {
        RecordingListener plain = new RecordingListener();
        MonitoredDataSource noMeters = MonitoredDataSource.builder(h2).ticker(StatementTicker.INSTANCE)
                .slowThreshold(Duration.ofMillis(1)).listener(plain).build();
        try (Connection c = noMeters.getConnection(); Statement statement = c.createStatement()) {
            statement.executeQuery("SELECT SLEEP(5)").close();
        }
        assertThat(plain.slow).hasSize(1);
    }

    // ---- helpers

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** No log line, meter name or tag, or listener payload holds any of the values. */
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
