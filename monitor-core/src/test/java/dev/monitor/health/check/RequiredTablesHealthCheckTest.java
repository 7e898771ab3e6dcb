package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class RequiredTablesHealthCheckTest {

    private static final JdbcDataSource h2 = new JdbcDataSource();
    private static Connection keepAlive;

    @BeforeAll
    static void createSchema() throws SQLException {
        h2.setURL("jdbc:h2:mem:required-tables;DB_CLOSE_DELAY=-1");
        keepAlive = h2.getConnection();
        execute(h2,
                "CREATE TABLE orders (id INT PRIMARY KEY)",
                "INSERT INTO orders VALUES (1), (2), (3)",
                "CREATE TABLE customers (id INT PRIMARY KEY)",
                "CREATE SCHEMA billing",
                "CREATE TABLE billing.invoices (id INT PRIMARY KEY)",
                "INSERT INTO billing.invoices VALUES (1)",
                "CREATE TABLE \"MixedCase\" (id INT PRIMARY KEY)",
                "INSERT INTO \"MixedCase\" VALUES (1), (2)",
                "CREATE TABLE abxc (id INT PRIMARY KEY)");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        keepAlive.close();
    }

    @Test
    void onH2PassesWhenEveryRequiredTableExistsWithEnoughRows() {
        HealthResult result = RequiredTablesHealthCheck.builder(h2)
                .require("orders", 3)          // H2 folded the unquoted name to ORDERS
                .require("customers")
                .require("billing.invoices", 1)
                .require("MixedCase", 2)       // created quoted: found and counted as spelled
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.details())
                .containsEntry("required_tables", 4)
                .containsEntry("missing_tables", 0)
                .containsEntry("tables_below_min_rows", 0);
    }

    @Test
    void onH2FailsNamingMissingTablesAndTablesWithTooFewRows() {
        HealthResult result = RequiredTablesHealthCheck.builder(h2)
                .require("orders", 10)
                .require("shipments")
                .require("billing.payments")
                .require("customers", 1)
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo(
                "missing tables: billing.payments, shipments; too few rows: customers (0 < 1), orders (3 < 10)");
        assertThat(result.details())
                .containsEntry("required_tables", 4)
                .containsEntry("missing_tables", 2)
                .containsEntry("tables_below_min_rows", 2);
    }

    @Test
    void onH2TreatsUnderscoreAndPercentInNamesLiterallyNotAsWildcards() {
        // Only ABXC exists; an unescaped metadata pattern "AB_C" would match it.
        HealthResult result = RequiredTablesHealthCheck.builder(h2).require("ab_c").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("missing tables: ab_c");
    }

    @Test
    void onH2DoesNotFindATableOfTheSameNameInAnotherSchema() {
        HealthResult result = RequiredTablesHealthCheck.builder(h2).require("invoices").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("missing tables: invoices");
    }

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
        execute(postgres.getPostgresDatabase(),
                "CREATE TABLE orders (id INT PRIMARY KEY)",
                "INSERT INTO orders VALUES (1), (2)",
                "CREATE SCHEMA audit",
                "CREATE TABLE audit.events (id INT PRIMARY KEY)",
                "CREATE TABLE \"Quoted\" (id INT PRIMARY KEY)",
                "INSERT INTO \"Quoted\" VALUES (1)");
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void onPostgresPassesWhenEveryRequiredTableExistsWithEnoughRows() {
        HealthResult result = RequiredTablesHealthCheck.builder(postgres.getPostgresDatabase())
                .require("ORDERS", 2)          // PostgreSQL folded the unquoted name to orders
                .require("public.orders")
                .require("audit.events")
                .require("Quoted", 1)
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.details()).containsEntry("required_tables", 4).containsEntry("missing_tables", 0);
    }

    @Test
    void onPostgresFailsNamingMissingTablesAndTablesWithTooFewRows() {
        HealthResult result = RequiredTablesHealthCheck.builder(postgres.getPostgresDatabase())
                .require("orders", 5)
                .require("audit.events", 1)
                .require("flyway_schema_history")
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo(
                "missing tables: flyway_schema_history; too few rows: audit.events (0 < 1), orders (2 < 5)");
    }

    @Test
    void failsWithAShortReasonWhenTheDatabaseCannotBeReached() throws Exception {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {HttpEndpointHealthCheckTest.closedPort()});
        unreachable.setConnectTimeout(2);

        HealthResult result = RequiredTablesHealthCheck.builder(unreachable).require("orders").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("PSQLException: ").doesNotContain("\n");
    }

    @Test
    void builderRejectsNamesThatAreNotPlainIdentifiers() {
        DataSource dataSource = new JdbcDataSource();
        for (String bad : new String[] {"orders; DROP TABLE orders", "a.b.c", "1orders", "", "orders\"", ".orders",
            "orders.", "or ders", "x".repeat(129)}) {
            assertThatThrownBy(() -> RequiredTablesHealthCheck.builder(dataSource).require(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("table must be 'table' or 'schema.table', each a plain identifier");
        }
        assertThatThrownBy(() -> RequiredTablesHealthCheck.builder(dataSource).require("orders", -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minRows of table 'orders' must be at least 0, was -1");
        assertThatThrownBy(() -> RequiredTablesHealthCheck.builder(dataSource).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no tables required; call require(\"table\") at least once");
        RequiredTablesHealthCheck.Builder many = RequiredTablesHealthCheck.builder(dataSource);
        for (int i = 0; i < RequiredTablesHealthCheck.MAX_TABLES; i++) {
            many.require("t" + i);
        }
        assertThatThrownBy(() -> many.require("one_too_many"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("at most 50 tables");
        RequiredTablesHealthCheck.builder(dataSource).require("_private$1").require("s.t").build();
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
