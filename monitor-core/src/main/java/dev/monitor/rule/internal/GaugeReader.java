package dev.monitor.rule.internal;

import dev.monitor.rule.SignalContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The sum or the highest value of the matching gauges (time gauges in seconds). Gauges reporting
 * {@code NaN} (e.g. a pool gauge without a pool) are left out; none left is no data. Not API.
 */
public final class GaugeReader implements SignalReader {

    private final MeterQuery query;
    private final boolean highest;

    /** Reads {@code query}'s gauges, summed or, with {@code highest}, the highest. */
    public GaugeReader(MeterQuery query, boolean highest) {
        this.query = Objects.requireNonNull(query, "query");
        this.highest = highest;
    }

    @Override
    public Reading read(SignalContext context) {
        MeterRegistry registry = Objects.requireNonNull(context.registry(), "registry");
        double result = highest ? Double.NEGATIVE_INFINITY : 0;
        int seen = 0;
        for (Meter meter : query.find(registry)) {
            double value;
            if (meter instanceof TimeGauge timeGauge) {
                value = timeGauge.value(TimeUnit.SECONDS);
            } else if (meter instanceof Gauge gauge) {
                value = gauge.value();
            } else {
                continue;
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            result = highest ? Math.max(result, value) : result + value;
            seen++;
        }
        if (seen == 0) {
            return Reading.noData("no gauge " + query.describe() + " with a value");
        }
        return Reading.of(result);
    }
}
