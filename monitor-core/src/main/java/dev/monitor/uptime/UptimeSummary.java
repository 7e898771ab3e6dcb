package dev.monitor.uptime;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where an uptime target stands and how it did, for status pages and dashboards. Texts are scrubbed.
 *
 * @param target the target's name
 * @param state the current state, after the thresholds
 * @param since when it entered that state
 * @param lastResult the latest check, or {@code null} before the first
 * @param consecutiveFailures failed checks in a row up to now
 * @param last24h uptime and response times over the last 24 hours
 * @param last7d over the last 7 days
 * @param last30d over the last 30 days
 * @param days the last 30 days, oldest first, for uptime bars
 */
public record UptimeSummary(String target, UptimeState state, Instant since, @Nullable UptimeCheckResult lastResult,
        int consecutiveFailures, UptimeWindow last24h, UptimeWindow last7d, UptimeWindow last30d, List<UptimeDay> days) {

    /** Validates and copies the arguments. */
    public UptimeSummary {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(last24h, "last24h");
        Objects.requireNonNull(last7d, "last7d");
        Objects.requireNonNull(last30d, "last30d");
        days = List.copyOf(Objects.requireNonNull(days, "days"));
    }
}
