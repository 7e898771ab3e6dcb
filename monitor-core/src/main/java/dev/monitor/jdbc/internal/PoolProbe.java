package dev.monitor.jdbc.internal;

import dev.monitor.jdbc.JdbcPoolUsage;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Reads a connection pool's usage. Implemented for HikariCP, which core does not require. */
public interface PoolProbe {

    /** The pool's usage now, or null while the pool has not started. */
    @Nullable JdbcPoolUsage usage();

    /** The JDBC URL the pool connects to, when configured, for dialect detection. */
    @Nullable String jdbcUrl();

    /** The pool's name, when configured. */
    @Nullable String poolName();

    /** A probe for {@code dataSource} when it is, or wraps, a HikariCP pool and HikariCP is on the class path; else null. */
    static @Nullable PoolProbe detect(DataSource dataSource) {
        if (!HikariPresence.PRESENT) {
            return null;
        }
        try {
            return HikariPoolProbe.of(dataSource);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether HikariCP can be loaded; checked once without loading any class that needs it. */
    final class HikariPresence {
        static final boolean PRESENT = present();

        private HikariPresence() {
        }

        private static boolean present() {
            try {
                Class.forName("com.zaxxer.hikari.HikariDataSource", false, PoolProbe.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }
    }
}
