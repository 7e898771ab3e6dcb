package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a slow connection acquisition is: the first one of a data source starts its pool (Spring Boot's HikariCP starts
 * on its first {@code getConnection}, and the demo's H2 creates its database then), so it is timed but not judged
 * slow; every later one is.
 */
class SlowAcquisitionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LogCapture logs = new LogCapture();

    @AfterEach
    void tearDown() {
        logs.close();
    }

    /** An H2 data source whose every connection takes {@code millis} of the test ticker's time. */
    private static DataSource slowToConnect(String name, long millis) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                StatementTicker.sleep(millis);
                return h2.getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                StatementTicker.sleep(millis);
                return h2.getConnection(username, password);
            }

            @Override
            public PrintWriter getLogWriter() {
                return h2.getLogWriter();
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                h2.setLogWriter(out);
            }

            @Override
            public void setLoginTimeout(int seconds) {
                h2.setLoginTimeout(seconds);
            }

            @Override
            public int getLoginTimeout() {
                return h2.getLoginTimeout();
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                return h2.unwrap(type);
            }

            @Override
            public boolean isWrapperFor(Class<?> type) throws SQLException {
                return h2.isWrapperFor(type);
            }
        };
    }

    @Test
    void theFirstAcquisitionStartsThePoolSoItIsTimedButNotWarnedAboutWhileLaterSlowOnesAre() throws SQLException {
        MonitoredDataSource dataSource = MonitoredDataSource.builder(slowToConnect("warmup", 600)).name("warmup")
                .ticker(StatementTicker.INSTANCE).meterRegistry(meters)
                .slowAcquisitionThreshold(Duration.ofMillis(100)).build();

        try (Connection first = dataSource.getConnection()) {
            assertThat(first.isValid(1)).isTrue();
        }
        assertThat(logs.linesContaining("Slow connection acquisition")).as("the pool's start is not slow").isEmpty();
        assertThat(logs.linesContaining("First connection acquisition of datasource=warmup: 600 ms")).singleElement()
                .asString().startsWith("DEBUG ");
        Timer acquire = meters.get("monitor.jdbc.connection.acquire").tags("datasource", "warmup", "outcome", "success")
                .timer();
        assertThat(acquire.count()).isEqualTo(1);
        assertThat(acquire.max(TimeUnit.MILLISECONDS)).as("still timed").isEqualTo(600);

        try (Connection second = dataSource.getConnection()) {
            assertThat(second.isValid(1)).isTrue();
        }
        assertThat(logs.linesContaining("Slow connection acquisition")).singleElement().asString()
                .startsWith("WARN Slow connection acquisition: 600 ms (threshold 100 ms), datasource=warmup")
                .contains("duration_ms=\"600\"");
        assertThat(acquire.count()).isEqualTo(2);
    }
}
