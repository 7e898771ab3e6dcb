package dev.monitor.health;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The bounded executor that runs health checks. Not API.
 *
 * <p><b>Slots.</b> At most {@code maxRunning} runs hold a <em>slot</em> at once; further runs wait in a queue of
 * {@code queueCapacity}, and a run that finds the queue full is refused. A run that outlives its deadline is
 * <em>abandoned</em> ({@link Task#cancelOrAbandon()}): it is interrupted and gives its slot back at once, and another
 * thread takes the next waiting run; the abandoned run keeps its own thread until its code returns, since nothing
 * can take a thread from code that ignores interrupts. So one hung check never keeps the others from running, even
 * with a single slot.
 *
 * <p><b>Threads.</b> Every thread either holds a slot (idle or running) or runs one abandoned run. The owner of a task
 * learns that its run has let go of its thread only through the task's {@code after} callback, which runs once the
 * thread has taken a slot again or left; {@link CheckRunner} starts no new run of a check before that, so at most
 * {@code maxRunning} plus the number of checks threads exist. Idle threads end after the keep-alive.
 *
 * <p><b>Completion.</b> The {@code after} callback of every accepted task runs exactly once, whatever its body does
 * (returns, throws any {@code Throwable}) and however it ends: after its body on its own thread, or in the thread
 * that cancels it ({@link Task#cancelOrAbandon()}) or closes the executor before it started.
 */
final class CheckExecutor {

    /** What {@link Task#cancelOrAbandon()} did. */
    enum Stop {
        /** The run had not started and never will; its {@code after} callback has run. */
        CANCELLED,
        /** The run was running: it is interrupted and no longer holds a slot, but keeps its thread until it returns. */
        ABANDONED,
        /** The run had already finished, been abandoned or been cancelled: nothing changed. */
        NONE
    }

    private final int maxRunning;
    private final int queueCapacity;
    private final long keepAliveNanos;
    private final ThreadFactory threadFactory;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workAvailable = lock.newCondition();
    // guarded by lock
    private final ArrayDeque<Task> waiting = new ArrayDeque<>();
    private int slotted;
    private int idle;
    private int threads;
    private int peakThreads;
    private boolean closed;

    CheckExecutor(int maxRunning, int queueCapacity, long keepAlive, TimeUnit unit, ThreadFactory threadFactory) {
        if (maxRunning < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("maxRunning and queueCapacity must be at least 1");
        }
        this.maxRunning = maxRunning;
        this.queueCapacity = queueCapacity;
        this.keepAliveNanos = unit.toNanos(keepAlive);
        this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
    }

    /**
     * Accepts a run: starts it on an idle or a new thread if a slot is free, else queues it.
     *
     * @param body the run; may throw anything
     * @param after runs exactly once when the run is over (see the class comment); must not block
     * @throws RejectedExecutionException if the executor is closed or the queue is full; {@code after} does not run
     */
    Task submit(Runnable body, Runnable after) {
        Task task = new Task(body, after);
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("health executor closed");
            }
            if (idle > waiting.size()) {
                waiting.add(task);
                workAvailable.signal();
                return task;
            }
            if (slotted < maxRunning && spawnLocked(task)) {
                return task;
            }
            if (waiting.size() < queueCapacity) {
                waiting.add(task);
                return task;
            }
            throw new RejectedExecutionException("health executor saturated");
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new runs, drops the waiting ones (their {@code after} callbacks run here) and lets idle threads end.
     * Running runs are left to their owners, which abandon them.
     */
    void close() {
        List<Task> dropped = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (Task task : waiting) {
                if (task.cancel()) {
                    dropped.add(task);
                }
            }
            waiting.clear();
            workAvailable.signalAll();
        } finally {
            lock.unlock();
        }
        dropped.forEach(Task::runAfter);
    }

    /** Live threads. */
    int threadCount() {
        lock.lock();
        try {
            return threads;
        } finally {
            lock.unlock();
        }
    }

    /** The most threads that were alive at once. */
    int peakThreadCount() {
        lock.lock();
        try {
            return peakThreads;
        } finally {
            lock.unlock();
        }
    }

    /** Threads holding a slot, idle or running. */
    int slotsInUse() {
        lock.lock();
        try {
            return slotted;
        } finally {
            lock.unlock();
        }
    }

    /** Runs waiting for a slot. */
    int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Starts a thread holding a new slot; false if no thread could be made. */
    private boolean spawnLocked(@Nullable Task first) {
        Thread thread;
        try {
            thread = threadFactory.newThread(() -> work(first));
        } catch (RuntimeException | Error e) {
            return false;
        }
        if (thread == null) {
            return false;
        }
        slotted++;
        threads++;
        try {
            thread.start();
        } catch (RuntimeException | Error e) { // e.g. "unable to create native thread"
            slotted--;
            threads--;
            return false;
        }
        peakThreads = Math.max(peakThreads, threads);
        return true;
    }

    /** Starts threads for waiting runs that no idle thread is about to take, while slots are free. */
    private void spawnForWaitingLocked() {
        int unclaimed = waiting.size() - idle;
        while (unclaimed > 0 && slotted < maxRunning && !closed && spawnLocked(null)) {
            unclaimed--;
        }
    }

    private void releaseSlot() {
        lock.lock();
        try {
            slotted--;
            spawnForWaitingLocked();
        } finally {
            lock.unlock();
        }
    }

    private void remove(Task task) {
        lock.lock();
        try {
            waiting.remove(task);
        } finally {
            lock.unlock();
        }
    }

    /** The loop of one thread. It holds a slot except while it finishes an abandoned run. */
    private void work(@Nullable Task first) {
        Thread self = Thread.currentThread();
        Task task = first != null && first.start(self) ? first : null;
        boolean slotHeld = true;
        boolean counted = true;
        try {
            while (true) {
                if (task == null) {
                    task = next(self);
                    if (task == null) {
                        slotHeld = false; // next() gave it back
                        return;
                    }
                }
                Task current = task;
                task = null;
                try {
                    current.body.run();
                } finally {
                    slotHeld = current.finish();
                    Thread.interrupted(); // an interrupt meant for the finished run must not hit the next one
                    if (!slotHeld) {
                        slotHeld = reacquireSlotOrLeave();
                        counted = slotHeld;
                    }
                    current.runAfter();
                }
                if (!counted) {
                    return;
                }
            }
        } finally {
            if (counted) {
                leave(slotHeld);
            }
        }
    }

    /** The next waiting run, started; null (and the slot given back) when idle too long or closed. */
    private @Nullable Task next(Thread self) {
        lock.lock();
        try {
            long wait = keepAliveNanos;
            while (!closed) {
                Task task = waiting.poll();
                if (task != null) {
                    if (task.start(self)) {
                        return task;
                    }
                    continue; // cancelled while it waited
                }
                if (wait <= 0) {
                    break;
                }
                idle++;
                try {
                    wait = workAvailable.awaitNanos(wait);
                } catch (InterruptedException e) {
                    // a stray interrupt; the loop checks for work and closing again
                } finally {
                    idle--;
                }
            }
            slotted--;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** After an abandoned run returned: takes a free slot, or leaves (stops counting this thread). */
    private boolean reacquireSlotOrLeave() {
        lock.lock();
        try {
            if (!closed && slotted < maxRunning) {
                slotted++;
                return true;
            }
            threads--;
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void leave(boolean slotHeld) {
        lock.lock();
        try {
            threads--;
            if (slotHeld) {
                slotted--;
                spawnForWaitingLocked(); // a thread killed by an Error hands its work on
            }
        } finally {
            lock.unlock();
        }
    }

    /** One accepted run. */
    final class Task {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int ABANDONED = 2;
        private static final int FINISHED = 3;
        private static final int CANCELLED = 4;

        private final Runnable body;
        private final Runnable after;
        // guarded by this
        private int state = WAITING;
        private @Nullable Thread thread;
        private boolean afterDone;

        private Task(Runnable body, Runnable after) {
            this.body = body;
            this.after = after;
        }

        /**
         * Stops the run: a waiting run is taken out of the queue and never runs (its {@code after} callback runs
         * here, in the calling thread); a running run is interrupted and gives its slot back.
         */
        Stop cancelOrAbandon() {
            boolean wasWaiting;
            synchronized (this) {
                if (state == WAITING) {
                    state = CANCELLED;
                    wasWaiting = true;
                } else if (state == RUNNING) {
                    state = ABANDONED;
                    wasWaiting = false;
                    Thread running = thread;
                    if (running != null) {
                        running.interrupt(); // under the lock, so never after the run has finished
                    }
                } else {
                    return Stop.NONE;
                }
            }
            if (wasWaiting) {
                remove(this);
                runAfter();
                return Stop.CANCELLED;
            }
            releaseSlot();
            return Stop.ABANDONED;
        }

        private synchronized boolean start(Thread worker) {
            if (state != WAITING) {
                return false;
            }
            state = RUNNING;
            thread = worker;
            return true;
        }

        /** Marks the run finished; whether its thread still holds its slot (it was not abandoned). */
        private synchronized boolean finish() {
            boolean slotHeld = state == RUNNING;
            state = FINISHED;
            thread = null;
            return slotHeld;
        }

        private synchronized boolean cancel() {
            if (state != WAITING) {
                return false;
            }
            state = CANCELLED;
            return true;
        }

        private void runAfter() {
            synchronized (this) {
                if (afterDone) {
                    return;
                }
                afterDone = true;
            }
            try {
                after.run();
            } catch (RuntimeException | Error e) {
                // bookkeeping of the owner; nothing to do here but keep the thread
            }
        }
    }
}
