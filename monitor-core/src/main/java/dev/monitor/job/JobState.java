package dev.monitor.job;

import java.util.Locale;

/**
 * Whether a job checks in on time. Running past the maximum runtime and failing are told apart from this, by
 * {@link JobSnapshot#overrun()} and {@link JobSnapshot#failing()}.
 *
 * <p>{@code NEW → UP → LATE → DOWN}: a job is {@link #NEW} until its first check-in, {@link #UP} while it checks
 * in on schedule, {@link #LATE} from the moment a run was due until the grace time has passed, and {@link #DOWN}
 * (the run was missed) after that, until it checks in again. A new job that never checks in becomes late and
 * down the same way, from its first due time after it was added.
 */
public enum JobState {
    /** Added, no check-in yet, and not due yet. */
    NEW,
    /** Checked in on schedule. */
    UP,
    /** A run was due and has not checked in; still within the grace time. */
    LATE,
    /** A run was due and did not check in within the grace time: missed. */
    DOWN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code "late"}. */
    public String label() {
        return label;
    }
}
