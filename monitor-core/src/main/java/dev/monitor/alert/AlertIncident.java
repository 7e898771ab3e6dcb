package dev.monitor.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An alert's incident as the dispatcher tracks it ({@link AlertDispatcher#incidents()}): its state, who
 * acknowledged it, how far it has escalated, and its timeline. For status pages and incident lists; every
 * text has passed the scrubber.
 *
 * @param fingerprint the alert's (scrubbed) fingerprint, as in notifications and {@link AlertHistoryEntry}
 * @param alert the latest (scrubbed) version of the alert
 * @param status firing or resolved
 * @param startsAt when it (last) started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param acknowledgement who acknowledged it and when, or {@code null}
 * @param policy the escalation policy's name, or {@code ""} when it is not escalated
 * @param level the escalation level last reached (1 for the first), or 0
 * @param levels the policy's number of levels, or 0
 * @param nextEscalationAt when the next level (or repeat) is due, or {@code null} when none is
 * @param timeline what happened, oldest first (the most recent entries; see {@code omittedEntries})
 * @param omittedEntries how many older entries were dropped to keep the timeline bounded
 */
public record AlertIncident(String fingerprint, Alert alert, AlertStatus status, Instant startsAt, @Nullable Instant endsAt,
        @Nullable AlertAcknowledgement acknowledgement, String policy, int level, int levels,
        @Nullable Instant nextEscalationAt, List<AlertTimelineEntry> timeline, int omittedEntries) {

    /** Checks the arguments and copies the list. */
    public AlertIncident {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(policy, "policy");
        timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline"));
    }

    /** Whether someone acknowledged it. */
    public boolean isAcknowledged() {
        return acknowledgement != null;
    }
}
