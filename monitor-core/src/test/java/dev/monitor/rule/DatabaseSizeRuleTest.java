package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.rule.internal.DatabaseSizeQuery;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database size rule against real databases: an H2 2.x file database and an in-memory one, and an embedded
 * PostgreSQL on loopback. MySQL and MariaDB are not run here (no embedded server in the build): only the query chosen
 * for them is checked.
 */
class DatabaseSizeRuleTest {

    private static final Duration EVERY_15_MINUTES = Duration.ofMinutes(15);
    private static final long MB = 1024 * 1024;

    private static EmbeddedPostgres postgres;

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final AlertCapture alerts = new AlertCapture();
    private final RuleEngine engine = RuleEngine.builder()
            .dispatcher(alerts.dispatcher())
            .clock(time.clock())
            .scheduler(time)
            .listener(alerts)
            .build();

    @TempDir
    Path temp;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @AfterEach
    void close() {
        engine.close();
        alerts.close();
    }

    private RuleStatus status() {
        return engine.statuses().get(0);
    }

    @Test
    void onPostgresFiresWhenTheDatabaseGrowsPastTheLimitAndResolvesWhenItShrinks() throws Exception {
        DataSource database = postgres.getPostgresDatabase();
        long before = (long) new DatabaseSizeQuery(database, Duration.ofSeconds(30)).bytes();
        assertThat(before).isEqualTo(queryLong(database, "SELECT pg_database_size(current_database())"));
        engine.add(StandardRules.databaseSize(database, before + 4 * MB));
        assertThat(alerts.events()).isEmpty();

        execute(database, "CREATE TABLE filler AS SELECT g AS id, repeat('x', 1000) AS payload FROM generate_series(1, 10000) g");
        time.advance(EVERY_15_MINUTES);
        assertThat(alerts.events()).containsExactly("FIRED DatabaseTooLarge");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.MEDIUM);
        assertThat(alerts.seen().get(0).alert().summary()).matches("database holds \\d+ bytes \\(threshold "
                + (before + 4 * MB) + " bytes\\)");

        execute(database, "DROP TABLE filler");
        time.advance(EVERY_15_MINUTES);
        assertThat(alerts.events()).containsExactly("FIRED DatabaseTooLarge", "RESOLVED DatabaseTooLarge");
    }

    @Test
    void onAnH2FileDatabaseReadsTheFileSizeAndFiresPastTheLimit() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:" + temp.resolve("orders").toAbsolutePath());
        execute(database, "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(1000))");
        engine.add(StandardRules.databaseSize(database, 512 * 1024));
        time.runDue(); // the first evaluation
        assertThat(status().lastValue()).as(String.valueOf(status().lastProblem())).isPositive().isLessThan(512 * 1024);

        execute(database, "INSERT INTO orders SELECT X, REPEAT('x', 900) FROM SYSTEM_RANGE(1, 3000)");
        execute(database, "CHECKPOINT");
        time.advance(EVERY_15_MINUTES);

        assertThat(alerts.events()).containsExactly("FIRED DatabaseTooLarge");
        assertThat(status().lastValue()).isGreaterThan(512 * 1024);
    }

    @Test
    void anInMemoryH2DatabaseHasNoSizeWhichIsNoDataAndNoAlert() throws Exception {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:size-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        engine.add(StandardRules.databaseSize(database, 1));
        time.advance(EVERY_15_MINUTES);

        assertThat(alerts.events()).isEmpty();
        assertThat(status().lastProblem()).startsWith("no data");
        execute(database, "SHUTDOWN");
    }

    @Test
    void theQueryIsChosenByTheProductTheDriverReports() {
        assertThat(DatabaseSizeQuery.sql("PostgreSQL")).isEqualTo("SELECT pg_database_size(current_database())");
        assertThat(DatabaseSizeQuery.sql("MySQL")).isEqualTo(DatabaseSizeQuery.MYSQL).contains("information_schema.tables",
                "data_length + index_length", "table_schema = database()");
        assertThat(DatabaseSizeQuery.sql("MariaDB")).isEqualTo(DatabaseSizeQuery.MYSQL);
        assertThat(DatabaseSizeQuery.sql("H2")).isEqualTo(DatabaseSizeQuery.H2);
        assertThat(DatabaseSizeQuery.sql("Oracle")).isNull();
    }

    @Test
    void theLimitMustBeAPositiveNumberOfBytes() {
        JdbcDataSource database = new JdbcDataSource();
        assertThatThrownBy(() -> StandardRules.databaseSize(database, 0))
                .hasMessage("maxBytes must be a size in bytes above 0 (e.g. 10737418240 for 10 GB), was 0");
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static long queryLong(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
