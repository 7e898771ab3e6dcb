package dev.monitor.alert.escalation;

import dev.monitor.config.Names;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whom an escalation level notifies: the channels the alert is routed to ({@link #route()}), a channel
 * ({@link #channel(String)}), or whoever is on call in a schedule, on a channel that can address a person
 * ({@link #onCall(String, String)}, e.g. SMS to the on-call's phone).
 */
public final class EscalationTarget {

    /** The kinds of target. */
    public enum Kind {
        /** The channels of the routes the alert takes: their group is notified again. */
        ROUTE,
        /** One channel, with its configured recipients. */
        CHANNEL,
        /** Whoever is on call in a schedule when the level is reached, at their address on a channel. */
        ON_CALL
    }

    private static final EscalationTarget ROUTE = new EscalationTarget(Kind.ROUTE, null, null);

    private final Kind kind;
    private final @Nullable String channel;
    private final @Nullable String schedule;

    private EscalationTarget(Kind kind, @Nullable String channel, @Nullable String schedule) {
        this.kind = kind;
        this.channel = channel;
        this.schedule = schedule;
    }

    /**
     * The channels the alert's routes send it to: the alert's groups are notified again (marked with the level)
     * even when nothing changed, like an early repeat. Before a group's first notification (group wait) the
     * group's own notification carries the level.
     */
    public static EscalationTarget route() {
        return ROUTE;
    }

    /** The channel {@code name}, with its configured recipients. */
    public static EscalationTarget channel(String name) {
        return new EscalationTarget(Kind.CHANNEL, checkChannel(name), null);
    }

    /**
     * Whoever is on call in schedule {@code schedule} when the level is reached, notified on channel
     * {@code channel} at the address their {@link OnCallResponder} gives for it.
     */
    public static EscalationTarget onCall(String schedule, String channel) {
        return new EscalationTarget(Kind.ON_CALL, checkChannel(channel), OnCallSchedule.checkId("schedule", schedule));
    }

    private static String checkChannel(@Nullable String name) {
        return Names.requireName("channel name", name);
    }

    /** The kind of target. */
    public Kind kind() {
        return kind;
    }

    /** The channel, or {@code null} for {@link Kind#ROUTE}. */
    public @Nullable String channel() {
        return channel;
    }

    /** The schedule, for {@link Kind#ON_CALL}; else {@code null}. */
    public @Nullable String schedule() {
        return schedule;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EscalationTarget that && kind == that.kind && Objects.equals(channel, that.channel)
                && Objects.equals(schedule, that.schedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, channel, schedule);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ROUTE -> "route";
            case CHANNEL -> "channel:" + channel;
            case ON_CALL -> "on-call:" + schedule + " via " + channel;
        };
    }
}
