package dev.monitor.benchmarks.request;

import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

/**
 * The control MDC of the filter benchmark ({@code -p mdc=padded}): a working MDC whose per-thread
 * state is written only in the middle cells of one padded array, so that no write of one benchmark
 * thread can land on a cache line that the other thread reads.
 *
 * <p>It tells the filter's own 2-thread behaviour from that of the MDC implementation. A real adapter
 * ({@link BasicMDCAdapter}, logback's) keeps a per-thread {@code HashMap}, written on every put and
 * remove, which a collection may copy next to objects every thread reads (the adapter, its thread
 * local); the benchmark's layout probe found it there in the runs that were slow at 2 threads. With this
 * adapter the filter's 2-thread figures are flat in every run recorded in {@code results/request.md};
 * with SLF4J's, some runs cost up to about twice as much. It is not meant for applications: it holds at
 * most {@value #SLOTS} keys per thread.
 */
final class PaddedMdcAdapter implements MDCAdapter {

    static final int SLOTS = 8;
    private static final int PAD = 32; // 128 bytes of references on either side of the written cells
    private static final int END = PAD + 2 * SLOTS;

    private final ThreadLocal<Object[]> cells = ThreadLocal.withInitial(() -> new Object[END + PAD]);
    private final BasicMDCAdapter stacks = new BasicMDCAdapter(); // its deques are separate from its map

    @Override
    public void put(String key, @Nullable String val) {
        Objects.requireNonNull(key, "key");
        Object[] c = cells.get();
        int free = -1;
        for (int i = PAD; i < END; i += 2) {
            if (key.equals(c[i])) {
                c[i + 1] = val;
                return;
            }
            if (free < 0 && c[i] == null) {
                free = i;
            }
        }
        if (free < 0) {
            throw new IllegalStateException("PaddedMdcAdapter holds at most " + SLOTS + " keys per thread; cannot add "
                    + key);
        }
        c[free] = key;
        c[free + 1] = val;
    }

    @Override
    public @Nullable String get(String key) {
        Object[] c = cells.get();
        for (int i = PAD; i < END; i += 2) {
            if (key.equals(c[i])) {
                return (String) c[i + 1];
            }
        }
        return null;
    }

    @Override
    public void remove(String key) {
        Object[] c = cells.get();
        for (int i = PAD; i < END; i += 2) {
            if (key.equals(c[i])) {
                c[i] = null;
                c[i + 1] = null;
                return;
            }
        }
    }

    @Override
    public void clear() {
        Object[] c = cells.get();
        for (int i = PAD; i < END; i++) {
            c[i] = null;
        }
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        Map<String, String> copy = new HashMap<>();
        Object[] c = cells.get();
        for (int i = PAD; i < END; i += 2) {
            if (c[i] != null) {
                copy.put((String) c[i], (String) c[i + 1]);
            }
        }
        return copy;
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        clear();
        contextMap.forEach(this::put);
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public @Nullable String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public @Nullable Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
