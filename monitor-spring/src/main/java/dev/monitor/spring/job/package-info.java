/**
 * Spring Boot auto-configuration of scheduled-job monitoring: the {@link dev.monitor.job.JobMonitor} bean, its HTTP
 * check-ins on the main port, every {@code @Scheduled} method monitored as a job (opt out with
 * {@link dev.monitor.spring.job.MonitoredJob @MonitoredJob(enabled = false)}), and external jobs declared under
 * {@code monitor.jobs.external.*}.
 */
@NullMarked
package dev.monitor.spring.job;

import org.jspecify.annotations.NullMarked;
