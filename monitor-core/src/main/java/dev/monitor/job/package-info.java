/**
 * Scheduled-job monitoring: jobs check in ({@code start}, {@code success}, {@code fail}, {@code ping}) and the
 * {@link dev.monitor.job.JobMonitor} tells when one is late, missed, failing or running too long, like
 * Healthchecks.io and Sentry Crons, but inside the application where the job runs.
 *
 * <pre>{@code
 * JobMonitor jobs = JobMonitor.builder().dispatcher(alerts).stateDirectory(Path.of("/var/lib/orders/jobs")).build();
 * Job export = jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *", ZoneId.of("Europe/Berlin"))
 *         .grace(Duration.ofMinutes(30)).maxRuntime(Duration.ofHours(1)).build());
 * scheduler.scheduleAtFixedRate(export.wrap(this::exportOrders), ...);   // checks in by itself
 * jobs.register(health);                                                    // "job-nightly-export", non-critical
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.job.internal}, which is not API.
 */
@NullMarked
package dev.monitor.job;

import org.jspecify.annotations.NullMarked;
