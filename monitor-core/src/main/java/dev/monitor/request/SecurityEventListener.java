package dev.monitor.request;

/**
 * Receives {@link SecurityEvent}s, e.g. the alert dispatcher. Register with
 * {@link RequestMonitor#addSecurityEventListener}.
 *
 * <p>Called on the request thread that crossed the threshold: it must return quickly and must not
 * block (hand the event over, as the alert dispatcher's {@code fire()} does). An exception is caught
 * and logged; it never reaches the application.
 */
@FunctionalInterface
public interface SecurityEventListener {

    /** A security event was detected. */
    void onSecurityEvent(SecurityEvent event);
}
