package dev.monitor.rule;

/**
 * Receives rule state changes. Called on the rule engine's thread, in order for each rule: keep it
 * short. An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface RuleTransitionListener {

    /** Called once per state change. */
    void onTransition(RuleTransition transition);
}
