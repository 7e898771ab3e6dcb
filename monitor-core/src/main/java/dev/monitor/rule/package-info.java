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
 * <p>The rules engine fires and resolves alerts through the public API of {@code dev.monitor.alert} only
 * ({@code AlertDispatcher.fire/resolve}, {@code Alert}); nothing in {@code dev.monitor.alert} imports this
 * package, so the dependency runs one way. Implementation detail lives in {@code dev.monitor.rule.internal},
 * which is not API.
 */
@NullMarked
package dev.monitor.rule;

import org.jspecify.annotations.NullMarked;
