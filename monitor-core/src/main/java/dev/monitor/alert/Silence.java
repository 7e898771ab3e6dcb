package dev.monitor.alert;

import dev.monitor.config.DurationLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mutes the alerts that match all its matchers between {@link #startsAt()} and {@link #endsAt()}, at most
 * {@link #MAX_DURATION} (366 days) apart: a silence meant to last longer is a route or a maintenance window.
 * Add one with {@link AlertDispatcher#silence(Silence)}; it is kept in the dispatcher's journal and
 * survives restarts, with its comment scrubbed and its author shown as the dispatcher shows people's names. A silence
 * whose matcher values hold personal data or a secret (a value the scrubber would change, such as any value of a
 * {@code token} label) is kept in memory only, so that nothing raw is written to disk; it ends with the process.
 *
 * <pre>{@code
 * dispatcher.silence(Silence.builder()
 *         .match(AlertMatcher.equal("service", "search"))
 *         .endsAt(Instant.now().plus(Duration.ofHours(2)))
 *         .comment("reindexing")
 *         .build());
 * }</pre>
 */
public final class Silence {

    /** The longest a silence lasts, from its start (or from when it is added) to its end. */
    public static final Duration MAX_DURATION = DurationLimits.MAX_PERIOD;

    private final List<AlertMatcher> matchers;
    private final @Nullable Instant startsAt;
    private final Instant endsAt;
    private final String comment;
    private final String createdBy;

    private Silence(Builder builder, Instant endsAt) {
        this.matchers = List.copyOf(builder.matchers);
        this.startsAt = builder.startsAt;
        this.endsAt = endsAt;
        this.comment = builder.comment;
        this.createdBy = builder.createdBy;
    }

    /** A builder; at least one matcher and an end are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The matchers that must all hold. */
    public List<AlertMatcher> matchers() {
        return matchers;
    }

    /** When the silence starts; {@code null} means when it is added. */
    public @Nullable Instant startsAt() {
        return startsAt;
    }

    /** When the silence ends. */
    public Instant endsAt() {
        return endsAt;
    }

    /** Why the silence was added. */
    public String comment() {
        return comment;
    }

    /** Who added the silence. */
    public String createdBy() {
        return createdBy;
    }

    /** Whether the silence is in force at {@code now}. */
    public boolean isActive(Instant now) {
        return (startsAt == null || !now.isBefore(startsAt)) && now.isBefore(endsAt);
    }

    /** Whether every matcher holds for {@code alert} (regardless of time). */
    public boolean matches(Alert alert) {
        for (AlertMatcher matcher : matchers) {
            if (!matcher.test(alert)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks that a silence starting at {@code start} may end at {@code end}: at most {@link #MAX_DURATION} later.
     *
     * @throws IllegalArgumentException naming the span, its bound and both instants
     */
    static void checkSpan(Instant start, Instant end) {
        if (Duration.between(start, end).compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("a silence must end at most " + MAX_DURATION + " (366 days) after it starts ("
                    + start + "), was endsAt " + end);
        }
    }

    @Override
    public String toString() {
        return "Silence{matchers=" + matchers + ", startsAt=" + startsAt + ", endsAt=" + endsAt + '}';
    }

    /** Builds a {@link Silence}. */
    public static final class Builder {
        private final List<AlertMatcher> matchers = new ArrayList<>();
        private @Nullable Instant startsAt;
        private @Nullable Instant endsAt;
        private @Nullable Duration duration;
        private String comment = "";
        private String createdBy = "";

        private Builder() {
        }

        /** Adds matchers; all must hold. */
        public Builder match(AlertMatcher... matchers) {
            Objects.requireNonNull(matchers, "matchers");
            for (AlertMatcher matcher : matchers) {
                this.matchers.add(Objects.requireNonNull(matcher, "matchers must not contain null"));
            }
            return this;
        }

        /** When the silence starts (default: when it is added). */
        public Builder startsAt(Instant startsAt) {
            this.startsAt = Objects.requireNonNull(startsAt, "startsAt");
            return this;
        }

        /** When the silence ends. */
        public Builder endsAt(Instant endsAt) {
            this.endsAt = Objects.requireNonNull(endsAt, "endsAt");
            this.duration = null;
            return this;
        }

        /**
         * Ends the silence {@code duration} after its start; {@code startsAt} is required with it.
         *
         * @throws IllegalArgumentException unless greater than 0 and at most {@link #MAX_DURATION} (366 days)
         */
        public Builder duration(Duration duration) {
            this.duration = DurationLimits.requirePeriod("silence duration", duration);
            this.endsAt = null;
            return this;
        }

        /** Why the silence was added. */
        public Builder comment(String comment) {
            this.comment = Objects.requireNonNull(comment, "comment");
            return this;
        }

        /** Who added the silence. */
        public Builder createdBy(String createdBy) {
            this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
            return this;
        }

        /**
         * Builds the silence.
         *
         * @throws IllegalArgumentException if there is no matcher (a silence of everything must be explicit:
         *     use {@code AlertMatcher.regex("alertname", ".*")}), no end, the end is not after the start, or more than
         *     {@link #MAX_DURATION} after it (a silence without a start is checked when it is added)
         */
        public Silence build() {
            if (matchers.isEmpty()) {
                throw new IllegalArgumentException("a silence needs at least one matcher; to silence everything use "
                        + "AlertMatcher.regex(\"alertname\", \".*\")");
            }
            Instant end = endsAt;
            if (duration != null) {
                if (startsAt == null) {
                    throw new IllegalArgumentException("duration needs startsAt; use endsAt(...) for a silence that starts now");
                }
                end = startsAt.plus(duration);
            }
            if (end == null) {
                throw new IllegalArgumentException("a silence needs an end: set endsAt(...) or startsAt(...) and duration(...)");
            }
            if (startsAt != null && !end.isAfter(startsAt)) {
                throw new IllegalArgumentException("endsAt must be after startsAt (" + startsAt + "), was " + end);
            }
            if (startsAt != null) {
                checkSpan(startsAt, end);
            }
            return new Silence(this, end);
        }
    }
}
