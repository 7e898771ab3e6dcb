package dev.monitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An incident as the public status page shows it: written by an operator through {@link StatusBoard}, or made
 * automatically from an alert of a public component's check or target (then worded generically, without the alert's
 * text or labels). Texts are already scrubbed.
 *
 * @param id a stable id (in the JSON and the feed)
 * @param title the title
 * @param impact how badly customers are affected
 * @param components the ids of the affected public components
 * @param updates the timeline, oldest first; never empty
 * @param postmortemUrl an http(s) link to the post-mortem, or {@code null}
 * @param createdAt when it was opened
 * @param automatic whether it was made from an alert
 */
public record PublicIncident(String id, String title, IncidentImpact impact, List<String> components, List<IncidentUpdate> updates,
        @Nullable String postmortemUrl, Instant createdAt, boolean automatic) {

    /** Validates and copies the arguments. */
    public PublicIncident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(impact, "impact");
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        updates = List.copyOf(Objects.requireNonNull(updates, "updates"));
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one update");
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where it stands: the status of its latest update. */
    public IncidentStatus status() {
        return latest().status();
    }

    /** Whether it is resolved. */
    public boolean resolved() {
        return status() == IncidentStatus.RESOLVED;
    }

    /** When it was last updated. */
    public Instant updatedAt() {
        return latest().at();
    }

    /** When it was resolved, or {@code null} while it is not. */
    public @Nullable Instant resolvedAt() {
        return resolved() ? latest().at() : null;
    }

    private IncidentUpdate latest() {
        return updates.get(updates.size() - 1);
    }
}
