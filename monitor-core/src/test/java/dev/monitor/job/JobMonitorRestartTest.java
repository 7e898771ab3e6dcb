package dev.monitor.job;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.support.Await;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** State across restarts, missed runs while the application was down, and cron jobs across daylight-saving changes. */
class JobMonitorRestartTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final AlertCapture alerts = new AlertCapture();

    @TempDir
    Path directory;

    @AfterEach
    void close() {
        alerts.close();
    }

    private JobMonitor monitor(ManualScheduler time) {
        return JobMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock()).scheduler(time)
                .evaluationInterval(MINUTE).stateDirectory(directory).build();
    }

    private static JobDefinition hourly() {
        return JobDefinition.builder("export").every(HOUR).grace(Duration.ofMinutes(10)).failureThreshold(3).build();
    }

    @Test
    void lastCheckInsFailuresAndRecentRunsSurviveARestart() throws Exception {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-02-08T12:00:00Z"));
        JobMonitor before = monitor(time);
        Job job = before.add(hourly());
        job.start();
        time.advance(Duration.ofSeconds(20));
        job.success();
        job.fail("exit code 2 for jane.doe@example.com");
        JobSnapshot old = job.snapshot();
        time.advance(MINUTE); // a round writes the file
        assertThat(directory.resolve(JobMonitor.STATE_FILE)).exists();
        assertThat(Files.readString(directory.resolve(JobMonitor.STATE_FILE))).doesNotContain("jane.doe@example.com");
        before.close();

        JobMonitor after = monitor(time);
        try {
            JobSnapshot restored = after.add(hourly()).snapshot();
            assertThat(restored.lastCheckIn()).isEqualTo(old.lastCheckIn());
            assertThat(restored.lastSuccess()).isEqualTo(old.lastSuccess());
            assertThat(restored.lastFailure()).isEqualTo(old.lastFailure());
            assertThat(restored.recentRuns()).isEqualTo(old.recentRuns());
            assertThat(restored.consecutiveFailures()).isEqualTo(1);
            assertThat(restored.state()).isEqualTo(JobState.UP);
            assertThat(restored.lastDuration()).isEqualTo(Duration.ofSeconds(20));
        } finally {
            after.close();
        }
    }

    @Test
    void aRunThatFellDueWhileTheApplicationWasDownIsLateFromTheStartAndMissedAfterStartPlusGrace() {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-02-08T12:00:00Z"));
        JobMonitor before = monitor(time);
        before.add(hourly()).ping();
        before.close();

        time.advance(Duration.ofHours(3)); // down for three hours: the run due at 13:00 never came
        Instant start = time.now();
        JobMonitor after = monitor(time);
        try {
            Job job = after.add(hourly());
            assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
            assertThat(job.snapshot().since()).isEqualTo(start);
            time.advance(Duration.ofMinutes(9));
            assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
            time.advance(MINUTE);
            assertThat(job.snapshot().state()).isEqualTo(JobState.DOWN);
            assertThat(job.snapshot().since()).isEqualTo(start.plus(Duration.ofMinutes(10)));
            assertThat(events(1)).containsExactly("FIRED JobMissed{job=export, schedule=every PT1H}");
        } finally {
            after.close();
        }
    }

    @Test
    void aMissedAlertFiredBeforeARestartIsResolvedByTheFirstCheckInAfterIt() {
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-02-08T12:00:00Z"));
        JobMonitor before = monitor(time);
        before.add(hourly());
        time.advance(Duration.ofMinutes(70));
        assertThat(events(1)).containsExactly("FIRED JobMissed{job=export, schedule=every PT1H}");
        before.close();

        JobMonitor after = monitor(time);
        try {
            Job job = after.add(hourly());
            assertThat(job.snapshot().state()).isEqualTo(JobState.DOWN);
            job.ping();
            assertThat(job.snapshot().state()).isEqualTo(JobState.UP);
            assertThat(events(2)).containsExactly("FIRED JobMissed{job=export, schedule=every PT1H}",
                    "RESOLVED JobMissed{job=export, schedule=every PT1H}");
        } finally {
            after.close();
        }
    }

    @Test
    void aCorruptStateFileIsSetAsideWithOneWarningAndTheJobsStartFresh() throws Exception {
        Files.writeString(directory.resolve(JobMonitor.STATE_FILE), "{\"version\":1,\"jobs\":{\"export\":{\"sta", StandardCharsets.UTF_8);
        Logger logger = (Logger) LoggerFactory.getLogger(dev.monitor.job.internal.JobStateFile.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        ManualScheduler time = new ManualScheduler(Instant.parse("2026-02-08T12:00:00Z"));
        try (JobMonitor monitor = monitor(time)) {
            Job job = monitor.add(hourly());
            assertThat(job.snapshot().state()).isEqualTo(JobState.NEW);
            assertThat(directory.resolve(JobMonitor.STATE_FILE + ".corrupt")).exists();
            List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage()).contains("is corrupt", "start fresh");
            job.ping();
            time.advance(MINUTE);
            assertThat(Files.readString(directory.resolve(JobMonitor.STATE_FILE))).contains("\"export\"");
        } finally {
            logger.detachAppender(logs);
        }
    }

    /**
     * A daily 02:30 Berlin job with 15 minutes of grace. Spring forward (2026-03-29): no run is expected that day, so
     * none is missed whether the job's scheduler skips it or runs it after the gap; the day after, a missing run is
     * missed at 02:45. Fall back (2026-10-25): the job may check in at the second 02:30 (an hour after the first)
     * without being reported missed.
     */
    @Test
    void aDailyBerlinJobIsNeverReportedMissedAcrossEitherDaylightSavingChange() {
        JobDefinition nightly = JobDefinition.builder("nightly").cron("30 2 * * *", BERLIN).grace(Duration.ofMinutes(15)).build();

        ManualScheduler spring = new ManualScheduler(Instant.parse("2026-03-28T01:30:00Z")); // 02:30 +01:00
        try (JobMonitor monitor = monitor(spring)) {
            Job job = monitor.add(nightly);
            job.success();
            spring.advance(Duration.ofHours(24)); // 2026-03-29 03:30 +02:00: no 02:30 that day
            assertThat(job.snapshot().state()).isEqualTo(JobState.UP);
            assertThat(job.snapshot().nextDue()).isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
            spring.advance(Duration.ofHours(23).plus(Duration.ofMinutes(14))); // 2026-03-30 02:44 +02:00
            assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
            spring.advance(MINUTE);
            assertThat(job.snapshot().state()).isEqualTo(JobState.DOWN);
        }
        assertThat(events(1)).containsExactly("FIRED JobMissed{job=nightly, schedule=cron 30 2 * * * Europe/Berlin}");

        ManualScheduler autumn = new ManualScheduler(Instant.parse("2026-10-24T00:30:00Z")); // 02:30 +02:00
        try (JobMonitor monitor = JobMonitor.builder().clock(autumn.clock()).scheduler(autumn).evaluationInterval(MINUTE)
                .build()) {
            Job job = monitor.add(nightly);
            job.success();
            autumn.advance(Duration.ofHours(25).plus(Duration.ofMinutes(14))); // 2026-10-25 02:44 +01:00
            assertThat(job.snapshot().state()).isEqualTo(JobState.LATE); // late since the first 02:30, not missed
            assertThat(job.snapshot().since()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
            job.success();
            assertThat(job.snapshot().recentRuns()).hasSize(2);
            assertThat(job.snapshot().state()).isEqualTo(JobState.UP);
            assertThat(job.snapshot().nextDue()).isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
        }
    }

    private List<String> events(int count) {
        Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count, () -> "alerts: " + alerts.events());
        return alerts.events();
    }
}
