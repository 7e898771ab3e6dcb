package dev.monitor.rule;

import java.util.Locale;

/**
 * Where a rule stands: {@link #INACTIVE} → {@link #PENDING} (breaching, waiting for its {@code for}
 * duration) → {@link #FIRING} (alert fired) → {@link #RESOLVED} (alert resolved; behaves like inactive
 * until the next breach).
 */
public enum RuleState {
    /** Not breaching, never fired since the engine started. */
    INACTIVE,
    /** Breaching, but not yet for the rule's pending duration. */
    PENDING,
    /** Breached for the pending duration: the alert is firing (also while it keeps firing after recovery). */
    FIRING,
    /** Fired and then cleared: the alert was resolved. */
    RESOLVED;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lowercase name, e.g. {@code "firing"}. */
    public String label() {
        return label;
    }
}
