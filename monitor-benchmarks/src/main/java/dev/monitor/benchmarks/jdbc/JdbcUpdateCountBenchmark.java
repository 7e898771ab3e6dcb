package dev.monitor.benchmarks.jdbc;

import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.SqlDialect;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whether the one timing helper allocates on an update: {@code executeUpdate()} of a prepared
 * statement whose "driver" is a do-nothing {@link Proxy} that reports 500 rows, so the update
 * count is outside the {@code Integer} cache and a box that escaped would show in
 * {@code gc.alloc.rate.norm}. Without a database behind it, the time difference is the wrapper's
 * own cost on this path. Run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JdbcUpdateCountBenchmark {

    private static final Integer ROWS = 500;

    private PreparedStatement rawUpdate;
    private PreparedStatement monitoredUpdate;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        DataSource driver = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> connection());
        rawUpdate = connection().prepareStatement("UPDATE t SET v = v + 1");
        monitoredUpdate = MonitoredDataSource.builder(driver).name("bench").dialect(SqlDialect.GENERIC)
                .meterRegistry(new SimpleMeterRegistry()).build().getConnection()
                .prepareStatement("UPDATE t SET v = v + 1");
    }

    /** A connection whose statements report {@link #ROWS} for every update and do nothing else. */
    private static Connection connection() {
        InvocationHandler statement = (proxy, method, args) -> method.getReturnType() == int.class ? ROWS : null;
        PreparedStatement prepared = (PreparedStatement) Proxy.newProxyInstance(
                JdbcUpdateCountBenchmark.class.getClassLoader(), new Class<?>[] {PreparedStatement.class}, statement);
        return (Connection) Proxy.newProxyInstance(JdbcUpdateCountBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> prepared);
    }

    @Benchmark
    public int raw() throws SQLException {
        return rawUpdate.executeUpdate();
    }

    @Benchmark
    public int monitored() throws SQLException {
        return monitoredUpdate.executeUpdate();
    }
}
