package dev.monitor.health.check.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** The only class that references HikariCP types; loaded only when HikariCP is present. */
final class HikariPoolUsage {

    private HikariPoolUsage() {
    }

    static @Nullable PoolUsage read(DataSource dataSource) {
        HikariDataSource hikari = unwrap(dataSource);
        if (hikari == null) {
            return null;
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean(); // null until the pool has started
        if (pool == null) {
            return null;
        }
        return new PoolUsage(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(),
                pool.getThreadsAwaitingConnection(), hikari.getMaximumPoolSize());
    }

    private static @Nullable HikariDataSource unwrap(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return hikari;
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return dataSource.unwrap(HikariDataSource.class);
            }
        } catch (SQLException e) {
            // a wrapper that cannot say: no pool details
        }
        return null;
    }
}
