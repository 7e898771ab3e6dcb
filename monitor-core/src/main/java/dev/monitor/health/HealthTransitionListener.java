package dev.monitor.health;

/**
 * Receives check status changes. Called on the registry's worker threads; an exception thrown
 * here is logged and never affects the check or other listeners. Keep it short or hand off.
 */
@FunctionalInterface
public interface HealthTransitionListener {

    /** Called once per change of a check's reported status. */
    void onTransition(HealthTransition transition);
}
