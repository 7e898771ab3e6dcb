package dev.monitor.spring.job;

import dev.monitor.job.JobSchedule;
import dev.monitor.job.backup.BackupVerifier;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * One backup verification of {@code monitor.jobs.backups.<name>.*}: a {@link BackupVerifier} of the backups in a
 * directory, run as the monitored job {@code <name>} on a cron schedule. The values are checked by the core builders;
 * a bad one fails startup with a message that starts with the property's full name.
 */
public class BackupProperties {

    /** The directory the backups are written to; required. */
    private @Nullable String directory;

    /** Only file names matching this glob are backups, e.g. orders-*.sql.gz. */
    private String glob = "*";

    /** When to verify: a cron expression, 5 fields (as in crontab) or 6 with seconds first; required. */
    private @Nullable String cron;

    /** Time zone of the cron expression, e.g. Europe/Berlin. */
    private ZoneId timeZone = ZoneOffset.UTC;

    /** The newest backup fails its age check when older than this. */
    private Duration maxAge = Duration.ofHours(26);

    /** The newest backup fails its size check when smaller than the previous one by more than this percentage (0-100). */
    private double maxShrinkPercent = 50;

    /** The newest backup fails its size check when smaller than this many bytes. */
    private long minSizeBytes = 1;

    /** Whether a missing <file>.sha256 beside the backup fails the checksum check (else it is skipped). */
    private boolean requireChecksum;

    /** Name of a RestoreProbe bean that restores each backup somewhere harmless and reports figures (default none). */
    private @Nullable String restoreProbe;

    /** How long the restore probe may take before it is interrupted (at most 1 hour). */
    private Duration restoreTimeout = Duration.ofMinutes(10);

    /**
     * The verifier's builder with these properties applied (no restore probe, no alerts: the auto-configuration adds
     * them).
     *
     * @throws IllegalArgumentException whose message starts with the property's full name
     */
    BackupVerifier.Builder toBuilder(String name) {
        String prefix = "monitor.jobs.backups." + name + ".";
        if (directory == null || directory.isBlank()) {
            throw new IllegalArgumentException(prefix + "directory must be set");
        }
        Path path;
        try {
            path = Path.of(directory.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(prefix + "directory is not a valid path: " + e.getReason(), e);
        }
        BackupVerifier.Builder builder = apply(prefix, "name", () -> BackupVerifier.builder(name, path));
        apply(prefix, "glob", () -> builder.glob(glob));
        apply(prefix, "max-age", () -> builder.maxAge(maxAge));
        apply(prefix, "max-shrink-percent", () -> builder.maxShrinkPercent(maxShrinkPercent));
        apply(prefix, "min-size-bytes", () -> builder.minSizeBytes(minSizeBytes));
        apply(prefix, "restore-timeout", () -> builder.restoreTimeout(restoreTimeout));
        return builder.requireChecksum(requireChecksum);
    }

    /**
     * The verification schedule.
     *
     * @throws IllegalArgumentException whose message starts with the property's full name
     */
    JobSchedule toSchedule(String name) {
        String prefix = "monitor.jobs.backups." + name + ".";
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException(prefix + "cron must be set, e.g. '30 3 * * *'");
        }
        if (timeZone == null) {
            throw new IllegalArgumentException(prefix + "time-zone must be set");
        }
        return apply(prefix, "cron", () -> JobSchedule.cron(cron, timeZone));
    }

    private interface Setting<T> {
        T apply();
    }

    private static <T> T apply(String prefix, String property, Setting<T> setting) {
        try {
            return setting.apply();
        } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
            throw new IllegalArgumentException(prefix + property + ": " + e.getMessage(), e);
        }
    }

    /** The backup directory, or null. */
    public @Nullable String getDirectory() {
        return directory;
    }

    /** Sets the backup directory. */
    public void setDirectory(@Nullable String directory) {
        this.directory = directory;
    }

    /** The glob of backup file names. */
    public String getGlob() {
        return glob;
    }

    /** Sets the glob of backup file names. */
    public void setGlob(String glob) {
        this.glob = glob;
    }

    /** The cron expression, or null. */
    public @Nullable String getCron() {
        return cron;
    }

    /** Sets the cron expression. */
    public void setCron(@Nullable String cron) {
        this.cron = cron;
    }

    /** The cron expression's time zone. */
    public ZoneId getTimeZone() {
        return timeZone;
    }

    /** Sets the cron expression's time zone. */
    public void setTimeZone(ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    /** The maximum age of the newest backup. */
    public Duration getMaxAge() {
        return maxAge;
    }

    /** Sets the maximum age of the newest backup. */
    public void setMaxAge(Duration maxAge) {
        this.maxAge = maxAge;
    }

    /** The largest shrink against the previous backup, in percent. */
    public double getMaxShrinkPercent() {
        return maxShrinkPercent;
    }

    /** Sets the largest shrink against the previous backup, in percent. */
    public void setMaxShrinkPercent(double maxShrinkPercent) {
        this.maxShrinkPercent = maxShrinkPercent;
    }

    /** The minimum size of a backup in bytes. */
    public long getMinSizeBytes() {
        return minSizeBytes;
    }

    /** Sets the minimum size of a backup in bytes. */
    public void setMinSizeBytes(long minSizeBytes) {
        this.minSizeBytes = minSizeBytes;
    }

    /** Whether a checksum file is required. */
    public boolean isRequireChecksum() {
        return requireChecksum;
    }

    /** Sets whether a checksum file is required. */
    public void setRequireChecksum(boolean requireChecksum) {
        this.requireChecksum = requireChecksum;
    }

    /** The name of the restore probe bean, or null. */
    public @Nullable String getRestoreProbe() {
        return restoreProbe;
    }

    /** Sets the name of the restore probe bean. */
    public void setRestoreProbe(@Nullable String restoreProbe) {
        this.restoreProbe = restoreProbe;
    }

    /** How long the restore probe may take. */
    public Duration getRestoreTimeout() {
        return restoreTimeout;
    }

    /** Sets how long the restore probe may take. */
    public void setRestoreTimeout(Duration restoreTimeout) {
        this.restoreTimeout = restoreTimeout;
    }
}
