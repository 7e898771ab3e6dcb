package dev.monitor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The result of running a set of checks: the aggregate status and every check's entry.
 *
 * @param status the aggregate status
 * @param timestamp when the report was completed
 * @param service who answers
 * @param uptime how long the registry has been running
 * @param duration how long the report took to produce
 * @param group the group reported, or {@code null} for all checks
 * @param checks the checks, in name order
 * @param notes report-level reasons that are not tied to a check, e.g. "startup not complete"
 */
public record HealthReport(
        HealthStatus status,
        Instant timestamp,
        ServiceInfo service,
        Duration uptime,
        Duration duration,
        @Nullable HealthGroup group,
        Map<String, CheckReport> checks,
        List<String> notes) {

    /** Validates and copies the arguments. */
    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(uptime, "uptime");
        Objects.requireNonNull(duration, "duration");
        checks = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(checks, "checks")));
        notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
    }

    /**
     * Aggregates check statuses: any critical failure is unhealthy; otherwise any failure or
     * warning is degraded; else healthy. No checks is healthy.
     */
    public static HealthStatus aggregate(Iterable<CheckReport> checks) {
        HealthStatus status = HealthStatus.HEALTHY;
        for (CheckReport check : checks) {
            if (check.status() == CheckStatus.FAIL && check.critical()) {
                return HealthStatus.UNHEALTHY;
            }
            if (check.status() != CheckStatus.PASS) {
                status = HealthStatus.DEGRADED;
            }
        }
        return status;
    }

    /** The error lines shown to authorized callers: each failing or warning check's {@code "name: error"}, then the notes. */
    public List<String> errors() {
        List<String> errors = new ArrayList<>();
        for (CheckReport check : checks.values()) {
            if (check.error() != null && check.status() != CheckStatus.PASS) {
                errors.add(check.name() + ": " + check.error());
            }
        }
        errors.addAll(notes);
        return errors;
    }
}
