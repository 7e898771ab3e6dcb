package dev.monitor.spring.jdbc;

import dev.monitor.health.Ticker;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time base the tests give a monitored data source ({@code MonitoredDataSource.Builder#ticker}): it stands
 * still until H2 runs {@code SLEEP_MS(ms)}, declared by {@link #H2_SLEEP_ALIAS}, which moves it instead of
 * sleeping. A statement is then slow exactly when its SQL says so, never because the machine was busy.
 */
public final class StatementTicker implements Ticker {

    /** The one ticker; only differences between readings count. */
    public static final StatementTicker INSTANCE = new StatementTicker();

    /** Declares {@code SLEEP_MS(ms)} in an H2 database: it advances this ticker by {@code ms} and returns at once. */
    public static final String H2_SLEEP_ALIAS = "CREATE ALIAS IF NOT EXISTS SLEEP_MS FOR '"
            + StatementTicker.class.getName() + ".sleepMs(long)'";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private StatementTicker() {
    }

    @Override
    public long read() {
        return nanos.get();
    }

    /** H2's {@code SLEEP_MS(ms)}: time passes for the data source, not for the machine. */
    public static void sleepMs(long millis) {
        INSTANCE.nanos.addAndGet(millis * 1_000_000L);
    }
}
