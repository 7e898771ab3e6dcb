package dev.monitor.job.backup;

import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of one check of a backup verification.
 *
 * @param kind which check
 * @param outcome passed, failed or skipped
 * @param message what was found or why it failed or was skipped, scrubbed and shortened; never a file path
 */
public record BackupCheck(Kind kind, Outcome outcome, String message) {

    /** Checks the arguments. */
    public BackupCheck {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    /** Whether the check failed. */
    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /** The checks of a verification, in the order they run. */
    public enum Kind {
        /** A backup file matching the glob exists in the directory. */
        FIND,
        /** The newest backup is not older than the maximum age. */
        AGE,
        /** The newest backup is at least the minimum size and did not shrink too much against the previous one. */
        SIZE,
        /** A gzip or zip backup reads to the end with every checksum of the format matching. */
        INTEGRITY,
        /** The backup's SHA-256 matches its {@code .sha256} file. */
        CHECKSUM,
        /** The user's restore probe restored the backup within the restore timeout. */
        RESTORE;

        private final String label = name().toLowerCase(Locale.ROOT);

        /** The lowercase name used as the {@code check} label of a failure alert, e.g. {@code "integrity"}. */
        public String label() {
            return label;
        }
    }

    /** How a check ended. */
    public enum Outcome {
        /** The check ran and the backup passed it. */
        PASSED,
        /** The check ran and the backup failed it. */
        FAILED,
        /** The check did not run: not applicable (a plain file has no archive to read, no probe configured) or an earlier check failed. */
        SKIPPED
    }
}
