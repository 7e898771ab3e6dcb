/**
 * Alert rules: thresholds over Micrometer meters or any supplier, evaluated on a schedule, with a
 * pending duration ({@code for}), keep-firing, separate fire and clear thresholds, m-of-n, no-data and
 * error handling, labels and templated summaries; health-driven alerts; and a standard rule pack.
 *
 * <pre>{@code
 * RuleEngine rules = RuleEngine.builder().dispatcher(alerts).meterRegistry(meterRegistry).build();
 * rules.add(StandardRules.highErrorRate());
 * rules.add(StandardRules.healthCheckDown(health));
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.alert.rule.internal}, which is not API.
 */
@NullMarked
package dev.monitor.alert.rule;

import org.jspecify.annotations.NullMarked;
