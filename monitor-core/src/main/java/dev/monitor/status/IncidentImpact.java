package dev.monitor.status;

import java.util.Locale;

/** How badly an incident affects customers, as Statuspage words it; also the page's overall indicator. */
public enum IncidentImpact {
    /** No impact (a notice). */
    NONE("No impact"),
    /** Some customers notice: degraded performance. */
    MINOR("Minor"),
    /** Many customers are affected: a partial outage. */
    MAJOR("Major"),
    /** The service does not work: a major outage. */
    CRITICAL("Critical");

    private final String jsonValue = name().toLowerCase(Locale.ROOT);
    private final String text;

    IncidentImpact(String text) {
        this.text = text;
    }

    /** The lowercase word of the JSON, e.g. {@code "minor"}. */
    public String jsonValue() {
        return jsonValue;
    }

    /** The words shown on the page. */
    public String text() {
        return text;
    }

    /** The impact of {@code word} ({@code none}, {@code minor}, {@code major} or {@code critical}, any case). */
    public static IncidentImpact of(String word) {
        for (IncidentImpact impact : values()) {
            if (impact.jsonValue.equalsIgnoreCase(word.strip())) {
                return impact;
            }
        }
        throw new IllegalArgumentException("impact must be one of none, minor, major or critical, was '"
                + dev.monitor.pii.Scrubber.defaults().scrub(word, 40) + "'");
    }
}
