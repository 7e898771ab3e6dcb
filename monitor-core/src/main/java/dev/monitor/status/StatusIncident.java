package dev.monitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A recent alert as the status page lists it. Texts are already scrubbed.
 *
 * @param name the alert's name
 * @param severity its severity word, e.g. {@code critical}
 * @param summary its summary
 * @param resolved whether it has been resolved
 * @param startedAt when it started firing
 * @param resolvedAt when it was resolved, or {@code null}
 * @param acknowledgedAt when someone acknowledged it, or {@code null}
 * @param acknowledgedBy who acknowledged it, shown only when the page shows details; else {@code null}
 * @param escalationLevel the escalation level reached (1 for the first), or 0 when not escalated
 * @param timeline the most recent steps, oldest first
 */
public record StatusIncident(String name, String severity, String summary, boolean resolved, Instant startedAt,
        @Nullable Instant resolvedAt, @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy,
        int escalationLevel, List<StatusTimelineEntry> timeline) {

    /** Validates the arguments and copies the timeline. */
    public StatusIncident {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(startedAt, "startedAt");
        timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline"));
    }

    /** Whether someone acknowledged it. */
    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
