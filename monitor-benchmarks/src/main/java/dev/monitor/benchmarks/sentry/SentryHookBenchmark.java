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
import org.openjdk.jmh.annotations.Level;
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
 * {@link RealisticSentryEvent}; and {@code beforeBreadcrumb} on a typical HTTP breadcrumb.
 *
 * <ul>
 *   <li>Clean: the hooks leave a clean event or breadcrumb exactly as it was (checked in {@link #setUp()}), so one
 *       built object is hooked again and again: the figure is the hooks' cost alone.</li>
 *   <li>With personal data: scrubbing changes the event in place, so each operation gets a freshly built one
 *       ({@code Level.Invocation} set-up, outside the measured time; an operation takes tens of microseconds, far above
 *       the set-up's timing overhead).</li>
 *   <li>Baselines in the same run: the raw pass-through (the event handed on untouched, what the SDK does without
 *       hooks) and the SDK's own serialization of the same clean event, which it does for every event it sends: the
 *       scale against which the hooks' cost is judged.</li>
 * </ul>
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
    private SentryEvent cleanEvent = new SentryEvent();
    private Breadcrumb cleanBreadcrumb = new Breadcrumb();

    /** A fresh event with personal data for every operation. */
    @State(Scope.Thread)
    public static class EventWithPii {
        SentryEvent event = new SentryEvent();

        /** Builds the event outside the measured time. */
        @Setup(Level.Invocation)
        public void build() {
            event = RealisticSentryEvent.build(true);
        }
    }

    /** A fresh breadcrumb with personal data for every operation. */
    @State(Scope.Thread)
    public static class BreadcrumbWithPii {
        Breadcrumb breadcrumb = new Breadcrumb();

        /** Builds the breadcrumb outside the measured time. */
        @Setup(Level.Invocation)
        public void build() {
            breadcrumb = RealisticSentryEvent.httpBreadcrumbWithPii();
        }
    }

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
        cleanEvent = RealisticSentryEvent.build(false);
        String clean = json(cleanEvent);
        for (int i = 0; i < 3; i++) {
            if (!json(hook(cleanEvent)).equals(clean)) {
                throw new IllegalStateException("the hooks changed the clean event");
            }
        }
        if (clean.length() < 9_000 || clean.length() > 14_000) {
            throw new IllegalStateException("the event should be about 11 KB serialized, was " + clean.length());
        }
        SentryEvent pii = RealisticSentryEvent.build(true);
        String raw = json(pii);
        String scrubbed = json(hook(pii));
        for (String value : RealisticSentryEvent.PLANTED) {
            if (scrubbed.contains(value) || !raw.contains(value)) {
                throw new IllegalStateException("the hooks missed " + value);
            }
        }
        cleanBreadcrumb = RealisticSentryEvent.httpBreadcrumb();
        String cleanCrumb = json(cleanBreadcrumb);
        if (!json(beforeBreadcrumb.execute(cleanBreadcrumb, new Hint())).equals(cleanCrumb)) {
            throw new IllegalStateException("the hook changed the clean breadcrumb");
        }
        String crumb = json(beforeBreadcrumb.execute(RealisticSentryEvent.httpBreadcrumbWithPii(), new Hint()));
        if (crumb.contains("maria.garcia@example.com") || crumb.contains("tok3nV4lue99zz")) {
            throw new IllegalStateException("the hook missed a value in the breadcrumb: " + crumb);
        }
    }

    private SentryEvent hook(SentryEvent event) {
        Hint hint = new Hint();
        SentryEvent processed = processor.process(event, hint);
        return processed == null ? event : beforeSend.execute(processed, hint);
    }

    private String json(Object value) throws Exception {
        StringWriter writer = new StringWriter(16_384);
        options.getSerializer().serialize(value, writer);
        return writer.toString();
    }

    /** Baseline: the event handed on untouched. */
    @Benchmark
    public SentryEvent eventPassThrough() {
        return cleanEvent;
    }

    /** Our processor and {@code beforeSend} on the clean event (nothing to redact, nothing changed). */
    @Benchmark
    public SentryEvent eventHookClean() {
        return hook(cleanEvent);
    }

    /** Our processor and {@code beforeSend} on a fresh event with eight personal values. */
    @Benchmark
    public SentryEvent eventHookWithPii(EventWithPii input) {
        return hook(input.event);
    }

    /** Scale: the SDK's serialization of the clean event, done for every event it sends. */
    @Benchmark
    public String eventSerialization() throws Exception {
        return json(cleanEvent);
    }

    /** Baseline: the breadcrumb handed on untouched. */
    @Benchmark
    public Breadcrumb breadcrumbPassThrough() {
        return cleanBreadcrumb;
    }

    /** {@code beforeBreadcrumb} on a clean HTTP breadcrumb. */
    @Benchmark
    public Breadcrumb breadcrumbHookClean() {
        return beforeBreadcrumb.execute(cleanBreadcrumb, new Hint());
    }

    /** {@code beforeBreadcrumb} on a fresh HTTP breadcrumb whose URL carries an email and a token. */
    @Benchmark
    public Breadcrumb breadcrumbHookWithPii(BreadcrumbWithPii input) {
        return beforeBreadcrumb.execute(input.breadcrumb, new Hint());
    }
}
