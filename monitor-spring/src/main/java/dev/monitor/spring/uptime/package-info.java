/**
 * Spring Boot auto-configuration of uptime checks: the {@link dev.monitor.uptime.UptimeMonitor} bean with the targets of
 * {@code monitor.uptime.targets}, alerting through the dispatcher and registered as health checks.
 */
@NullMarked
package dev.monitor.spring.uptime;

import org.jspecify.annotations.NullMarked;
