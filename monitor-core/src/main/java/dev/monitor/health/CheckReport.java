package dev.monitor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One check's entry in a {@link HealthReport}: its reported status (after the failure and
 * success thresholds) and what its latest run found.
 *
 * @param name the check's name
 * @param status the reported status
 * @param critical whether a failure makes the aggregate unhealthy
 * @param responseTime how long the latest run took (the timeout when it timed out)
 * @param checkedAt when the latest run finished
 * @param details scalar details, already scrubbed, in the order the check added them
 * @param observed an optional measured value
 * @param error the reason, already scrubbed, one line, or {@code null}
 */
public record CheckReport(
        String name,
        CheckStatus status,
        boolean critical,
        Duration responseTime,
        Instant checkedAt,
        Map<String, Object> details,
        @Nullable ObservedValue observed,
        @Nullable String error) {

    /** Validates the arguments and copies {@code details}. */
    public CheckReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(responseTime, "responseTime");
        Objects.requireNonNull(checkedAt, "checkedAt");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    }
}
