package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/**
 * Checks the JVM heap: warns or fails when the used heap reaches a percentage of the maximum.
 *
 * <pre>{@code
 * health.register("heap", new HeapMemoryHealthCheck(),                 // warn at 90 %, fail at 98 %
 *         CheckOptions.builder().critical(false).groups("live").build());
 * health.register("heap", HeapMemoryHealthCheck.builder().warnAtPercent(80).failAtPercent(95).build());
 * }</pre>
 *
 * <p>Used heap includes garbage not yet collected, so brief peaks are normal; combine it with a
 * failure threshold in {@code CheckOptions} to ignore single readings. When the JVM reports no
 * maximum, the committed heap is used instead. The observed value is the used percentage;
 * details are {@code heap_used_bytes} and {@code heap_max_bytes}.
 */
public final class HeapMemoryHealthCheck implements HealthCheck {

    /** Default warning level: 90 % of the maximum heap used. */
    public static final double DEFAULT_WARN_AT_PERCENT = 90.0;
    /** Default failure level: 98 % of the maximum heap used. */
    public static final double DEFAULT_FAIL_AT_PERCENT = 98.0;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final double warnAtPercent;
    private final double failAtPercent;

    /** Checks the heap with the defaults: warn at 90 %, fail at 98 % used. */
    public HeapMemoryHealthCheck() {
        this(builder());
    }

    private HeapMemoryHealthCheck(Builder builder) {
        this.warnAtPercent = builder.warnAtPercent;
        this.failAtPercent = builder.failAtPercent;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public HealthResult check() {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long used = heap.getUsed();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double usedPercent = max > 0 ? used * 100.0 / max : 0.0;
        double rounded = Math.round(usedPercent * 10.0) / 10.0;
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        if (usedPercent >= failAtPercent) {
            status = CheckStatus.FAIL;
            error = "heap " + format(usedPercent) + " % used (fail at " + format(failAtPercent) + " %)";
        } else if (usedPercent >= warnAtPercent) {
            status = CheckStatus.WARN;
            error = "heap " + format(usedPercent) + " % used (warn at " + format(warnAtPercent) + " %)";
        }
        return HealthResult.builder(status)
                .observed("usedPercent", rounded, "percent")
                .detail("heap_used_bytes", used)
                .detail("heap_max_bytes", max)
                .error(error)
                .build();
    }

    private static String format(double percent) {
        return String.format(Locale.ROOT, "%.1f", percent);
    }

    /** Builds a {@link HeapMemoryHealthCheck}. */
    public static final class Builder {
        private double warnAtPercent = DEFAULT_WARN_AT_PERCENT;
        private double failAtPercent = DEFAULT_FAIL_AT_PERCENT;

        private Builder() {
        }

        /** Warn when at least {@code percent} of the maximum heap is used (default 90); 0 to 100. */
        public Builder warnAtPercent(double percent) {
            this.warnAtPercent = ArgumentChecks.percent("warnAtPercent", percent);
            return this;
        }

        /** Fail when at least {@code percent} of the maximum heap is used (default 98); 0 to 100. */
        public Builder failAtPercent(double percent) {
            this.failAtPercent = ArgumentChecks.percent("failAtPercent", percent);
            return this;
        }

        /** Builds the check. */
        public HeapMemoryHealthCheck build() {
            if (failAtPercent < warnAtPercent) {
                throw new IllegalArgumentException("failAtPercent (" + failAtPercent
                        + ") must not be less than warnAtPercent (" + warnAtPercent + ")");
            }
            return new HeapMemoryHealthCheck(this);
        }
    }
}
