package dev.monitor.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One update of an incident's timeline. Texts are already scrubbed.
 *
 * @param status where the incident stood with this update
 * @param body what the operator wrote
 * @param at when it was posted
 */
public record IncidentUpdate(IncidentStatus status, String body, Instant at) {

    /** Validates the arguments. */
    public IncidentUpdate {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
    }
}
