package dev.monitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A scheduled maintenance: a window announced ahead, with the public components it affects. During the window
 * the alerts of those components' checks and targets are silenced, and with {@code excludeFromUptime} their checks
 * are left out of the uptime percentage (whole clock hours the window overlaps). Texts are already scrubbed.
 *
 * @param id a stable id (in the JSON and the feed)
 * @param title the title
 * @param description what is done and what customers notice, or {@code ""}
 * @param components ids of the affected public components
 * @param startsAt when the window opens
 * @param endsAt when it closes
 * @param excludeFromUptime whether checks during the window are left out of the uptime percentage
 * @param createdAt when it was announced
 * @param createdBy who announced it (scrubbed), for the operators' audit; {@code ""} when not known. The public page
 *     never shows it.
 */
public record Maintenance(String id, String title, String description, List<String> components, Instant startsAt,
        Instant endsAt, boolean excludeFromUptime, Instant createdAt, String createdBy) {

    /** A maintenance whose author is not known. */
    public Maintenance(String id, String title, String description, List<String> components, Instant startsAt,
            Instant endsAt, boolean excludeFromUptime, Instant createdAt) {
        this(id, title, description, components, startsAt, endsAt, excludeFromUptime, createdAt, "");
    }

    /** Validates and copies the arguments. */
    public Maintenance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        components = List.copyOf(Objects.requireNonNull(components, "components"));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(createdBy, "createdBy");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("endsAt must be after startsAt (" + startsAt + "), was " + endsAt);
        }
    }

    /** Where it stands at {@code now}. */
    public MaintenanceStatus status(Instant now) {
        if (now.isBefore(startsAt)) {
            return MaintenanceStatus.SCHEDULED;
        }
        return now.isBefore(endsAt) ? MaintenanceStatus.IN_PROGRESS : MaintenanceStatus.COMPLETED;
    }

    /** Whether its window overlaps the span from {@code from} (inclusive) to {@code to} (exclusive). */
    public boolean overlaps(Instant from, Instant to) {
        return startsAt.isBefore(to) && endsAt.isAfter(from);
    }
}
