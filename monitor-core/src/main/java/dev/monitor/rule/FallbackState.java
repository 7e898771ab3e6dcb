package dev.monitor.rule;

/**
 * What a rule does when an evaluation gives no value: when its signal has no data (no matching meter,
 * a ratio over no traffic, a supplier returning {@code NaN}) or when reading it fails.
 */
public enum FallbackState {
    /** Count the evaluation as not breaching: a pending rule goes back to inactive, a firing one clears. */
    OK,
    /** Count the evaluation as breaching: the rule fires after its pending duration, its summary saying why. */
    ALERTING,
    /** Ignore the evaluation: the rule keeps its state and its timers run on. */
    KEEP_LAST
}
