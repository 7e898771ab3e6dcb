package dev.monitor.request.internal;

import java.util.concurrent.Callable;

/** Calls a task with a captured request context. Not API. */
public final class ContextCallable<T> implements Callable<T> {

    private final Callable<T> task;
    private final MdcContext context;

    private ContextCallable(Callable<T> task, MdcContext context) {
        this.task = task;
        this.context = context;
    }

    /** Captures the current thread's request context for {@code task}. */
    public static <T> Callable<T> capture(Callable<T> task) {
        return new ContextCallable<>(task, MdcContext.capture());
    }

    @Override
    public T call() throws Exception {
        MdcContext previous = context.apply();
        try {
            return task.call();
        } finally {
            previous.apply();
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
