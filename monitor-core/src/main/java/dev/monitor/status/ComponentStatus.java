package dev.monitor.status;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A public component as the public page shows it: its state and 90 days of uptime. Texts are already scrubbed.
 *
 * @param id the component's id
 * @param name its display name
 * @param group its group, or {@code ""}
 * @param description its description, or {@code ""}
 * @param state the worst state of its checks and targets, raised by its open incidents, or
 *     {@link ComponentState#MAINTENANCE} during a maintenance while not failing
 * @param uptimePercent the share of its targets' checks that were up over the days shown (maintenance left out when
 *     asked), or {@code null} without checks (a component of health checks only)
 * @param days one entry per day, oldest first; empty for a component without uptime targets
 */
public record ComponentStatus(String id, String name, String group, String description, ComponentState state,
        @Nullable Double uptimePercent, List<Day> days) {

    /** Validates and copies the arguments. */
    public ComponentStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        days = List.copyOf(Objects.requireNonNull(days, "days"));
    }

    /**
     * One day of a component's uptime bar.
     *
     * @param date the day
     * @param checks its targets' checks that counted that day
     * @param uptimePercent the share up, or {@code null} without checks
     * @param incidents titles of the incidents of the component that were open that day
     */
    public record Day(LocalDate date, long checks, @Nullable Double uptimePercent, List<String> incidents) {

        /** Validates and copies the arguments. */
        public Day {
            Objects.requireNonNull(date, "date");
            incidents = List.copyOf(Objects.requireNonNull(incidents, "incidents"));
        }
    }
}
