package dev.monitor.status;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One component of the status page: a health check, an uptime target or a scheduled job. Texts are already scrubbed.
 *
 * @param name the check's or target's name
 * @param kind what it is
 * @param state its current state
 * @param critical whether its outage is an outage of the whole page
 * @param detail the error text, only when the page shows details; else {@code null}
 * @param responseTimeMillis the latest response time (for a job: the last run's duration), or {@code null}
 * @param checkedAt when it was last checked (for a job: its last check-in), or {@code null}
 * @param uptime24h uptime percent over 24 hours (uptime targets), or {@code null}
 * @param uptime7d over 7 days, or {@code null}
 * @param uptime30d over 30 days, or {@code null}
 * @param p95Millis24h the 95th percentile response time over 24 hours (uptime targets), or {@code null}
 * @param days daily uptime for bars, oldest first (uptime targets; empty for health checks)
 */
public record StatusComponent(String name, Kind kind, ComponentState state, boolean critical, @Nullable String detail,
        @Nullable Long responseTimeMillis, @Nullable Instant checkedAt, @Nullable Double uptime24h, @Nullable Double uptime7d,
        @Nullable Double uptime30d, @Nullable Long p95Millis24h, List<StatusDay> days) {

    /** What a component is. */
    public enum Kind {
        /** A check of the health registry. */
        HEALTH_CHECK("Health check"),
        /** A URL checked by the uptime monitor. */
        UPTIME_TARGET("Uptime check"),
        /** A job watched by the job monitor. */
        SCHEDULED_JOB("Scheduled job");

        private final String text;
        private final String jsonValue = name().toLowerCase(Locale.ROOT);

        Kind(String text) {
            this.text = text;
        }

        /** The words shown on the page. */
        public String text() {
            return text;
        }

        /** The lowercase word used in JSON. */
        public String jsonValue() {
            return jsonValue;
        }
    }

    /**
     * One day of uptime.
     *
     * @param date the day, {@code yyyy-mm-dd}
     * @param checks checks that day
     * @param uptimePercent the share up, or {@code null} without checks
     */
    public record StatusDay(String date, long checks, @Nullable Double uptimePercent) {

        /** Validates the arguments. */
        public StatusDay {
            Objects.requireNonNull(date, "date");
        }
    }

    /** Validates and copies the arguments. */
    public StatusComponent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        days = List.copyOf(Objects.requireNonNull(days, "days"));
    }
}
