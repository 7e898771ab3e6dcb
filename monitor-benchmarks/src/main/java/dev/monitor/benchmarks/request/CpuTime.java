package dev.monitor.benchmarks.request;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * CPU time of the benchmark thread, reported beside the wall-clock score as two JMH counters:
 * {@code cpuNanos} and {@code ops} (their ratio is CPU nanoseconds per operation).
 *
 * <p>Why: the benchmark machine has 2 cores shared with other builds, so at {@code -t 2} the
 * wall-clock time per operation also counts the time a benchmark thread waited for a core. CPU time
 * does not; if the CPU time per operation stays the same from 1 to 2 threads, the code shares nothing
 * contended (a contended cache line or CAS costs CPU time). Lock waits are not CPU time: the
 * wall-clock score of a baseline such as {@code UUID.randomUUID()} still shows those.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU nanoseconds used by the benchmark threads during measurement iterations. */
    public long cpuNanos;
    /** 128 bytes on either side of the operation count, which is written on every operation. */
    private static final int OPS = 16;
    private final long[] opsCell = new long[2 * OPS + 1];
    private long started;

    /** Notes the thread's CPU time at the start of an iteration. */
    @Setup(Level.Iteration)
    public void begin() {
        started = THREADS.getCurrentThreadCpuTime();
        opsCell[OPS] = 0; // JMH resets the counter fields before each iteration, but not what an accessor returns
    }

    /** Adds the CPU time the thread used during the iteration. */
    @TearDown(Level.Iteration)
    public void end() {
        cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
    }

    /** Counts one operation. */
    void op() {
        opsCell[OPS]++;
    }

    /**
     * Operations done during measurement iterations. The count lives in the middle of a padded array:
     * in a field of this object it could share a cache line with an object the other benchmark thread
     * reads, which would add the counter's own cost to the figures at 2 threads.
     */
    public long ops() {
        return opsCell[OPS];
    }
}
