package dev.monitor.jdbc.internal;

import dev.monitor.jdbc.JdbcMeters;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Count and total time of the statements of one data source, operation and outcome: two
 * striped adders, exposed to Micrometer as one {@link FunctionTimer} that is registered on first
 * use (so unused operations add no series). Recording costs two uncontended adds: no meter
 * lookup, no allocation, no clock read beyond the caller's.
 */
final class QueryStats {

    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final MeterRegistry registry;
    private final Tags tags;
    // plain field: a racy second registration finds the meter already there and is harmless
    private boolean registered;

    QueryStats(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
    }

    void record(long nanos) {
        count.increment();
        totalNanos.add(nanos);
        if (!registered) {
            register();
        }
    }

    private void register() {
        registered = true;
        FunctionTimer.builder(JdbcMeters.QUERY, this, s -> s.count.sum(), s -> s.totalNanos.sum(),
                        TimeUnit.NANOSECONDS)
                .tags(tags)
                .description(JdbcMeters.QUERY_DESCRIPTION)
                .register(registry);
    }
}
