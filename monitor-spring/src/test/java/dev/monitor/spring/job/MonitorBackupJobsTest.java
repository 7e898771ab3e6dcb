package dev.monitor.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.backup.BackupJob;
import dev.monitor.job.backup.BackupReport;
import dev.monitor.job.backup.RestoreProbe;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code monitor.jobs.backups.*} in a real Boot context: verifiers run as monitored cron jobs, bad values named. */
class MonitorBackupJobsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                    MonitorJobsAutoConfiguration.class))
            .withPropertyValues("monitor.health.disk.enabled=false");

    @TempDir
    Path backups;

    private void gzip(String name, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(backups.resolve(name)))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aBackupFromPropertiesIsAMonitoredCronJobThatVerifiesWithTheNamedRestoreProbe() throws IOException {
        gzip("orders-1.sql.gz", "INSERT INTO orders VALUES (1);\n".repeat(100));
        RestoreProbe probe = backup -> Map.of("orders", 100L);
        runner.withBean("ordersRestore", RestoreProbe.class, () -> probe)
                .withBean(BackupVerifierCustomizer.class, () -> (name, builder) -> builder.restoreTimeout(Duration.ofMinutes(5)))
                .withPropertyValues("monitor.jobs.backups.orders-backup.directory=" + backups,
                        "monitor.jobs.backups.orders-backup.glob=orders-*.sql.gz",
                        "monitor.jobs.backups.orders-backup.cron=30 3 * * *",
                        "monitor.jobs.backups.orders-backup.time-zone=Europe/Berlin",
                        "monitor.jobs.backups.orders-backup.max-age=2d",
                        "monitor.jobs.backups.orders-backup.max-shrink-percent=20",
                        "monitor.jobs.backups.orders-backup.require-checksum=false",
                        "monitor.jobs.backups.orders-backup.restore-probe=ordersRestore")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    BackupJob job = context.getBean(BackupJobs.class).get("orders-backup");
                    assertThat(job).isNotNull();
                    assertThat(job.job().definition().schedule().toString()).isEqualTo("cron 30 3 * * * Europe/Berlin");
                    assertThat(job.verifier().restoreTimeout()).isEqualTo(Duration.ofMinutes(5)); // the customizer's
                    assertThat(job.job().definition().maxRuntime()).isEqualTo(Duration.ofMinutes(5 + 30));
                    assertThat(job.nextRun()).isNotNull();

                    BackupReport report = job.runNow();
                    assertThat(report.ok()).as("%s", report).isTrue();
                    assertThat(report.restoreFigures()).containsEntry("orders", 100L);
                    JobSnapshot snapshot = context.getBean(JobMonitor.class).snapshot("orders-backup");
                    assertThat(snapshot.lastSuccess()).isNotNull();
                    assertThat(context.getBean(dev.monitor.health.HealthRegistry.class).contains("job-orders-backup")).isTrue();
                });
    }

    @Test
    void badValuesFailStartupNamingTheProperty() {
        String prefix = "monitor.jobs.backups.b.";
        String directory = prefix + "directory=" + backups;
        String cron = prefix + "cron=0 4 * * *";
        assertFailure("monitor.jobs.backups.b.directory", cron);
        assertFailure("monitor.jobs.backups.b.cron", directory);
        assertFailure("monitor.jobs.backups.b.cron", directory, prefix + "cron=61 * * * *");
        assertFailure("monitor.jobs.backups.b.max-age", directory, cron, prefix + "max-age=0s");
        assertFailure("monitor.jobs.backups.b.max-shrink-percent", directory, cron, prefix + "max-shrink-percent=150");
        assertFailure("monitor.jobs.backups.b.min-size-bytes", directory, cron, prefix + "min-size-bytes=-1");
        assertFailure("monitor.jobs.backups.b.restore-timeout", directory, cron, prefix + "restore-timeout=2h");
        assertFailure("monitor.jobs.backups.b.restore-probe", directory, cron, prefix + "restore-probe=noSuchBean");
        assertFailure("monitor.jobs.backups.b.glob", directory, cron, prefix + "glob=[");
        assertFailure("monitor.jobs.backups.b.time-zone", directory, cron, prefix + "time-zone=Mars/Olympus");
    }

    private void assertFailure(String named, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context.getStartupFailure())
                .as("%s", (Object) properties).isNotNull()
                .satisfies(failure -> assertThat(StartupFailures.messages(failure)).contains(named)));
    }
}
