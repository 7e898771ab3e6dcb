package dev.monitor.health.check.internal;

import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Reads connection-pool usage from a {@link DataSource} when the pool library is on the class
 * path. HikariCP is an optional dependency: its types are only touched from
 * {@link HikariPoolUsage}, which is loaded only after the class was found here. Not API.
 */
public final class PoolUsageReader {

    private static final boolean HIKARI_PRESENT = isPresent("com.zaxxer.hikari.HikariDataSource");

    private PoolUsageReader() {
    }

    /** Whether HikariCP could be loaded by this library's class loader. */
    public static boolean hikariPresent() {
        return HIKARI_PRESENT;
    }

    /**
     * The pool's usage, or {@code null} when the data source is not (and does not wrap) a
     * running HikariCP pool, or HikariCP is not on the class path. Never throws.
     */
    public static @Nullable PoolUsage read(DataSource dataSource) {
        if (!HIKARI_PRESENT) {
            return null;
        }
        try {
            return HikariPoolUsage.read(dataSource);
        } catch (RuntimeException | LinkageError e) {
            return null; // pool details are a bonus; never let them break the check
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, PoolUsageReader.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
