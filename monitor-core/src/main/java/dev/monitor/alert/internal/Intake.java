package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.internal.BoundedMpscQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The intake stage: the caller's side of the pipeline. {@link #fire} and {@link #resolve} only offer to a bounded
 * lock-free queue (and, only when the dispatcher thread is in deep sleep, unpark it): no lock, no I/O, no logging,
 * no allocation on a fire. A full queue counts the fire as dropped ({@code queue_full}, by severity, reported by the
 * {@code AlertsDropped} alert); a resolve that finds the queue full waits beside it, in order, so a storm of fires
 * cannot lose it. Commands (silences, acknowledgements, previews, the dispatcher's own alerts) take the same queue
 * when there is room, so they are ordered with the fires around them, or an unbounded side queue.
 */
public final class Intake {

    private static final int MAX_LATE_RESOLVES = 65_536;

    /** A queued resolve. */
    record Resolution(String fingerprint) {
    }

    private record LateResolve(String fingerprint, long position) {
    }

    private final BoundedMpscQueue<Object> queue;
    private final ConcurrentLinkedQueue<Object> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LateResolve> lateResolves = new ConcurrentLinkedQueue<>();
    private final AtomicInteger lateResolveCount = new AtomicInteger();
    private final LongAdder[] queueFull = new LongAdder[AlertSeverity.values().length];
    private final LongAdder closedDrops = new LongAdder();
    private final LongAdder resolveQueueFull = new LongAdder();
    private final CallerGate gate = new CallerGate();
    private volatile @Nullable Thread consumer;
    /** Set while the consumer hands queued elements to decisions. */
    private volatile boolean draining;

    Intake(int capacity) {
        this.queue = new BoundedMpscQueue<>(capacity);
        for (int i = 0; i < queueFull.length; i++) {
            queueFull[i] = new LongAdder();
        }
    }

    /** The thread that drains this intake, woken when work arrives. */
    void consumer(Thread thread) {
        this.consumer = thread;
    }

    /** Queues a fire; counts it as dropped if the queue is full or the dispatcher is closed. Caller thread. */
    public void fire(Alert alert) {
        if (gate.isClosed()) {
            closedDrops.increment();
            return;
        }
        if (!queue.offer(alert)) {
            queueFull[alert.severity().ordinal()].increment();
            return;
        }
        if (gate.isDeepSleep()) {
            wake();
        }
    }

    /** Queues a resolve; when the queue is full it waits beside it, in order. Caller thread. */
    public void resolve(String fingerprint) {
        if (gate.isClosed()) {
            closedDrops.increment();
            return;
        }
        Resolution resolution = new Resolution(fingerprint);
        if (!queue.offer(resolution)) {
            if (lateResolveCount.incrementAndGet() > MAX_LATE_RESOLVES) {
                lateResolveCount.decrementAndGet();
                resolveQueueFull.increment();
                return;
            }
            // applied once the dispatcher has taken everything queued before it
            lateResolves.add(new LateResolve(fingerprint, queue.producedCount()));
        }
        wake();
    }

    /** Queues a command, ordered with the fires around it when there is room. */
    void command(Object command) {
        if (gate.isClosed() || !queue.offer(command)) {
            commands.add(command);
        }
        wake();
    }

    /** Queues a command that runs before the next fires are taken (a caller's request, the shutdown). */
    void urgent(Object command) {
        commands.add(command);
        LockSupport.unpark(consumer);
    }

    /** Wakes the consumer if it sleeps deeply; any thread. */
    void wake() {
        if (gate.claimWakeUp()) {
            LockSupport.unpark(consumer);
        }
    }

    /** The next urgent command, or null. Consumer thread. */
    @Nullable Object pollCommand() {
        return commands.poll();
    }

    /**
     * Hands up to {@code max} queued fires, resolves and commands to {@code decisions}, each resolve that waited beside
     * the queue once its turn has come; returns how many were taken. Consumer thread.
     */
    int drainTo(Decisions decisions, int max, long now) {
        int taken = 0;
        draining = true; // before the first poll: isEmpty() never holds while an element is in hand
        try {
            for (; taken < max; taken++) {
                Object element = queue.poll();
                if (element == null) {
                    break;
                }
                decisions.take(element, now);
                takeLateResolves(decisions, now);
            }
            takeLateResolves(decisions, now);
        } finally {
            draining = false;
        }
        return taken;
    }

    private void takeLateResolves(Decisions decisions, long now) {
        if (lateResolves.isEmpty()) {
            return;
        }
        long consumed = queue.consumedCount();
        LateResolve late;
        while ((late = lateResolves.peek()) != null && late.position <= consumed) {
            lateResolves.poll();
            lateResolveCount.decrementAndGet();
            decisions.resolve(late.fingerprint, now);
        }
    }

    /** Whether nothing waits (or is being handed over). */
    boolean isEmpty() {
        // queue first, then the flag: an element taken off the queue is still being handled while draining is set
        return queue.isEmpty() && lateResolves.isEmpty() && commands.isEmpty() && !draining;
    }

    /** Fires and resolves waiting. */
    int depth() {
        return queue.size() + lateResolveCount.get();
    }

    /** Stops taking fires and resolves. */
    boolean close() {
        if (gate.isClosed()) {
            return false;
        }
        gate.close();
        return true;
    }

    /** Whether {@link #close} was called. */
    boolean isClosed() {
        return gate.isClosed();
    }

    /** Before a deep sleep: fires from now on wake the consumer. Returns whether it may sleep (nothing waits). */
    boolean enterDeepSleep() {
        gate.setDeepSleep(true);
        return isEmpty();
    }

    /** After a deep sleep. */
    void leaveDeepSleep() {
        gate.setDeepSleep(false);
    }

    /** Fires dropped because the queue was full, for {@code severity}. */
    long queueFull(AlertSeverity severity) {
        return queueFull[severity.ordinal()].sum();
    }

    /** The count of one of the intake's drop reasons ({@code queue_full}, {@code closed}, {@code resolve_queue_full}). */
    long dropped(String reason) {
        return switch (reason) {
            case "queue_full" -> {
                long total = 0;
                for (LongAdder adder : queueFull) {
                    total += adder.sum();
                }
                yield total;
            }
            case "closed" -> closedDrops.sum();
            case "resolve_queue_full" -> resolveQueueFull.sum();
            default -> 0;
        };
    }
}
