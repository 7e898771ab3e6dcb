package dev.monitor.rule;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A change of a rule's state, e.g. pending → firing, as seen by {@link RuleTransitionListener}s. Texts
 * and label values are already scrubbed.
 *
 * @param rule the rule's (alert) name
 * @param labels the rule's labels; for a health-driven alert they include {@code check}
 * @param from the state before
 * @param to the state now
 * @param at when the evaluation that changed it ran, on the engine's clock
 * @param value the value that caused the change, or {@code NaN} when there was none
 * @param reason why: {@code breach}, {@code clear}, {@code no_data}, {@code error}, {@code check_failing},
 *     {@code check_passing} or {@code check_removed}
 * @param summary the alert summary for transitions to firing and resolved; else {@code null}
 */
public record RuleTransition(String rule, Map<String, String> labels, RuleState from, RuleState to, Instant at, double value,
        String reason, @Nullable String summary) {

    /** Validates and copies the arguments. */
    public RuleTransition {
        Objects.requireNonNull(rule, "rule");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
