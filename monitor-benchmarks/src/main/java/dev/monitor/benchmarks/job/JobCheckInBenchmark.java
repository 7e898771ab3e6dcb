package dev.monitor.benchmarks.job;

import dev.monitor.job.CheckIn;
import dev.monitor.job.Job;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMeters;
import dev.monitor.job.JobMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A job check-in as the calling thread pays for it (percentiles with {@link Mode#SampleTime}), beside a plain
 * {@code Runnable} in the same run. Budget (issue #19): at most 1 µs p99, and no I/O on the caller's thread.
 *
 * <p>{@link #plainRunnable} runs a trivial task; {@link #wrappedRunnable} runs the same task through
 * {@link Job#wrap(Runnable)} (a start and a success check-in); the others are single check-ins: on the handle,
 * with a failure message (scrubbed later, on the monitor's thread), and by name as an HTTP endpoint would.
 *
 * <p>The monitor evaluates on its own thread once a second, which in a tight loop is far slower than the caller
 * checks in; so that every measured check-in takes the enqueue path, not the drop path of a full queue, the
 * {@link Room} state drains the queue outside the measured time every 1,024 invocations. The tear-down prints how
 * many check-ins were dropped all the same (expected: 0).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class JobCheckInBenchmark {

    /** A monitor with one job. */
    @State(Scope.Benchmark)
    public static class Monitor {
        JobMonitor monitor;
        SimpleMeterRegistry meters;
        Job job;
        Runnable wrapped;
        Runnable plain;
        long runs;

        @Setup(Level.Trial)
        public void setUp() {
            meters = new SimpleMeterRegistry();
            monitor = JobMonitor.builder().meterRegistry(meters).build();
            job = monitor.add(JobDefinition.builder("export").every(Duration.ofMinutes(5)).build());
            plain = () -> runs++;
            wrapped = job.wrap(plain);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            // printed into the run's output so that the figures say which path the check-ins took
            System.out.println("job monitor: dropped=" + meters.get(JobMeters.CHECKINS_DROPPED).functionCounter().count()
                    + " runs=" + runs);
            monitor.close();
        }
    }

    /** Drains the monitor's queue outside the measured time every 1,024 invocations. */
    @State(Scope.Thread)
    public static class Room {
        int invocations;

        @Setup(Level.Invocation)
        public void drain(Monitor state) {
            if ((++invocations & 1023) == 0) {
                state.monitor.snapshots();
            }
        }
    }

    /** The baseline: a trivial task, run directly. */
    @Benchmark
    public long plainRunnable(Monitor state, Room room) {
        state.plain.run();
        return state.runs;
    }

    /** The same task wrapped: a start and a success check-in around it. */
    @Benchmark
    public long wrappedRunnable(Monitor state, Room room) {
        state.wrapped.run();
        return state.runs;
    }

    /** One success check-in on the handle. */
    @Benchmark
    public void success(Monitor state, Room room) {
        state.job.success();
    }

    /** One failure check-in with a message; the message is scrubbed later, on the monitor's thread. */
    @Benchmark
    public void failWithMessage(Monitor state, Room room) {
        state.job.fail("exit code 1 for customer jane.doe@example.com");
    }

    /** One ping by name, as an HTTP check-in endpoint makes it. */
    @Benchmark
    public boolean pingByName(Monitor state, Room room) {
        return state.monitor.checkIn("export", CheckIn.PING, null);
    }
}
