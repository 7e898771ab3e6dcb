package dev.monitor.status;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of an incident's timeline on the status page, e.g. "escalated to level 2" or
 * "acknowledged". Texts are already scrubbed.
 *
 * @param event what happened: {@code fired}, {@code escalated}, {@code held}, {@code notified},
 *     {@code delivery_failed}, {@code acknowledged}, {@code resolved} or {@code silenced}
 * @param at when it happened
 * @param level the escalation level it concerns, or 0
 * @param actor who did it (the acknowledger, who resolved it by hand, the author of a silence), shown only when the page shows details; else {@code null}
 */
public record StatusTimelineEntry(String event, Instant at, int level, @Nullable String actor) {

    /** Validates the arguments. */
    public StatusTimelineEntry {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
    }
}
