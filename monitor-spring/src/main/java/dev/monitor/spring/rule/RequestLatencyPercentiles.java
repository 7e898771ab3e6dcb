package dev.monitor.spring.rule;

import dev.monitor.rule.StandardRules;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.Arrays;
import java.util.TreeSet;

/**
 * Makes the {@code http.server.requests} timer publish the percentiles the latency rules read. Spring Boot's
 * observation-based timer publishes none unless {@code management.metrics.distribution.percentiles} says so, and a
 * latency rule reading a timer without its percentile would evaluate to an error (and alert). The percentiles are added
 * to those already configured, never removed.
 */
final class RequestLatencyPercentiles implements MeterFilter {

    private final double[] percentiles;

    RequestLatencyPercentiles(double... percentiles) {
        this.percentiles = percentiles.clone();
    }

    @Override
    public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER || !id.getName().equals(StandardRules.REQUESTS)) {
            return config;
        }
        double[] current = config.getPercentiles();
        TreeSet<Double> union = new TreeSet<>();
        if (current != null) {
            Arrays.stream(current).forEach(union::add);
        }
        int before = union.size();
        Arrays.stream(percentiles).forEach(union::add);
        if (union.size() == before) {
            return config;
        }
        return DistributionStatisticConfig.builder()
                .percentiles(union.stream().mapToDouble(Double::doubleValue).toArray())
                .build()
                .merge(config);
    }

    /** The percentiles added. */
    double[] percentiles() {
        return percentiles.clone();
    }
}
