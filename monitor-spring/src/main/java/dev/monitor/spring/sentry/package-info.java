/**
 * Spring Boot auto-configuration of Sentry: {@link dev.monitor.sentry.SentryMonitoring} set up from
 * {@code monitor.sentry.*} and the seeds' variables (or its hooks added to the options of Sentry's own Spring Boot
 * starter), slow-query breadcrumbs for every monitored DataSource, and the Sentry alert channel.
 */
@NullMarked
package dev.monitor.spring.sentry;

import org.jspecify.annotations.NullMarked;
