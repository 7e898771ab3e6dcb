package dev.monitor.health;

/**
 * A source of monotonic nanoseconds, the time base of a {@link HealthRegistry}'s cache age
 * ({@link CheckOptions#cacheTtl()}), staleness ({@link CheckOptions#staleAfter()}), uptime and measured
 * response times. Only the difference between two readings means anything, as with
 * {@link System#nanoTime()}, which is the {@linkplain #system() default}.
 *
 * <p>Tests pass a ticker they advance by hand to step past a cache TTL or a staleness limit without
 * sleeping. Deadlines (a check's timeout, the report deadline) and background refreshes are scheduled
 * on the registry's scheduler and always follow real time.
 */
@FunctionalInterface
public interface Ticker {

    /** The current reading in nanoseconds; never decreases. */
    long read();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return SystemTicker.INSTANCE;
    }
}

/** The default ticker. */
enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
