/**
 * Implementation of {@code dev.monitor.jdbc}: the delegating JDBC wrappers, the SQL lexer and
 * its cache, per-scope counters and HikariCP support. Not API: anything here may change
 * without notice.
 */
@NullMarked
package dev.monitor.jdbc.internal;

import org.jspecify.annotations.NullMarked;
