package dev.monitor.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.monitor.jdbc.JdbcPoolUsage;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads a HikariCP pool through its MX bean. The only class that names HikariCP types: it is
 * loaded only after {@link PoolProbe.HikariPresence} found HikariCP on the class path.
 */
final class HikariPoolProbe implements PoolProbe {

    private final HikariDataSource hikari;

    private HikariPoolProbe(HikariDataSource hikari) {
        this.hikari = hikari;
    }

    static @Nullable PoolProbe of(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource hikari) {
            return new HikariPoolProbe(hikari);
        }
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                return new HikariPoolProbe(dataSource.unwrap(HikariDataSource.class));
            }
        } catch (SQLException e) {
            return null;
        }
        return null;
    }

    @Override
    public @Nullable JdbcPoolUsage usage() {
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        if (pool == null) {
            return null;
        }
        return new JdbcPoolUsage(pool.getActiveConnections(), pool.getIdleConnections(), pool.getTotalConnections(),
                hikari.getMaximumPoolSize(), pool.getThreadsAwaitingConnection());
    }

    @Override
    public @Nullable String jdbcUrl() {
        return hikari.getJdbcUrl();
    }

    @Override
    public @Nullable String poolName() {
        return hikari.getPoolName();
    }
}
