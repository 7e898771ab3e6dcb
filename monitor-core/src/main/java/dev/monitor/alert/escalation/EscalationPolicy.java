package dev.monitor.alert.escalation;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.config.DurationLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ordered levels of whom to notify while nobody acknowledges a firing alert: level 1 when the alert starts
 * (after its delay), level 2 a delay later, and so on; after the last level it is repeated every
 * {@link #repeatInterval()} (at most {@link #maxRepeats()} times). Acknowledging or resolving the alert stops
 * it at once.
 *
 * <pre>{@code
 * EscalationPolicy critical = EscalationPolicy.builder("critical")
 *         .level(Duration.ZERO, EscalationTarget.route())                            // chat, at once
 *         .level(Duration.ofMinutes(15), EscalationTarget.onCall("primary", "sms"))  // not acknowledged in 15 min
 *         .level(Duration.ofMinutes(15), EscalationTarget.onCall("secondary", "sms"),
 *                 EscalationTarget.channel("pagerduty"))
 *         .repeatLastLevel(Duration.ofMinutes(30))
 *         .build();
 * }</pre>
 *
 * <p>The {@linkplain #responseTarget() response target} (how soon someone should respond) is shown in
 * notifications as the {@code response_target} annotation; by default it is the delay of level 2, the time
 * given to acknowledge before the alert escalates.
 */
public final class EscalationPolicy {

    /** The most levels of a policy. */
    public static final int MAX_LEVELS = 20;

    private final String name;
    private final List<EscalationLevel> levels;
    private final @Nullable Duration repeatInterval;
    private final int maxRepeats;
    private final @Nullable Duration responseTarget;

    private EscalationPolicy(Builder builder, @Nullable Duration repeatInterval, @Nullable Duration responseTarget) {
        this.name = builder.name;
        this.levels = List.copyOf(builder.levels);
        this.repeatInterval = repeatInterval;
        this.maxRepeats = builder.maxRepeats;
        this.responseTarget = responseTarget;
    }

    /** A builder for the policy {@code name} (shown in the incident timeline). */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /**
     * The default policy of {@code severity}, from the response-time targets of the monitoring guide
     * (P0 15 min, P1 1 h, P2 4 h, P3 24 h): level 1 notifies the alert's routes at once, level 2 notifies them
     * again if nobody acknowledged within the target, then again every target until someone acknowledges or the
     * alert resolves. CRITICAL 15 min, HIGH 1 h, MEDIUM 4 h, LOW 24 h; INFO is never escalated nor repeated (it
     * is for the record) and has no response target.
     */
    public static EscalationPolicy defaultFor(AlertSeverity severity) {
        Objects.requireNonNull(severity, "severity");
        Duration target = defaultResponseTarget(severity);
        Builder builder = builder(severity.label() + "-default").level(Duration.ZERO, EscalationTarget.route());
        if (target == null) {
            return builder.noRepeat().build();
        }
        return builder.level(target, EscalationTarget.route()).repeatLastLevel(target).responseTarget(target).build();
    }

    /** The response-time target of the monitoring guide for {@code severity}; {@code null} for INFO. */
    public static @Nullable Duration defaultResponseTarget(AlertSeverity severity) {
        return switch (Objects.requireNonNull(severity, "severity")) {
            case CRITICAL -> Duration.ofMinutes(15);
            case HIGH -> Duration.ofHours(1);
            case MEDIUM -> Duration.ofHours(4);
            case LOW -> Duration.ofHours(24);
            case INFO -> null;
        };
    }

    /** The policy's name. */
    public String name() {
        return name;
    }

    /** The levels, in order. */
    public List<EscalationLevel> levels() {
        return levels;
    }

    /** How often the last level is repeated, or {@code null} if it is not. */
    public @Nullable Duration repeatInterval() {
        return repeatInterval;
    }

    /** How many times the last level is repeated at most ({@link Integer#MAX_VALUE}: until acknowledged). */
    public int maxRepeats() {
        return maxRepeats;
    }

    /** How soon someone should respond, or {@code null}. */
    public @Nullable Duration responseTarget() {
        return responseTarget;
    }

    @Override
    public String toString() {
        return "EscalationPolicy{" + name + ", " + levels.size() + " levels, repeat "
                + (repeatInterval == null ? "never" : repeatInterval) + '}';
    }

    /** Builds an {@link EscalationPolicy}; at least one level is required. */
    public static final class Builder {
        private final String name;
        private final List<EscalationLevel> levels = new ArrayList<>();
        private @Nullable Duration repeatInterval;
        private boolean repeatSet;
        private int maxRepeats = Integer.MAX_VALUE;
        private @Nullable Duration responseTarget;

        private Builder(String name) {
            this.name = OnCallSchedule.checkId("policy name", name);
        }

        /**
         * Adds the next level: notify {@code targets} {@code delay} after the previous level (the first level:
         * after the alert starts firing) unless the alert was acknowledged or resolved by then.
         */
        public Builder level(Duration delay, EscalationTarget... targets) {
            Objects.requireNonNull(targets, "targets");
            if (levels.size() >= MAX_LEVELS) {
                throw new IllegalArgumentException("a policy has at most " + MAX_LEVELS + " levels");
            }
            levels.add(new EscalationLevel(delay, List.of(targets)));
            return this;
        }

        /**
         * Repeats the last level every {@code interval} (at least 1 minute, at most 366 days) until the alert is
         * acknowledged or resolved. Default: the last level's delay, if it is at least 1 minute; otherwise no repeat.
         */
        public Builder repeatLastLevel(Duration interval) {
            this.repeatInterval = DurationLimits.requireBetween("repeatLastLevel interval", interval, Duration.ofMinutes(1),
                    DurationLimits.MAX_PERIOD);
            this.repeatSet = true;
            return this;
        }

        /** Does not repeat the last level. */
        public Builder noRepeat() {
            this.repeatInterval = null;
            this.repeatSet = true;
            return this;
        }

        /** Repeats the last level at most {@code maxRepeats} times (default: until acknowledged); at least 1. */
        public Builder maxRepeats(int maxRepeats) {
            if (maxRepeats < 1) {
                throw new IllegalArgumentException("maxRepeats must be at least 1, was " + maxRepeats + "; use noRepeat() instead");
            }
            this.maxRepeats = maxRepeats;
            return this;
        }

        /**
         * How soon someone should respond (default: the delay of level 2, if any and not zero); at least 1 second, at most
         * 366 days.
         */
        public Builder responseTarget(Duration responseTarget) {
            this.responseTarget = DurationLimits.requireBetween("responseTarget", responseTarget, Duration.ofSeconds(1),
                    DurationLimits.MAX_PERIOD);
            return this;
        }

        /**
         * Builds the policy.
         *
         * @throws IllegalArgumentException if it has no level
         */
        public EscalationPolicy build() {
            if (levels.isEmpty()) {
                throw new IllegalArgumentException("policy '" + name + "' has no level; add level(Duration.ZERO, "
                        + "EscalationTarget.route()) and the levels after it");
            }
            Duration repeat = repeatInterval;
            if (!repeatSet) {
                Duration last = levels.get(levels.size() - 1).delay();
                repeat = last.compareTo(Duration.ofMinutes(1)) >= 0 ? last : null;
            }
            Duration target = responseTarget;
            if (target == null && levels.size() > 1 && levels.get(1).delay().compareTo(Duration.ofSeconds(1)) >= 0) {
                target = levels.get(1).delay();
            }
            return new EscalationPolicy(this, repeat, target);
        }
    }
}
