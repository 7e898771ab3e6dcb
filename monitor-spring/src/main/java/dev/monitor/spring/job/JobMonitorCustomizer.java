package dev.monitor.spring.job;

import dev.monitor.job.JobMonitor;

/**
 * Adjusts the {@link JobMonitor} built by the starter, after the {@code monitor.jobs.*} properties were applied (e.g. a
 * scheduler of the application's own). Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}. Jobs need no customizer: {@code @Scheduled} methods are
 * monitored by themselves, external jobs are declared under {@code monitor.jobs.external.*}, and others are added to
 * the monitor bean.
 *
 * <pre>{@code
 * @Bean
 * JobMonitorCustomizer jobHistory() {
 *     return builder -> builder.historySize(200);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface JobMonitorCustomizer {

    /** Adjusts the builder; called once, when the monitor bean is created. */
    void customize(JobMonitor.Builder builder);
}
