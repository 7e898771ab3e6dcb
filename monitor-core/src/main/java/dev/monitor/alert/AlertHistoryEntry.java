package dev.monitor.alert;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One recent alert as the dispatcher remembers it, for status pages and incident lists
 * ({@link AlertDispatcher#recentAlerts()}). Texts are already scrubbed.
 *
 * @param fingerprint the alert's fingerprint
 * @param alert the latest (scrubbed) version of the alert
 * @param status firing or resolved
 * @param startsAt when it started firing
 * @param endsAt when it resolved; {@code null} while firing
 * @param fireCount how many times it was fired since it started (1 plus the deduplicated repeats)
 * @param suppressedBy the suppression when it started ({@code silence:…}, {@code maintenance:…},
 *     {@code inhibited}), or {@code null}
 * @param lastNotifiedAt when a notification with it last reached a channel, or {@code null}
 */
public record AlertHistoryEntry(String fingerprint, Alert alert, AlertStatus status, Instant startsAt,
        @Nullable Instant endsAt, long fireCount, @Nullable String suppressedBy, @Nullable Instant lastNotifiedAt) {

    /** Checks the required arguments. */
    public AlertHistoryEntry {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startsAt, "startsAt");
    }
}
