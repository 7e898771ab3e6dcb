package dev.monitor.request.internal;

import java.util.concurrent.Executor;

/** An executor that hands the submitter's request context to its tasks. Not API. */
public final class ContextExecutor implements Executor {

    private final Executor delegate;

    /** Wraps {@code delegate}. */
    public ContextExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable command) {
        delegate.execute(ContextRunnable.capture(command));
    }

    @Override
    public String toString() {
        return "RequestContext(" + delegate + ")";
    }
}
