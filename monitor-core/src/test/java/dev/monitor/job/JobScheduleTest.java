package dev.monitor.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Schedules: cron with and without seconds, time zones, both daylight-saving changes, and bad input. */
class JobScheduleTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(int year, int month, int day, int hour, int minute, ZoneId zone) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, zone).toInstant();
    }

    @Test
    void aFixedIntervalIsDueThatLongAfterTheLastCheckIn() {
        JobSchedule every = JobSchedule.every(Duration.ofMinutes(15));
        Instant now = Instant.parse("2026-02-08T12:00:00Z");
        assertThat(every.nextAfter(now)).isEqualTo(now.plus(Duration.ofMinutes(15)));
        assertThat(every.latestOccurrence(now)).isEqualTo(now);
        assertThat(every).hasToString("every PT15M");
    }

    @Test
    void fiveFieldsAreCrontabAndSixHaveSecondsFirstInTheirTimeZone() {
        Instant now = at(2026, 2, 8, 12, 0, BERLIN);
        assertThat(JobSchedule.cron("0 3 * * *", BERLIN).nextAfter(now)).isEqualTo(at(2026, 2, 9, 3, 0, BERLIN));
        assertThat(JobSchedule.cron("30 0 3 * * *", BERLIN).nextAfter(now))
                .isEqualTo(at(2026, 2, 9, 3, 0, BERLIN).plusSeconds(30));
        assertThat(JobSchedule.cron("0  3 * *   *")).hasToString("cron 0 3 * * * Z");
        assertThat(JobSchedule.cron("*/5 * * * *").nextAfter(Instant.parse("2026-02-08T12:03:00Z")))
                .isEqualTo(Instant.parse("2026-02-08T12:05:00Z"));
    }

    /**
     * Spring forward in Berlin (2026-03-29, 02:00 → 03:00): 02:30 does not exist that day, and cron-utils expects no
     * run that day; an hourly job is expected at 01:00 and then 03:00.
     */
    @Test
    void springForwardInBerlinSkipsTheMissingTimeAndHourlyRunsContinueAfterTheGap() {
        JobSchedule daily = JobSchedule.cron("30 2 * * *", BERLIN);
        assertThat(daily.nextAfter(at(2026, 3, 28, 2, 30, BERLIN))).isEqualTo(at(2026, 3, 30, 2, 30, BERLIN));
        JobSchedule hourly = JobSchedule.cron("0 * * * *", BERLIN);
        Instant one = at(2026, 3, 29, 1, 0, BERLIN);
        assertThat(hourly.nextAfter(one)).isEqualTo(one.plus(Duration.ofHours(1))).isEqualTo(at(2026, 3, 29, 3, 0, BERLIN));
    }

    /**
     * Fall back in Berlin (2026-10-25, 03:00 → 02:00): 02:30 happens twice; cron-utils expects the daily job at the
     * first, and {@link JobSchedule#latestOccurrence} gives the second, an hour later, so either one is on time.
     */
    @Test
    void fallBackInBerlinExpectsTheRepeatedTimeOnceAndToleratesItsSecondOccurrence() {
        JobSchedule daily = JobSchedule.cron("30 2 * * *", BERLIN);
        Instant due = daily.nextAfter(at(2026, 10, 24, 2, 30, BERLIN));
        assertThat(due).isEqualTo(Instant.parse("2026-10-25T00:30:00Z")); // 02:30 +02:00
        assertThat(daily.latestOccurrence(due)).isEqualTo(Instant.parse("2026-10-25T01:30:00Z")); // 02:30 +01:00
        assertThat(daily.nextAfter(Instant.parse("2026-10-25T01:30:00Z"))).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        JobSchedule hourly = JobSchedule.cron("0 * * * *", BERLIN);
        assertThat(hourly.nextAfter(Instant.parse("2026-10-25T00:00:00Z"))).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
    }

    @Test
    void newYorkChangesOnOtherDaysAndTheSameRulesHold() {
        JobSchedule daily = JobSchedule.cron("30 2 * * *", NEW_YORK);
        // spring forward 2026-03-08 02:00 → 03:00
        assertThat(daily.nextAfter(at(2026, 3, 7, 2, 30, NEW_YORK))).isEqualTo(at(2026, 3, 9, 2, 30, NEW_YORK));
        // fall back 2026-11-01 02:00 → 01:00: 01:30 happens twice
        JobSchedule early = JobSchedule.cron("30 1 * * *", NEW_YORK);
        Instant due = early.nextAfter(at(2026, 10, 31, 1, 30, NEW_YORK));
        assertThat(due).isEqualTo(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT
        assertThat(early.latestOccurrence(due)).isEqualTo(Instant.parse("2026-11-01T06:30:00Z")); // 01:30 EST
        assertThat(daily.nextAfter(Instant.parse("2026-11-01T06:30:00Z"))).isEqualTo(Instant.parse("2026-11-01T07:30:00Z"));
    }

    @Test
    void badSchedulesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> JobSchedule.cron("0 3 * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron must have 5 fields").hasMessageContaining("with 4 fields");
        assertThatThrownBy(() -> JobSchedule.cron("61 3 * * *")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cron '61 3 * * *' is not a valid cron expression");
        assertThatThrownBy(() -> JobSchedule.cron("0 3 * * * jane.doe@example.com")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("jane.doe@example.com");
        assertThatThrownBy(() -> JobSchedule.cron("0 3 * * " + "1,".repeat(100) + "2"))
                .hasMessage("cron must be at most 200 characters, was 209 characters");
        assertThatThrownBy(() -> JobSchedule.every(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be greater than 0, was PT0S");
        assertThatThrownBy(() -> JobSchedule.every(Duration.ofDays(400))).hasMessageStartingWith("interval must be at most");
    }

    @Test
    void badDefinitionsAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> JobDefinition.builder("nightly export")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("job name must be 1-64 characters");
        assertThatThrownBy(() -> JobDefinition.builder("j".repeat(61))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("job name must be at most 60 characters (it becomes the health check 'job-NAME'), was 61 characters");
        assertThatThrownBy(() -> JobDefinition.builder("export").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schedule of job 'export' must be set");
        assertThatThrownBy(() -> JobDefinition.builder("export").grace(Duration.ofSeconds(-1)))
                .hasMessage("grace must be 0 or more, was PT-1S");
        assertThatThrownBy(() -> JobDefinition.builder("export").maxRuntime(Duration.ZERO))
                .hasMessage("maxRuntime must be greater than 0, was PT0S");
        assertThatThrownBy(() -> JobDefinition.builder("export").failureThreshold(0))
                .hasMessage("failureThreshold must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> JobDefinition.builder("export").recoveryThreshold(1001))
                .hasMessage("recoveryThreshold must be between 1 and 1000, was 1001");
        assertThatThrownBy(() -> JobMonitor.builder().historySize(0)).hasMessage("historySize must be between 1 and 1000, was 0");
        assertThatThrownBy(() -> JobMonitor.builder().evaluationInterval(Duration.ofHours(2)))
                .hasMessageStartingWith("evaluationInterval must be at most PT1H");
        assertThatThrownBy(() -> JobMonitor.builder().queueCapacity(8)).hasMessage("queueCapacity must be between 16 and 1048576, was 8");
    }
}
