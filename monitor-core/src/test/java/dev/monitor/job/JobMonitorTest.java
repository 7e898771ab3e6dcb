package dev.monitor.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthGroup;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.alert.support.TestScrubbers;
import dev.monitor.pii.Scrubber;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import dev.monitor.status.ComponentState;
import dev.monitor.status.StatusComponent;
import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusSnapshot;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The job monitor on a manual scheduler and clock: every state transition, the thresholds, the history bound,
 * scrubbing, wrappers, check-ins by name and what never throws, with alerts through a real dispatcher.
 */
class JobMonitorTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";

    private final ManualScheduler time = new ManualScheduler(Instant.parse("2026-02-08T12:00:00Z"));
    private final AlertCapture alerts = new AlertCapture();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JobMonitor monitor = JobMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).meterRegistry(meters).evaluationInterval(MINUTE).build();

    @AfterEach
    void close() {
        monitor.close();
        alerts.close();
    }

    private static JobDefinition.Builder hourly() {
        return JobDefinition.builder("export").every(HOUR).grace(Duration.ofMinutes(10));
    }

    @Test
    void aJobGoesFromNewToUpToLateWithinTheGraceToDownAndBackUpOnItsNextCheckIn() {
        Job job = monitor.add(hourly().build());
        assertThat(job.snapshot().state()).isEqualTo(JobState.NEW);
        assertThat(job.snapshot().nextDue()).isEqualTo(time.now().plus(HOUR));

        time.advance(Duration.ofMinutes(30));
        job.ping();
        JobSnapshot up = job.snapshot();
        assertThat(up.state()).isEqualTo(JobState.UP);
        assertThat(up.since()).isEqualTo(time.now());
        Instant due = time.now().plus(HOUR);
        assertThat(up.nextDue()).isEqualTo(due);

        time.advance(HOUR.minus(MINUTE));
        assertThat(job.snapshot().state()).isEqualTo(JobState.UP);
        time.advance(MINUTE);
        assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
        assertThat(job.snapshot().since()).isEqualTo(due);
        time.advance(Duration.ofMinutes(9));
        assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
        assertThat(alerts.events()).isEmpty();

        time.advance(MINUTE);
        assertThat(job.snapshot().state()).isEqualTo(JobState.DOWN);
        assertThat(job.snapshot().since()).isEqualTo(due.plus(Duration.ofMinutes(10)));
        assertThat(events(1)).containsExactly("FIRED JobMissed{job=export, schedule=every PT1H}");
        Alert missed = alerts.seen().get(0).alert();
        assertThat(missed.summary()).contains("export did not check in", due.toString());
        assertThat(missed.annotations()).containsKeys("last_check_in", "last_success", "state");

        time.advance(MINUTE);
        job.success();
        assertThat(job.snapshot().state()).isEqualTo(JobState.UP);
        time.advance(MINUTE);
        assertThat(events(2)).containsExactly("FIRED JobMissed{job=export, schedule=every PT1H}",
                "RESOLVED JobMissed{job=export, schedule=every PT1H}");
    }

    @Test
    void aNewJobThatNeverChecksInIsLateAtItsFirstDueTimeAndMissedAfterTheGrace() {
        Job job = monitor.add(JobDefinition.builder("cleanup").cron("0 13 * * *").grace(Duration.ofMinutes(5)).build());
        assertThat(job.snapshot().nextDue()).isEqualTo(Instant.parse("2026-02-08T13:00:00Z"));
        time.advance(HOUR);
        assertThat(job.snapshot().state()).isEqualTo(JobState.LATE);
        time.advance(Duration.ofMinutes(5));
        assertThat(job.snapshot().state()).isEqualTo(JobState.DOWN);
        assertThat(events(1)).containsExactly("FIRED JobMissed{job=cleanup, schedule=cron 0 13 * * * Z}");
    }

    @Test
    void aStartedRunIsNotLateButRunningPastItsMaxRuntimeFiresAnAlertThatItsEndResolves() {
        Job job = monitor.add(hourly().maxRuntime(Duration.ofMinutes(90)).build());
        job.start();
        assertThat(job.snapshot().runningSince()).isEqualTo(time.now());
        time.advance(Duration.ofMinutes(89));
        JobSnapshot running = job.snapshot();
        assertThat(running.state()).isEqualTo(JobState.UP); // due passed long ago, but the run is under way
        assertThat(running.overrun()).isFalse();
        time.advance(MINUTE);
        assertThat(job.snapshot().overrun()).isTrue();
        assertThat(job.snapshot().healthy()).isFalse();
        assertThat(events(1)).containsExactly("FIRED JobRunningTooLong{job=export, schedule=every PT1H}");

        time.advance(Duration.ofMinutes(5));
        job.success();
        JobSnapshot done = job.snapshot();
        assertThat(done.overrun()).isFalse();
        assertThat(done.runningSince()).isNull();
        assertThat(done.lastDuration()).isEqualTo(Duration.ofMinutes(95));
        time.advance(MINUTE);
        assertThat(events(2)).containsExactly("FIRED JobRunningTooLong{job=export, schedule=every PT1H}",
                "RESOLVED JobRunningTooLong{job=export, schedule=every PT1H}");
    }

    @Test
    void theFailureThresholdFiresJobFailedAndTheRecoveryThresholdResolvesIt() {
        Job job = monitor.add(hourly().failureThreshold(2).recoveryThreshold(2).build());
        job.fail("disk full");
        assertThat(job.snapshot().failing()).isFalse();
        assertThat(job.snapshot().consecutiveFailures()).isEqualTo(1);
        job.success();
        job.fail("disk full");
        assertThat(job.snapshot().failing()).isFalse(); // a success in between starts the count again
        job.fail("disk still full");
        assertThat(job.snapshot().failing()).isTrue();
        assertThat(job.snapshot().state()).isEqualTo(JobState.UP); // on time, but failing
        assertThat(events(1)).containsExactly("FIRED JobFailed{job=export, schedule=every PT1H}");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("export failed 2 times in a row: disk still full");
        assertThat(alerts.seen().get(0).alert().annotations()).containsEntry("last_failure_message", "disk still full");

        job.success();
        assertThat(job.snapshot().failing()).isTrue(); // one success of the two needed
        job.ping();
        assertThat(job.snapshot().failing()).isFalse();
        assertThat(events(2)).containsExactly("FIRED JobFailed{job=export, schedule=every PT1H}",
                "RESOLVED JobFailed{job=export, schedule=every PT1H}");
    }

    @Test
    void failureMessagesAreScrubbedThenCutEverywhereTheyGo() {
        HealthRegistry health = HealthRegistry.builder().build();
        monitor.register(health);
        Job job = monitor.add(hourly().build());
        job.fail("export for " + EMAIL + " paid with " + CARD + " failed " + "x".repeat(5000));

        JobRun failure = job.snapshot().lastFailure();
        assertThat(failure).isNotNull();
        assertThat(failure.message()).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("4111")
                .startsWith("export for ").hasSize(JobRun.MAX_MESSAGE_LENGTH).endsWith("…");
        Alert alert = events(1).isEmpty() ? null : alerts.seen().get(0).alert();
        assertThat(alert).isNotNull();
        assertThat(alert.summary() + alert.annotations()).doesNotContain(EMAIL).doesNotContain("4111 1111");
        HealthReport report = health.report();
        assertThat(report.checks().get("job-export").error()).doesNotContain(EMAIL).doesNotContain("4111 1111");
        health.close();
    }

    @Test
    void theRunHistoryKeepsOnlyTheLastRunsWithTheirDurations() {
        JobMonitor small = JobMonitor.builder().clock(time.clock()).scheduler(time).historySize(3).build();
        try {
            Job job = small.add(hourly().build());
            for (int i = 1; i <= 5; i++) {
                job.start();
                time.advance(Duration.ofSeconds(i));
                job.success();
            }
            List<JobRun> runs = job.snapshot().recentRuns();
            assertThat(runs).extracting(JobRun::duration)
                    .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(5));
            assertThat(runs).allMatch(JobRun::succeeded);
            assertThat(job.snapshot().lastSuccess()).isEqualTo(runs.get(2));
        } finally {
            small.close();
        }
    }

    @Test
    void aWrappedRunnableChecksInByItselfAndRethrowsTheSameException() {
        Job job = monitor.add(hourly().build());
        Runnable ok = job.wrap((Runnable) () -> time.advance(Duration.ofSeconds(7)));
        ok.run();
        assertThat(job.snapshot().lastSuccess().duration()).isEqualTo(Duration.ofSeconds(7));

        IllegalStateException thrown = new IllegalStateException("no connection to " + EMAIL);
        Runnable failing = job.wrap((Runnable) () -> {
            throw thrown;
        });
        assertThatThrownBy(failing::run).isSameAs(thrown);
        JobRun failure = job.snapshot().lastFailure();
        assertThat(failure.message()).startsWith("IllegalStateException: no connection to ").doesNotContain(EMAIL);
        assertThat(failure.duration()).isEqualTo(Duration.ZERO);
        assertThat(job.snapshot().runningSince()).isNull();
    }

    @Test
    void aCheckedExceptionThrownSneakilyThroughAWrappedRunnableIsAFailureAndReachesTheCallerUnchanged() {
        Job job = monitor.add(hourly().build());
        IOException thrown = new IOException("disk gone");
        Runnable sneaky = job.wrap((Runnable) () -> JobMonitorTest.<RuntimeException>sneak(thrown));
        assertThatThrownBy(sneaky::run).isSameAs(thrown);
        assertThat(job.snapshot().lastFailure().message()).isEqualTo("IOException: disk gone");
        assertThat(job.snapshot().runningSince()).isNull();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneak(Throwable error) throws E {
        throw (E) error;
    }

    @Test
    void aWrappedCallableReturnsItsResultAndRethrowsCheckedExceptionsUnchanged() throws Exception {
        Job job = monitor.add(hourly().build());
        assertThat(job.wrap(() -> 42).call()).isEqualTo(42);
        IOException thrown = new IOException("backup volume gone");
        Callable<String> failing = job.wrap(() -> {
            throw thrown;
        });
        assertThatThrownBy(failing::call).isSameAs(thrown);
        JobSnapshot snapshot = job.snapshot();
        assertThat(snapshot.recentRuns()).extracting(JobRun::outcome).containsExactly(JobOutcome.SUCCESS, JobOutcome.FAILURE);
        assertThat(snapshot.lastFailure().message()).isEqualTo("IOException: backup volume gone");
    }

    @Test
    void aCheckInByNameTellsWhetherTheJobExistsAndCountsUnknownOnesWithoutThrowing() {
        monitor.add(hourly().build());
        assertThat(monitor.checkIn("export", CheckIn.FAIL, "exit code 3")).isTrue();
        assertThat(monitor.snapshot("export").lastFailure().message()).isEqualTo("exit code 3");
        assertThat(monitor.checkIn("import", CheckIn.SUCCESS, null)).isFalse();
        assertThat(monitor.checkIn("../../etc/passwd\n", CheckIn.PING, null)).isFalse();
        assertThat(monitor.checkIn(null, CheckIn.PING, null)).isFalse();
        assertThat(monitor.checkIn("export", null, null)).isFalse();
        assertThat(meters.get(JobMeters.CHECKINS_UNKNOWN).functionCounter().count()).isEqualTo(4.0);
        assertThat(CheckIn.byLabel("fail")).isEqualTo(CheckIn.FAIL);
        assertThat(CheckIn.byLabel("FAIL")).isNull();
    }

    @Test
    void checkInsNeverThrowWhenTheQueueIsFullOrTheJobIsRemovedOrTheMonitorClosed() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        JobMonitor tiny = JobMonitor.builder().clock(time.clock()).scheduler(time).queueCapacity(16)
                .meterRegistry(own).build();
        Job job = tiny.add(hourly().build());
        for (int i = 0; i < 20; i++) {
            job.ping();
        }
        assertThat(own.get(JobMeters.CHECKINS_DROPPED).functionCounter().count()).isEqualTo(4.0);
        assertThat(job.snapshot().recentRuns()).hasSize(16);
        assertThat(tiny.remove("export")).isTrue();
        job.fail("after removal");
        assertThat(tiny.checkIn("export", CheckIn.PING, null)).isFalse();
        tiny.close();
        job.start();
        job.success();
        Callable<Integer> wrapped = job.wrap(() -> 1);
        assertThat(wrapped).isNotNull();
    }

    /**
     * The monitor's round is held inside the scrubber (the worst case of a slow round) by a latch: check-ins of every
     * kind, on the handle and by name, still return, since they take no lock the round holds; the round then sees
     * them all.
     */
    @Test
    void checkInsReturnWhileTheMonitorsRoundIsStuck() throws Exception {
        java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stall = new java.util.concurrent.atomic.AtomicBoolean(true);
        Scrubber scrubber = TestScrubbers.calling(() -> {
            if (stall.get()) {
                stuck.countDown();
                TestScrubbers.await(release);
            }
        });
        JobMonitor slow = JobMonitor.builder().clock(time.clock()).scheduler(time).scrubber(scrubber).build();
        Job job = slow.add(hourly().build());
        job.fail("the message whose scrubbing stalls the round");
        Thread round = new Thread(slow::snapshots, "stuck-round");
        round.start();
        try {
            // the round holds the monitor's lock now, inside the scrubber (60 s: a hang guard only)
            assertThat(stuck.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            job.start();
            job.success();
            job.fail("again");
            job.ping();
            assertThat(slow.checkIn("export", CheckIn.PING, null)).isTrue();
            assertThat(slow.job("export")).isSameAs(job);
            stall.set(false);
        } finally {
            release.countDown();
            round.join(Duration.ofSeconds(60).toMillis());
        }
        assertThat(job.snapshot().recentRuns()).hasSize(5);
        slow.close();
    }

    @Test
    void unknownNamesAndDuplicatesAreRefusedWithClearMessages() {
        monitor.add(hourly().build());
        assertThatThrownBy(() -> monitor.add(hourly().build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a job named 'export' is already added");
        assertThatThrownBy(() -> monitor.snapshot("import")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no job named 'import'; jobs are [export]");
        assertThatThrownBy(() -> monitor.snapshot("<script>")).hasMessageNotContaining("<script>");
    }

    @Test
    void eachJobIsANonCriticalHealthCheckInTheJobsGroupThatFailsWhileDown() {
        HealthRegistry health = HealthRegistry.builder().build();
        try {
            Job job = monitor.add(hourly().build());
            monitor.register(health);
            monitor.add(JobDefinition.builder("billing").every(HOUR).critical(true).build());
            assertThat(health.options("job-export").critical()).isFalse();
            assertThat(health.options("job-export").groups()).extracting(HealthGroup::name).contains(JobMonitor.HEALTH_GROUP);
            assertThat(health.options("job-billing").critical()).isTrue();
            assertThat(health.report().checks().get("job-export").status()).isEqualTo(CheckStatus.PASS);

            time.advance(HOUR);
            assertThat(health.report().checks().get("job-export").status()).isEqualTo(CheckStatus.WARN);
            time.advance(Duration.ofMinutes(10));
            assertThat(health.report().checks().get("job-export").status()).isEqualTo(CheckStatus.FAIL);
            job.ping();
            assertThat(health.report().checks().get("job-export").status()).isEqualTo(CheckStatus.PASS);

            assertThat(monitor.remove("export")).isTrue();
            assertThat(health.contains("job-export")).isFalse();
        } finally {
            health.close();
        }
    }

    @Test
    void aHealthRegistryGivenToTheBuilderGetsEveryJobAsItIsAdded() {
        HealthRegistry health = HealthRegistry.builder().build();
        try (JobMonitor withHealth = JobMonitor.builder().clock(time.clock()).scheduler(time).healthRegistry(health).build()) {
            withHealth.add(hourly().build());
            assertThat(health.contains("job-export")).isTrue();
            assertThat(health.options("job-export").critical()).isFalse();
        } finally {
            health.close();
        }
    }

    @Test
    void eachJobIsOneRowOnTheStatusPageAndItsHealthCheckIsNotShownTwice() {
        HealthRegistry health = HealthRegistry.builder().build();
        try {
            Job job = monitor.add(hourly().build());
            monitor.register(health);
            StatusPage page = StatusPage.builder("Orders").health(health).jobs(monitor).showDetails(true).clock(time.clock())
                    .build();
            StatusComponent row = only(page.snapshot());
            assertThat(row.kind()).isEqualTo(StatusComponent.Kind.SCHEDULED_JOB);
            assertThat(row.state()).isEqualTo(ComponentState.UNKNOWN);

            job.start();
            time.advance(Duration.ofSeconds(3));
            job.success();
            row = only(page.snapshot());
            assertThat(row.state()).isEqualTo(ComponentState.OPERATIONAL);
            assertThat(row.responseTimeMillis()).isEqualTo(3000L);
            assertThat(row.checkedAt()).isEqualTo(time.now());
            assertThat(page.html(page.snapshot())).contains("Scheduled job", "export");

            job.fail("card " + CARD + " declined for " + EMAIL);
            StatusSnapshot failing = page.snapshot();
            assertThat(only(failing).state()).isEqualTo(ComponentState.OUTAGE);
            assertThat(page.html(failing) + new String(page.json(failing), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain(EMAIL).doesNotContain(CARD);

            job.success();
            time.advance(Duration.ofMinutes(70));
            assertThat(only(page.snapshot()).detail()).isEqualTo("missed (every PT1H)");
        } finally {
            health.close();
        }
    }

    private static StatusComponent only(StatusSnapshot snapshot) {
        assertThat(snapshot.components()).hasSize(1);
        return snapshot.components().get(0);
    }

    @Test
    void metersShowStateRunsAndDurations() {
        Job job = monitor.add(hourly().build());
        job.start();
        time.advance(Duration.ofSeconds(30));
        job.success();
        job.fail("boom");
        monitor.snapshots();
        assertThat(meters.get(JobMeters.RUNS).tag(JobMeters.TAG_JOB, "export").tag(JobMeters.TAG_OUTCOME, "success")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get(JobMeters.RUNS).tag(JobMeters.TAG_OUTCOME, "failure").counter().count()).isEqualTo(1.0);
        assertThat(meters.get(JobMeters.DURATION).timer().totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(30.0);
        assertThat(meters.get(JobMeters.STATE).gauge().value()).isEqualTo(0.5); // failing
        time.advance(Duration.ofMinutes(71)); // due 60 min after the last check-in, missed 10 min later, seen at the next round
        assertThat(meters.get(JobMeters.STATE).gauge().value()).isEqualTo(0.0); // missed
    }

    @Test
    void theLastSuccessGaugeHoldsWhenTheLastRunSucceededAndNothingBefore() {
        Job job = monitor.add(hourly().build());
        monitor.snapshots();
        assertThat(meters.get(JobMeters.LAST_SUCCESS).tag(JobMeters.TAG_JOB, "export").timeGauge()
                .value(java.util.concurrent.TimeUnit.SECONDS)).isNaN();

        time.advance(Duration.ofMinutes(5));
        job.success();
        Instant succeeded = time.now();
        time.advance(Duration.ofMinutes(5));
        job.fail("boom"); // a failure leaves the last success as it was
        monitor.snapshots();

        assertThat(meters.get(JobMeters.LAST_SUCCESS).timeGauge().value(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(succeeded.getEpochSecond());
    }

    private List<String> events(int count) {
        dev.monitor.alert.support.Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count,
                () -> "alerts: " + alerts.events());
        return alerts.events();
    }
}
