package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static boolean openAt(MaintenanceWindow window, String localDateTime) {
        return window.isOpen(LocalDateTime.parse(localDateTime).atZone(window.zone()).toInstant());
    }

    @Test
    void opensOnTheListedDaysBetweenTheTimesInItsZone() {
        MaintenanceWindow window = MaintenanceWindow.builder("backup").days(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)
                .between(LocalTime.of(1, 0), LocalTime.of(3, 0)).zone(NEW_YORK).build();
        assertThat(openAt(window, "2026-06-06T01:00")).isTrue(); // Saturday
        assertThat(openAt(window, "2026-06-07T02:59")).isTrue(); // Sunday
        assertThat(openAt(window, "2026-06-07T03:00")).isFalse();
        assertThat(openAt(window, "2026-06-05T02:00")).isFalse(); // Friday
        // 06:00 UTC on that Saturday is 02:00 in New York (UTC-4 in summer)
        assertThat(window.isOpen(java.time.Instant.parse("2026-06-06T06:00:00Z"))).isTrue();
        assertThat(window.isOpen(java.time.Instant.parse("2026-06-06T02:00:00Z"))).isFalse();
    }

    @Test
    void aWindowEndingBeforeItStartsCrossesMidnightIntoTheNextDay() {
        MaintenanceWindow window = MaintenanceWindow.builder("overnight").days(DayOfWeek.FRIDAY)
                .between(LocalTime.of(23, 0), LocalTime.of(2, 0)).zone(NEW_YORK).build();
        assertThat(openAt(window, "2026-06-05T23:30")).isTrue(); // Friday night
        assertThat(openAt(window, "2026-06-06T01:59")).isTrue(); // early Saturday
        assertThat(openAt(window, "2026-06-06T02:00")).isFalse();
        assertThat(openAt(window, "2026-06-06T23:30")).isFalse(); // Saturday night is not listed
        assertThat(openAt(window, "2026-06-05T01:00")).isFalse(); // early Friday belongs to Thursday's window
    }

    @Test
    void localTimesFollowDaylightSavingChanges() {
        MaintenanceWindow window = MaintenanceWindow.builder("deploys").everyDay()
                .between(LocalTime.of(9, 0), LocalTime.of(10, 0)).zone(NEW_YORK).build();
        // 09:30 local is 14:30 UTC in winter and 13:30 UTC in summer
        assertThat(window.isOpen(java.time.Instant.parse("2026-01-15T14:30:00Z"))).isTrue();
        assertThat(window.isOpen(java.time.Instant.parse("2026-07-15T13:30:00Z"))).isTrue();
        assertThat(window.isOpen(java.time.Instant.parse("2026-07-15T14:30:00Z"))).isFalse();
    }

    @Test
    void matchersLimitWhichAlertsTheWindowApplies() {
        MaintenanceWindow window = MaintenanceWindow.builder("db").everyDay().between(LocalTime.MIDNIGHT, LocalTime.MAX)
                .match(AlertMatcher.equal("service", "database")).build();
        assertThat(window.matches(Alert.builder("Down").label("service", "database").build())).isTrue();
        assertThat(window.matches(Alert.builder("Down").label("service", "orders").build())).isFalse();
    }

    @Test
    void incompleteWindowsAreRejectedWithTheSettingNamed() {
        assertThatThrownBy(() -> MaintenanceWindow.builder("w").between(LocalTime.NOON, LocalTime.NOON))
                .hasMessageContaining("start and end must differ");
        assertThatThrownBy(() -> MaintenanceWindow.builder("w").between(LocalTime.NOON, LocalTime.MIDNIGHT).build())
                .hasMessage("maintenance window 'w' needs at least one day: use days(...) or everyDay()");
        assertThatThrownBy(() -> MaintenanceWindow.builder("w").everyDay().build())
                .hasMessage("maintenance window 'w' needs times: use between(start, end)");
        assertThatThrownBy(() -> MaintenanceWindow.builder(" ")).hasMessageStartingWith("maintenance window name must be 1-64");
    }
}
