package dev.monitor.status;

import java.time.Instant;
import java.util.Objects;

/**
 * One update of an incident's timeline. Texts are already scrubbed.
 *
 * @param status where the incident stood with this update
 * @param body what the operator wrote
 * @param at when it was posted
 * @param by who posted it (scrubbed), for the operators' audit; {@code ""} when not known. The public page never
 *     shows it.
 */
public record IncidentUpdate(IncidentStatus status, String body, Instant at, String by) {

    /** Validates the arguments. */
    public IncidentUpdate {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(by, "by");
    }

    /** An update whose author is not known. */
    public IncidentUpdate(IncidentStatus status, String body, Instant at) {
        this(status, body, at, "");
    }
}
