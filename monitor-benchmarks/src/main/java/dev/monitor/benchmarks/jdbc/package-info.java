/**
 * Benchmarks of the JDBC monitoring: statement overhead beside p6spy and datasource-proxy, and
 * SQL sanitizer throughput beside OpenTelemetry's sanitizer and a regex one.
 */
@NullMarked
package dev.monitor.benchmarks.jdbc;

import org.jspecify.annotations.NullMarked;
