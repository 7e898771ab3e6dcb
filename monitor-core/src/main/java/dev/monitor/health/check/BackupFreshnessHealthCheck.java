package dev.monitor.health.check;

import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.Failures;
import dev.monitor.config.internal.NewestFiles;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks that a recent backup exists: finds the newest regular file whose name matches a glob
 * under a directory and fails if there is none, if it is older than the maximum age, or if it is
 * smaller than the minimum size.
 *
 * <pre>{@code
 * health.register("nightly-backup", BackupFreshnessHealthCheck.builder(Path.of("/var/backups/orders"), Duration.ofHours(26))
 *         .glob("orders-*.sql.gz").minSizeBytes(1_000_000).build(),
 *         CheckOptions.builder().critical(false).background(Duration.ofMinutes(5)).build());
 * }</pre>
 *
 * <p>"Newest" means the latest last-modified time. By default only the directory's own files are
 * looked at; {@link Builder#maxDepth(int)} looks into subdirectories. The observed value is the
 * newest file's age in seconds; details are {@code newest_file} (the file name only, never the
 * path: home directories are personal data), {@code age_seconds}, {@code size_bytes} and
 * {@code matching_files}. The scan stops when the registry interrupts the check at its deadline.
 */
public final class BackupFreshnessHealthCheck implements HealthCheck {

    private final Path directory;
    private final Duration maxAge;
    private final String glob;
    private final PathMatcher matcher;
    private final long minSizeBytes;
    private final int maxDepth;
    private final Clock clock;

    /** Checks that a file newer than {@code maxAge} exists directly in {@code directory}. */
    public BackupFreshnessHealthCheck(Path directory, Duration maxAge) {
        this(builder(directory, maxAge));
    }

    private BackupFreshnessHealthCheck(Builder builder) {
        this.directory = builder.directory;
        this.maxAge = builder.maxAge;
        this.glob = builder.glob;
        this.matcher = builder.matcher;
        this.minSizeBytes = builder.minSizeBytes;
        this.maxDepth = builder.maxDepth;
        this.clock = builder.clock;
    }

    /** A builder for a check of the newest file under {@code directory}, failing when older than {@code maxAge}. */
    public static Builder builder(Path directory, Duration maxAge) {
        return new Builder(directory, maxAge);
    }

    /**
     * Returns {@code directory}, stripped, as the path {@link #builder(Path, Duration)} takes, if it names one.
     *
     * @param option the option's name as the user wrote it ({@code "directory"}), put first in the refusal
     * @throws IllegalArgumentException naming the option, if {@code directory} is null, blank or not a path
     */
    public static Path requireDirectory(String option, @Nullable String directory) {
        if (directory == null || directory.isBlank()) {
            throw noDirectory(option, directory);
        }
        try {
            return Path.of(directory.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(option + " is not a path (" + e.getReason() + "), was '" + directory + "'", e);
        }
    }

    /**
     * Returns {@code glob}, stripped, if it is a file name pattern {@link Builder#glob(String)} takes, such as
     * {@code *.sql.gz}.
     *
     * @param option the option's name as the user wrote it ({@code "glob"}), put first in the refusal
     * @throws IllegalArgumentException naming the option, if {@code glob} is null, blank or not a valid glob
     */
    public static String requireGlob(String option, @Nullable String glob) {
        NewestFiles.matcher(Path.of(""), option, glob);
        return Objects.requireNonNull(glob).strip();
    }

    private static IllegalArgumentException noDirectory(String option, @Nullable String directory) {
        return new IllegalArgumentException(option + " must name the backup directory, was "
                + (directory == null ? "null" : "'" + directory + "'"));
    }

    @Override
    public HealthResult check() {
        if (!Files.isDirectory(directory)) {
            return HealthResult.fail("backup directory does not exist or is not a directory");
        }
        NewestFiles.Scan scan;
        try {
            scan = NewestFiles.scan(directory, matcher, maxDepth, 1);
        } catch (NoSuchFileException e) {
            return HealthResult.fail("backup directory does not exist or is not a directory");
        } catch (FileSystemException e) {
            return HealthResult.fail("cannot list the backup directory: " + Failures.describeWithoutPath(e));
        } catch (IOException | SecurityException e) {
            return HealthResult.fail("cannot list the backup directory: " + e.getClass().getSimpleName());
        }
        if (scan.interrupted()) {
            Thread.currentThread().interrupt();
            return HealthResult.fail("interrupted while scanning the backup directory");
        }
        if (scan.newest().isEmpty()) {
            return HealthResult.fail("no backup file matching '" + glob + "' found");
        }
        NewestFiles.Found newest = scan.newest().get(0);
        Duration age = Duration.between(newest.modified(), clock.instant());
        if (age.isNegative()) {
            age = Duration.ZERO; // modified "in the future": clock skew, not staleness
        }
        CheckStatus status = CheckStatus.PASS;
        String error = null;
        if (age.compareTo(maxAge) > 0) {
            status = CheckStatus.FAIL;
            error = "newest backup is " + describe(age) + " old (max " + describe(maxAge) + ")";
        } else if (newest.size() < minSizeBytes) {
            status = CheckStatus.FAIL;
            error = "newest backup has " + newest.size() + " bytes (min " + minSizeBytes + ")";
        }
        return HealthResult.builder(status)
                .observed("age", age.getSeconds(), "s")
                .detail("newest_file", newest.name())
                .detail("age_seconds", age.getSeconds())
                .detail("size_bytes", newest.size())
                .detail("matching_files", scan.count())
                .error(error)
                .build();
    }

    /** Compact duration such as {@code 26h30m}, {@code 45m10s} or {@code 12s}. */
    private static String describe(Duration duration) {
        long seconds = duration.getSeconds();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** Builds a {@link BackupFreshnessHealthCheck}. */
    public static final class Builder {
        private final Path directory;
        private final Duration maxAge;
        private String glob = "*";
        private PathMatcher matcher;
        private long minSizeBytes;
        private int maxDepth = 1;
        private Clock clock = Clock.systemUTC();

        private Builder(Path directory, Duration maxAge) {
            this.directory = Objects.requireNonNull(directory, "directory");
            if (directory.toString().isBlank()) {
                throw noDirectory("directory", directory.toString());
            }
            this.maxAge = ArgumentChecks.period("maxAge", maxAge);
            this.matcher = NewestFiles.matcher(directory, "glob", "*");
        }

        /** Only file names matching this glob count, e.g. {@code "orders-*.sql.gz"} (default {@code "*"}); not blank. */
        public Builder glob(String glob) {
            Objects.requireNonNull(glob, "glob");
            this.matcher = NewestFiles.matcher(directory, "glob", glob);
            this.glob = glob;
            return this;
        }

        /** Fails when the newest file is smaller than this many bytes (default 0); at least 0. */
        public Builder minSizeBytes(long minSizeBytes) {
            if (minSizeBytes < 0) {
                throw new IllegalArgumentException("minSizeBytes must be at least 0, was " + minSizeBytes);
            }
            this.minSizeBytes = minSizeBytes;
            return this;
        }

        /** How deep to look: 1 (default) is the directory's own files, 2 includes its subdirectories, and so on. */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1 || maxDepth > 32) {
                throw new IllegalArgumentException("maxDepth must be between 1 and 32, was " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        /** The clock ages are measured against (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Builds the check. */
        public BackupFreshnessHealthCheck build() {
            return new BackupFreshnessHealthCheck(this);
        }
    }
}
