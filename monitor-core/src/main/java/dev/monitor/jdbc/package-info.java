/**
 * Slow-query monitoring for JDBC: a {@link javax.sql.DataSource} wrapper that times every
 * statement ({@link dev.monitor.jdbc.MonitoredDataSource}), a fail-closed SQL sanitizer
 * ({@link dev.monitor.jdbc.SqlSanitizer}), per-request N+1 detection
 * ({@link dev.monitor.jdbc.QueryScope}) and a listener SPI ({@link dev.monitor.jdbc.QueryListener}).
 *
 * <p>Nothing this package logs, tags or hands to a listener carries raw SQL, bind values or
 * driver messages: only sanitized SQL, fingerprints, timings and error classes.
 */
@NullMarked
package dev.monitor.jdbc;

import org.jspecify.annotations.NullMarked;
