package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * The increase, or the per-second rate, of the summed cumulative count of the matching counters, function
 * counters, timers, function timers and distribution summaries over a window, from samples taken at the
 * rule's evaluations. Not API.
 *
 * <p>Each evaluation records {@code (time, total count)}. The value compares the current total with the
 * newest sample at least {@code window} old (or, while fewer samples exist, the oldest one): the increase
 * is the difference, the rate the difference divided by the seconds between the two samples. The first
 * evaluation only takes a sample (warming up). A total lower than the previous sample means the meters
 * were removed and recreated: the samples restart from it. No matching meter counts as 0 (a counter
 * created on first use has counted nothing yet). Samples older than the window are dropped, so a reader
 * keeps about {@code window / interval + 2} samples, never more than {@value #MAX_SAMPLES}.
 */
public final class CountDeltaReader implements SignalReader {

    /** Most samples kept, whatever the window and interval. */
    public static final int MAX_SAMPLES = 10_000;

    private record Sample(Instant at, double count) {
    }

    private final MeterQuery query;
    private final Duration window;
    private final boolean perSecond;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /** Reads {@code query}'s count increase over {@code window}, or its rate per second with {@code perSecond}. */
    public CountDeltaReader(MeterQuery query, Duration window, boolean perSecond) {
        this.query = Objects.requireNonNull(query, "query");
        this.window = Objects.requireNonNull(window, "window");
        this.perSecond = perSecond;
    }

    @Override
    public Reading read(SignalContext context) {
        MeterRegistry registry = Objects.requireNonNull(context.registry(), "registry");
        Instant now = context.now();
        double total = total(query, registry);
        Sample last = samples.peekLast();
        if (last != null && (total < last.count() || !now.isAfter(last.at()))) {
            samples.clear(); // counter reset (meters recreated) or a clock that went back: start again
            last = null;
        }
        if (last == null) {
            samples.addLast(new Sample(now, total));
            return Reading.warmingUp();
        }
        Instant cutoff = now.minus(window);
        Sample base = samples.peekFirst();
        for (Sample sample : samples) {
            if (sample.at().isAfter(cutoff)) {
                break;
            }
            base = sample; // the newest sample at least a window old
        }
        // Keep the base and everything newer: older samples can never be a base again.
        Iterator<Sample> oldest = samples.iterator();
        while (oldest.hasNext()) {
            Sample sample = oldest.next();
            if (sample == base) {
                break;
            }
            oldest.remove();
        }
        samples.addLast(new Sample(now, total));
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        double increase = total - base.count();
        if (!perSecond) {
            return Reading.of(increase);
        }
        double seconds = Duration.between(base.at(), now).toNanos() / 1e9;
        return Reading.of(increase / seconds);
    }

    /** Samples held now, for tests of the bound. */
    int samples() {
        return samples.size();
    }

    /** The summed count of the counters, timers and summaries {@code query} matches; none counts as 0. */
    static double total(MeterQuery query, MeterRegistry registry) {
        double total = 0;
        for (Meter meter : query.find(registry)) {
            double count;
            if (meter instanceof Counter counter) {
                count = counter.count();
            } else if (meter instanceof Timer timer) {
                count = timer.count();
            } else if (meter instanceof DistributionSummary summary) {
                count = summary.count();
            } else if (meter instanceof FunctionCounter counter) {
                count = counter.count();
            } else if (meter instanceof FunctionTimer timer) {
                count = timer.count();
            } else {
                continue;
            }
            if (!Double.isNaN(count)) {
                total += count;
            }
        }
        return total;
    }
}
