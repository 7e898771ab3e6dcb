package dev.monitor.job.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link BackupVerifier#verify()} found: each check's outcome and the figures of the newest backup. File
 * names are names only (never a directory or path) and scrubbed, since they can carry personal data.
 *
 * @param job the verifier's name
 * @param verifiedAt when the verification ran, by the verifier's clock
 * @param file the newest backup's file name (scrubbed), or {@code null} if none was found
 * @param sizeBytes its size, or {@code null} if none was found
 * @param age its age (0 when modified "in the future"), or {@code null} if none was found
 * @param previousFile the previous (second newest) backup's file name (scrubbed), or {@code null} for a first backup
 * @param previousSizeBytes its size, or {@code null} for a first backup
 * @param shrinkPercent how much smaller the newest backup is than the previous one, in percent (negative when it
 *     grew), or {@code null} for a first backup or a previous one of 0 bytes
 * @param restoreFigures what the restore probe reported (e.g. row counts), empty without a probe or when it failed
 * @param checks every check, in the order of {@link BackupCheck.Kind}
 */
public record BackupReport(String job, Instant verifiedAt, @Nullable String file, @Nullable Long sizeBytes,
        @Nullable Duration age, @Nullable String previousFile, @Nullable Long previousSizeBytes,
        @Nullable Double shrinkPercent, Map<String, Long> restoreFigures, List<BackupCheck> checks) {

    /** Copies the collections. */
    public BackupReport {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        restoreFigures = Collections.unmodifiableMap(new LinkedHashMap<>(restoreFigures));
        checks = List.copyOf(checks);
    }

    /** Whether the backup is verified: no check failed. */
    public boolean ok() {
        for (BackupCheck check : checks) {
            if (check.failed()) {
                return false;
            }
        }
        return true;
    }

    /** The checks that failed, in order; empty when the backup is verified. */
    public List<BackupCheck> failures() {
        List<BackupCheck> failures = new ArrayList<>();
        for (BackupCheck check : checks) {
            if (check.failed()) {
                failures.add(check);
            }
        }
        return failures;
    }

    /** The outcome of check {@code kind}. */
    public BackupCheck check(BackupCheck.Kind kind) {
        Objects.requireNonNull(kind, "kind");
        for (BackupCheck check : checks) {
            if (check.kind() == kind) {
                return check;
            }
        }
        throw new IllegalArgumentException("the report has no " + kind.label() + " check");
    }

    /**
     * The figures as text, keyed in the label-key form, in this order and only when known: {@code file},
     * {@code size_bytes}, {@code age_seconds}, {@code previous_file}, {@code previous_size_bytes},
     * {@code shrink_percent} (one decimal), then {@code restored_<figure>} for each restore figure. These are the
     * annotations of the notice and of a failure alert.
     */
    public Map<String, String> figures() {
        Map<String, String> figures = new LinkedHashMap<>();
        if (file != null) {
            figures.put("file", file);
        }
        if (sizeBytes != null) {
            figures.put("size_bytes", Long.toString(sizeBytes));
        }
        if (age != null) {
            figures.put("age_seconds", Long.toString(age.getSeconds()));
        }
        if (previousFile != null) {
            figures.put("previous_file", previousFile);
        }
        if (previousSizeBytes != null) {
            figures.put("previous_size_bytes", Long.toString(previousSizeBytes));
        }
        if (shrinkPercent != null) {
            figures.put("shrink_percent", String.format(Locale.ROOT, "%.1f", shrinkPercent));
        }
        for (Map.Entry<String, Long> figure : restoreFigures.entrySet()) {
            figures.put("restored_" + figure.getKey(), Long.toString(figure.getValue()));
        }
        return Collections.unmodifiableMap(figures);
    }
}
