package dev.monitor.status;

import java.util.Locale;

/** Where a scheduled maintenance stands at a given time, as Statuspage words it. */
public enum MaintenanceStatus {
    /** Announced, not begun. */
    SCHEDULED("Scheduled"),
    /** Its window is open. */
    IN_PROGRESS("In progress"),
    /** Its window has ended. */
    COMPLETED("Completed");

    private final String jsonValue = name().toLowerCase(Locale.ROOT);
    private final String text;

    MaintenanceStatus(String text) {
        this.text = text;
    }

    /** The lowercase word of the JSON, e.g. {@code "in_progress"}. */
    public String jsonValue() {
        return jsonValue;
    }

    /** The words shown on the page. */
    public String text() {
        return text;
    }
}
