package dev.monitor.benchmarks.sentry;

import dev.monitor.sentry.SentryMonitoring;
import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the Sentry integration adds per event and per breadcrumb, with the hooks exactly as {@code SentryMonitoring}
 * installs them ({@link SentryMonitoring.Builder#applyTo}, default {@code Scrubber}): our event processor (request ID,
 * user hash, error category) and {@code beforeSend} (noise filter, scrubbing of every field), on a
 * {@link RealisticSentryEvent} that is clean or carries eight personal values; and {@code beforeBreadcrumb} on a typical
 * HTTP breadcrumb.
 *
 * <p>Every operation builds a fresh event (scrubbing changes it in place), so each hook benchmark is measured beside
 * {@link #eventPassThrough()}, which builds the same event and hands it on untouched: the difference is the hook's
 * cost. {@link #eventSerialization()} builds the event and serializes it with the SDK's serializer, which the SDK does
 * for every event it sends anyway: the scale against which the hook's cost is judged.
 *
 * <pre>monitor-benchmarks/run.sh SentryHookBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class SentryHookBenchmark {

    private final SentryOptions options = new SentryOptions();
    private SentryOptions.BeforeSendCallback beforeSend = (event, hint) -> event;
    private SentryOptions.BeforeBreadcrumbCallback beforeBreadcrumb = (breadcrumb, hint) -> breadcrumb;
    private EventProcessor processor = new EventProcessor() { };

    /** Installs the hooks and checks them on the inputs before measuring. */
    @Setup
    public void setUp() throws Exception {
        SentryMonitoring.builder().applyTo(options);
        beforeSend = options.getBeforeSend();
        beforeBreadcrumb = options.getBeforeBreadcrumb();
        List<EventProcessor> processors = options.getEventProcessors();
        processor = processors.get(processors.size() - 1);
        if (!processor.getClass().getName().startsWith("dev.monitor.sentry")) {
            throw new IllegalStateException("expected our event processor last, was " + processor.getClass());
        }
        SentryEvent cleanEvent = RealisticSentryEvent.build(false);
        String clean = json(cleanEvent);
        if (!json(hook(cleanEvent)).equals(clean)) {
            throw new IllegalStateException("the hook changed the clean event");
        }
        SentryEvent pii = RealisticSentryEvent.build(true);
        String raw = json(pii);
        String scrubbed = json(hook(pii));
        for (String value : RealisticSentryEvent.PLANTED) {
            if (scrubbed.contains(value) || !raw.contains(value)) {
                throw new IllegalStateException("the hook missed " + value);
            }
        }
        if (clean.length() < 9_000 || clean.length() > 14_000) {
            throw new IllegalStateException("the event should be about 11 KB serialized, was " + clean.length());
        }
    }

    private SentryEvent hook(SentryEvent event) {
        Hint hint = new Hint();
        SentryEvent processed = processor.process(event, hint);
        return processed == null ? event : beforeSend.execute(processed, hint);
    }

    private String json(SentryEvent event) throws Exception {
        StringWriter writer = new StringWriter(16_384);
        options.getSerializer().serialize(event, writer);
        return writer.toString();
    }

    /** Baseline: builds the event and hands it on untouched. */
    @Benchmark
    public SentryEvent eventPassThrough() {
        return RealisticSentryEvent.build(false);
    }

    /** Builds the clean event and runs our processor and {@code beforeSend} on it (nothing to redact). */
    @Benchmark
    public SentryEvent eventHookClean() {
        return hook(RealisticSentryEvent.build(false));
    }

    /** Builds the event with eight personal values and runs our processor and {@code beforeSend} on it. */
    @Benchmark
    public SentryEvent eventHookWithPii() {
        return hook(RealisticSentryEvent.build(true));
    }

    /** Scale: builds the clean event and serializes it as the SDK does before sending any event. */
    @Benchmark
    public String eventSerialization() throws Exception {
        return json(RealisticSentryEvent.build(false));
    }

    /** Baseline: builds a typical HTTP breadcrumb. */
    @Benchmark
    public Breadcrumb breadcrumbPassThrough() {
        return RealisticSentryEvent.httpBreadcrumb();
    }

    /** Builds a typical HTTP breadcrumb and runs {@code beforeBreadcrumb} on it. */
    @Benchmark
    public Breadcrumb breadcrumbHook() {
        return beforeBreadcrumb.execute(RealisticSentryEvent.httpBreadcrumb(), new Hint());
    }
}
