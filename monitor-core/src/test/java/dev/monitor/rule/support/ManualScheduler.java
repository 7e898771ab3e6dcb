package dev.monitor.rule.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A deterministic {@link ScheduledExecutorService} and clock: nothing runs until the test calls
 * {@link #advance(Duration)} (or {@link #runDue()}), which moves time forward task by task and runs each
 * due task on the test's thread. Tasks may be submitted from any thread.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final long startNanos;
    private Instant now;
    private long nanos;
    private long sequence;
    private boolean shutdown;

    /** Starts at {@code start}. */
    public ManualScheduler(Instant start) {
        this.now = start;
        this.startNanos = 1_000_000_000L;
        this.nanos = startNanos;
    }

    /** Starts at 2026-02-08T12:00:00Z. */
    public ManualScheduler() {
        this(Instant.parse("2026-02-08T12:00:00Z"));
    }

    /** A {@link Clock} reading this scheduler's time. */
    public Clock clock() {
        return new ManualClock(ZoneOffset.UTC);
    }

    /** A Micrometer clock reading this scheduler's time, for a {@code SimpleMeterRegistry}. */
    public io.micrometer.core.instrument.Clock micrometerClock() {
        return new io.micrometer.core.instrument.Clock() {
            @Override
            public long wallTime() {
                return now().toEpochMilli();
            }

            @Override
            public long monotonicTime() {
                synchronized (lock) {
                    return nanos;
                }
            }
        };
    }

    /** The current time. */
    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /** Runs every task due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code step}, running every task that falls due, in time order. */
    public void advance(Duration step) {
        Instant target;
        synchronized (lock) {
            target = now.plus(step);
        }
        while (true) {
            Task<?> task;
            synchronized (lock) {
                task = queue.peek();
                if (task == null || task.due.isAfter(target)) {
                    moveTo(target);
                    return;
                }
                queue.poll();
                moveTo(task.due);
            }
            task.runOnce();
            synchronized (lock) {
                if (task.period != null && !task.isCancelled() && !shutdown) {
                    task.due = task.fixedRate ? task.due.plus(task.period) : now.plus(task.period);
                    task.sequence = sequence++;
                    queue.add(task);
                }
            }
        }
    }

    /** Advances {@code count} times by {@code step}. */
    public void advance(Duration step, int count) {
        for (int i = 0; i < count; i++) {
            advance(step);
        }
    }

    /** Tasks waiting, periodic ones included. */
    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    private void moveTo(Instant time) {
        if (time.isAfter(now)) {
            nanos += Duration.between(now, time).toNanos();
            now = time;
        }
    }

    private <T> Task<T> enqueue(Task<T> task) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("scheduler shut down");
            }
            task.sequence = sequence++;
            queue.add(task);
        }
        return task;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(() -> {
            command.run();
            return null;
        }, now().plusNanos(unit.toNanos(delay)), null, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, now().plusNanos(unit.toNanos(delay)), null, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return enqueue(new Task<>(() -> {
            command.run();
            return null;
        }, now().plusNanos(unit.toNanos(initialDelay)), Duration.ofNanos(unit.toNanos(period)), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return enqueue(new Task<>(() -> {
            command.run();
            return null;
        }, now().plusNanos(unit.toNanos(initialDelay)), Duration.ofNanos(unit.toNanos(delay)), false));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public void shutdown() {
        synchronized (lock) {
            shutdown = true;
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        synchronized (lock) {
            shutdown = true;
            List<Runnable> pending = new ArrayList<>(queue);
            queue.clear();
            return pending;
        }
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        return isShutdown();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isShutdown();
    }

    /** A scheduled task; runs on the thread that advances time. */
    private final class Task<T> implements ScheduledFuture<T>, Runnable {
        private final Callable<T> callable;
        private final Duration period;
        private final boolean fixedRate;
        private Instant due;
        private long sequence;
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile T result;
        private volatile Throwable failure;

        Task(Callable<T> callable, Instant due, Duration period, boolean fixedRate) {
            this.callable = callable;
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        void runOnce() {
            if (cancelled) {
                return;
            }
            try {
                result = callable.call();
                if (period == null) {
                    done = true;
                }
            } catch (Throwable e) {
                failure = e;
                done = true;
                cancelled = period != null; // like a ScheduledThreadPoolExecutor: a throwing periodic task stops
            }
        }

        @Override
        public void run() {
            runOnce();
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = due.compareTo(that.due);
            return byTime != 0 ? byTime : Long.compare(sequence, that.sequence);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            synchronized (lock) {
                queue.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public T get() throws ExecutionException {
            if (cancelled) {
                throw new CancellationException();
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }

    /** A clock reading the scheduler's time. */
    private final class ManualClock extends Clock {
        private final ZoneId zone;

        ManualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new ManualClock(zone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
