package dev.monitor.benchmarks.alert;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertHandle;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStats;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.escalation.EscalationConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code AlertDispatcher.fire()} as the calling thread pays for it (percentiles with
 * {@link Mode#SampleTime}), beside the simplest asynchronous hand-off an application would write
 * instead: {@code ExecutorService.execute} of a task on a single-thread executor. Budget (issue #18): p50 at most
 * 100 ns, p99 at most 5 µs, during a storm.
 *
 * <p>The dispatcher runs with its defaults and one channel that discards notifications, so the
 * dispatcher thread does its real work (deduplication, routing, grouping) beside the caller. Both
 * the dispatcher and the executor consume on their own thread, the caller fires from one thread.
 *
 * <p>In a tight loop the caller fires far faster than any consumer that does work per alert, so the
 * bounded queue is full most of the time and most fires take the overflow path (counted as dropped);
 * the tear-down prints the mix. {@link #fireWithRoomInTheQueue} measures the enqueue path alone: before
 * each call (outside the measured time) it waits until the queue is at most half full.
 *
 * <p>{@link #fireDistinctAlertsWithEscalation} is {@link #fireDistinctAlerts} on a dispatcher with escalation
 * (the default policies): the dispatcher thread then also keeps an incident and an escalation plan per alert,
 * while the caller's path stays the same.
 *
 * <p>{@link #fireDuringAStorm} is the storm of issue #18: 100,000 distinct alerts, one group per alert, into a
 * channel that takes 1 s per request, so the channel's pending limit is reached and its notifications fold into
 * digests while the caller fires.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class AlertFireBenchmark {

    /** A channel that accepts everything at once. */
    static class DiscardingChannel implements AlertChannel {
        @Override
        public String name() {
            return "discard";
        }

        @Override
        public ChannelPayload render(AlertNotification notification) {
            return ChannelPayload.json("{}");
        }

        @Override
        public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
            return DeliveryResult.delivered();
        }
    }

    /** A started dispatcher, a repeated alert and 1,024 distinct alerts in 32 groups. */
    @State(Scope.Benchmark)
    public static class Dispatcher {
        AlertDispatcher dispatcher;
        Alert repeated;
        Alert[] distinct;

        Gauge queueDepth;

        AlertDispatcher.Builder builder() {
            return AlertDispatcher.builder().channel(new DiscardingChannel());
        }

        @Setup(Level.Trial)
        public void setUp() {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            dispatcher = builder().meterRegistry(meters).build();
            queueDepth = meters.get("monitor.alerts.queue.depth").gauge();
            repeated = Alert.builder("HighErrorRate").severity(AlertSeverity.HIGH).label("service", "orders")
                    .summary("5xx rate above 5% for 5 minutes").build();
            distinct = new Alert[1024];
            for (int i = 0; i < distinct.length; i++) {
                distinct[i] = Alert.builder("SlowQuery").severity(AlertSeverity.MEDIUM).label("service", "svc-" + (i % 32))
                        .label("query", "q-" + i).summary("query q-" + i + " slower than 1 s").build();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            AlertStats stats = dispatcher.stats();
            // printed into the run's output so that the figures say which path fire() took
            System.out.println("dispatcher: fired=" + stats.fired() + " deduplicated=" + stats.deduplicated()
                    + " queue_full=" + stats.dropped("queue_full") + " active_limit=" + stats.dropped("active_limit"));
            dispatcher.close();
        }
    }

    /** The same dispatcher with escalation by the default policies. */
    @State(Scope.Benchmark)
    public static class EscalatingDispatcher extends Dispatcher {
        @Override
        AlertDispatcher.Builder builder() {
            return super.builder().escalation(EscalationConfig.defaults());
        }
    }

    /** Waits, outside the measured time, until the dispatcher's queue is at most half full. */
    @State(Scope.Thread)
    public static class Room {
        @Setup(Level.Invocation)
        public void awaitRoom(Dispatcher state) {
            while (state.queueDepth.value() > AlertDispatcher.DEFAULT_QUEUE_CAPACITY / 2) {
                Thread.onSpinWait();
            }
        }
    }

    /** A channel that takes 1 s per request. */
    static final class SlowChannel extends DiscardingChannel {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DeliveryResult.delivered();
        }
    }

    /** A dispatcher in a storm: 100,000 distinct alerts, one group each, into a channel taking 1 s per request. */
    @State(Scope.Benchmark)
    public static class Storm {
        AlertDispatcher dispatcher;
        Alert[] distinct;

        @Setup(Level.Trial)
        public void setUp() {
            dispatcher = AlertDispatcher.builder().channel(new SlowChannel())
                    .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                    .build();
            distinct = new Alert[100_000];
            for (int i = 0; i < distinct.length; i++) {
                distinct[i] = Alert.builder("Storm").label("instance", "i-" + i).build();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            AlertStats stats = dispatcher.stats();
            System.out.println("storm: fired=" + stats.fired() + " queue_full=" + stats.dropped("queue_full")
                    + " active_limit=" + stats.dropped("active_limit") + " folded=" + stats.channel("slow").folded()
                    + " pending=" + stats.channel("slow").pending());
            dispatcher.close();
        }
    }

    /** A per-thread position in the storm's alerts. */
    @State(Scope.Thread)
    public static class StormCursor {
        int next;
    }

    /** A per-thread position in the distinct alerts. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    /** The baseline: a single-thread executor and a trivial task. */
    @State(Scope.Benchmark)
    public static class Executor {
        ExecutorService executor;
        final AtomicLong ran = new AtomicLong();
        Runnable task;

        @Setup(Level.Trial)
        public void setUp() {
            executor = Executors.newSingleThreadExecutor();
            task = ran::incrementAndGet;
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    /** fire() of the same alert again and again: the common case of a condition that keeps holding. */
    @Benchmark
    public AlertHandle fireRepeatedAlert(Dispatcher state) {
        return state.dispatcher.fire(state.repeated);
    }

    /** fire() cycling through 1,024 distinct alerts. */
    @Benchmark
    public AlertHandle fireDistinctAlerts(Dispatcher state, Cursor cursor) {
        Alert alert = state.distinct[cursor.next];
        cursor.next = (cursor.next + 1) & 1023;
        return state.dispatcher.fire(alert);
    }

    /** fire() cycling through 1,024 distinct alerts, on a dispatcher that escalates them. */
    @Benchmark
    public AlertHandle fireDistinctAlertsWithEscalation(EscalatingDispatcher state, Cursor cursor) {
        Alert alert = state.distinct[cursor.next];
        cursor.next = (cursor.next + 1) & 1023;
        return state.dispatcher.fire(alert);
    }

    /** fire() of a repeated alert when the queue has room: the enqueue path alone. */
    @Benchmark
    public AlertHandle fireWithRoomInTheQueue(Dispatcher state, Room room) {
        return state.dispatcher.fire(state.repeated);
    }

    /** fire() of ever new alerts while the channel's notifications fold into digests. */
    @Benchmark
    public AlertHandle fireDuringAStorm(Storm state, StormCursor cursor) {
        Alert alert = state.distinct[cursor.next];
        cursor.next = cursor.next + 1 == state.distinct.length ? 0 : cursor.next + 1;
        return state.dispatcher.fire(alert);
    }

    /** Baseline: ExecutorService.execute of a prebuilt task. */
    @Benchmark
    public void executorServiceExecute(Executor state) {
        state.executor.execute(state.task);
    }
}
