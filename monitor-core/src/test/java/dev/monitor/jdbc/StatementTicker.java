package dev.monitor.jdbc;

import dev.monitor.health.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The time base of the data sources in these tests ({@link MonitoredDataSource.Builder#ticker(Ticker)}): it
 * stands still until a test, or an H2 statement calling {@code SLEEP(ms)} as declared by {@link #H2_SLEEP_ALIAS},
 * moves it. A statement is then slow exactly when its SQL sleeps past the threshold, and a fast statement
 * is never slow because the machine was busy. Test classes run one at a time, so one ticker serves them all;
 * only differences between readings count.
 */
public final class StatementTicker implements Ticker {

    /** The one ticker. */
    public static final StatementTicker INSTANCE = new StatementTicker();

    /** Declares {@code SLEEP(ms)} in an H2 database: it advances this ticker by {@code ms} and returns at once. */
    public static final String H2_SLEEP_ALIAS = "CREATE ALIAS IF NOT EXISTS SLEEP FOR '"
            + StatementTicker.class.getName() + ".sleep(long)'";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private StatementTicker() {
    }

    @Override
    public long read() {
        return nanos.get();
    }

    /** Moves the ticker forward. */
    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    /** H2's {@code SLEEP(ms)}: time passes for the data source, not for the machine. */
    public static void sleep(long millis) {
        INSTANCE.advance(Duration.ofMillis(millis));
    }
}
