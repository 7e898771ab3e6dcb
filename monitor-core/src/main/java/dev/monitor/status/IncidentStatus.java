package dev.monitor.status;

import java.util.Locale;

/** Where an incident stands, as each of its updates says: Statuspage's four steps. */
public enum IncidentStatus {
    /** Something is wrong; the cause is not known yet. */
    INVESTIGATING("Investigating"),
    /** The cause is known; a fix is on its way. */
    IDENTIFIED("Identified"),
    /** A fix is in place; its effect is watched. */
    MONITORING("Monitoring"),
    /** Over. */
    RESOLVED("Resolved");

    private final String jsonValue = name().toLowerCase(Locale.ROOT);
    private final String text;

    IncidentStatus(String text) {
        this.text = text;
    }

    /** The lowercase word of the JSON, e.g. {@code "identified"}. */
    public String jsonValue() {
        return jsonValue;
    }

    /** The word shown on the page. */
    public String text() {
        return text;
    }
}
