package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the free space of the file system holding a path: warns or fails when the space
 * usable by this process falls below a number of bytes or a percentage of the total.
 *
 * <pre>{@code
 * health.register("disk", new DiskSpaceHealthCheck(Path.of("/var/lib/orders")));   // warn < 10 %, fail < 5 %
 * health.register("uploads", DiskSpaceHealthCheck.builder(Path.of("/srv/uploads"))
 *         .warnBelowBytes(5L << 30).failBelowBytes(1L << 30).build());              // 5 GiB / 1 GiB
 * }</pre>
 *
 * <p>Thresholds of either kind may be combined; the worst one reached wins. The defaults (warn
 * below 10 %, fail below 5 %) apply only when no threshold is set. The observed value is the free
 * bytes; details are {@code free_bytes}, {@code total_bytes} and {@code free_percent}. The path
 * itself never appears in the result (it may name a person's home directory).
 */
public final class DiskSpaceHealthCheck implements HealthCheck {

    /** Default warning level when no threshold is set: less than 10 % free. */
    public static final double DEFAULT_WARN_BELOW_PERCENT = 10.0;
    /** Default failure level when no threshold is set: less than 5 % free. */
    public static final double DEFAULT_FAIL_BELOW_PERCENT = 5.0;

    private static final long UNSET = -1;

    private final Path path;
    private final long warnBelowBytes;
    private final long failBelowBytes;
    private final double warnBelowPercent;
    private final double failBelowPercent;

    /** Checks the file system of {@code path} with the default thresholds (warn below 10 %, fail below 5 % free). */
    public DiskSpaceHealthCheck(Path path) {
        this(builder(path));
    }

    private DiskSpaceHealthCheck(Builder builder) {
        this.path = builder.path;
        boolean anySet = builder.warnBelowBytes != UNSET || builder.failBelowBytes != UNSET
                || builder.warnBelowPercent != UNSET || builder.failBelowPercent != UNSET;
        this.warnBelowBytes = builder.warnBelowBytes;
        this.failBelowBytes = builder.failBelowBytes;
        this.warnBelowPercent = anySet ? builder.warnBelowPercent : DEFAULT_WARN_BELOW_PERCENT;
        this.failBelowPercent = anySet ? builder.failBelowPercent : DEFAULT_FAIL_BELOW_PERCENT;
    }

    /** A builder for a check of the file system holding {@code path}. */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    @Override
    public HealthResult check() {
        long usable;
        long total;
        try {
            FileStore store = Files.getFileStore(path);
            usable = store.getUsableSpace();
            total = store.getTotalSpace();
        } catch (NoSuchFileException e) {
            return HealthResult.fail("the checked path does not exist");
        } catch (FileSystemException e) {
            return HealthResult.fail("cannot read the file store: " + Failures.describeWithoutPath(e));
        } catch (IOException | SecurityException e) {
            return HealthResult.fail("cannot read the file store: " + e.getClass().getSimpleName());
        }
        double freePercent = total > 0 ? usable * 100.0 / total : 0.0;
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        if (below(usable, failBelowBytes) || belowPercent(total, freePercent, failBelowPercent)) {
            status = CheckStatus.FAIL;
            error = "low disk space: " + describe(usable, freePercent) + " (fail below " + thresholds(failBelowBytes,
                    failBelowPercent) + ")";
        } else if (below(usable, warnBelowBytes) || belowPercent(total, freePercent, warnBelowPercent)) {
            status = CheckStatus.WARN;
            error = "disk space running low: " + describe(usable, freePercent) + " (warn below "
                    + thresholds(warnBelowBytes, warnBelowPercent) + ")";
        }
        return HealthResult.builder(status)
                .observed("freeBytes", usable, "bytes")
                .detail("free_bytes", usable)
                .detail("total_bytes", total)
                .detail("free_percent", Math.round(freePercent * 10.0) / 10.0)
                .error(error)
                .build();
    }

    private static boolean below(long usable, long threshold) {
        return threshold != UNSET && usable < threshold;
    }

    private static boolean belowPercent(long total, double freePercent, double threshold) {
        return threshold != UNSET && total > 0 && freePercent < threshold;
    }

    private static String describe(long usable, double freePercent) {
        return usable + " bytes free (" + String.format(Locale.ROOT, "%.1f", freePercent) + " %)";
    }

    private static String thresholds(long bytes, double percent) {
        StringBuilder text = new StringBuilder();
        if (bytes != UNSET) {
            text.append(bytes).append(" bytes");
        }
        if (percent != UNSET) {
            if (text.length() > 0) {
                text.append(" or ");
            }
            text.append(String.format(Locale.ROOT, "%.1f", percent)).append(" %");
        }
        return text.toString();
    }

    /** Builds a {@link DiskSpaceHealthCheck}; setting any threshold replaces the defaults. */
    public static final class Builder {
        private final Path path;
        private long warnBelowBytes = UNSET;
        private long failBelowBytes = UNSET;
        private double warnBelowPercent = UNSET;
        private double failBelowPercent = UNSET;

        private Builder(Path path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Warn when fewer than {@code bytes} are free; at least 0. */
        public Builder warnBelowBytes(long bytes) {
            this.warnBelowBytes = bytes("warnBelowBytes", bytes);
            return this;
        }

        /** Fail when fewer than {@code bytes} are free; at least 0. */
        public Builder failBelowBytes(long bytes) {
            this.failBelowBytes = bytes("failBelowBytes", bytes);
            return this;
        }

        /** Warn when less than {@code percent} of the total is free; 0 to 100. */
        public Builder warnBelowPercent(double percent) {
            this.warnBelowPercent = ArgumentChecks.percent("warnBelowPercent", percent);
            return this;
        }

        /** Fail when less than {@code percent} of the total is free; 0 to 100. */
        public Builder failBelowPercent(double percent) {
            this.failBelowPercent = ArgumentChecks.percent("failBelowPercent", percent);
            return this;
        }

        /** Builds the check. */
        public DiskSpaceHealthCheck build() {
            if (warnBelowBytes != UNSET && failBelowBytes != UNSET && failBelowBytes > warnBelowBytes) {
                throw new IllegalArgumentException("failBelowBytes (" + failBelowBytes
                        + ") must not be greater than warnBelowBytes (" + warnBelowBytes + ")");
            }
            if (warnBelowPercent != UNSET && failBelowPercent != UNSET && failBelowPercent > warnBelowPercent) {
                throw new IllegalArgumentException("failBelowPercent (" + failBelowPercent
                        + ") must not be greater than warnBelowPercent (" + warnBelowPercent + ")");
            }
            return new DiskSpaceHealthCheck(this);
        }

        private static long bytes(String name, long value) {
            if (value < 0) {
                throw new IllegalArgumentException(name + " must be at least 0, was " + value);
            }
            return value;
        }
    }
}
