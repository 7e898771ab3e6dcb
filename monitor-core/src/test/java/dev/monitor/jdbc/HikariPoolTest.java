package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection acquisition and pool saturation with a real HikariCP pool over H2. */
class HikariPoolTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HikariDataSource hikari;
    private MonitoredDataSource dataSource;
    private LogCapture logs;
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:hikari;DB_CLOSE_DELAY=-1");
        config.setPoolName("orders-pool");
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(5_000);
        hikari = new HikariDataSource(config);
        dataSource = MonitoredDataSource.builder(hikari)
                .ticker(StatementTicker.INSTANCE) // only the test makes an acquisition slow, never a busy machine
                .meterRegistry(meters)
                .slowAcquisitionThreshold(Duration.ofMillis(100))
                .build();
        logs = new LogCapture();
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        hikari.close();
        logs.close();
    }

    @Test
    void nameAndDialectComeFromThePoolsConfiguration() {
        assertThat(dataSource.name()).isEqualTo("orders-pool");
        assertThat(dataSource.dialect()).isEqualTo(SqlDialect.H2);
    }

    @Test
    void poolGaugesCarryTheBaseUnitsAndDescriptionsOfJdbcMeters() {
        assertThat(meters.get("monitor.jdbc.pool.active").gauge().getId().getBaseUnit()).isEqualTo("connections");
        assertThat(meters.get("monitor.jdbc.pool.idle").gauge().getId().getBaseUnit()).isEqualTo("connections");
        assertThat(meters.get("monitor.jdbc.pool.max").gauge().getId().getBaseUnit()).isEqualTo("connections");
        assertThat(meters.get("monitor.jdbc.pool.pending").gauge().getId().getBaseUnit()).isEqualTo("threads");
        assertThat(meters.get("monitor.jdbc.pool.usage").gauge().getId().getBaseUnit()).isNull();
        assertThat(meters.get(JdbcMeters.POOL_ACTIVE).gauge().getId().getDescription())
                .isEqualTo(JdbcMeters.POOL_ACTIVE_DESCRIPTION);
    }

    @Test
    void aWaitForAConnectionOfASaturatedPoolIsTimedAndWarnedAboutWithThePoolsUsage() throws Exception {
        Connection held = dataSource.getConnection();
        JdbcPoolUsage busy = dataSource.poolUsage();
        assertThat(busy).isNotNull();
        assertThat(busy.active()).isEqualTo(1);
        assertThat(busy.max()).isEqualTo(1);
        assertThat(busy.saturated()).isTrue();
        assertThat(busy.utilization()).isEqualTo(1.0);
        assertThat(meters.get("monitor.jdbc.pool.active").tag("datasource", "orders-pool").gauge().value())
                .isEqualTo(1.0);
        assertThat(meters.get("monitor.jdbc.pool.usage").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("monitor.jdbc.pool.max").gauge().value()).isEqualTo(1.0);

        CompletableFuture<Connection> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, executor);
        awaitTrue(() -> meters.get("monitor.jdbc.pool.pending").gauge().value() == 1.0);
        assertThat(dataSource.poolUsage().pending()).isEqualTo(1);
        // the waiter started its acquisition before it was pending: 300 ms pass for it while the pool is saturated
        StatementTicker.INSTANCE.advance(Duration.ofMillis(300));
        held.close();
        try (Connection second = waiter.get(60, TimeUnit.SECONDS)) {
            assertThat(second.isValid(1)).isTrue();
        }

        Timer acquire = meters.get("monitor.jdbc.connection.acquire")
                .tags("datasource", "orders-pool", "outcome", "success").timer();
        assertThat(acquire.count()).isEqualTo(2);
        assertThat(acquire.max(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(300);
        assertThat(logs.linesContaining("Slow connection acquisition")).singleElement().asString()
                .startsWith("WARN Slow connection acquisition: ")
                .contains("datasource=orders-pool", "active=1/1", "(saturated)");
        awaitTrue(() -> dataSource.poolUsage().active() == 0);
        assertThat(dataSource.poolUsage().saturated()).isFalse();
    }

    @Test
    void aTimedOutAcquisitionIsCountedAsAnError() throws Exception {
        hikari.setConnectionTimeout(250);
        try (Connection held = dataSource.getConnection()) {
            CompletableFuture<Throwable> waiter = CompletableFuture.supplyAsync(() -> {
                try {
                    dataSource.getConnection().close();
                    return null;
                } catch (SQLException e) {
                    return e;
                }
            }, executor);
            assertThat(waiter.get(60, TimeUnit.SECONDS)).isInstanceOf(SQLException.class);
        }
        assertThat(meters.get("monitor.jdbc.connection.acquire")
                .tags("datasource", "orders-pool", "outcome", "error").timer().count()).isEqualTo(1);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(5);
        }
    }
}
