package dev.monitor.benchmarks.request;

import dev.monitor.request.RequestId;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request-ID generation against {@code UUID.randomUUID()}, the usual choice, in the same run. Run at
 * {@code -t 1} and {@code -t 2}: UUIDs share one {@code SecureRandom} and slow down under
 * concurrency; our IDs come from {@code ThreadLocalRandom} and should not.
 *
 * <pre>monitor-benchmarks/run.sh RequestIdBenchmark -t 2 -prof gc</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class RequestIdBenchmark {

    /** Ours: 128 random bits as 32 hex characters. */
    @Benchmark
    public String requestIdGenerate(CpuTime cpu) {
        cpu.op();
        return RequestId.generate();
    }

    /** Baseline: a random UUID, as an object. */
    @Benchmark
    public UUID uuidRandom(CpuTime cpu) {
        cpu.op();
        return UUID.randomUUID();
    }

    /** Baseline as used for a header: a random UUID as a string. */
    @Benchmark
    public String uuidRandomToString(CpuTime cpu) {
        cpu.op();
        return UUID.randomUUID().toString();
    }
}
