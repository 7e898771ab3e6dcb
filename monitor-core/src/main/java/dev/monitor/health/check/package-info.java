/**
 * Built-in health checks: JDBC {@code DataSource}, required tables, disk space, heap memory,
 * HTTP endpoint, TCP connect, TLS certificate expiry, SMTP, backup freshness and deadlocked
 * threads.
 *
 * <p>Each check is a {@link dev.monitor.health.HealthCheck} to register with a
 * {@link dev.monitor.health.HealthRegistry}. Each bounds its own I/O with a timeout where the
 * underlying API allows, reports failures as results (never stack traces) and keeps its details
 * to a few scalars without file paths or credentials.
 */
@NullMarked
package dev.monitor.health.check;

import org.jspecify.annotations.NullMarked;
