package dev.monitor.alert;

/**
 * Receives the dispatcher's {@link AlertEvent}s. Called on the dispatcher's thread, in order: keep it
 * fast and non-blocking (hand off to your own executor for slow work). An exception thrown by a
 * listener is logged and ignored.
 */
@FunctionalInterface
public interface AlertEventListener {

    /** Called for every event. */
    void onEvent(AlertEvent event);
}
