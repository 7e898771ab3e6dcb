package dev.monitor.fleet.internal;

import dev.monitor.fleet.FleetMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/** What the JDBC store counts; bound to a registry as the {@link FleetMeters}. Not API. */
public final class FleetCounters {

    /** Tasks this replica ran holding the lease. */
    public final AtomicLong ran = new AtomicLong();
    /** Tasks skipped: another replica held the lease. */
    public final AtomicLong skipped = new AtomicLong();
    /** Tasks run here because the store did not answer. */
    public final AtomicLong localRuns = new AtomicLong();
    /** Claims won. */
    public final AtomicLong won = new AtomicLong();
    /** Claims lost: the notification was not sent here. */
    public final AtomicLong lost = new AtomicLong();
    /** Notifications sent here because the store did not answer. */
    public final AtomicLong localClaims = new AtomicLong();
    /** Store operations that failed. */
    public final AtomicLong errors = new AtomicLong();

    /** Registers the meters. */
    public void bindTo(MeterRegistry registry) {
        counter(registry, FleetMeters.TASKS, FleetMeters.TASKS_DESCRIPTION, "ran", ran);
        counter(registry, FleetMeters.TASKS, FleetMeters.TASKS_DESCRIPTION, "skipped", skipped);
        counter(registry, FleetMeters.TASKS, FleetMeters.TASKS_DESCRIPTION, "local", localRuns);
        counter(registry, FleetMeters.CLAIMS, FleetMeters.CLAIMS_DESCRIPTION, "won", won);
        counter(registry, FleetMeters.CLAIMS, FleetMeters.CLAIMS_DESCRIPTION, "lost", lost);
        counter(registry, FleetMeters.CLAIMS, FleetMeters.CLAIMS_DESCRIPTION, "local", localClaims);
        FunctionCounter.builder(FleetMeters.STORE_ERRORS, errors, AtomicLong::get)
                .description(FleetMeters.STORE_ERRORS_DESCRIPTION).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, String outcome, AtomicLong count) {
        FunctionCounter.builder(name, count, AtomicLong::get).description(description)
                .tag(FleetMeters.TAG_OUTCOME, outcome).register(registry);
    }
}
