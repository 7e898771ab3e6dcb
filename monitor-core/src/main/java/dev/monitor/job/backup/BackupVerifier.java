package dev.monitor.job.backup;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.config.internal.ArgumentChecks;
import dev.monitor.config.internal.DurationText;
import dev.monitor.config.internal.Failures;
import dev.monitor.config.internal.NewestFiles;
import dev.monitor.job.Job;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import dev.monitor.job.backup.BackupCheck.Kind;
import dev.monitor.job.backup.BackupCheck.Outcome;
import dev.monitor.job.backup.internal.ArchiveReader;
import dev.monitor.job.backup.internal.BackupAlerts;
import dev.monitor.job.backup.internal.ChecksumFile;
import dev.monitor.job.backup.internal.RestoreRunner;
import dev.monitor.pii.Scrubber;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the newest backup file under a directory, the way a nightly backup check job would: that it exists and is
 * recent, that it did not shrink much against the previous backup, that it reads to the end (gzip and zip) and matches
 * its checksum file, and, with a {@link RestoreProbe}, that it restores.
 *
 * <pre>{@code
 * BackupVerifier verifier = BackupVerifier.builder("orders-backup", Path.of("/var/backups/orders"))
 *         .glob("orders-*.sql.gz")
 *         .maxAge(Duration.ofHours(26))
 *         .maxShrinkPercent(20)
 *         .restoreProbe(backup -> restoreIntoScratchDatabase(backup)) // e.g. {"orders": 1520}
 *         .alerts(dispatcher)
 *         .build();
 * BackupReport report = verifier.verify(); // now, or as a monitored job at 03:30 each night:
 * BackupJob nightly = verifier.schedule(jobMonitor, JobSchedule.cron("30 3 * * *", ZoneId.of("Europe/Berlin")));
 * }</pre>
 *
 * <p><b>Which files.</b> The newest regular file (by last-modified time) directly in the directory whose name matches
 * the glob is the backup; the second newest is the previous backup. Files ending in {@code .sha256} are never taken
 * for backups.
 *
 * <p><b>Checks</b>, in the order of {@link Kind}: {@code find} (a backup exists); {@code age} (not older than
 * {@link Builder#maxAge}; a time in the future counts as age 0); {@code size} (at least {@link Builder#minSizeBytes},
 * and not smaller than the previous backup by more than {@link Builder#maxShrinkPercent}; a first backup, with no
 * previous one, passes on its minimum size alone); {@code integrity} ({@code .gz}/{@code .tgz} read to the end with
 * every CRC checked, {@code .zip} every entry read to its end; other files are skipped); {@code checksum} (with a
 * {@code <file>.sha256} file beside the backup in {@code sha256sum} format, the SHA-256 must match; without one the
 * check is skipped, or fails when {@link Builder#requireChecksum required}); {@code restore} (the probe, on its own
 * thread, within {@link Builder#restoreTimeout}; skipped without a probe or when the backup failed its integrity or
 * checksum check).
 *
 * <p><b>Alerts</b> (with {@link Builder#alerts}): a verified backup sends an INFO {@code BackupVerified} alert labelled
 * {@code job} and {@code backup} (the file name) with the figures as annotations. It stays firing until the next
 * verification verifies another backup or fails, and is resolved then: an alert fired and resolved at once is never
 * notified, since the dispatcher does not report an alert that resolved before its group was first notified. Route it
 * with {@code sendResolved(false)} and a long repeat interval if its resolution and reminders are unwanted. Each failed
 * check fires a {@code BackupVerificationFailed} alert at the {@link Builder#failureSeverity failure severity} labelled
 * {@code job} and {@code check}, resolved when that check passes again.
 *
 * <p><b>Never throws</b> for a bad or missing backup: {@link #verify()} reports it. Texts in the report (file names,
 * error messages) are scrubbed, then shortened to {@value #MAX_MESSAGE_LENGTH} characters; no path is reported. The
 * file I/O runs on the calling thread (this is the job), one verification at a time.
 */
public final class BackupVerifier {

    /** The most figures a restore probe may report. */
    public static final int MAX_RESTORE_FIGURES = 32;
    /** The longest figure name a restore probe may report (it becomes the annotation {@code restored_<name>}). */
    public static final int MAX_FIGURE_NAME_LENGTH = Names.MAX_LENGTH - "restored_".length();
    /** The longest message of a check, after scrubbing. */
    public static final int MAX_MESSAGE_LENGTH = 300;
    /** Minutes the {@link #jobDefinition default job definition}'s maximum runtime adds to the restore timeout. */
    public static final int RUNTIME_BEYOND_RESTORE_MINUTES = 30;

    private final String name;
    private final Path directory;
    private final String glob;
    private final PathMatcher matcher;
    private final Duration maxAge;
    private final double maxShrinkPercent;
    private final long minSizeBytes;
    private final boolean requireChecksum;
    private final @Nullable RestoreProbe restoreProbe;
    private final Duration restoreTimeout;
    private final @Nullable BackupAlerts alerts;
    private final Scrubber scrubber;
    private final Clock clock;
    private final RestoreRunner restoreRunner;

    private BackupVerifier(Builder builder) {
        this.name = builder.name;
        this.directory = builder.directory;
        this.glob = builder.glob;
        PathMatcher globMatcher = builder.matcher;
        this.matcher = path -> globMatcher.matches(path) && !path.toString().endsWith(".sha256");
        this.maxAge = builder.maxAge;
        this.maxShrinkPercent = builder.maxShrinkPercent;
        this.minSizeBytes = builder.minSizeBytes;
        this.requireChecksum = builder.requireChecksum;
        this.restoreProbe = builder.restoreProbe;
        this.restoreTimeout = builder.restoreTimeout;
        this.alerts = builder.alerts == null ? null : new BackupAlerts(builder.alerts, name, builder.failureSeverity);
        this.scrubber = builder.scrubber;
        this.clock = builder.clock;
        this.restoreRunner = new RestoreRunner("monitor-backup-restore-" + name);
    }

    /**
     * A builder for the verifier {@code name} (a {@link Names name}, the {@code job} label of its alerts) of the backups
     * in {@code directory}.
     *
     * @throws IllegalArgumentException if the name is not valid or either argument is null
     */
    public static Builder builder(String name, Path directory) {
        return new Builder(name, directory);
    }

    /** The verifier's name, the {@code job} label of its alerts. */
    public String name() {
        return name;
    }

    /** How long the restore probe may take before it is interrupted and the restore check fails. */
    public Duration restoreTimeout() {
        return restoreTimeout;
    }

    /**
     * The job definition {@link #schedule(JobMonitor, JobSchedule)} adds: named after this verifier, on
     * {@code schedule}, with the {@link JobDefinition#DEFAULT_GRACE default grace time} and a maximum runtime of the
     * restore timeout plus {@value #RUNTIME_BEYOND_RESTORE_MINUTES} minutes for reading the backup (at most
     * {@link DurationLimits#MAX_PERIOD}). For other settings build one with
     * {@link JobDefinition#builder(String) JobDefinition.builder(verifier.name())} and pass it to
     * {@link #schedule(JobMonitor, JobDefinition)}.
     */
    public JobDefinition jobDefinition(JobSchedule schedule) {
        Objects.requireNonNull(schedule, "schedule must not be null");
        Duration maxRuntime = restoreTimeout.plusMinutes(RUNTIME_BEYOND_RESTORE_MINUTES);
        if (maxRuntime.compareTo(DurationLimits.MAX_PERIOD) > 0) {
            maxRuntime = DurationLimits.MAX_PERIOD;
        }
        return JobDefinition.builder(name).schedule(schedule).grace(JobDefinition.DEFAULT_GRACE).maxRuntime(maxRuntime)
                .build();
    }

    /**
     * Runs this verifier as a monitored job at the times of {@code schedule}: adds {@link #jobDefinition(JobSchedule)}
     * to {@code jobs} and verifies at each due time on a daemon thread of its own, checking in {@code start} and
     * {@code success}, or {@code fail} with the failed checks.
     *
     * <pre>{@code
     * BackupJob backups = verifier.schedule(jobs, JobSchedule.cron("30 3 * * *", ZoneId.of("Europe/Berlin")));
     * backups.runNow();   // optional: verify once at start-up
     * backups.close();    // on shutdown (closing the job monitor stops it too)
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code jobs} already has a job of this verifier's name
     * @throws IllegalStateException if {@code jobs} is closed
     */
    public BackupJob schedule(JobMonitor jobs, JobSchedule schedule) {
        return schedule(jobs, jobDefinition(schedule), null);
    }

    /**
     * As {@link #schedule(JobMonitor, JobSchedule)} with a job definition of your own (its grace time, maximum runtime,
     * thresholds, severity), which must be named after this verifier.
     *
     * @throws IllegalArgumentException if the definition has another name, or {@code jobs} already has a job of its name
     * @throws IllegalStateException if {@code jobs} is closed
     */
    public BackupJob schedule(JobMonitor jobs, JobDefinition definition) {
        return schedule(jobs, definition, null);
    }

    /**
     * As {@link #schedule(JobMonitor, JobDefinition)}, with the due times awaited on {@code timer} instead of the
     * verifier's own thread (the verification itself still runs on that thread, never on the timer). A timer that runs a
     * task early is harmless: the due time is checked on the job monitor's clock, so a test can drive the schedule with
     * a manual scheduler and clock.
     */
    public BackupJob schedule(JobMonitor jobs, JobDefinition definition, @Nullable ScheduledExecutorService timer) {
        Objects.requireNonNull(jobs, "jobs must not be null");
        Objects.requireNonNull(definition, "definition must not be null");
        BackupJob.requireSameName(this, definition.name());
        Job job = jobs.add(definition);
        BackupJob scheduled = new BackupJob(this, jobs, job, timer);
        scheduled.start();
        return scheduled;
    }

    /**
     * Verifies the newest backup now and, with a dispatcher, sends the notice or the failure alerts. Never throws for a
     * bad, missing or unreadable backup, nor for a failing probe; waits at most the restore timeout for the probe.
     */
    public synchronized BackupReport verify() {
        BackupReport report;
        try {
            report = check();
        } catch (RuntimeException e) { // a bug or a security manager's refusal: reported, never thrown at the job
            Checks checks = new Checks();
            checks.fail(Kind.FIND, "verification failed unexpectedly: " + e.getClass().getSimpleName());
            report = checks.report(clock.instant(), null, null, null);
        }
        if (alerts != null) {
            try {
                alerts.publish(report);
            } catch (RuntimeException e) {
                // a dispatcher that is closed or refuses an alert must not turn a verification into an exception
            }
        }
        return report;
    }

    private BackupReport check() {
        Instant now = clock.instant();
        Checks checks = new Checks();
        if (!Files.isDirectory(directory)) {
            checks.fail(Kind.FIND, "backup directory does not exist or is not a directory");
            return checks.report(now, null, null, null);
        }
        NewestFiles.Scan scan;
        try {
            scan = NewestFiles.scan(directory, matcher, 1, 2);
        } catch (NoSuchFileException e) {
            checks.fail(Kind.FIND, "backup directory does not exist or is not a directory");
            return checks.report(now, null, null, null);
        } catch (FileSystemException e) {
            checks.fail(Kind.FIND, "cannot list the backup directory: " + Failures.describeWithoutPath(e));
            return checks.report(now, null, null, null);
        } catch (IOException | RuntimeException e) {
            checks.fail(Kind.FIND, "cannot list the backup directory: " + e.getClass().getSimpleName());
            return checks.report(now, null, null, null);
        }
        if (scan.interrupted()) {
            Thread.currentThread().interrupt();
            checks.fail(Kind.FIND, "interrupted while scanning the backup directory");
            return checks.report(now, null, null, null);
        }
        if (scan.newest().isEmpty()) {
            checks.fail(Kind.FIND, "no backup file matching '" + glob + "' found");
            return checks.report(now, null, null, null);
        }
        NewestFiles.Found newest = scan.newest().get(0);
        NewestFiles.Found previous = scan.newest().size() > 1 ? scan.newest().get(1) : null;
        checks.pass(Kind.FIND, scan.count() + (scan.count() == 1 ? " matching file" : " matching files"));

        Duration age = Duration.between(newest.modified(), now);
        if (age.isNegative()) {
            age = Duration.ZERO; // modified "in the future": clock skew, not staleness
        }
        if (age.compareTo(maxAge) > 0) {
            checks.fail(Kind.AGE, "newest backup is " + DurationText.format(age) + " old (max " + DurationText.format(maxAge) + ")");
        } else {
            checks.pass(Kind.AGE, DurationText.format(age) + " old (max " + DurationText.format(maxAge) + ")");
        }

        Double shrink = checkSize(checks, newest, previous);
        boolean sound = checkIntegrityAndChecksum(checks, newest);
        Map<String, Long> figures = checkRestore(checks, newest, sound);
        checks.figures = figures;
        return checks.report(now, newest, previous, shrink, age);
    }

    /** The size check; returns the shrink in percent, or null without a previous backup of some size. */
    private @Nullable Double checkSize(Checks checks, NewestFiles.Found newest, NewestFiles.@Nullable Found previous) {
        long size = newest.size();
        Double shrink = null;
        if (previous != null && previous.size() > 0) {
            shrink = (previous.size() - size) * 100.0 / previous.size();
        }
        if (size < minSizeBytes) {
            checks.fail(Kind.SIZE, "newest backup has " + size + " bytes (min " + minSizeBytes + ")");
        } else if (previous == null) {
            checks.pass(Kind.SIZE, size + " bytes; first backup, no previous one to compare with");
        } else if (shrink != null && shrink > maxShrinkPercent) {
            checks.fail(Kind.SIZE, "newest backup is " + percent(shrink) + " smaller than the previous one ("
                    + previous.size() + " -> " + size + " bytes, max " + percent(maxShrinkPercent) + ")");
        } else {
            checks.pass(Kind.SIZE, size + " bytes, previous " + previous.size() + " bytes");
        }
        return shrink;
    }

    /** The integrity and checksum checks, in one pass over the file; whether neither failed. */
    private boolean checkIntegrityAndChecksum(Checks checks, NewestFiles.Found newest) {
        Path checksumFile = ChecksumFile.of(newest.path(), newest.name());
        boolean hasChecksum = Files.isRegularFile(checksumFile);
        ArchiveReader.Reading reading;
        try {
            reading = ArchiveReader.read(newest.path(), newest.name(), hasChecksum);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IOException io ? ArchiveReader.describe(io, newest.path(), newest.name())
                    : e.getClass().getSimpleName();
            checks.fail(Kind.INTEGRITY, "cannot read the backup: " + withoutPaths(reason, newest));
            checks.skip(Kind.CHECKSUM, "the backup could not be read");
            return false;
        }
        boolean sound = true;
        String format = reading.format().name().toLowerCase(Locale.ROOT);
        if (reading.format() == ArchiveReader.Format.PLAIN) {
            checks.skip(Kind.INTEGRITY, "not a gzip or zip file: nothing to decompress");
        } else if (reading.failure() != null) {
            checks.fail(Kind.INTEGRITY, format + " backup does not read to the end: " + withoutPaths(reading.failure(), newest));
            sound = false;
        } else if (reading.format() == ArchiveReader.Format.ZIP) {
            checks.pass(Kind.INTEGRITY, "zip read to the end: " + reading.entries() + " entries, "
                    + reading.uncompressedBytes() + " bytes uncompressed");
        } else {
            checks.pass(Kind.INTEGRITY, "gzip read to the end: " + reading.uncompressedBytes() + " bytes uncompressed");
        }

        String checksumName = shownName(newest) + ".sha256";
        if (!hasChecksum) {
            if (requireChecksum) {
                checks.fail(Kind.CHECKSUM, "no checksum file " + checksumName + " beside the backup");
                sound = false;
            } else {
                checks.skip(Kind.CHECKSUM, "no " + checksumName + " file");
            }
            return sound;
        }
        try {
            String expected = ChecksumFile.expected(checksumFile, newest.name());
            if (expected.equals(reading.sha256())) {
                checks.pass(Kind.CHECKSUM, "SHA-256 matches " + checksumName);
            } else {
                checks.fail(Kind.CHECKSUM, "SHA-256 of the backup does not match " + checksumName);
                sound = false;
            }
        } catch (IllegalArgumentException e) {
            checks.fail(Kind.CHECKSUM, checksumName + ": " + e.getMessage());
            sound = false;
        } catch (IOException e) {
            checks.fail(Kind.CHECKSUM, "cannot read " + checksumName + ": "
                    + withoutPaths(ArchiveReader.describe(e, checksumFile, newest.name() + ".sha256"), newest));
            sound = false;
        }
        return sound;
    }

    /** The restore check; returns the probe's figures (empty unless it passed). */
    private Map<String, Long> checkRestore(Checks checks, NewestFiles.Found newest, boolean sound) {
        RestoreProbe probe = restoreProbe;
        if (probe == null) {
            checks.skip(Kind.RESTORE, "no restore probe configured");
            return Map.of();
        }
        if (!sound) {
            checks.skip(Kind.RESTORE, "not restored: the backup failed its integrity or checksum check");
            return Map.of();
        }
        RestoreRunner.Outcome outcome = restoreRunner.run(probe, newest.path(), restoreTimeout);
        if (outcome.failure() != null || outcome.figures() == null) {
            checks.fail(Kind.RESTORE, "restore failed: " + withoutPaths(String.valueOf(outcome.failure()), newest));
            return Map.of();
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        String refused = null;
        for (Map.Entry<String, Long> figure : outcome.figures().entrySet()) {
            String key = figure.getKey();
            if (key == null || !Names.isValidLabelKey(key) || key.length() > MAX_FIGURE_NAME_LENGTH) {
                refused = "the restore probe reported a figure named '" + key + "': figure names must be 1-"
                        + MAX_FIGURE_NAME_LENGTH + " characters of [a-zA-Z0-9_], not starting with a digit";
                break;
            }
            if (figure.getValue() == null) {
                refused = "the restore probe reported no value for the figure '" + key + "'";
                break;
            }
            if (figures.size() == MAX_RESTORE_FIGURES) {
                refused = "the restore probe reported more than " + MAX_RESTORE_FIGURES + " figures";
                break;
            }
            figures.put(key, figure.getValue());
        }
        if (refused != null) {
            checks.fail(Kind.RESTORE, refused);
            return Map.of();
        }
        checks.pass(Kind.RESTORE, figures.isEmpty() ? "restored" : "restored " + figures);
        return figures;
    }

    /**
     * {@code text} with the backup's path replaced by its scrubbed name, the directory's path by
     * {@code <backup directory>}, and the backup's raw name by its scrubbed one (the scrubber may not recognise personal
     * data in a name run together with other text, such as {@code <name>.sha256}).
     */
    private String withoutPaths(String text, NewestFiles.Found file) {
        String result = text;
        for (Path path : new Path[] {file.path().toAbsolutePath(), file.path()}) {
            result = result.replace(path.toString(), file.name());
        }
        for (Path path : new Path[] {directory.toAbsolutePath(), directory}) {
            String shown = path.toString();
            if (!shown.isEmpty()) {
                result = result.replace(shown, "<backup directory>");
            }
        }
        return result.replace(file.name(), shownName(file));
    }

    /** The file's name as reported: scrubbed, since names can carry personal data, and shortened. */
    private String shownName(NewestFiles.Found file) {
        return scrubber.scrub(file.name(), MAX_MESSAGE_LENGTH);
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** The checks of one verification as they are made. */
    private final class Checks {
        private final Map<Kind, BackupCheck> made = new LinkedHashMap<>();
        Map<String, Long> figures = Map.of();

        void pass(Kind kind, String message) {
            made.put(kind, new BackupCheck(kind, Outcome.PASSED, scrubber.scrub(message, MAX_MESSAGE_LENGTH)));
        }

        void fail(Kind kind, String message) {
            made.put(kind, new BackupCheck(kind, Outcome.FAILED, scrubber.scrub(message, MAX_MESSAGE_LENGTH)));
        }

        void skip(Kind kind, String message) {
            made.put(kind, new BackupCheck(kind, Outcome.SKIPPED, scrubber.scrub(message, MAX_MESSAGE_LENGTH)));
        }

        BackupReport report(Instant now, NewestFiles.@Nullable Found newest, NewestFiles.@Nullable Found previous,
                @Nullable Double shrink) {
            return report(now, newest, previous, shrink, null);
        }

        BackupReport report(Instant now, NewestFiles.@Nullable Found newest, NewestFiles.@Nullable Found previous,
                @Nullable Double shrink, @Nullable Duration age) {
            List<BackupCheck> all = new ArrayList<>();
            for (Kind kind : Kind.values()) {
                BackupCheck check = made.get(kind);
                all.add(check != null ? check
                        : new BackupCheck(kind, Outcome.SKIPPED, newest == null ? "no backup file to check" : "not checked"));
            }
            return new BackupReport(name, now,
                    newest == null ? null : shownName(newest),
                    newest == null ? null : newest.size(),
                    age,
                    previous == null ? null : shownName(previous),
                    previous == null ? null : previous.size(),
                    shrink, figures, all);
        }

    }

    /** Builds a {@link BackupVerifier}; every setting is checked when set, with a message naming it. */
    public static final class Builder {
        private final String name;
        private final Path directory;
        private String glob = "*";
        private PathMatcher matcher;
        private Duration maxAge = Duration.ofHours(26);
        private double maxShrinkPercent = 50.0;
        private long minSizeBytes = 1;
        private boolean requireChecksum;
        private @Nullable RestoreProbe restoreProbe;
        private Duration restoreTimeout = Duration.ofMinutes(10);
        private @Nullable AlertDispatcher alerts;
        private AlertSeverity failureSeverity = AlertSeverity.HIGH;
        private Scrubber scrubber = Scrubber.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder(@Nullable String name, @Nullable Path directory) {
            this.name = Names.requireName("name", required("name", name));
            this.directory = required("directory", directory);
            this.matcher = NewestFiles.matcher(this.directory, "glob", "*");
        }

        /** Only file names matching this glob are backups, e.g. {@code "orders-*.sql.gz"} (default {@code "*"}). */
        public Builder glob(String glob) {
            this.matcher = NewestFiles.matcher(directory, "glob", glob);
            this.glob = glob;
            return this;
        }

        /** The newest backup fails its age check when older than this (default 26 hours: a daily backup, plus slack). */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = DurationLimits.requirePeriod("maxAge", required("maxAge", maxAge));
            return this;
        }

        /**
         * The newest backup fails its size check when it is smaller than the previous one by more than this, in percent
         * of the previous one's size (default 50); 0 to 100. A first backup has nothing to compare with and passes.
         */
        public Builder maxShrinkPercent(double maxShrinkPercent) {
            this.maxShrinkPercent = ArgumentChecks.percent("maxShrinkPercent", maxShrinkPercent);
            return this;
        }

        /** The newest backup fails its size check when smaller than this many bytes (default 1: an empty file is no backup); at least 0. */
        public Builder minSizeBytes(long minSizeBytes) {
            if (minSizeBytes < 0) {
                throw new IllegalArgumentException("minSizeBytes must be at least 0, was " + minSizeBytes);
            }
            this.minSizeBytes = minSizeBytes;
            return this;
        }

        /** Whether a missing {@code <file>.sha256} fails the checksum check (default false: it is skipped). */
        public Builder requireChecksum(boolean requireChecksum) {
            this.requireChecksum = requireChecksum;
            return this;
        }

        /** Restores each backup that passed its integrity and checksum checks with {@code probe} (default none). */
        public Builder restoreProbe(RestoreProbe restoreProbe) {
            this.restoreProbe = required("restoreProbe", restoreProbe);
            return this;
        }

        /**
         * How long the restore probe may take (default 10 minutes; at most {@link DurationLimits#MAX_TIMEOUT 1 hour}); at
         * the timeout its thread is interrupted and the restore check fails.
         */
        public Builder restoreTimeout(Duration restoreTimeout) {
            this.restoreTimeout = DurationLimits.requireTimeout("restoreTimeout", required("restoreTimeout", restoreTimeout));
            return this;
        }

        /** Sends the INFO notice and the failure alerts through {@code dispatcher} (default none: only the report). */
        public Builder alerts(AlertDispatcher dispatcher) {
            this.alerts = required("alerts", dispatcher);
            return this;
        }

        /** The severity of a failure alert (default {@link AlertSeverity#HIGH}). */
        public Builder failureSeverity(AlertSeverity failureSeverity) {
            this.failureSeverity = required("failureSeverity", failureSeverity);
            return this;
        }

        /** Scrubs file names and error texts of the report (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = required("scrubber", scrubber);
            return this;
        }

        /** The clock ages are measured against (default the UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = required("clock", clock);
            return this;
        }

        /** Builds the verifier. */
        public BackupVerifier build() {
            return new BackupVerifier(this);
        }

        private static <T> T required(String option, @Nullable T value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " must not be null");
            }
            return value;
        }
    }
}
