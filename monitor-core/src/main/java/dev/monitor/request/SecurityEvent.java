package dev.monitor.request;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A security-relevant pattern detected in the traffic, e.g. more than 10 failed authentications
 * (401/403 responses) from one client within a minute. Carries no personal data: the client is a
 * keyed HMAC-SHA256 hash of its IP address, comparable between events of the same process (or of
 * processes configured with the same key), never reversible to the address.
 *
 * @param type what was detected
 * @param clientHash keyed hash of the client's IP address, 16 hex characters
 * @param failures the number of failures within {@code window} when the event was emitted
 * @param window the sliding window
 * @param detectedAt when the threshold was crossed
 * @param requestId the ID of the request that crossed the threshold
 * @param route the low-cardinality route of that request, e.g. {@code /login}
 */
public record SecurityEvent(Type type, String clientHash, int failures, Duration window, Instant detectedAt,
        String requestId, String route) {

    /** Validates the arguments. */
    public SecurityEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientHash, "clientHash");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(detectedAt, "detectedAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(route, "route");
        if (failures < 1) {
            throw new IllegalArgumentException("failures must be at least 1, was " + failures);
        }
    }

    /** The kinds of security events. */
    public enum Type {
        /** More failed authentications (401 or 403) from one client than the threshold within the window. */
        REPEATED_AUTHENTICATION_FAILURES
    }
}
