package dev.monitor.rule;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertHandle;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.request.SecurityEvent;
import dev.monitor.request.SecurityEventListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Turns the request monitor's security events into alerts: a client that crosses the failed-authentication
 * threshold fires {@value #DEFAULT_NAME} (label {@code client}, the keyed hash of its address, never the
 * address), repeats while it keeps failing, and resolves once it has been quiet for the quiet period.
 *
 * <pre>{@code
 * requestMonitor.addSecurityEventListener(SecurityEventAlerts.builder(alerts).build());
 * }</pre>
 *
 * <p>{@link #onSecurityEvent} only records and hands the alert to the dispatcher (which never blocks);
 * quiet clients are resolved by a sweep on the scheduler every quarter of the quiet period, so an alert
 * resolves between one and one and a quarter quiet periods after the client's last event. At most {@code maxClients} clients are tracked;
 * beyond that the longest-quiet one is resolved early, so memory stays bounded during a distributed attack.
 */
public final class SecurityEventAlerts implements SecurityEventListener, AutoCloseable {

    /** The alert's name. */
    public static final String DEFAULT_NAME = "RepeatedAuthenticationFailures";
    /** Default time without events after which a client's alert resolves. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(10);
    /** Default number of clients tracked at once. */
    public static final int DEFAULT_MAX_CLIENTS = 1_000;

    private final AlertDispatcher dispatcher;
    private final Clock clock;
    private final Duration quietPeriod;
    private final AlertSeverity severity;
    private final int maxClients;
    private final @Nullable ScheduledExecutorService ownScheduler;
    private final ScheduledFuture<?> sweep;
    /** Client hash → its firing alert and last event; access order, guarded by itself. */
    private final LinkedHashMap<String, Tracked> clients = new LinkedHashMap<>(64, 0.75f, true);

    private record Tracked(AlertHandle handle, Instant lastEvent) {
    }

    private SecurityEventAlerts(Builder builder) {
        this.dispatcher = builder.dispatcher;
        this.clock = builder.clock;
        this.quietPeriod = builder.quietPeriod;
        this.severity = builder.severity;
        this.maxClients = builder.maxClients;
        ScheduledExecutorService scheduler = builder.scheduler;
        if (scheduler == null) {
            ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "monitor-security-alerts");
                thread.setDaemon(true);
                return thread;
            });
            own.setRemoveOnCancelPolicy(true);
            this.ownScheduler = own;
            scheduler = own;
        } else {
            this.ownScheduler = null;
        }
        long every = Math.max(1, quietPeriod.toMillis() / 4);
        this.sweep = scheduler.scheduleWithFixedDelay(this::resolveQuietClients, every, every, TimeUnit.MILLISECONDS);
    }

    /** A builder firing through {@code dispatcher}. */
    public static Builder builder(AlertDispatcher dispatcher) {
        return new Builder(dispatcher);
    }

    @Override
    public void onSecurityEvent(SecurityEvent event) {
        Objects.requireNonNull(event, "event");
        Alert alert = Alert.builder(DEFAULT_NAME)
                .severity(severity)
                .label("client", event.clientHash())
                .summary(event.failures() + " failed authentications within " + event.window().toSeconds()
                        + " s from client " + event.clientHash() + " (last on " + event.route() + ")")
                .annotation("request_id", event.requestId())
                .source("request-monitor")
                .build();
        AlertHandle handle = dispatcher.fire(alert);
        Instant now = clock.instant();
        Tracked evicted = null;
        synchronized (clients) {
            clients.put(event.clientHash(), new Tracked(handle, now));
            if (clients.size() > maxClients) {
                Iterator<Tracked> eldest = clients.values().iterator();
                evicted = eldest.next();
                eldest.remove();
            }
        }
        if (evicted != null) {
            evicted.handle().resolve();
        }
    }

    /** The number of clients whose alert is firing. */
    public int trackedClients() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** Resolves the alerts of clients without events for the quiet period. Runs on the scheduler. */
    void resolveQuietClients() {
        Instant cutoff = clock.instant().minus(quietPeriod);
        java.util.List<AlertHandle> quiet = new java.util.ArrayList<>();
        synchronized (clients) {
            for (Iterator<Map.Entry<String, Tracked>> it = clients.entrySet().iterator(); it.hasNext(); ) {
                Tracked tracked = it.next().getValue();
                if (!tracked.lastEvent().isAfter(cutoff)) {
                    quiet.add(tracked.handle());
                    it.remove();
                }
            }
        }
        quiet.forEach(AlertHandle::resolve);
    }

    /** Stops the sweep; alerts still firing stay active in the dispatcher. */
    @Override
    public void close() {
        sweep.cancel(false);
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
    }

    /** Builds {@link SecurityEventAlerts}. */
    public static final class Builder {
        private final AlertDispatcher dispatcher;
        private Clock clock = Clock.systemUTC();
        private Duration quietPeriod = DEFAULT_QUIET_PERIOD;
        private AlertSeverity severity = AlertSeverity.HIGH;
        private int maxClients = DEFAULT_MAX_CLIENTS;
        private @Nullable ScheduledExecutorService scheduler;

        private Builder(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        }

        /** How long a client must be quiet before its alert resolves (default 10 min); a period: above 0, at most 366 days. */
        public Builder quietPeriod(Duration quietPeriod) {
            this.quietPeriod = DurationLimits.requirePeriod("quietPeriod", quietPeriod);
            return this;
        }

        /** The alert's severity (default HIGH). */
        public Builder severity(AlertSeverity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** How many clients are tracked at once (default 1,000); at least 1. */
        public Builder maxClients(int maxClients) {
            if (maxClients < 1) {
                throw new IllegalArgumentException("maxClients must be at least 1, was " + maxClients);
            }
            this.maxClients = maxClients;
            return this;
        }

        /** The clock the quiet period is measured with (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The scheduler of the sweep (default: a daemon thread of its own, stopped by {@link #close()}). */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /** Builds the listener and starts its sweep. */
        public SecurityEventAlerts build() {
            return new SecurityEventAlerts(this);
        }
    }
}
