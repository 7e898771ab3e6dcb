package dev.monitor.alert;

import java.util.Locale;

/** Whether an alert is still firing or has been resolved. */
public enum AlertStatus {
    /** The condition holds. */
    FIRING,
    /** The condition has cleared. */
    RESOLVED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used in payloads, {@code "firing"} or {@code "resolved"}. */
    public String label() {
        return label;
    }
}
