package dev.monitor.uptime;

import java.util.Locale;

/** Where an uptime target stands, after the failure and recovery thresholds. */
public enum UptimeState {
    /** Not checked yet. */
    UNKNOWN,
    /** Answering as expected. */
    UP,
    /** Answering, but slowly or with a certificate about to expire. */
    DEGRADED,
    /** Failed the failure threshold's number of consecutive checks and not recovered yet. */
    DOWN;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code "down"}. */
    public String label() {
        return label;
    }
}
