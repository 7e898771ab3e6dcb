package dev.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Mutes the alerts that match all its matchers between {@link #startsAt()} and {@link #endsAt()}.
 * Add one with {@link AlertDispatcher#silence(Silence)}; it is kept in the dispatcher's journal and
 * survives restarts.
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

        /** Ends the silence {@code duration} after its start; {@code startsAt} is required with it. */
        public Builder duration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be greater than 0, was " + duration);
            }
            this.duration = duration;
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
         *     use {@code AlertMatcher.regex("alertname", ".*")}), no end, or the end is not after the start
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
            return new Silence(this, end);
        }
    }
}
