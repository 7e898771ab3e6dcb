package dev.monitor.alert;

import java.util.Locale;

/** How urgent an alert is, from {@link #CRITICAL} (page someone now) to {@link #INFO} (for the record). */
public enum AlertSeverity {
    /** Service down or data at risk: page someone now. */
    CRITICAL,
    /** Serious degradation: needs attention soon. */
    HIGH,
    /** Degraded but working: look during working hours. */
    MEDIUM,
    /** Minor: look when convenient. */
    LOW,
    /** Informational only. */
    INFO;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name used as the {@code severity} label value, e.g. {@code "critical"}. */
    public String label() {
        return label;
    }

    /** Whether this severity is as urgent as {@code other} or more. */
    public boolean isAtLeast(AlertSeverity other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * The severity named by {@code label}, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code label} is none of them
     */
    public static AlertSeverity of(String label) {
        if (label != null) {
            for (AlertSeverity severity : values()) {
                if (severity.label.equalsIgnoreCase(label.trim())) {
                    return severity;
                }
            }
        }
        throw new IllegalArgumentException("severity must be one of critical, high, medium, low, info, was '" + label + "'");
    }
}
