package dev.monitor.benchmarks.jdbc;

import com.p6spy.engine.spy.P6DataSource;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.listener.NoOpQueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What each wrapper adds to one H2 in-memory {@code SELECT 1}: prepare, execute, read, close.
 * All four run in the same JVMs, against the same database, with comparable configurations:
 *
 * <ul>
 *   <li>{@code raw}: H2's own connection;
 *   <li>{@code monitored}: {@link MonitoredDataSource} with a Micrometer registry (meters on,
 *       1 s slow threshold, no scope open);
 *   <li>{@code monitoredInScope}: the same with a {@link QueryScope} open, so every statement is
 *       also counted for N+1 detection through the sanitizer cache;
 *   <li>{@code p6spy}: p6spy with {@code modulelist} empty, so it logs nothing;
 *   <li>{@code datasourceProxy}: datasource-proxy with a no-op listener.
 * </ul>
 *
 * Run with {@code -f 3 -prof gc}: the budget is at most 80 ns and 100 B per statement over
 * {@code raw}, and less than both baselines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
@State(Scope.Thread)
public class JdbcStatementBenchmark {

    private static final String SQL = "SELECT 1";

    private Connection raw;
    private Connection monitored;
    private Connection monitoredInScope;
    private Connection p6spy;
    private Connection datasourceProxy;

    /** A query scope open on the benchmark thread, only for {@link #monitoredInScope}. */
    @State(Scope.Thread)
    public static class OpenScope {
        private QueryScope scope;

        @Setup(Level.Trial)
        public void open() {
            scope = QueryScope.open("benchmark");
        }

        @TearDown(Level.Trial)
        public void close() {
            scope.close();
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        // p6spy reads its options once: no modules means no spy.log and no formatting, like the others
        System.setProperty("p6spy.config.modulelist", "");
        System.setProperty("p6spy.config.jmx", "false");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        raw = h2.getConnection();
        DataSource monitoredDataSource = MonitoredDataSource.builder(h2)
                .name("bench")
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        monitored = monitoredDataSource.getConnection();
        monitoredInScope = monitoredDataSource.getConnection();
        p6spy = new P6DataSource(h2).getConnection();
        datasourceProxy = ProxyDataSourceBuilder.create(h2).listener(new NoOpQueryExecutionListener()).build()
                .getConnection();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        for (Connection c : new Connection[] {raw, monitored, monitoredInScope, p6spy, datasourceProxy}) {
            c.close();
        }
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SQL); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Benchmark
    public int raw() throws SQLException {
        return selectOne(raw);
    }

    @Benchmark
    public int monitored() throws SQLException {
        return selectOne(monitored);
    }

    @Benchmark
    public int monitoredInScope(OpenScope scope) throws SQLException {
        return selectOne(monitoredInScope);
    }

    @Benchmark
    public int p6spy() throws SQLException {
        return selectOne(p6spy);
    }

    @Benchmark
    public int datasourceProxy() throws SQLException {
        return selectOne(datasourceProxy);
    }
}
