package dev.monitor.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step in the life of an alert, as {@link AlertIncident#timeline()} lists them: it fired, a level of its
 * escalation was reached, a channel was notified, someone acknowledged it, it resolved. Texts have passed the
 * dispatcher's scrubber; names of people its {@link AlertDispatcher.Builder#personNames personNames} seam.
 *
 * @param type what happened
 * @param at when, by the dispatcher's clock
 * @param level the escalation level concerned (1 for the first), or 0
 * @param channels the channels concerned: notified, failed, or targeted by the level
 * @param actor who: the acknowledger, who resolved it by hand ({@link AlertDispatcher#resolve(String, String, String)}),
 *     the author of a silence or who expired it, or for {@link Type#ESCALATED} the on-call responders notified; else {@code ""}
 * @param detail more: the suppression for {@link Type#FIRED} and {@link Type#HELD}, the comment of an
 *     acknowledgement or a resolve by hand, {@code silence ID: comment} for {@link Type#SILENCED}, {@code firing}/{@code acknowledged}/{@code resolved} for {@link Type#NOTIFIED}, the
 *     failure for {@link Type#DELIVERY_FAILED}, {@code repeat N} for a repeated level; else {@code ""}
 */
public record AlertTimelineEntry(Type type, Instant at, int level, List<String> channels, String actor, String detail) {

    /** What happened. */
    public enum Type {
        /** The alert started firing (again). */
        FIRED,
        /** An escalation level was reached and its targets notified (or repeated at the last level). */
        ESCALATED,
        /** The escalation waits because a silence, a maintenance window or an inhibition suppresses the alert. */
        HELD,
        /** A notification showing the alert reached a channel. */
        NOTIFIED,
        /** An escalation notification could not be delivered (it may be retried). */
        DELIVERY_FAILED,
        /** Someone acknowledged the alert; escalation and reminders stopped. */
        ACKNOWLEDGED,
        /** The alert resolved; escalation stopped. */
        RESOLVED,
        /**
         * Someone added a silence that matches the firing alert ({@link AlertDispatcher#silence(Silence)}): the actor is
         * its author, the detail its id and comment. Alerts that fire after it show it as their suppression.
         */
        SILENCED,
        /**
         * Someone expired, before its end, a silence that matched the firing alert
         * ({@link AlertDispatcher#expireSilence(String, String)}): the actor is who, the detail the silence's id.
         */
        SILENCE_EXPIRED
    }

    /** Checks the arguments and copies the list. */
    public AlertTimelineEntry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        channels = List.copyOf(Objects.requireNonNull(channels, "channels"));
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(detail, "detail");
        if (level < 0) {
            throw new IllegalArgumentException("level must not be negative, was " + level);
        }
    }
}
