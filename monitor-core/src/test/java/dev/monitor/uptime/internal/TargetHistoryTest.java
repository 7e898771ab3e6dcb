package dev.monitor.uptime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckStatus;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeDay;
import dev.monitor.uptime.UptimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetHistoryTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private static UptimeCheckResult result(Instant at, boolean up, long millis) {
        return new UptimeCheckResult("shop", at, up ? CheckStatus.PASS : CheckStatus.FAIL,
                up ? Duration.ofMillis(millis) : null, up ? 200 : 0, null, up ? null : "down");
    }

    @Test
    void sixtyDaysOfChecksEveryMinuteKeepOnlyThirtyDaysOfHourlySlotsAndAHundredResults() {
        TargetHistory history = new TargetHistory();
        Instant at = START;
        for (int minute = 0; minute < 60 * 24 * 60; minute++) {
            history.record(result(at, minute % 100 != 0, 20));
            at = at.plus(Duration.ofMinutes(1));
        }
        Instant now = at.minus(Duration.ofMinutes(1));
        UptimeWindow month = history.window(Duration.ofDays(30), now);
        assertThat(month.checks()).isEqualTo(30 * 24 * 60); // exactly the last 720 hours
        assertThat(history.window(Duration.ofDays(90), now).checks()).isEqualTo(30 * 24 * 60); // never more than kept
        assertThat(history.recent()).hasSize(TargetHistory.RECENT);
        assertThat(history.recent().get(TargetHistory.RECENT - 1).checkedAt()).isEqualTo(now);
    }

    @Test
    void windowsCountWholeClockHours() {
        TargetHistory history = new TargetHistory();
        for (int hour = 0; hour < 48; hour++) {
            history.record(result(START.plus(Duration.ofHours(hour)).plusSeconds(30), hour >= 24, 10));
        }
        Instant now = START.plus(Duration.ofHours(47)).plusSeconds(59);
        UptimeWindow day = history.window(Duration.ofHours(24), now);
        assertThat(day.checks()).isEqualTo(24);
        assertThat(day.uptimePercent()).isEqualTo(100.0);
        assertThat(history.window(Duration.ofDays(7), now).uptimePercent()).isEqualTo(50.0);
    }

    @Test
    void percentilesAreWithinTheBucketPrecision() {
        TargetHistory history = new TargetHistory();
        for (int i = 1; i <= 1000; i++) {
            history.record(result(START.plusSeconds(i), true, i)); // 1 ms to 1000 ms, evenly
        }
        UptimeWindow window = history.window(Duration.ofDays(1), START.plusSeconds(1000));
        assertThat(window.p50().toNanos() / 1e6).isCloseTo(500, org.assertj.core.data.Percentage.withPercentage(13));
        assertThat(window.p95().toNanos() / 1e6).isCloseTo(950, org.assertj.core.data.Percentage.withPercentage(13));
        assertThat(window.p99().toNanos() / 1e6).isCloseTo(990, org.assertj.core.data.Percentage.withPercentage(13));
    }

    @Test
    void failedChecksWithoutAResponseCountForUptimeButNotForResponseTimes() {
        TargetHistory history = new TargetHistory();
        history.record(result(START, false, 0));
        UptimeWindow window = history.window(Duration.ofDays(1), START);
        assertThat(window.checks()).isEqualTo(1);
        assertThat(window.uptimePercent()).isEqualTo(0.0);
        assertThat(window.p50()).isNull();
        assertThat(history.window(Duration.ofDays(1), START.minus(Duration.ofDays(2))).uptimePercent()).isNull();
    }

    @Test
    void dailyBarsCoverTheLastThirtyDaysInTheZone() {
        TargetHistory history = new TargetHistory();
        history.record(result(START.plus(Duration.ofHours(2)), true, 5));
        history.record(result(START.plus(Duration.ofHours(3)), false, 0));
        history.record(result(START.plus(Duration.ofDays(2)), true, 5));

        List<UptimeDay> days = history.days(30, START.plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertThat(days).hasSize(30);
        assertThat(days.get(29).date()).isEqualTo(LocalDate.of(2026, 1, 3));
        assertThat(days.get(29).uptimePercent()).isEqualTo(100.0);
        assertThat(days.get(28).checks()).isZero();
        assertThat(days.get(28).uptimePercent()).isNull();
        assertThat(days.get(27).date()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(days.get(27).uptimePercent()).isEqualTo(50.0);
    }

    @Test
    void bucketsGrowByAQuarter() {
        assertThat(TargetHistory.bucket(0.3)).isZero();
        assertThat(TargetHistory.bucket(1)).isEqualTo(1);
        assertThat(TargetHistory.bucket(1.24)).isEqualTo(1);
        assertThat(TargetHistory.bucket(1.26)).isEqualTo(2);
        assertThat(TargetHistory.bucket(1e9)).isEqualTo(TargetHistory.BUCKETS - 1);
    }

    @Test
    void dailyCountsReachNinetyDaysBackAndExcludedHoursAreLeftOut() {
        TargetHistory history = new TargetHistory();
        for (int hour = 0; hour < 100 * 24; hour++) { // 100 days, one check an hour, down at 02:00 every day
            history.record(result(START.plus(Duration.ofHours(hour)).plusSeconds(10), hour % 24 != 2, 10));
        }
        Instant now = START.plus(Duration.ofDays(100)).minusSeconds(1);
        List<UptimeDay> days = history.days(90, now, ZoneOffset.UTC);
        assertThat(days).hasSize(90).allSatisfy(day -> assertThat(day.checks()).isEqualTo(24));
        assertThat(days.get(0).date()).isEqualTo(LocalDate.of(2026, 1, 11));
        assertThat(days.get(0).upChecks()).isEqualTo(23);

        List<UptimeDay> excluding = history.days(90, now, ZoneOffset.UTC,
                hourStart -> hourStart.atZone(ZoneOffset.UTC).getHour() == 2);
        assertThat(excluding).allSatisfy(day -> {
            assertThat(day.checks()).isEqualTo(23);
            assertThat(day.uptimePercent()).isEqualTo(100.0);
        });
        assertThat(history.days(91, now, ZoneOffset.UTC).get(0).checks()).as("older than 90 days: not kept").isZero();
    }
}
