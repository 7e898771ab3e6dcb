package dev.monitor.fleet.internal;

import dev.monitor.config.internal.Failures;
import dev.monitor.pii.Scrubber;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the log once that the store stopped answering (and once that it answers again), and counts every failure:
 * a database that is down must not flood the log. At most one warning a minute even if it flaps. Not API.
 */
public final class StoreOutage {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.fleet.JdbcMonitorStore");
    private static final int MAX_REASON_LENGTH = 300;
    private static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Scrubber scrubber;
    private final FleetCounters counters;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong lastWarning = new AtomicLong(Long.MIN_VALUE);

    public StoreOutage(Scrubber scrubber, FleetCounters counters) {
        this.scrubber = scrubber;
        this.counters = counters;
    }

    /** Records a failed store operation; the first of an outage is logged. */
    public void failed(String operation, Throwable error) {
        counters.errors.incrementAndGet();
        if (down.compareAndSet(false, true)) {
            long now = System.nanoTime();
            long last = lastWarning.get();
            if ((last == Long.MIN_VALUE || now - last > QUIET_NANOS) && lastWarning.compareAndSet(last, now)) {
                // the text is scrubbed first and cut after: a driver's message may quote values
                log.warn("The monitor's fleet store failed ({}); this replica runs its scheduled checks and sends its "
                        + "notifications by itself until the store answers again: {}", operation,
                        scrubber.scrub(Failures.describe(error), MAX_REASON_LENGTH));
            }
        }
    }

    /** Records a store operation that worked; the first after an outage is logged. */
    public void succeeded() {
        if (down.get() && down.compareAndSet(true, false)) {
            log.info("The monitor's fleet store answers again; scheduled checks and notifications are shared again");
        }
    }

    /** Whether the last operation failed. */
    public boolean isDown() {
        return down.get();
    }
}
