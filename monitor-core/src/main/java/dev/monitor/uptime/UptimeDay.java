package dev.monitor.uptime;

import java.time.LocalDate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One day of a target's history, for uptime bars.
 *
 * @param date the day, in the monitor clock's time zone
 * @param checks the checks that day
 * @param upChecks the checks that counted as up
 * @param uptimePercent {@code 100 * upChecks / checks}, or {@code null} when the day had no checks
 */
public record UptimeDay(LocalDate date, long checks, long upChecks, @Nullable Double uptimePercent) {

    /** Validates the arguments. */
    public UptimeDay {
        Objects.requireNonNull(date, "date");
    }
}
