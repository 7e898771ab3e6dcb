package dev.monitor.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alert as a notification reports it: the (scrubbed) alert, whether it fires or has resolved,
 * when it started and ended, who acknowledged it, and how far it has escalated.
 *
 * @param alert the alert, with every text already passed through the dispatcher's scrubber
 * @param status firing or resolved
 * @param startsAt when it started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param acknowledgement who acknowledged it and when, or {@code null}
 * @param escalationLevel the escalation level it has reached (1 for the first level), or 0 without escalation
 */
public record NotifiedAlert(Alert alert, AlertStatus status, Instant startsAt, @Nullable Instant endsAt,
        @Nullable AlertAcknowledgement acknowledgement, int escalationLevel) {

    /** Checks the arguments. */
    public NotifiedAlert {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        if (status == AlertStatus.RESOLVED && endsAt == null) {
            throw new IllegalArgumentException("a resolved alert needs endsAt");
        }
        if (escalationLevel < 0) {
            throw new IllegalArgumentException("escalationLevel must not be negative, was " + escalationLevel);
        }
    }

    /** An alert neither acknowledged nor escalated. */
    public NotifiedAlert(Alert alert, AlertStatus status, Instant startsAt, @Nullable Instant endsAt) {
        this(alert, status, startsAt, endsAt, null, 0);
    }

    /** The alert's fingerprint. */
    public String fingerprint() {
        return alert.fingerprint();
    }

    /** Whether the alert is firing. */
    public boolean isFiring() {
        return status == AlertStatus.FIRING;
    }

    /** Whether someone acknowledged the alert. */
    public boolean isAcknowledged() {
        return acknowledgement != null;
    }
}
