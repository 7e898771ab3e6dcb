package dev.monitor.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The per-thread counters behind {@code QueryScope}: how often each statement shape ran, per
 * data source. An open-addressing table that starts small, grows up to twice the distinct-shape
 * bound and then stops tracking new shapes, so a scope's memory is bounded whatever it runs.
 * Used by one thread only.
 */
public final class ScopeCounts {

    private static final ThreadLocal<ScopeCounts> CURRENT = new ThreadLocal<>();
    private static final int INITIAL_CAPACITY = 16;

    private final String label;
    private final int maxDistinct;
    private final @Nullable ScopeCounts previous;
    private final Thread thread;

    private long[] keys = new long[0];
    private JdbcInstrumentation[] owners = new JdbcInstrumentation[0];
    private SanitizedSql[] statements = new SanitizedSql[0];
    private int[] counts = new int[0];
    private int distinct;
    private int executions;
    private int untracked;
    private boolean closed;

    private ScopeCounts(String label, int maxDistinct, @Nullable ScopeCounts previous) {
        this.label = label;
        this.maxDistinct = maxDistinct;
        this.previous = previous;
        this.thread = Thread.currentThread();
    }

    /** The scope open on this thread, or null: the only cost of N+1 detection when no scope is open. */
    public static @Nullable ScopeCounts current() {
        return CURRENT.get();
    }

    /** Opens a scope on this thread; it hides any scope already open until it closes. */
    public static ScopeCounts open(String label, int maxDistinct) {
        ScopeCounts counts = new ScopeCounts(label, maxDistinct, CURRENT.get());
        CURRENT.set(counts);
        return counts;
    }

    /** The scope's label. */
    public String label() {
        return label;
    }

    /** Statements executed in this scope. */
    public int executions() {
        return executions;
    }

    /** Distinct statement shapes tracked. */
    public int distinct() {
        return distinct;
    }

    /** Executions of shapes not tracked because the distinct-shape bound was reached. */
    public int untracked() {
        return untracked;
    }

    /** Counts one execution of {@code sql} on the data source of {@code owner}. */
    public void record(JdbcInstrumentation owner, String sql) {
        if (closed) {
            return;
        }
        executions++;
        SanitizedSql statement = owner.sanitized(sql);
        long key = statement.fingerprint();
        int mask = keys.length - 1;
        if (mask > 0) {
            int i = mix(key, owner) & mask;
            while (owners[i] != null) {
                if (keys[i] == key && owners[i] == owner) {
                    counts[i]++;
                    return;
                }
                i = (i + 1) & mask;
            }
        }
        if (distinct >= maxDistinct) {
            untracked++;
            return;
        }
        if ((distinct + 1) * 2 > keys.length) {
            grow();
            mask = keys.length - 1;
        }
        int i = mix(key, owner) & mask;
        while (owners[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        owners[i] = owner;
        statements[i] = statement;
        counts[i] = 1;
        distinct++;
    }

    /**
     * Closes the scope: later executions are not counted, and the thread's previous scope, if
     * any, becomes current again. Returns the shapes run at least their data source's
     * repeated-query threshold; empty on a second call.
     */
    public List<Repeated> close() {
        if (closed) {
            return List.of();
        }
        closed = true;
        if (Thread.currentThread() == thread && CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
        List<Repeated> repeated = new ArrayList<>();
        for (int i = 0; i < owners.length; i++) {
            JdbcInstrumentation owner = owners[i];
            if (owner != null && counts[i] >= owner.repeatedQueryThreshold()) {
                repeated.add(new Repeated(owner, statements[i], counts[i]));
            }
        }
        return repeated;
    }

    private void grow() {
        int capacity = keys.length == 0 ? INITIAL_CAPACITY : keys.length * 2;
        long[] oldKeys = keys;
        JdbcInstrumentation[] oldOwners = owners;
        SanitizedSql[] oldStatements = statements;
        int[] oldCounts = counts;
        keys = new long[capacity];
        owners = new JdbcInstrumentation[capacity];
        statements = new SanitizedSql[capacity];
        counts = new int[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldOwners.length; j++) {
            if (oldOwners[j] != null) {
                int i = mix(oldKeys[j], oldOwners[j]) & mask;
                while (owners[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                owners[i] = oldOwners[j];
                statements[i] = oldStatements[j];
                counts[i] = oldCounts[j];
            }
        }
    }

    private static int mix(long key, JdbcInstrumentation owner) {
        long h = (key ^ owner.id()) * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** A statement shape that ran often in one scope. */
    public record Repeated(JdbcInstrumentation owner, SanitizedSql statement, int count) {
    }
}
