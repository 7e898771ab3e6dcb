package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

/**
 * The rate of the summed cumulative count of the matching meters over the current window, as a multiple of its own
 * baseline: the median rate of the {@code windows} windows before it, but at least {@code minBaselineRate} per second
 * (so that a quiet service going from 1 to 3 requests a minute is not a spike). Not API.
 *
 * <p>Each evaluation records {@code (time, total count)}. The window boundaries are {@code now - i × window}; the count
 * at a boundary is the newest sample at or before it. Until the samples reach back {@code windows + 1} windows the
 * reading is no data (the first evaluation only samples). A count that went down (meters recreated) or a clock that
 * went back restarts the samples. Samples older than the oldest boundary are dropped, so a reader keeps about
 * {@code (windows + 1) × window / interval + 2} samples, never more than {@value #MAX_SAMPLES}.
 */
public final class BaselineRateReader implements SignalReader {

    /** Most samples kept, whatever the window and interval. */
    public static final int MAX_SAMPLES = CountDeltaReader.MAX_SAMPLES;

    private record Sample(Instant at, double count) {
    }

    private final MeterQuery query;
    private final Duration window;
    private final int windows;
    private final double minBaselineRate;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    /**
     * Reads {@code query}'s rate over {@code window} against the median of the {@code windows} windows before, at least
     * {@code minBaselineRate} per second.
     */
    public BaselineRateReader(MeterQuery query, Duration window, int windows, double minBaselineRate) {
        this.query = Objects.requireNonNull(query, "query");
        this.window = Objects.requireNonNull(window, "window");
        this.windows = windows;
        this.minBaselineRate = minBaselineRate;
    }

    @Override
    public Reading read(SignalContext context) {
        MeterRegistry registry = Objects.requireNonNull(context.registry(), "registry");
        Instant now = context.now();
        double total = CountDeltaReader.total(query, registry);
        Sample last = samples.peekLast();
        if (last != null && (total < last.count() || !now.isAfter(last.at()))) {
            samples.clear(); // counter reset (meters recreated) or a clock that went back: start again
            last = null;
        }
        samples.addLast(new Sample(now, total));
        while (samples.size() > MAX_SAMPLES) {
            samples.removeFirst();
        }
        if (last == null) {
            return Reading.warmingUp();
        }
        Sample[] bounds = new Sample[windows + 2];
        bounds[0] = samples.peekLast();
        for (int i = 1; i < bounds.length; i++) {
            bounds[i] = newestAtOrBefore(now.minus(window.multipliedBy(i)));
            if (bounds[i] == null) {
                Duration covered = Duration.between(samples.peekFirst().at(), now);
                return Reading.noData("the baseline needs " + RuleTexts.duration(window.multipliedBy(windows + 1L))
                        + " of samples, has " + RuleTexts.duration(covered));
            }
        }
        dropOlderThan(bounds[bounds.length - 1]);
        double current = rate(bounds[1], bounds[0]);
        double[] baseline = new double[windows];
        int rates = 0;
        for (int i = 1; i <= windows; i++) {
            double rate = rate(bounds[i + 1], bounds[i]);
            if (!Double.isNaN(rate)) {
                baseline[rates++] = rate;
            }
        }
        if (Double.isNaN(current) || rates == 0) {
            return Reading.noData("no samples inside the windows (evaluations missed)");
        }
        return Reading.of(current / Math.max(median(Arrays.copyOf(baseline, rates)), minBaselineRate));
    }

    /** Samples held now, for tests of the bound. */
    int samples() {
        return samples.size();
    }

    private Sample newestAtOrBefore(Instant time) {
        Sample found = null;
        for (Sample sample : samples) {
            if (sample.at().isAfter(time)) {
                break;
            }
            found = sample;
        }
        return found;
    }

    private void dropOlderThan(Sample oldestNeeded) {
        Iterator<Sample> oldest = samples.iterator();
        while (oldest.hasNext() && oldest.next() != oldestNeeded) {
            oldest.remove();
        }
    }

    /** The per-second rate between two samples, or {@code NaN} when they are the same sample. */
    private static double rate(Sample from, Sample to) {
        double seconds = Duration.between(from.at(), to.at()).toNanos() / 1e9;
        return seconds <= 0 ? Double.NaN : (to.count() - from.count()) / seconds;
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
