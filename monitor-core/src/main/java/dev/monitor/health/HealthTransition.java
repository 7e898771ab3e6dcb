package dev.monitor.health;

import java.time.Instant;
import java.util.Objects;

/**
 * A change of a check's reported status, e.g. pass → fail, after its thresholds.
 *
 * @param check the check's name
 * @param from the status reported before
 * @param to the status reported now
 * @param report the check's entry that caused the change
 * @param at when the change happened
 */
public record HealthTransition(String check, CheckStatus from, CheckStatus to, CheckReport report, Instant at) {

    /** Validates the arguments. */
    public HealthTransition {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(at, "at");
    }
}
