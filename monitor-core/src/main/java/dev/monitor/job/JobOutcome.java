package dev.monitor.job;

import java.util.Locale;

/** How a run of a job ended. */
public enum JobOutcome {
    /** A {@link CheckIn#SUCCESS} (with the duration since its start) or a {@link CheckIn#PING} (without). */
    SUCCESS,
    /** A {@link CheckIn#FAIL}. */
    FAILURE;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code "failure"}. */
    public String label() {
        return label;
    }
}
