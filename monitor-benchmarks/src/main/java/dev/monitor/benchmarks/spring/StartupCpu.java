package dev.monitor.benchmarks.spring;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of one application start, beside its wall-clock time: {@code threadCpuMs}, used by the thread that runs
 * {@code SpringApplication.run} (bean creation, the starter's work), and {@code processCpuMs}, used by the whole JVM
 * meanwhile (also the JIT compiler, GC, Tomcat's threads). The benchmark machine's 2 cores are shared with other builds;
 * a start that waits for a core takes longer on the wall clock but not in CPU time.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class StartupCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU milliseconds of the starting thread in this iteration's start. */
    public double threadCpuMs;
    /** CPU milliseconds of the whole JVM during this iteration's start. */
    public double processCpuMs;

    private long threadStart;
    private long processStart;

    /** Counters are per iteration, and one iteration is one start. */
    @Setup(Level.Iteration)
    public void reset() {
        threadCpuMs = 0;
        processCpuMs = 0;
    }

    void begin() {
        threadStart = THREADS.getCurrentThreadCpuTime();
        processStart = PROCESS.getProcessCpuTime();
    }

    void end() {
        threadCpuMs += (THREADS.getCurrentThreadCpuTime() - threadStart) / 1e6;
        processCpuMs += (PROCESS.getProcessCpuTime() - processStart) / 1e6;
    }
}
