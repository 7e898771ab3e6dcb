package dev.monitor.alert.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Rotations hand off at the local time in their zone, across daylight-saving changes, and overrides win for
 * their window. Europe/Berlin moves from CET (+01:00) to CEST (+02:00) on 2026-03-29 at 02:00 and back on
 * 2026-10-25 at 03:00; America/New_York from EST to EDT on 2026-03-08.
 */
class OnCallScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static OnCallSchedule.Builder weeklyBerlin() {
        // the first hand-off is Monday 2026-03-16 09:00 Berlin: alice, then bob on 03-23, carol on 03-30 (after the change)
        return OnCallSchedule.builder("primary").zone(BERLIN).weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
                .startingOn(LocalDate.of(2026, 3, 14)).responders("alice", "bob", "carol");
    }

    @Test
    void aWeeklyRotationHandsOffAtNineLocalTimeAcrossTheSpringChangeNot168HoursLater() {
        OnCallSchedule schedule = weeklyBerlin().build();
        // before the change: Monday 09:00 CET is 08:00 UTC
        assertThat(schedule.onCallAt(Instant.parse("2026-03-23T07:59:59Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-23T08:00:00Z"))).contains("bob");
        // after the change: Monday 09:00 CEST is 07:00 UTC, an hour earlier than 168 hours after the last hand-off
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T06:59:59Z"))).contains("bob");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).contains("carol");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T08:00:00Z"))).as("168 h after the previous hand-off").contains("carol");
        assertThat(schedule.nextHandOff(Instant.parse("2026-03-23T08:00:00Z"))).isEqualTo(Instant.parse("2026-03-30T07:00:00Z"));
        assertThat(schedule.lastHandOff(Instant.parse("2026-03-31T00:00:00Z"))).contains(Instant.parse("2026-03-30T07:00:00Z"));
        // and round again: alice from 2026-04-06 09:00 CEST
        assertThat(schedule.onCallAt(Instant.parse("2026-04-06T07:00:00Z"))).contains("alice");
    }

    @Test
    void aWeeklyRotationHandsOffAtNineLocalTimeAcrossTheAutumnChange() {
        OnCallSchedule schedule = OnCallSchedule.builder("primary").zone(BERLIN).weekly(DayOfWeek.MONDAY, LocalTime.of(9, 0))
                .startingOn(LocalDate.of(2026, 10, 19)).responders("alice", "bob").build();
        // Monday 2026-10-19 09:00 CEST = 07:00 UTC; Monday 2026-10-26 09:00 CET = 08:00 UTC, 169 hours later
        assertThat(schedule.onCallAt(Instant.parse("2026-10-19T06:59:59Z"))).isEmpty();
        assertThat(schedule.onCallAt(Instant.parse("2026-10-19T07:00:00Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-10-26T07:59:59Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-10-26T08:00:00Z"))).contains("bob");
    }

    @Test
    void aWeeklyRotationInNewYorkHandsOffAtTheLocalTimeAcrossItsChange() {
        OnCallSchedule schedule = OnCallSchedule.builder("us").zone(ZoneId.of("America/New_York"))
                .weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0)).startingOn(LocalDate.of(2026, 3, 6)).responders("dana", "eli").build();
        // Friday 17:00 EST = 22:00 UTC; a week later (after 2026-03-08) 17:00 EDT = 21:00 UTC
        assertThat(schedule.onCallAt(Instant.parse("2026-03-06T22:00:00Z"))).contains("dana");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-13T20:59:59Z"))).contains("dana");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-13T21:00:00Z"))).contains("eli");
    }

    @Test
    void aHandOffInTheSkippedHourHappensWhenTheClocksHaveMovedForward() {
        OnCallSchedule schedule = OnCallSchedule.builder("night").zone(BERLIN).daily(LocalTime.of(2, 30))
                .startingOn(LocalDate.of(2026, 3, 28)).responders("alice", "bob").build();
        // 2026-03-28 02:30 CET = 01:30 UTC: alice; 2026-03-29 02:30 does not exist: 03:30 CEST = 01:30 UTC: bob
        assertThat(schedule.onCallAt(Instant.parse("2026-03-28T01:30:00Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-29T01:29:59Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-29T01:30:00Z"))).contains("bob");
        // 2026-03-30 02:30 CEST = 00:30 UTC: alice again, 23 hours after the skipped-hour hand-off
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T00:29:59Z"))).contains("bob");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T00:30:00Z"))).contains("alice");
    }

    @Test
    void aHandOffInTheRepeatedHourHappensAtItsFirstOccurrence() {
        OnCallSchedule schedule = OnCallSchedule.builder("night").zone(BERLIN).daily(LocalTime.of(2, 30))
                .startingOn(LocalDate.of(2026, 10, 24)).responders("alice", "bob").build();
        // 2026-10-25 02:30 happens twice: at 00:30 UTC (CEST) and 01:30 UTC (CET); the hand-off is the first
        assertThat(schedule.onCallAt(Instant.parse("2026-10-25T00:29:59Z"))).contains("alice");
        assertThat(schedule.onCallAt(Instant.parse("2026-10-25T00:30:00Z"))).contains("bob");
        assertThat(schedule.onCallAt(Instant.parse("2026-10-25T01:30:00Z"))).contains("bob");
    }

    @Test
    void anOverrideWinsForItsWindowAcrossTheChangeAndTheRotationResumesAfterIt() {
        // dave covers from Saturday 18:00 CET to Monday 12:00 CEST, across the change and across the 09:00 hand-off
        OnCallSchedule schedule = weeklyBerlin()
                .override("dave", LocalDateTime.of(2026, 3, 28, 18, 0), LocalDateTime.of(2026, 3, 30, 12, 0))
                .build();
        assertThat(schedule.onCallAt(Instant.parse("2026-03-28T16:59:59Z"))).contains("bob");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-28T17:00:00Z"))).as("18:00 CET").contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T07:00:00Z"))).as("the rotation's hand-off inside the window")
                .contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T09:59:59Z"))).contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-30T10:00:00Z"))).as("12:00 CEST: the window ends").contains("carol");
    }

    @Test
    void whereOverridesOverlapTheOneAddedLastWins() {
        OnCallSchedule schedule = weeklyBerlin()
                .override("dave", Instant.parse("2026-03-24T00:00:00Z"), Instant.parse("2026-03-26T00:00:00Z"))
                .override("erin", Instant.parse("2026-03-25T00:00:00Z"), Instant.parse("2026-03-25T12:00:00Z"))
                .build();
        assertThat(schedule.onCallAt(Instant.parse("2026-03-24T12:00:00Z"))).contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-25T06:00:00Z"))).contains("erin");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-25T12:00:00Z"))).contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-26T00:00:00Z"))).contains("bob");
        assertThat(schedule.allResponders()).containsExactly("alice", "bob", "carol", "dave", "erin");
    }

    @Test
    void beforeTheFirstHandOffOnlyAnOverrideNamesSomeone() {
        OnCallSchedule schedule = weeklyBerlin()
                .override("dave", Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z")).build();
        assertThat(schedule.onCallAt(Instant.parse("2026-03-09T00:00:00Z"))).isEqualTo(Optional.empty());
        assertThat(schedule.onCallAt(Instant.parse("2026-03-10T00:00:00Z"))).contains("dave");
        assertThat(schedule.onCallAt(Instant.parse("2026-03-16T07:59:59Z"))).isEmpty();
        assertThat(schedule.nextHandOff(Instant.parse("2026-03-01T00:00:00Z"))).isEqualTo(Instant.parse("2026-03-16T08:00:00Z"));
    }

    @Test
    void shiftsOfSeveralDaysRotateEveryNDays() {
        OnCallSchedule schedule = OnCallSchedule.builder("ops").zone(ZoneId.of("UTC")).daily(LocalTime.of(8, 0)).every(3)
                .startingOn(LocalDate.of(2026, 1, 1)).responders("a", "b").build();
        assertThat(schedule.onCallAt(Instant.parse("2026-01-03T23:00:00Z"))).contains("a");
        assertThat(schedule.onCallAt(Instant.parse("2026-01-04T08:00:00Z"))).contains("b");
        assertThat(schedule.onCallAt(Instant.parse("2026-01-07T08:00:00Z"))).contains("a");
        assertThat(schedule.onCallAt(Instant.parse("2030-06-01T12:00:00Z"))).isPresent();
    }

    @Test
    void theBuilderNamesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> OnCallSchedule.builder("primary").weekly(DayOfWeek.MONDAY, LocalTime.NOON)
                .startingOn(LocalDate.of(2026, 1, 5)).responders("alice").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no zone");
        assertThatThrownBy(() -> OnCallSchedule.builder("primary").zone(BERLIN).startingOn(LocalDate.of(2026, 1, 5))
                .responders("alice").build()).hasMessageContaining("has no rotation");
        assertThatThrownBy(() -> OnCallSchedule.builder("primary").zone(BERLIN).daily(LocalTime.NOON).responders("alice").build())
                .hasMessageContaining("has no start");
        assertThatThrownBy(() -> OnCallSchedule.builder("primary").zone(BERLIN).daily(LocalTime.NOON)
                .startingOn(LocalDate.of(2026, 1, 5)).build()).hasMessageContaining("has no responders");
        assertThatThrownBy(() -> OnCallSchedule.builder("prim ary")).hasMessage(
                "schedule name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-', starting with a letter or "
                        + "digit, was 'prim ary' (8 characters)");
        assertThatThrownBy(() -> weeklyBerlin().responders("alice", "bob,carol"))
                .hasMessageStartingWith("responder must be 1-64 characters").hasMessageContaining("'bob,carol'");
        assertThatThrownBy(() -> weeklyBerlin().override("dave", Instant.parse("2026-03-26T00:00:00Z"),
                Instant.parse("2026-03-25T00:00:00Z"))).hasMessageContaining("must end after it starts");
        assertThatThrownBy(() -> weeklyBerlin().every(0)).hasMessage("every must be between 1 and 52, was 0");
        assertThat(Duration.between(Instant.parse("2026-03-23T08:00:00Z"), Instant.parse("2026-03-30T07:00:00Z")))
                .isEqualTo(Duration.ofHours(167));
    }
}
