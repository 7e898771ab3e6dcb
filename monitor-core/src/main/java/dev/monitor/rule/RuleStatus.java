package dev.monitor.rule;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where one rule (or one check of a health-driven rule) stands now, for status pages and diagnostics.
 * Texts and label values are already scrubbed.
 *
 * @param rule the rule's (alert) name
 * @param labels the rule's labels ({@code check} for health-driven alerts)
 * @param state the current state
 * @param since when it entered that state
 * @param lastEvaluatedAt when it was last evaluated, or {@code null} before the first evaluation
 * @param lastValue the last value read, or {@code NaN}
 * @param lastProblem why the last evaluation had no value (no data, error), or {@code null}
 */
public record RuleStatus(String rule, Map<String, String> labels, RuleState state, Instant since,
        @Nullable Instant lastEvaluatedAt, double lastValue, @Nullable String lastProblem) {

    /** Validates and copies the arguments. */
    public RuleStatus {
        Objects.requireNonNull(rule, "rule");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }
}
