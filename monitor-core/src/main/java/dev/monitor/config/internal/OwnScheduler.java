package dev.monitor.config.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler a monitor starts for itself when none is given to its builder: daemon threads (they never keep
 * the application from exiting), cancelled tasks removed at once, and nothing delayed run after shutdown. Not API.
 */
public final class OwnScheduler {

    private OwnScheduler() {
    }

    /**
     * A scheduler of {@code threads} daemon threads named {@code name} (one thread) or {@code name-1},
     * {@code name-2}, ... (several).
     */
    public static ScheduledThreadPoolExecutor create(String name, int threads) {
        AtomicInteger counter = new AtomicInteger();
        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(threads, runnable -> {
            Thread thread = new Thread(runnable, threads == 1 ? name : name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        own.setRemoveOnCancelPolicy(true);
        own.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return own;
    }
}
