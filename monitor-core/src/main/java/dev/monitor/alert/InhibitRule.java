package dev.monitor.alert;

import dev.monitor.config.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Mutes alerts while a more important one fires: an alert matching every {@link #targetMatchers()
 * target matcher} is not notified while another firing alert matches every {@link #sourceMatchers()
 * source matcher} and has the same values for the {@link #equalLabels() equal labels}. An alert never
 * inhibits itself.
 *
 * <pre>{@code
 * // a CRITICAL "ServiceDown" mutes HIGH alerts of the same service
 * InhibitRule rule = InhibitRule.builder()
 *         .source(AlertMatcher.name("ServiceDown"), AlertMatcher.severity(AlertSeverity.CRITICAL))
 *         .target(AlertMatcher.severity(AlertSeverity.HIGH))
 *         .equal("service")
 *         .build();
 * }</pre>
 */
public final class InhibitRule {

    private final List<AlertMatcher> sourceMatchers;
    private final List<AlertMatcher> targetMatchers;
    private final List<String> equalLabels;

    private InhibitRule(Builder builder) {
        this.sourceMatchers = List.copyOf(builder.source);
        this.targetMatchers = List.copyOf(builder.target);
        this.equalLabels = List.copyOf(builder.equal);
    }

    /** A builder; source and target matchers are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** What the muting alert must match. */
    public List<AlertMatcher> sourceMatchers() {
        return sourceMatchers;
    }

    /** What the muted alerts must match. */
    public List<AlertMatcher> targetMatchers() {
        return targetMatchers;
    }

    /** Labels whose values must be equal in source and target. */
    public List<String> equalLabels() {
        return equalLabels;
    }

    /** Whether {@code alert} can mute others under this rule. */
    public boolean isSource(Alert alert) {
        return all(sourceMatchers, alert);
    }

    /** Whether {@code alert} can be muted under this rule. */
    public boolean isTarget(Alert alert) {
        return all(targetMatchers, alert);
    }

    private static boolean all(List<AlertMatcher> matchers, Alert alert) {
        for (AlertMatcher matcher : matchers) {
            if (!matcher.test(alert)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "InhibitRule{source=" + sourceMatchers + ", target=" + targetMatchers + ", equal=" + equalLabels + '}';
    }

    /** Builds an {@link InhibitRule}. */
    public static final class Builder {
        private final List<AlertMatcher> source = new ArrayList<>();
        private final List<AlertMatcher> target = new ArrayList<>();
        private final List<String> equal = new ArrayList<>();

        private Builder() {
        }

        /** Adds matchers the muting alert must match. */
        public Builder source(AlertMatcher... matchers) {
            add(source, "source", matchers);
            return this;
        }

        /** Adds matchers the muted alerts must match. */
        public Builder target(AlertMatcher... matchers) {
            add(target, "target", matchers);
            return this;
        }

        /**
         * Adds labels whose values must be equal in source and target (compared as fired, also under a name that marks a
         * secret).
         *
         * @throws IllegalArgumentException if a label does not follow {@link Names#requireLabelKey the label-key rule}
         */
        public Builder equal(String... labels) {
            Objects.requireNonNull(labels, "labels");
            for (String label : labels) {
                equal.add(Names.requireLabelKey("inhibit equal label", label));
            }
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalArgumentException if no source or no target matcher was given (the rule would
         *     mute everything or be muted by anything)
         */
        public InhibitRule build() {
            if (source.isEmpty()) {
                throw new IllegalArgumentException("an inhibit rule needs at least one source matcher");
            }
            if (target.isEmpty()) {
                throw new IllegalArgumentException("an inhibit rule needs at least one target matcher");
            }
            return new InhibitRule(this);
        }

        private static void add(List<AlertMatcher> list, String what, AlertMatcher[] matchers) {
            Objects.requireNonNull(matchers, what);
            for (AlertMatcher matcher : matchers) {
                list.add(Objects.requireNonNull(matcher, what + " matchers must not contain null"));
            }
        }
    }
}
