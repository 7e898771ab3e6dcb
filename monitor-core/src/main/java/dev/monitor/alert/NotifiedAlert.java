package dev.monitor.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One alert as a notification reports it: the (scrubbed) alert, whether it fires or has resolved,
 * and when it started and ended.
 *
 * @param alert the alert, with every text already passed through the dispatcher's scrubber
 * @param status firing or resolved
 * @param startsAt when it started firing
 * @param endsAt when it resolved; {@code null} while firing
 */
public record NotifiedAlert(Alert alert, AlertStatus status, Instant startsAt, @Nullable Instant endsAt) {

    /** Checks the arguments. */
    public NotifiedAlert {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
        if (status == AlertStatus.RESOLVED && endsAt == null) {
            throw new IllegalArgumentException("a resolved alert needs endsAt");
        }
    }

    /** The alert's fingerprint. */
    public String fingerprint() {
        return alert.fingerprint();
    }

    /** Whether the alert is firing. */
    public boolean isFiring() {
        return status == AlertStatus.FIRING;
    }
}
