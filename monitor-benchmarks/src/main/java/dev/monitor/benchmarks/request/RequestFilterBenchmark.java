package dev.monitor.benchmarks.request;

import dev.monitor.request.RequestMonitor;
import dev.monitor.servlet.RequestMonitoringFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request filter's overhead per request against a no-op filter, in the same run.
 *
 * <ul>
 *   <li>{@code noopFilter}: the baseline, a filter that only calls the chain;
 *   <li>{@code idMdcHeader}: our filter with a monitor without metrics: request ID generation, MDC put
 *       and remove, the response header and the request's lifecycle (the budget: at most
 *       150 ns and 200 B above the baseline, flat from 1 to 2 threads);
 *   <li>{@code withMetrics}: our filter with the default metrics (timer with p50/p95/p99, error
 *       counter, in-flight gauge) in a {@link SimpleMeterRegistry};
 *   <li>{@code withMetricsNoPercentiles}: the same with client-side percentiles turned off, to show
 *       what the default p50/p95/p99 cost.
 * </ul>
 *
 * <p>The request and response are stubs (see {@link StubExchange}), so the figures exclude any
 * container; the MDC is real (see {@link RealMdc}): SLF4J's {@code BasicMDCAdapter} by default,
 * or with {@code -p mdc=padded} the control {@link PaddedMdcAdapter}, which separates the MDC
 * implementation's share of the 2-thread figures from the filter's.
 *
 * <pre>
 * monitor-benchmarks/run.sh RequestFilterBenchmark -t 2 -prof gc
 * monitor-benchmarks/run.sh RequestFilterBenchmark.idMdcHeader -t 2 -f 6 -p mdc=padded
 * </pre>
 *
 * <p>{@link RequestFlatnessRun} runs it at 1 and 2 threads interleaved fork by fork, for a 1-to-2-thread
 * comparison that a drift of the machine's speed cannot bias.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Benchmark)
public class RequestFilterBenchmark {

    private final Filter noop = new Filter() {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    };
    /** The MDC adapter: {@code basic} (SLF4J's) or {@code padded} (the control, see {@link PaddedMdcAdapter}). */
    @Param({"basic"})
    public String mdc = "basic";

    private RequestMonitoringFilter idMdcHeader;
    private RequestMonitoringFilter withMetrics;
    private RequestMonitoringFilter withMetricsNoPercentiles;

    /** Per-thread request, response and chain, reused as a container reuses its objects. */
    @State(Scope.Thread)
    public static class Exchange {
        final StubExchange stub = new StubExchange();
    }

    /** Installs the real MDC and builds the filters. */
    @Setup(Level.Trial)
    public void setUp() {
        RealMdc.install(mdc);
        idMdcHeader = new RequestMonitoringFilter(RequestMonitor.builder().build());
        withMetrics = new RequestMonitoringFilter(RequestMonitor.builder().meterRegistry(new SimpleMeterRegistry()).build());
        withMetricsNoPercentiles = new RequestMonitoringFilter(RequestMonitor.builder()
                .meterRegistry(new SimpleMeterRegistry()).percentiles().build());
    }

    /** Fails the run if the real MDC was replaced during it. */
    @TearDown(Level.Trial)
    public void tearDown() {
        RealMdc.verify();
    }

    /** Baseline: a filter that only calls the chain. */
    @Benchmark
    public Object noopFilter(Exchange exchange, CpuTime cpu) throws IOException, ServletException {
        cpu.op();
        StubExchange stub = exchange.stub;
        stub.reset();
        noop.doFilter(stub.request, stub.response, stub.chain);
        return stub.response;
    }

    /** Our filter without metrics: ID, MDC, header and the request lifecycle. */
    @Benchmark
    public Object idMdcHeader(Exchange exchange, CpuTime cpu) throws IOException, ServletException {
        cpu.op();
        StubExchange stub = exchange.stub;
        stub.reset();
        idMdcHeader.doFilter(stub.request, stub.response, stub.chain);
        return stub.requestIdHeader();
    }

    /** Our filter with the default metrics. */
    @Benchmark
    public Object withMetrics(Exchange exchange, CpuTime cpu) throws IOException, ServletException {
        cpu.op();
        StubExchange stub = exchange.stub;
        stub.reset();
        withMetrics.doFilter(stub.request, stub.response, stub.chain);
        return stub.requestIdHeader();
    }

    /** Our filter with metrics but without client-side percentiles. */
    @Benchmark
    public Object withMetricsNoPercentiles(Exchange exchange, CpuTime cpu) throws IOException, ServletException {
        cpu.op();
        StubExchange stub = exchange.stub;
        stub.reset();
        withMetricsNoPercentiles.doFilter(stub.request, stub.response, stub.chain);
        return stub.requestIdHeader();
    }
}
