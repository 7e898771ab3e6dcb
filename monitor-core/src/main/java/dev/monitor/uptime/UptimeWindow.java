package dev.monitor.uptime;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Uptime and response times of a target over a window (24 hours, 7 days or 30 days), from its history.
 *
 * @param window the window's length
 * @param checks the checks in the window
 * @param upChecks the checks that counted as up ({@code pass} or {@code warn})
 * @param uptimePercent {@code 100 * upChecks / checks}, or {@code null} without checks
 * @param p50 the median response time, or {@code null} without responses
 * @param p95 the 95th percentile response time, or {@code null}
 * @param p99 the 99th percentile response time, or {@code null}
 */
public record UptimeWindow(Duration window, long checks, long upChecks, @Nullable Double uptimePercent, @Nullable Duration p50,
        @Nullable Duration p95, @Nullable Duration p99) {

    /** Validates the arguments. */
    public UptimeWindow {
        Objects.requireNonNull(window, "window");
        if (upChecks < 0 || upChecks > checks) {
            throw new IllegalArgumentException("upChecks must be between 0 and checks (" + checks + "), was " + upChecks);
        }
    }
}
