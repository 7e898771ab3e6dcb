package dev.monitor.benchmarks.pii;

import dev.monitor.pii.Scrubber;
import java.nio.charset.StandardCharsets;
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
 * Scrubbing a 2 KB Sentry-like event, clean and with five personal values, with {@link Scrubber#defaults()} and with
 * the {@link NaiveRegexScrubber} baseline, in the same run. Throughput is in events per second; MB/s is
 * {@code ops/s × EVENT_BYTES / 10^6} (the event is ASCII, so bytes = characters).
 *
 * <pre>monitor-benchmarks/run.sh ScrubberBenchmark -prof gc</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(3)
public class ScrubberBenchmark {

    private final Scrubber scrubber = Scrubber.defaults();
    private final NaiveRegexScrubber baseline = new NaiveRegexScrubber();
    private String clean = "";
    private String withPii = "";

    /** Checks the inputs before measuring: the sizes, and that both scrubbers find the five values. */
    @Setup
    public void setUp() {
        clean = SentryLikeEvent.CLEAN;
        withPii = SentryLikeEvent.WITH_PII;
        int bytes = clean.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 1900 || bytes > 2300) {
            throw new IllegalStateException("the clean event should be about 2 KB, was " + bytes + " bytes");
        }
        if (scrubber.scrub(clean) != clean) {
            throw new IllegalStateException("the scrubber changed the clean event: " + scrubber.scrub(clean));
        }
        if (!baseline.scrub(clean).equals(clean)) {
            throw new IllegalStateException("the baseline changed the clean event: " + baseline.scrub(clean));
        }
        for (String marker : new String[] {"@example.com", "[payment_card]", "[ip_address]", "[phone]",
            "[auth_credential]"}) {
            if (!scrubber.scrub(withPii).contains(marker)) {
                throw new IllegalStateException("the scrubber missed " + marker + ": " + scrubber.scrub(withPii));
            }
        }
        String scrubbedByBaseline = baseline.scrub(withPii);
        for (String value : new String[] {"maria.garcia@example.com", "4111 1111 1111 1111", "203.0.113.195",
            "7946 0958", "8f3kd92jfk3l0s9dk3k2m5n6b7v8c9x0"}) {
            if (scrubbedByBaseline.contains(value)) {
                throw new IllegalStateException("the baseline missed " + value + ": " + scrubbedByBaseline);
            }
        }
    }

    /** Our scrubber on the clean event (returns the same instance). */
    @Benchmark
    public String scrubberClean() {
        return scrubber.scrub(clean);
    }

    /** Our scrubber on the event with five personal values. */
    @Benchmark
    public String scrubberWithPii() {
        return scrubber.scrub(withPii);
    }

    /** The naive sequential-regex baseline on the clean event. */
    @Benchmark
    public String naiveRegexClean() {
        return baseline.scrub(clean);
    }

    /** The naive sequential-regex baseline on the event with five personal values. */
    @Benchmark
    public String naiveRegexWithPii() {
        return baseline.scrub(withPii);
    }
}
