package dev.monitor.fleet.internal;

import dev.monitor.fleet.FleetRunner;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.jdbc.JdbcLockProvider;

/**
 * The fleet gate over ShedLock's plain-JDBC {@link JdbcLockProvider}: one row per task in the store's lock table;
 * the replica whose update of it wins runs the task. Not API.
 */
public final class ShedLockRunner implements FleetRunner {

    /** The lock table, created with the schema. */
    public static final String TABLE = "monitor_shedlock";

    private final LockProvider locks;
    private final Duration lease;
    private final JdbcSchema schema;
    private final StoreOutage outage;
    private final FleetCounters counters;

    public ShedLockRunner(DataSource dataSource, Duration lease, JdbcSchema schema, StoreOutage outage,
            FleetCounters counters) {
        this.locks = new JdbcLockProvider(dataSource, TABLE);
        this.lease = lease;
        this.schema = schema;
        this.outage = outage;
        this.counters = counters;
    }

    @Override
    public Duration lease() {
        return lease;
    }

    @Override
    public boolean runOnce(String name, Duration lockAtLeastFor, Duration lockAtMostFor, Runnable task) {
        LeaseArguments.check(name, lockAtLeastFor, lockAtMostFor);
        Objects.requireNonNull(task, "task");
        Optional<SimpleLock> lock;
        try {
            if (schema.ready() == null) {
                counters.localRuns.incrementAndGet();
                task.run(); // the store does not answer: local behaviour
                return true;
            }
            // ShedLock's own clock: it compares lock_until with the same clock when another replica asks
            lock = locks.lock(new LockConfiguration(ClockProvider.now(), name, lockAtMostFor, lockAtLeastFor));
            outage.succeeded();
        } catch (RuntimeException e) {
            outage.failed("lock " + name, e);
            counters.localRuns.incrementAndGet();
            task.run();
            return true;
        }
        if (lock.isEmpty()) {
            counters.skipped.incrementAndGet();
            return false;
        }
        counters.ran.incrementAndGet();
        try {
            task.run();
        } finally {
            try {
                lock.get().unlock(); // kept until lockAtLeastFor from the start
            } catch (RuntimeException e) {
                outage.failed("unlock " + name, e); // the lease ends by itself at lockAtMostFor
            }
        }
        return true;
    }
}
