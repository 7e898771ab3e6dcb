package dev.monitor.benchmarks.health;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthFormat;
import dev.monitor.health.HealthJsonWriter;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ServiceInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A report over ten checks of 50 ms each: the registry (parallel, uncached) against the
 * sequential loop a hand-written {@code /health} handler runs, in the same run; and the cost of
 * rendering a cached ten-check report.
 */
public class HealthReportBenchmark {

    static final int CHECKS = 10;
    static final long CHECK_MILLIS = 50;

    static HealthCheck sleeping() {
        return () -> {
            Thread.sleep(CHECK_MILLIS);
            return HealthResult.pass();
        };
    }

    /** Ten 50 ms checks, never cached, so every report runs all of them. */
    @State(Scope.Benchmark)
    public static class SlowChecks {
        HealthRegistry registry;
        List<HealthCheck> checks;

        @Setup(Level.Trial)
        public void setUp() {
            registry = HealthRegistry.builder().service(new ServiceInfo("bench", null, null)).build();
            checks = new ArrayList<>();
            for (int i = 0; i < CHECKS; i++) {
                HealthCheck check = sleeping();
                checks.add(check);
                registry.register("check-" + i, check, CheckOptions.builder().cacheTtl(Duration.ZERO).build());
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            registry.close();
        }
    }

    /** Ten instant checks with a long cache: measures aggregation and JSON rendering only. */
    @State(Scope.Benchmark)
    public static class CachedChecks {
        HealthRegistry registry;

        @Setup(Level.Trial)
        public void setUp() {
            registry = HealthRegistry.builder().service(new ServiceInfo("bench", "1.0.0", "production")).build();
            for (int i = 0; i < CHECKS; i++) {
                registry.register("dependency-" + i, HealthResult::pass,
                        CheckOptions.builder().cacheTtl(Duration.ofHours(1)).build());
            }
            registry.report();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            registry.close();
        }
    }

    /** The registry: all ten checks in parallel on its executor. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    @Fork(2)
    public HealthReport parallelRegistry(SlowChecks state) {
        return state.registry.report();
    }

    /** Baseline: the sequential loop of a hand-written handler. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 3, time = 3)
    @Fork(2)
    public int sequentialLoop(SlowChecks state) throws Exception {
        int passed = 0;
        for (HealthCheck check : state.checks) {
            if (check.check().status() == dev.monitor.health.CheckStatus.PASS) {
                passed++;
            }
        }
        return passed;
    }

    /** A cached ten-check report, aggregated and rendered as native JSON with details. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    @Fork(2)
    public byte[] renderCachedReport(CachedChecks state) {
        return HealthJsonWriter.write(state.registry.report(), HealthFormat.NATIVE, true);
    }
}
