package dev.monitor.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one rendering of the status page shows; the HTML and the JSON are made from the same snapshot.
 *
 * @param title the page title, e.g. the service's name
 * @param generatedAt when the snapshot was taken
 * @param overall the state of the whole page
 * @param components the components, health checks first, then uptime targets
 * @param incidents recent alerts, newest first
 * @param refresh how often the page reloads itself
 */
public record StatusSnapshot(String title, Instant generatedAt, ComponentState overall, List<StatusComponent> components,
        List<StatusIncident> incidents, Duration refresh) {

    /** Validates and copies the arguments. */
    public StatusSnapshot {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(overall, "overall");
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        incidents = List.copyOf(Objects.requireNonNull(incidents, "incidents"));
        Objects.requireNonNull(refresh, "refresh");
    }
}
