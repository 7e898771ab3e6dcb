package dev.monitor.status;

import java.util.Locale;

/** The state a status page shows for a component, and for the whole page. */
public enum ComponentState {
    /** Works as expected. */
    OPERATIONAL("Operational", "All systems operational"),
    /** Works, but slowly or with a warning. */
    DEGRADED("Degraded", "Some systems are degraded"),
    /** Does not work. */
    OUTAGE("Outage", "Outage in progress"),
    /** Not checked yet. */
    UNKNOWN("No data yet", "No data yet"),
    /** In a scheduled maintenance window (public components only). */
    MAINTENANCE("Under maintenance", "Maintenance in progress");

    private final String jsonValue = name().toLowerCase(Locale.ROOT);
    private final String text;
    private final String headline;

    ComponentState(String text, String headline) {
        this.text = text;
        this.headline = headline;
    }

    /** The lowercase word used in JSON and CSS classes, e.g. {@code "operational"}. */
    public String jsonValue() {
        return jsonValue;
    }

    /** The word shown next to a component, e.g. {@code "Operational"}. */
    public String text() {
        return text;
    }

    /** The sentence shown at the top of the page when the whole page is in this state. */
    public String headline() {
        return headline;
    }
}
