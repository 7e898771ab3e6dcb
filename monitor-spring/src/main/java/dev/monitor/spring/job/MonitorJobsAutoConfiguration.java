package dev.monitor.spring.job;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSchedule;
import dev.monitor.job.backup.BackupJob;
import dev.monitor.job.backup.BackupVerifier;
import dev.monitor.job.backup.RestoreProbe;
import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.pii.Scrubber;
import dev.monitor.servlet.JobCheckInServlet;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.HealthCheckRegistrar;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Scheduled-job monitoring. Defines:
 * <ul>
 *   <li>the {@link JobMonitor} bean, alerting through the {@link AlertDispatcher} bean when there is one
 *       ({@code JobMissed}, {@code JobFailed}, {@code JobRunningTooLong}), scrubbing failure messages with the
 *       {@link Scrubber} bean, {@code monitor.job.*} meters in the {@link MeterRegistry}, timed by the
 *       {@link Clock} bean when there is one, keeping its state in {@code monitor.jobs.state-directory}, then the
 *       {@link JobMonitorCustomizer} beans; with the jobs of {@code monitor.jobs.external.*}; closed at shutdown;
 *   <li>{@link BackupJobs}: a {@link BackupVerifier} for each {@code monitor.jobs.backups.NAME.*}, run as the
 *       monitored job {@code NAME} on its {@code cron} in its {@code time-zone}, alerting through the dispatcher bean,
 *       restoring with the {@link RestoreProbe} bean named by {@code restore-probe}, then the
 *       {@link BackupVerifierCustomizer} beans; stopped at shutdown;
 *   <li>a {@link HealthCheckRegistrar} making every job, now and later, the health check {@code job-NAME} (not
 *       critical unless the job says so, group {@code jobs}), and so a row on the status page;
 *   <li>in a servlet application, the {@link JobCheckInServlet} at {@code monitor.jobs.http.path} (default
 *       {@code /monitor/jobs}) on the main port, opened by {@code monitor.jobs.token} and the jobs' own tokens;
 *   <li>the monitoring of every {@code @Scheduled} method as the job {@code BEAN.METHOD} (see {@link MonitoredJob}),
 *       off with {@code monitor.jobs.scheduled.enabled=false}.
 * </ul>
 * Off with {@code monitor.jobs.enabled=false}.
 */
@AutoConfiguration(after = {MonitorPiiAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
        MonitorHealthAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "monitor.jobs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorJobsProperties.class)
public final class MonitorJobsAutoConfiguration {

    MonitorJobsAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    JobMonitor monitorJobMonitor(MonitorJobsProperties properties, ObjectProvider<AlertDispatcher> dispatcher,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<Clock> clock,
            ObjectProvider<JobMonitorCustomizer> customizers) {
        JobMonitor.Builder builder = JobMonitor.builder()
                .evaluationInterval(properties.getEvaluationInterval())
                .historySize(properties.getHistorySize())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        dispatcher.ifUnique(builder::dispatcher);
        meterRegistry.ifUnique(builder::meterRegistry);
        clock.ifUnique(builder::clock);
        if (properties.getStateDirectory() != null) {
            builder.stateDirectory(Path.of(properties.getStateDirectory().strip()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        JobMonitor monitor = builder.build();
        try {
            properties.getExternal().forEach((name, job) -> monitor.add(job.toDefinition(name)));
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        return monitor;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    BackupJobs monitorBackupJobs(MonitorJobsProperties properties, JobMonitor jobs, ListableBeanFactory beans,
            ObjectProvider<AlertDispatcher> dispatcher, ObjectProvider<Scrubber> scrubber, ObjectProvider<Clock> clock,
            ObjectProvider<BackupVerifierCustomizer> customizers) {
        Map<String, BackupJob> scheduled = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, BackupProperties> backup : properties.getBackups().entrySet()) {
                String name = backup.getKey();
                BackupProperties settings = backup.getValue();
                JobSchedule schedule = settings.toSchedule(name);
                BackupVerifier.Builder builder = settings.toBuilder(name).scrubber(scrubber.getIfUnique(Scrubber::defaults))
                        .clock(jobs.clock());
                dispatcher.ifUnique(builder::alerts);
                String probe = settings.getRestoreProbe();
                if (probe != null && !probe.isBlank()) {
                    if (!beans.containsBean(probe.strip()) || !beans.isTypeMatch(probe.strip(), RestoreProbe.class)) {
                        throw new IllegalArgumentException("monitor.jobs.backups." + name + ".restore-probe: no RestoreProbe bean"
                                + " named '" + probe.strip() + "'");
                    }
                    builder.restoreProbe(beans.getBean(probe.strip(), RestoreProbe.class));
                }
                customizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
                scheduled.put(name, builder.build().schedule(jobs, schedule));
            }
        } catch (RuntimeException e) {
            scheduled.values().forEach(BackupJob::close);
            throw e;
        }
        return new BackupJobs(scheduled);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorJobHealthChecks")
    @ConditionalOnBooleanProperty(name = "monitor.jobs.health-checks", matchIfMissing = true)
    HealthCheckRegistrar monitorJobHealthChecks(ObjectProvider<JobMonitor> monitor) {
        return registry -> monitor.ifUnique(jobs -> jobs.register(registry));
    }

    /** The monitoring of {@code @Scheduled} methods. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "monitor.jobs.scheduled.enabled", matchIfMissing = true)
    @ConditionalOnClass(name = {"org.springframework.scheduling.annotation.Scheduled",
        "org.springframework.scheduling.support.ScheduledTaskObservationContext",
        "io.micrometer.observation.ObservationRegistry"})
    static class ScheduledJobsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        static ScheduledJobsPostProcessor monitorScheduledJobsPostProcessor(ObjectProvider<JobMonitor> monitor,
                ObjectProvider<MonitorJobsProperties> properties) {
            return new ScheduledJobsPostProcessor(monitor, properties);
        }

        @Bean
        @ConditionalOnMissingBean
        ScheduledJobCheckIns monitorScheduledJobCheckIns(ScheduledJobsPostProcessor jobs) {
            return new ScheduledJobCheckIns(jobs);
        }
    }

    /** The HTTP check-ins on the main port of a servlet application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Servlet")
    @ConditionalOnBooleanProperty(name = "monitor.jobs.http.enabled", matchIfMissing = true)
    static class CheckInServletConfiguration {

        @Bean
        @ConditionalOnMissingBean
        JobCheckInEndpoint monitorJobCheckInEndpoint(JobMonitor monitor, MonitorJobsProperties properties,
                ObjectProvider<Scrubber> scrubber, ObjectProvider<Clock> clock) {
            MonitorJobsProperties.Http http = properties.getHttp();
            JobCheckInEndpoint.Builder builder = JobCheckInEndpoint.builder(monitor)
                    .queryToken(http.isQueryToken())
                    .rateLimit(http.getRateLimit(), http.getRateLimitPeriod())
                    .maxBodyBytes((int) http.getMaxBodySize().toBytes())
                    .maxReadBytes((int) Math.max(JobCheckInEndpoint.DEFAULT_MAX_READ_BYTES, http.getMaxBodySize().toBytes()))
                    .maxLines(http.getMaxLines())
                    .scrubber(scrubber.getIfUnique(Scrubber::defaults));
            clock.ifUnique(builder::clock);
            if (properties.getToken() != null) {
                builder.token(properties.getToken());
            }
            for (Map.Entry<String, MonitorJobsProperties.External> job : properties.getExternal().entrySet()) {
                if (job.getValue().getToken() != null) {
                    builder.jobToken(job.getKey(), job.getValue().getToken());
                }
            }
            return builder.build();
        }

        @Bean
        @ConditionalOnMissingBean(name = "monitorJobCheckInServlet")
        ServletRegistrationBean<JobCheckInServlet> monitorJobCheckInServlet(JobCheckInEndpoint endpoint,
                MonitorJobsProperties properties) {
            ServletRegistrationBean<JobCheckInServlet> registration = new ServletRegistrationBean<>(
                    new JobCheckInServlet(endpoint), properties.getHttp().getPath() + "/*");
            registration.setName("monitorJobCheckInServlet");
            return registration;
        }
    }
}
