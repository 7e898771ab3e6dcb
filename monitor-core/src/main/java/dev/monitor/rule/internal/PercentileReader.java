package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A percentile of the matching timers (in seconds) or distribution summaries, as their histogram
 * snapshot reports it: the client-side percentiles the meter publishes ({@code publishPercentiles}),
 * which Micrometer computes over its sliding window ({@code distributionStatisticExpiry}, 2 minutes by
 * default). With several matching meters (one per URI, say) the highest is taken: percentiles cannot be
 * added up. A meter that does not publish the percentile is an error naming the setting to add. Not API.
 */
public final class PercentileReader implements SignalReader {

    private static final double SAME_PERCENTILE = 1e-9;

    private final MeterQuery query;
    private final double percentile;

    /** Reads {@code percentile} (0 to 1) of {@code query}'s timers or summaries. */
    public PercentileReader(MeterQuery query, double percentile) {
        this.query = Objects.requireNonNull(query, "query");
        this.percentile = percentile;
    }

    @Override
    public Reading read(SignalContext context) {
        MeterRegistry registry = Objects.requireNonNull(context.registry(), "registry");
        double highest = Double.NEGATIVE_INFINITY;
        int meters = 0;
        int withPercentile = 0;
        for (Meter meter : query.find(registry)) {
            HistogramSnapshot snapshot;
            boolean timer;
            if (meter instanceof Timer t) {
                snapshot = t.takeSnapshot();
                timer = true;
            } else if (meter instanceof DistributionSummary summary) {
                snapshot = summary.takeSnapshot();
                timer = false;
            } else {
                continue;
            }
            meters++;
            for (ValueAtPercentile value : snapshot.percentileValues()) {
                if (Math.abs(value.percentile() - percentile) < SAME_PERCENTILE) {
                    double v = timer ? value.value(TimeUnit.SECONDS) : value.value();
                    if (!Double.isNaN(v)) {
                        highest = Math.max(highest, v);
                        withPercentile++;
                    }
                    break;
                }
            }
        }
        if (meters == 0) {
            return Reading.noData("no timer or distribution summary " + query.describe());
        }
        if (withPercentile == 0) {
            throw new IllegalStateException(query.describe() + " publishes no " + percentile
                    + " percentile; build the meter with publishPercentiles(" + percentile + ")");
        }
        return Reading.of(highest);
    }
}
