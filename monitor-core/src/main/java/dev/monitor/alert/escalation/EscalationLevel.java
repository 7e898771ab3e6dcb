package dev.monitor.alert.escalation;

import dev.monitor.config.DurationLimits;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One level of an {@link EscalationPolicy}: whom to notify, and how long after the previous level (for the
 * first level: after the alert starts firing) if nobody has acknowledged the alert by then.
 *
 * @param delay the wait after the previous level, zero or more, at most 366 days
 * @param targets whom to notify, at least one, without duplicates
 */
public record EscalationLevel(Duration delay, List<EscalationTarget> targets) {

    /** Checks the arguments and copies the list. */
    public EscalationLevel {
        DurationLimits.requirePeriodOrZero("escalation level delay", delay);
        Objects.requireNonNull(targets, "targets");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("an escalation level needs at least one target, e.g. EscalationTarget.route()");
        }
        for (EscalationTarget target : targets) {
            Objects.requireNonNull(target, "targets must not contain null");
        }
        if (new LinkedHashSet<>(targets).size() != targets.size()) {
            throw new IllegalArgumentException("an escalation level names a target twice: " + targets);
        }
        targets = List.copyOf(targets);
    }
}
