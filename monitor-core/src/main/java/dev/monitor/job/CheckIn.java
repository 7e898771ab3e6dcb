package dev.monitor.job;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The kinds of check-in a job sends, as in Healthchecks.io's pings and Sentry's check-ins. */
public enum CheckIn {
    /** A run started; its duration is measured until {@link #SUCCESS} or {@link #FAIL}. */
    START,
    /** A run finished well. */
    SUCCESS,
    /** A run failed; it may carry a message (scrubbed, then cut to {@link JobRun#MAX_MESSAGE_LENGTH}). */
    FAIL,
    /** A heartbeat: the job is alive and well; counts as a success without a duration. */
    PING;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, as in a check-in URL: {@code start}, {@code success}, {@code fail}, {@code ping}. */
    public String label() {
        return label;
    }

    /** The check-in whose {@link #label()} is {@code label}, or {@code null} for anything else. */
    public static @Nullable CheckIn byLabel(String label) {
        for (CheckIn kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        return null;
    }
}
