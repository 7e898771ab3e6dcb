package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DataSourceHealthCheckTest {

    /** Longer than any loopback database answers, however busy the machine (the default is 1 s). */
    private static final Duration GENEROUS = Duration.ofSeconds(30);

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60)).start(); // a hang guard
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Test
    void passesAgainstPostgresWithIsValidAndAValidationQuery() {
        HealthResult result = DataSourceHealthCheck.builder(postgres.getPostgresDatabase())
                .validationQuery("SELECT 1")
                .timeout(GENEROUS)
                .build()
                .check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.details()).containsEntry("database", "PostgreSQL");
    }

    @Test
    void passesAgainstH2WithTheDefaults() {
        HealthResult result = new DataSourceHealthCheck(h2("passes")).check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.details()).containsEntry("database", "H2").doesNotContainKey("pool_active");
    }

    @Test
    void failsWhenTheValidationQueryFails() {
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(h2("badquery"))
                .validationQuery("SELECT * FROM no_such_table")
                .build();
        HealthResult result = check.check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("validation query failed: ").contains("NO_SUCH_TABLE");
        // the raw text may span lines (H2 appends the statement); the registry scrubs it, then keeps one line
        try (HealthRegistry registry = HealthRegistry.builder().build()) {
            registry.register("db", check);
            assertThat(registry.report().checks().get("db").error()).startsWith("validation query failed: ")
                    .contains("NO_SUCH_TABLE").doesNotContain("\n").doesNotContain("\tat ");
        }
    }

    @Test
    void validationQueryIsCancelledAtTheTimeout() {
        DataSourceHealthCheck check = DataSourceHealthCheck.builder(postgres.getPostgresDatabase())
                .validationQuery("SELECT pg_sleep(30)")
                .timeout(Duration.ofSeconds(1))
                .build();

        // Without the query timeout this would take 30 s; the bound here is a hang guard below that.
        HealthResult result = assertTimeoutPreemptively(Duration.ofSeconds(20), check::check);

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("validation query failed: ").contains("cancel");
    }

    @Test
    void failsWithAShortReasonWhenTheDatabaseCannotBeReached() throws Exception {
        int port = closedPort();
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {port});
        unreachable.setDatabaseName("postgres");
        unreachable.setUser("postgres");
        unreachable.setConnectTimeout(2);

        HealthResult result = new DataSourceHealthCheck(unreachable).check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("PSQLException: ").contains("127.0.0.1:" + port) // driver text is localized
                .doesNotContain("\n").doesNotContain("\tat ");
        assertThat(result.details()).isEmpty();
    }

    @Test
    void reportsHikariPoolUsageWithoutCountingItsOwnConnection() throws Exception {
        try (HikariDataSource pool = hikari(3, GENEROUS);
                Connection heldByTheApplication = pool.getConnection()) {
            HealthResult result = DataSourceHealthCheck.builder(pool).validationQuery("SELECT 1").timeout(GENEROUS).build()
                    .check();

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.details())
                    .containsEntry("pool_active", 1)
                    .containsEntry("pool_waiting", 0)
                    .containsEntry("pool_max", 3)
                    .containsKeys("pool_idle", "pool_total");
            assertThat((int) result.details().get("pool_total"))
                    .isEqualTo((int) result.details().get("pool_idle") + 1);
            assertThat(heldByTheApplication.isValid(1)).isTrue();
        }
    }

    @Test
    void failsWithPoolUsageWhenTheHikariPoolIsExhausted() throws Exception {
        try (HikariDataSource pool = hikari(1, Duration.ofMillis(250));
                Connection onlyConnection = pool.getConnection()) {
            HealthResult result = new DataSourceHealthCheck(pool).check();

            assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(result.error()).contains("Connection is not available");
            assertThat(result.details())
                    .containsEntry("pool_active", 1)
                    .containsEntry("pool_idle", 0)
                    .containsEntry("pool_total", 1)
                    .containsEntry("pool_max", 1);
            assertThat(onlyConnection.isValid(1)).isTrue();
        }
    }

    @Test
    void findsTheHikariPoolBehindAWrappingDataSource() throws Exception {
        try (HikariDataSource pool = hikari(2, GENEROUS)) {
            HealthResult result = new DataSourceHealthCheck(new WrappingDataSource(pool)).check();

            assertThat(result.status()).isEqualTo(CheckStatus.PASS);
            assertThat(result.details()).containsEntry("pool_active", 0).containsEntry("pool_max", 2);
        }
    }

    @Test
    void failsWhenTheHikariPoolIsClosed() {
        HikariDataSource pool = hikari(1, Duration.ofMillis(250));
        pool.close();

        HealthResult result = new DataSourceHealthCheck(pool).check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).contains("closed");
    }

    @Test
    void loadsAndWorksWithoutHikariOnTheClassPath() throws Exception {
        URL coreClasses = DataSourceHealthCheck.class.getProtectionDomain().getCodeSource().getLocation();
        URL h2Jar = JdbcDataSource.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader withoutHikari = new URLClassLoader(new URL[] {coreClasses, h2Jar},
                ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("com.zaxxer.hikari.HikariDataSource", false, withoutHikari))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> reader = Class.forName("dev.monitor.health.check.internal.PoolUsageReader", true, withoutHikari);
            assertThat(reader.getMethod("hikariPresent").invoke(null)).isEqualTo(false);

            Class<?> dataSourceType = Class.forName("org.h2.jdbcx.JdbcDataSource", true, withoutHikari);
            Object dataSource = dataSourceType.getConstructor().newInstance();
            dataSourceType.getMethod("setURL", String.class).invoke(dataSource, "jdbc:h2:mem:withoutHikari");
            Class<?> checkType = Class.forName(DataSourceHealthCheck.class.getName(), true, withoutHikari);
            Object check = checkType.getConstructor(Class.forName("javax.sql.DataSource", false, withoutHikari))
                    .newInstance(dataSource);
            Object result = checkType.getMethod("check").invoke(check);

            assertThat(checkType.getClassLoader()).isSameAs(withoutHikari);
            assertThat(result.getClass().getMethod("status").invoke(result)).hasToString("PASS");
            assertThat(result.getClass().getMethod("details").invoke(result)).asString().doesNotContain("pool_");
        }
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        DataSource dataSource = h2("builder");
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(dataSource).validationQuery("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validationQuery must not be blank");
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(dataSource).timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be greater than 0, was PT0S");
        assertThatThrownBy(() -> DataSourceHealthCheck.builder(null))
                .isInstanceOf(NullPointerException.class).hasMessage("dataSource");
    }

    private static DataSource h2(String name) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + name);
        return dataSource;
    }

    private static HikariDataSource hikari(int maxPoolSize, Duration connectionTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeout.toMillis());
        config.setPoolName("health-check-test");
        return new HikariDataSource(config);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A data source that wraps another, as connection-pool decorators and tracing wrappers do. */
    private static final class WrappingDataSource implements DataSource {
        private final DataSource delegate;

        WrappingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return delegate.getConnection(username, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return delegate.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            delegate.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            delegate.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return delegate.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return delegate.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return type.isInstance(delegate) ? type.cast(delegate) : delegate.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return type.isInstance(delegate) || delegate.isWrapperFor(type);
        }
    }
}
