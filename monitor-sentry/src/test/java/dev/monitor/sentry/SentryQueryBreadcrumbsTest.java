package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.jdbc.MonitoredDataSource;
import io.sentry.Sentry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JDBC interceptor's listener against a real H2 database and the real SDK: slow statements become breadcrumbs with
 * sanitized SQL, and an error caused by a failed statement arrives tagged {@code error.category=database} with its
 * SQLState, without the values the driver put in its message.
 */
class SentryQueryBreadcrumbsTest {

    private EnvelopeReceiver receiver;
    private SentryMonitoring sentry;
    private DataSource dataSource;

    @BeforeEach
    void start() throws SQLException {
        receiver = EnvelopeReceiver.start();
        sentry = SentryMonitoring.init(Map.of("SENTRY_DSN", receiver.dsn()));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:sentry_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        // every statement counts as slow, so that each one leaves a breadcrumb
        dataSource = MonitoredDataSource.builder(h2).name("customers").slowThreshold(Duration.ofNanos(1))
                .listener(sentry.queryListener()).build();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) UNIQUE)");
        }
        Sentry.configureScope(scope -> scope.clearBreadcrumbs());
    }

    @AfterEach
    void stop() {
        sentry.close();
        receiver.close();
    }

    private void register(int id, String email) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO customers (id, email) VALUES (" + id + ", '" + email + "')")) {
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not register customer " + id, e);
        }
    }

    @Test
    void slowStatementsBecomeBreadcrumbsWithSanitizedSqlAndAFailedOneTagsTheErrorAsDatabase() {
        register(1, Pii.EMAIL);
        IllegalStateException duplicate = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> register(2, Pii.EMAIL));
        assertThat(duplicate.getCause().getMessage()).contains(Pii.EMAIL);

        sentry.captureException(duplicate);
        sentry.flush(Duration.ofSeconds(10));

        JsonNode event = receiver.items("event").get(0).json();
        Pii.assertNoneIn(receiver);
        assertThat(event.path("tags").path("error.category").asString()).isEqualTo("database");
        assertThat(event.path("tags").path("db.sql_state").asString()).isEqualTo("23505");
        assertThat(event.path("tags").path("db.operation").asString()).isEqualTo("insert");
        assertThat(event.path("tags").path("db.datasource").asString()).isEqualTo("customers");

        List<JsonNode> breadcrumbs = new java.util.ArrayList<>();
        event.path("breadcrumbs").forEach(breadcrumbs::add);
        assertThat(breadcrumbs).extracting(b -> b.path("category").asString())
                .containsExactly("db.query.slow", "db.query.slow", "db.query.error");
        assertThat(breadcrumbs).allSatisfy(b -> {
            assertThat(b.path("message").asString()).isEqualTo("INSERT INTO customers (id, email) VALUES (?, ?)");
            assertThat(b.path("type").asString()).isEqualTo("query");
        });
        assertThat(breadcrumbs.get(0).path("data").path("datasource").asString()).isEqualTo("customers");
        assertThat(breadcrumbs.get(2).path("level").asString()).isEqualTo("error");
        assertThat(breadcrumbs.get(2).path("data").path("sql_state").asString()).isEqualTo("23505");
    }

    @Test
    void theListenerOfADisabledSetupDoesNothing() {
        sentry.close();
        SentryMonitoring off = SentryMonitoring.init(Map.of());
        DataSource quiet = MonitoredDataSource.builder(dataSourceOfH2()).slowThreshold(Duration.ofNanos(1))
                .listener(off.queryListener()).build();

        assertThatThrownBy(() -> {
            try (Connection connection = quiet.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SELECT * FROM missing_table");
            }
        }).isInstanceOf(SQLException.class);
        assertThat(Sentry.isEnabled()).isFalse();
        assertThat(receiver.received()).isEmpty();
    }

    private static DataSource dataSourceOfH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:quiet_" + System.nanoTime());
        return h2;
    }
}
