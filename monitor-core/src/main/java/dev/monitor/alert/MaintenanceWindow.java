package dev.monitor.alert;

import dev.monitor.config.Names;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A recurring time when matching alerts are not notified, e.g. "Sundays 02:00–04:00 Europe/Berlin".
 * The window opens on each listed day at {@link #start()} and closes at {@link #end()} in
 * {@link #zone()}; an end before the start crosses midnight into the next day. Local times follow
 * the zone's daylight-saving rules. With no matchers the window applies to every alert.
 *
 * <pre>{@code
 * MaintenanceWindow.builder("weekly-db-maintenance")
 *         .days(DayOfWeek.SUNDAY)
 *         .between(LocalTime.of(2, 0), LocalTime.of(4, 0))
 *         .zone(ZoneId.of("Europe/Berlin"))
 *         .match(AlertMatcher.equal("service", "database"))
 *         .build();
 * }</pre>
 */
public final class MaintenanceWindow {

    private final String name;
    private final Set<DayOfWeek> days;
    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;
    private final List<AlertMatcher> matchers;

    private MaintenanceWindow(Builder builder) {
        this.name = builder.name;
        this.days = Collections.unmodifiableSet(EnumSet.copyOf(builder.days));
        this.start = Objects.requireNonNull(builder.start);
        this.end = Objects.requireNonNull(builder.end);
        this.zone = builder.zone;
        this.matchers = List.copyOf(builder.matchers);
    }

    /**
     * A builder for a window called {@code name} (following {@link Names#requireName the name rule}); days and times are
     * required, the zone defaults to UTC. A window opens for less than a day at a time, so it needs no duration bound.
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The window's name, reported as the suppression reason. */
    public String name() {
        return name;
    }

    /** The days on which the window opens. */
    public Set<DayOfWeek> days() {
        return days;
    }

    /** When the window opens, in {@link #zone()}. */
    public LocalTime start() {
        return start;
    }

    /** When the window closes, in {@link #zone()}; before {@link #start()} means the next day. */
    public LocalTime end() {
        return end;
    }

    /** The time zone of {@link #start()} and {@link #end()}. */
    public ZoneId zone() {
        return zone;
    }

    /** The matchers that must all hold; empty means every alert. */
    public List<AlertMatcher> matchers() {
        return matchers;
    }

    /** Whether the window is open at {@code now}. */
    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        DayOfWeek day = local.getDayOfWeek();
        if (start.isBefore(end)) {
            return days.contains(day) && !time.isBefore(start) && time.isBefore(end);
        }
        // crosses midnight: open from start on a listed day until end on the following day
        return (days.contains(day) && !time.isBefore(start)) || (days.contains(day.minus(1)) && time.isBefore(end));
    }

    /** Whether every matcher holds for {@code alert} (regardless of time). */
    public boolean matches(Alert alert) {
        for (AlertMatcher matcher : matchers) {
            if (!matcher.test(alert)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "MaintenanceWindow{" + name + ", " + days + " " + start + "-" + end + " " + zone + ", matchers=" + matchers + '}';
    }

    /** Builds a {@link MaintenanceWindow}. */
    public static final class Builder {
        private final String name;
        private final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        private @Nullable LocalTime start;
        private @Nullable LocalTime end;
        private ZoneId zone = ZoneId.of("UTC");
        private final List<AlertMatcher> matchers = new ArrayList<>();

        private Builder(String name) {
            this.name = Names.requireName("maintenance window name", name);
        }

        /** Adds days on which the window opens. */
        public Builder days(DayOfWeek... days) {
            Objects.requireNonNull(days, "days");
            for (DayOfWeek day : days) {
                this.days.add(Objects.requireNonNull(day, "days must not contain null"));
            }
            return this;
        }

        /** Opens the window every day of the week. */
        public Builder everyDay() {
            return days(DayOfWeek.values());
        }

        /** Opens the window at {@code start} and closes it at {@code end}; an end before the start crosses midnight. */
        public Builder between(LocalTime start, LocalTime end) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (start.equals(end)) {
                throw new IllegalArgumentException("start and end must differ, were both " + start
                        + "; for a whole day use between(LocalTime.MIDNIGHT, LocalTime.MAX)");
            }
            this.start = start;
            this.end = end;
            return this;
        }

        /** The zone of the times (default UTC). */
        public Builder zone(ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** Adds matchers; all must hold (default: every alert). */
        public Builder match(AlertMatcher... matchers) {
            Objects.requireNonNull(matchers, "matchers");
            for (AlertMatcher matcher : matchers) {
                this.matchers.add(Objects.requireNonNull(matcher, "matchers must not contain null"));
            }
            return this;
        }

        /**
         * Builds the window.
         *
         * @throws IllegalArgumentException if no day or no times were given
         */
        public MaintenanceWindow build() {
            if (days.isEmpty()) {
                throw new IllegalArgumentException("maintenance window '" + name + "' needs at least one day: use days(...) or everyDay()");
            }
            if (start == null || end == null) {
                throw new IllegalArgumentException("maintenance window '" + name + "' needs times: use between(start, end)");
            }
            return new MaintenanceWindow(this);
        }
    }
}
