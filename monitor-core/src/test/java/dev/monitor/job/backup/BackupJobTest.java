package dev.monitor.job.backup;

import static dev.monitor.job.backup.H2Backups.backup;
import static dev.monitor.job.backup.H2Backups.cutInHalf;
import static dev.monitor.job.backup.H2Backups.restoreIntoScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.job.Job;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobOutcome;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSchedule;
import dev.monitor.job.JobSnapshot;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup verifier run as a monitored cron job, driven by a manual scheduler and clock: the due times come from the
 * job's schedule on the monitor's clock, the verification runs on the verifier's own thread and checks in.
 */
class BackupJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60); // a hang guard only
    private static final Instant START = Instant.parse("2026-02-08T12:00:00Z");
    private static final Instant DUE = Instant.parse("2026-02-09T03:30:00Z");
    private static final JobSchedule NIGHTLY = JobSchedule.cron("30 3 * * *", ZoneId.of("UTC"));
    private static final String EMAIL = "jane.doe@example.com";

    @TempDir
    Path backups;

    private final ManualScheduler time = new ManualScheduler(START);
    private final AlertCapture alerts = new AlertCapture();
    private final JobMonitor jobs = JobMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).evaluationInterval(Duration.ofMinutes(1)).build();
    private final CountDownLatch release = new CountDownLatch(1);
    private BackupJob scheduled;

    @AfterEach
    void close() {
        release.countDown();
        if (scheduled != null) {
            scheduled.close();
        }
        jobs.close();
        alerts.close();
    }

    private BackupVerifier.Builder verifier() {
        return BackupVerifier.builder("orders-backup", backups).glob("orders-*.sql.gz").clock(time.clock())
                .alerts(alerts.dispatcher()).restoreProbe(restoreIntoScratchDatabase());
    }

    /** Scheduled with the default job definition, its due times awaited on the manual scheduler. */
    private BackupJob schedule(BackupVerifier verifier, JobSchedule schedule) {
        return verifier.schedule(jobs, verifier.jobDefinition(schedule), time);
    }

    private JobSnapshot awaitFinishedRun(Job job) {
        Await.until(WAIT, () -> job.snapshot().recentRuns().size() >= 1, () -> "no run finished: " + job.snapshot());
        return job.snapshot();
    }

    @Test
    void aGoodBackupIsVerifiedAtTheCronTimeAndTheJobSucceedsWithAnInfoNotice() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 120, START.minus(Duration.ofHours(1)));
        scheduled = schedule(verifier().build(), NIGHTLY);
        Job job = scheduled.job();
        assertThat(job.name()).isEqualTo("orders-backup");
        assertThat(job.definition().schedule()).isEqualTo(NIGHTLY);
        assertThat(job.definition().grace()).isEqualTo(JobDefinition.DEFAULT_GRACE);
        assertThat(job.definition().maxRuntime()).isEqualTo(Duration.ofMinutes(10 + 30));
        assertThat(scheduled.nextRun()).isEqualTo(DUE);

        time.advance(Duration.between(START, DUE).minusSeconds(1));
        assertThat(scheduled.lastReport()).isNull();
        assertThat(job.snapshot().lastCheckIn()).isNull(); // not started before its time: the timer has not fired
        time.advance(Duration.ofSeconds(1));

        JobSnapshot done = awaitFinishedRun(job);
        JobRun run = done.recentRuns().get(0);
        assertThat(run.outcome()).as("%s", run).isEqualTo(JobOutcome.SUCCESS);
        assertThat(run.startedAt()).isEqualTo(DUE);
        assertThat(done.healthy()).isTrue();
        BackupReport report = scheduled.lastReport();
        assertThat(report).isNotNull();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.restoreFigures()).containsEntry("orders", 120L);
        assertThat(alerts.seen()).anySatisfy(seen -> {
            assertThat(seen.alert().name()).isEqualTo("BackupVerified");
            assertThat(seen.alert().severity()).isEqualTo(AlertSeverity.INFO);
            assertThat(seen.alert().labels()).containsEntry("job", "orders-backup");
        });
        assertThat(scheduled.nextRun()).isEqualTo(DUE.plus(Duration.ofDays(1)));
    }

    @Test
    void aBadBackupFailsTheJobWithTheFailedChecksScrubbedAndFiresAlerts() throws Exception {
        Path file = backup(backups.resolve("orders-" + EMAIL + ".sql.gz"), "GZIP", 200, START.minus(Duration.ofHours(1)));
        cutInHalf(file);
        scheduled = schedule(verifier().build(), NIGHTLY);
        Job job = scheduled.job();

        time.advance(Duration.between(START, DUE));
        JobSnapshot done = awaitFinishedRun(job);

        JobRun run = done.recentRuns().get(0);
        assertThat(run.outcome()).as("%s", run).isEqualTo(JobOutcome.FAILURE);
        assertThat(run.message()).startsWith("integrity: gzip backup does not read to the end").doesNotContain(EMAIL);
        assertThat(done.failing()).isTrue();
        assertThat(scheduled.lastReport().ok()).isFalse();
        time.advance(Duration.ofMinutes(1)); // a monitor round fires the job's alert
        Await.until(WAIT, () -> alerts.events().stream().anyMatch(e -> e.startsWith("FIRED JobFailed")),
                () -> "alerts: " + alerts.events());
        assertThat(alerts.seen()).anySatisfy(seen -> {
            assertThat(seen.alert().name()).isEqualTo("BackupVerificationFailed");
            assertThat(seen.alert().labels()).containsEntry("check", "integrity");
        });
        assertThat(alerts.seen()).allSatisfy(seen -> assertThat(seen.alert().toString()).doesNotContain(EMAIL));
    }

    @Test
    void aVerificationThatHangsShowsAsRunningTooLongAndTheNextDueTimeDoesNotStartASecond() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 50, START.minus(Duration.ofHours(1)));
        CountDownLatch entered = new CountDownLatch(1);
        BackupVerifier verifier = verifier().restoreTimeout(Duration.ofHours(1)).restoreProbe(backup -> {
            entered.countDown();
            release.await();
            return java.util.Map.of();
        }).build();
        scheduled = verifier.schedule(jobs, JobDefinition.builder("orders-backup").schedule(JobSchedule.cron("30 * * * *"))
                .maxRuntime(Duration.ofMinutes(20)).build(), time);
        Job job = scheduled.job();

        time.advance(Duration.ofMinutes(30));
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("probe entered").isTrue();
        assertThat(job.snapshot().runningSince()).isEqualTo(START.plus(Duration.ofMinutes(30)));
        time.advance(Duration.ofMinutes(19));
        assertThat(job.snapshot().overrun()).isFalse();
        time.advance(Duration.ofMinutes(1));
        assertThat(job.snapshot().overrun()).isTrue();
        Await.until(WAIT, () -> alerts.events().stream().anyMatch(e -> e.startsWith("FIRED JobRunningTooLong")),
                () -> "alerts: " + alerts.events());

        time.advance(Duration.ofMinutes(40)); // the next due time (13:30) passes while the run is still under way
        assertThat(scheduled.nextRun()).isEqualTo(Instant.parse("2026-02-08T14:30:00Z"));
        assertThat(job.snapshot().runningSince()).isEqualTo(START.plus(Duration.ofMinutes(30))); // not restarted

        release.countDown();
        JobSnapshot done = awaitFinishedRun(job);
        assertThat(done.recentRuns()).hasSize(1);
        assertThat(done.recentRuns().get(0).outcome()).isEqualTo(JobOutcome.SUCCESS);
        assertThat(done.overrun()).isFalse();
    }

    @Test
    void aRestoreThatNeverEndsIsBoundedByTheRestoreTimeoutAndFailsTheRun() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 50, START.minus(Duration.ofHours(1)));
        BackupVerifier verifier = verifier().restoreTimeout(Duration.ofMillis(100)).restoreProbe(backup -> {
            release.await(); // hangs until the test ends: the timeout is certain to pass
            return java.util.Map.of();
        }).build();
        scheduled = schedule(verifier, NIGHTLY);

        time.advance(Duration.between(START, DUE));
        JobSnapshot done = awaitFinishedRun(scheduled.job());

        JobRun run = done.recentRuns().get(0);
        assertThat(run.outcome()).isEqualTo(JobOutcome.FAILURE);
        assertThat(run.message()).contains("restore: restore failed: the restore probe did not finish within 100ms");
        assertThat(done.runningSince()).isNull();
    }

    @Test
    void runNowVerifiesOnTheCallersThreadAndChecksInLikeAScheduledRun() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 80, START.minus(Duration.ofHours(1)));
        scheduled = schedule(verifier().build(), NIGHTLY);

        BackupReport report = scheduled.runNow();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.restoreFigures()).containsEntry("orders", 80L);
        JobSnapshot snapshot = scheduled.job().snapshot();
        assertThat(snapshot.lastSuccess()).isNotNull();
        assertThat(snapshot.lastSuccess().startedAt()).isEqualTo(START);
        assertThat(scheduled.nextRun()).isEqualTo(DUE);
    }

    @Test
    void closingStopsTheScheduleAndClosingTheMonitorStopsItAtTheNextDueTime() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 80, START.minus(Duration.ofHours(1)));
        int monitorTasks = time.queued();
        scheduled = schedule(verifier().build(), NIGHTLY);
        assertThat(time.queued()).isEqualTo(monitorTasks + 1);

        scheduled.close();
        assertThat(scheduled.nextRun()).isNull();
        assertThat(time.queued()).as("the timer is cancelled").isEqualTo(monitorTasks);
        time.advance(Duration.between(START, DUE).plusHours(1));
        assertThat(scheduled.lastReport()).isNull();
        assertThat(scheduled.job().snapshot().lastCheckIn()).isNull();

        BackupVerifier other = BackupVerifier.builder("orders-backup-2", backups).clock(time.clock()).build();
        BackupJob second = schedule(other, NIGHTLY);
        Instant due = second.nextRun();
        jobs.close();
        time.advance(Duration.between(time.now(), due));
        assertThat(second.nextRun()).as("stopped at its due time, once the monitor was closed").isNull();
        assertThat(second.lastReport()).isNull();
    }

    @Test
    void aJobDefinitionOfAnotherNameIsRefused() {
        BackupVerifier verifier = verifier().build();
        assertThatThrownBy(() -> verifier.schedule(jobs, JobDefinition.builder("other").schedule(NIGHTLY).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("named after the verifier 'orders-backup'");
    }
}
