package dev.monitor.rule.internal;

import java.util.Objects;

/**
 * One evaluation's reading of a signal: a value, no data (with the reason), or "warming up" (a rate
 * that has only its first sample). Not API.
 *
 * @param kind which of the three
 * @param value the value when {@link Kind#VALUE}, else {@code NaN}
 * @param reason why there is no value; empty for values
 */
public record Reading(Kind kind, double value, String reason) {

    /** What a reading holds. */
    public enum Kind {
        /** A finite value. */
        VALUE,
        /** The signal had nothing to read. */
        NO_DATA,
        /** The signal needs another evaluation before it can give a value (a rate's first sample). */
        WARMING_UP
    }

    /** Validates the arguments. */
    public Reading {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
    }

    /** A value; {@code NaN} or an infinity becomes no data. */
    public static Reading of(double value) {
        if (Double.isNaN(value)) {
            return noData("the value is NaN");
        }
        if (Double.isInfinite(value)) {
            return noData("the value is infinite");
        }
        return new Reading(Kind.VALUE, value, "");
    }

    /** No data, because of {@code reason}. */
    public static Reading noData(String reason) {
        return new Reading(Kind.NO_DATA, Double.NaN, reason);
    }

    /** Not enough samples yet. */
    public static Reading warmingUp() {
        return new Reading(Kind.WARMING_UP, Double.NaN, "first sample taken; a value follows at the next evaluation");
    }

    /** Whether this reading holds a value. */
    public boolean hasValue() {
        return kind == Kind.VALUE;
    }
}
