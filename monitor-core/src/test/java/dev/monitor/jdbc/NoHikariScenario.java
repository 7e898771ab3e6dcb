package dev.monitor.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<String> slow = new CopyOnWriteArrayList<>();
        MonitoredDataSource dataSource = MonitoredDataSource.builder(h2)
                .slowThreshold(Duration.ofMillis(50))
                .listener(new QueryListener() {
                    @Override
                    public void onSlowQuery(SlowQuery query) {
                        slow.add(query.sql());
                    }
                })
                .build();
        int value;
        try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE ALIAS IF NOT EXISTS SLEEP FOR 'java.lang.Thread.sleep(long)'"); // setup, not monitored
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT SLEEP(100)").close();
            try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                rs.next();
                value = rs.getInt(1);
            }
        }
        // only the sleeping statement is asserted: on a loaded machine any statement may exceed 50 ms
        return "value=" + value + " sleepReportedSlow=" + slow.contains("SELECT SLEEP(?)") + " pool=" + dataSource.poolUsage() + " dialect="
                + dataSource.dialect();
    }
}
