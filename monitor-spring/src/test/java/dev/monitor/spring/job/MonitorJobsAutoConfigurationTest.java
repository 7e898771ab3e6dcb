package dev.monitor.spring.job;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.JobState;
import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

class MonitorJobsAutoConfigurationTest {

    private static final String TOKEN = "global-token-0123456789abcdef";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
                    MonitorJobsAutoConfiguration.class))
            .withPropertyValues("monitor.health.disk.enabled=false");

    @Test
    void defaultsCreateAMonitorWithoutJobsItsHealthRegistrationAndTheScheduledMonitoring() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(JobMonitor.class).hasBean("monitorJobHealthChecks")
                    .hasSingleBean(ScheduledJobsPostProcessor.class).hasSingleBean(ScheduledJobCheckIns.class)
                    .doesNotHaveBean(JobCheckInEndpoint.class); // not a web application
            assertThat(context.getBean(JobMonitor.class).jobs()).isEmpty();
        });
    }

    @Test
    void externalJobsFromPropertiesAreJobsAndNonCriticalHealthChecksInTheJobsGroup() {
        runner.withPropertyValues("monitor.jobs.external.nightly-backup.cron=0 3 * * *",
                        "monitor.jobs.external.nightly-backup.time-zone=Europe/Berlin",
                        "monitor.jobs.external.nightly-backup.grace=45m",
                        "monitor.jobs.external.nightly-backup.max-runtime=2h",
                        "monitor.jobs.external.nightly-backup.failure-threshold=2",
                        "monitor.jobs.external.nightly-backup.severity=critical",
                        "monitor.jobs.external.heartbeat.interval=5m")
                .run(context -> {
                    JobMonitor jobs = context.getBean(JobMonitor.class);
                    var backup = jobs.job("nightly-backup").definition();
                    assertThat(backup.schedule().toString()).isEqualTo("cron 0 3 * * * Europe/Berlin");
                    assertThat(backup.grace()).isEqualTo(Duration.ofMinutes(45));
                    assertThat(backup.maxRuntime()).isEqualTo(Duration.ofHours(2));
                    assertThat(backup.failureThreshold()).isEqualTo(2);
                    assertThat(backup.severity()).isEqualTo(dev.monitor.alert.AlertSeverity.CRITICAL);
                    assertThat(jobs.job("heartbeat").definition().schedule().interval()).isEqualTo(Duration.ofMinutes(5));
                    CheckOptions options = context.getBean(HealthRegistry.class).options("job-nightly-backup");
                    assertThat(options.critical()).isFalse();
                    assertThat(options.groups()).extracting(Object::toString).containsExactly(JobMonitor.HEALTH_GROUP);
                });
    }

    @Test
    void theStateDirectoryAndAClockBeanAreUsed(@TempDir Path state) {
        Clock fixed = Clock.fixed(Instant.parse("2026-02-08T12:00:00Z"), ZoneOffset.UTC);
        runner.withBean(Clock.class, () -> fixed)
                .withPropertyValues("monitor.jobs.state-directory=" + state, "monitor.jobs.external.heartbeat.interval=5m")
                .run(context -> {
                    JobMonitor jobs = context.getBean(JobMonitor.class);
                    jobs.job("heartbeat").ping();
                    JobSnapshot snapshot = jobs.snapshot("heartbeat");
                    assertThat(snapshot.lastCheckIn()).isEqualTo(fixed.instant());
                    assertThat(snapshot.nextDue()).isEqualTo(fixed.instant().plus(Duration.ofMinutes(5)));
                });
        assertThat(Files.exists(state.resolve(JobMonitor.STATE_FILE))).isTrue(); // written at close
    }

    @Test
    void offSwitchesRemoveTheirBeans() {
        runner.withPropertyValues("monitor.jobs.enabled=false").run(context -> assertThat(context)
                .doesNotHaveBean(JobMonitor.class).doesNotHaveBean(ScheduledJobsPostProcessor.class));
        runner.withPropertyValues("monitor.jobs.scheduled.enabled=false", "monitor.jobs.health-checks=false")
                .run(context -> assertThat(context).hasSingleBean(JobMonitor.class)
                        .doesNotHaveBean(ScheduledJobsPostProcessor.class).doesNotHaveBean("monitorJobHealthChecks"));
    }

    @Test
    void aUserMonitorMakesOursBackOffAndCustomizersApply() {
        runner.withBean(JobMonitor.class, () -> JobMonitor.builder().build())
                .run(context -> assertThat(context).hasSingleBean(JobMonitor.class).doesNotHaveBean("monitorJobMonitor"));
        AtomicInteger customized = new AtomicInteger();
        runner.withBean(JobMonitorCustomizer.class, () -> builder -> customized.incrementAndGet())
                .run(context -> assertThat(customized).hasValue(1));
    }

    @Test
    void badPropertiesFailStartupNamingThemAndNeverShowingATokenValue() {
        assertStartupFails("monitor.jobs.external.backup.cron=61 3 * * *", "monitor.jobs.external.backup.cron");
        assertStartupFails("monitor.jobs.external.backup.interval=0s", "monitor.jobs.external.backup.interval");
        assertStartupFails("monitor.jobs.external.backup.grace=-1m", "monitor.jobs.external.backup.grace");
        assertStartupFails("monitor.jobs.external.backup.severity=urgent", "monitor.jobs.external.backup.severity");
        runner.withPropertyValues("monitor.jobs.external.backup.cron=0 3 * * *", "monitor.jobs.external.backup.interval=1h")
                .run(context -> assertThat(StartupFailures.messages(context.getStartupFailure()))
                        .contains("monitor.jobs.external.backup.cron or monitor.jobs.external.backup.interval must be set"));
        runner.withPropertyValues("monitor.jobs.token=short-secret").run(context -> {
            String messages = StartupFailures.messages(context.getStartupFailure());
            assertThat(messages).contains("monitor.jobs.token must be 16 to 512 characters").doesNotContain("short-secret");
        });
        assertStartupFails("monitor.jobs.http.rate-limit=0", "monitor.jobs.http.rate-limit");
    }

    private void assertStartupFails(String property, String named) {
        runner.withPropertyValues(property).run(context -> assertThat(context.getStartupFailure()).as(property).isNotNull()
                .satisfies(failure -> assertThat(StartupFailures.messages(failure)).contains(named)));
    }

    @Test
    void inAWebApplicationTheCheckInServletIsRegisteredAtItsPath() {
        new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class,
                        MonitorPiiAutoConfiguration.class, MonitorHealthAutoConfiguration.class,
                        MonitorAlertsAutoConfiguration.class, MonitorJobsAutoConfiguration.class))
                .withPropertyValues("monitor.health.disk.enabled=false", "monitor.jobs.token=" + TOKEN,
                        "monitor.jobs.http.path=/ops/jobs")
                .run(context -> {
                    assertThat(context).hasSingleBean(JobCheckInEndpoint.class).hasBean("monitorJobCheckInServlet");
                    assertThat(context.getBean("monitorJobCheckInServlet",
                            org.springframework.boot.web.servlet.ServletRegistrationBean.class).getUrlMappings())
                            .containsExactly("/ops/jobs/*");
                });
    }

    @Test
    void withoutAnObservationRegistryOfTheApplicationScheduledRunsStillCheckIn() {
        runner.withUserConfiguration(Scheduling.class).run(context -> {
            JobMonitor jobs = context.getBean(JobMonitor.class);
            assertThat(jobs.job("scheduling.tick")).isNotNull();
            await(() -> jobs.snapshot("scheduling.tick").lastSuccess() != null);
            assertThat(jobs.snapshot("scheduling.tick").state()).isEqualTo(JobState.UP);
        });
    }

    @Test
    void withoutEnableSchedulingNoScheduledMethodIsMonitored() {
        runner.withUserConfiguration(NotScheduling.class)
                .run(context -> assertThat(context.getBean(JobMonitor.class).jobs()).isEmpty());
    }

    @Test
    void jobNamesAreMadeValidFromBeanAndMethod() {
        assertThat(ScheduledJobsPostProcessor.jobName("orderService", "purgeExpired")).isEqualTo("orderService.purgeExpired");
        assertThat(ScheduledJobsPostProcessor.jobName("com.example.Carts#0", "expire")).isEqualTo("com.example.Carts-0.expire");
        assertThat(ScheduledJobsPostProcessor.jobName("x".repeat(100), "expire")).hasSize(60).endsWith(".expire");
    }


    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {

        @Bean
        Ticker scheduling() {
            return new Ticker();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NotScheduling {

        @Bean
        Ticker notScheduling() {
            return new Ticker();
        }
    }

    static class Ticker {

        @Scheduled(fixedRate = 50)
        void tick() {
        }
    }
}
