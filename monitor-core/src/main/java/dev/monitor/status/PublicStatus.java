package dev.monitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the public status page shows, and nothing else: public components, incidents (operator-written, and
 * automatic ones worded generically) and scheduled maintenance. The public HTML, the Statuspage-compatible
 * {@code summary.json} and the Atom feed are made from it. Texts are already scrubbed.
 *
 * @param title the page title, shown as configured
 * @param generatedAt when it was taken
 * @param overall the state of the whole page
 * @param indicator the worst impact now: of open incidents, or of failing components
 * @param components the public components, in the configured order
 * @param incidents open incidents first (newest first), then those resolved in the last 7 days
 * @param maintenances upcoming and active maintenance, soonest first, then those completed in the last 7 days
 * @param refresh how often the page reloads itself
 */
public record PublicStatus(String title, Instant generatedAt, ComponentState overall, IncidentImpact indicator,
        List<ComponentStatus> components, List<PublicIncident> incidents, List<Maintenance> maintenances, Duration refresh) {

    /** Validates and copies the arguments. */
    public PublicStatus {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(overall, "overall");
        Objects.requireNonNull(indicator, "indicator");
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        incidents = List.copyOf(Objects.requireNonNull(incidents, "incidents"));
        maintenances = List.copyOf(Objects.requireNonNull(maintenances, "maintenances"));
        Objects.requireNonNull(refresh, "refresh");
    }
}
