package dev.monitor.sentry.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** An exception and its causes. */
public final class CauseChain {

    private static final int MAX = 16;

    private CauseChain() {
    }

    /** {@code throwable} and its causes, outermost first, without repeats (cycles end it) and at most 16. */
    public static List<Throwable> of(Throwable throwable) {
        List<Throwable> chain = new ArrayList<>(4);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = throwable; t != null && chain.size() < MAX && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
