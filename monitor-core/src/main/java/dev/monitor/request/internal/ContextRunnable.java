package dev.monitor.request.internal;

/** Runs a task with a captured request context. Not API. */
public final class ContextRunnable implements Runnable {

    private final Runnable task;
    private final MdcContext context;

    private ContextRunnable(Runnable task, MdcContext context) {
        this.task = task;
        this.context = context;
    }

    /** Captures the current thread's request context for {@code task}. */
    public static Runnable capture(Runnable task) {
        return new ContextRunnable(task, MdcContext.capture());
    }

    @Override
    public void run() {
        MdcContext previous = context.apply();
        try {
            task.run();
        } finally {
            previous.apply();
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
