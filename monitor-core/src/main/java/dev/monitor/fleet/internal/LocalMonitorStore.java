package dev.monitor.fleet.internal;

import dev.monitor.fleet.FleetRunner;
import dev.monitor.fleet.MonitorStore;
import dev.monitor.fleet.NotificationClaims;
import dev.monitor.fleet.SharedState;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/** The store of a single instance: shares nothing, runs every task, wins every claim. Not API. */
public final class LocalMonitorStore implements MonitorStore, FleetRunner, NotificationClaims {

    /** The one instance: it holds nothing. */
    public static final LocalMonitorStore INSTANCE = new LocalMonitorStore();

    private LocalMonitorStore() {
    }

    @Override
    public Set<SharedState> shared() {
        return Set.of();
    }

    @Override
    public FleetRunner runner() {
        return this;
    }

    @Override
    public NotificationClaims notificationClaims() {
        return this;
    }

    @Override
    public Duration lease() {
        return Duration.ZERO;
    }

    @Override
    public boolean runOnce(String name, Duration lockAtLeastFor, Duration lockAtMostFor, Runnable task) {
        LeaseArguments.check(name, lockAtLeastFor, lockAtMostFor);
        Objects.requireNonNull(task, "task").run();
        return true;
    }

    @Override
    public boolean claim(String key, String channel) {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "MonitorStore.local()";
    }
}
