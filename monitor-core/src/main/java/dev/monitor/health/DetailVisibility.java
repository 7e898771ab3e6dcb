package dev.monitor.health;

/** Who sees error text and details in health responses. Statuses and timings are always shown. */
public enum DetailVisibility {
    /** Nobody: statuses and timings only. */
    NEVER,
    /** Authorized callers only (the default). */
    WHEN_AUTHORIZED,
    /** Everybody. Error text is still scrubbed and never carries a stack trace. */
    ALWAYS;

    /** Whether a caller with the given authorization sees details. */
    public boolean showsDetails(boolean authorized) {
        return this == ALWAYS || (this == WHEN_AUTHORIZED && authorized);
    }
}
