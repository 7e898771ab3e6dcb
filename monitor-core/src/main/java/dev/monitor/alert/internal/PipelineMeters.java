package dev.monitor.alert.internal;

import dev.monitor.alert.AlertMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Binds the pipeline's counters as the meters {@link AlertMeters} names, once; a channel's failure reasons are
 * bound as they first occur. Dispatcher thread.
 */
final class PipelineMeters implements MeterBinder {

    private final DispatcherCounters counters;
    private final ToDoubleFunction<String> dropped;
    private final Intake intake;
    private final Collection<ChannelDelivery> lanes;
    private final Set<String> failureReasons = new HashSet<>();
    private @Nullable MeterRegistry registry;

    PipelineMeters(DispatcherCounters counters, ToDoubleFunction<String> dropped, Intake intake,
            Collection<ChannelDelivery> lanes) {
        this.counters = counters;
        this.dropped = dropped;
        this.intake = intake;
        this.lanes = lanes;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        counter(registry, AlertMeters.FIRED, counters.fired);
        counter(registry, AlertMeters.DEDUPLICATED, counters.deduplicated);
        counter(registry, AlertMeters.SUPPRESSED, counters.suppressed);
        counter(registry, AlertMeters.RESOLVED, counters.resolved);
        counter(registry, AlertMeters.ACKNOWLEDGED, counters.acknowledged);
        counter(registry, AlertMeters.ESCALATIONS, counters.escalations);
        for (String reason : DispatcherCounters.DROP_REASONS) {
            FunctionCounter.builder(AlertMeters.DROPPED.meterName(), reason, dropped)
                    .baseUnit(AlertMeters.DROPPED.baseUnit()).description(AlertMeters.DROPPED.description())
                    .tag("reason", reason).register(registry);
        }
        gauge(registry, AlertMeters.QUEUE_DEPTH, intake, Intake::depth);
        gauge(registry, AlertMeters.OUTBOX_SIZE, lanes, PipelineMeters::pending);
        gauge(registry, AlertMeters.ACTIVE, counters.active, AtomicInteger::get);
        for (ChannelDelivery lane : lanes) {
            notifications(registry, lane, "delivered", "delivered", lane.delivered);
            FunctionCounter.builder(AlertMeters.FOLDED.meterName(), lane.folded, AtomicLong::get)
                    .baseUnit(AlertMeters.FOLDED.baseUnit()).description(AlertMeters.FOLDED.description())
                    .tag("channel", lane.name).register(registry);
            Gauge.builder(AlertMeters.CHANNEL_PENDING.meterName(), lane.pendingCount, AtomicInteger::get)
                    .baseUnit(AlertMeters.CHANNEL_PENDING.baseUnit()).description(AlertMeters.CHANNEL_PENDING.description())
                    .tag("channel", lane.name).register(registry);
        }
    }

    /** Binds the failed-attempt counter of {@code lane} for {@code reason}, the first time it occurs. */
    void failure(ChannelDelivery lane, String reason) {
        MeterRegistry target = registry;
        if (target == null || !failureReasons.add(lane.name + '\u0000' + reason)) {
            return;
        }
        notifications(target, lane, "failed", reason, lane.failedAttempts.computeIfAbsent(reason, r -> new AtomicLong()));
    }

    /** Notifications waiting for every channel. */
    static long pending(Collection<ChannelDelivery> lanes) {
        long total = 0;
        for (ChannelDelivery lane : lanes) {
            total += lane.pendingCount.get();
        }
        return total;
    }

    private static void notifications(MeterRegistry registry, ChannelDelivery lane, String outcome, String reason,
            AtomicLong count) {
        FunctionCounter.builder(AlertMeters.NOTIFICATIONS.meterName(), count, AtomicLong::get)
                .baseUnit(AlertMeters.NOTIFICATIONS.baseUnit()).description(AlertMeters.NOTIFICATIONS.description())
                .tag("channel", lane.name).tag("outcome", outcome).tag("reason", reason).register(registry);
    }

    private static void counter(MeterRegistry registry, AlertMeters meter, AtomicLong count) {
        FunctionCounter.builder(meter.meterName(), count, AtomicLong::get)
                .baseUnit(meter.baseUnit()).description(meter.description()).register(registry);
    }

    private static <T> void gauge(MeterRegistry registry, AlertMeters meter, T state, ToDoubleFunction<T> value) {
        Gauge.builder(meter.meterName(), state, value)
                .baseUnit(meter.baseUnit()).description(meter.description()).register(registry);
    }
}
