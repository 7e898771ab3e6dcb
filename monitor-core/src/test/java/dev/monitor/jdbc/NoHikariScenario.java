package dev.monitor.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs in a class loader without HikariCP (see {@link WithoutHikariTest}): wraps an H2 data
 * source, runs a slow and a fast statement and answers what it saw.
 */
public final class NoHikariScenario implements Callable<String> {

    @Override
    public String call() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:nohikari;DB_CLOSE_DELAY=-1");
        AtomicInteger slow = new AtomicInteger();
        MonitoredDataSource dataSource = MonitoredDataSource.builder(h2)
                .slowThreshold(Duration.ofMillis(50))
                .listener(new QueryListener() {
                    @Override
                    public void onSlowQuery(SlowQuery query) {
                        slow.incrementAndGet();
                    }
                })
                .build();
        int value;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep(long)'");
            s.executeQuery("SELECT SLEEP(100)").close();
            try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                rs.next();
                value = rs.getInt(1);
            }
        }
        return "value=" + value + " slow=" + slow.get() + " pool=" + dataSource.poolUsage() + " dialect="
                + dataSource.dialect();
    }
}
