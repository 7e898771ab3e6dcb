/**
 * Implementation of {@code dev.monitor.jdbc}: the delegating JDBC wrappers, the SQL lexer and
 * its cache, per-scope counters and HikariCP support. Not API: anything here may change
 * without notice.
 *
 * <p>The forwarding bases of the wrappers ({@code ForwardingConnection}, {@code ForwardingStatement},
 * {@code ForwardingPreparedStatement}, {@code ForwardingCallableStatement}, {@code ForwardingResultSet},
 * {@code ForwardingDatabaseMetaData}, {@code ForwardingConnectionBuilder}) are not in this source tree: they are generated at build time
 * from the {@code java.sql} API into {@code monitor-core/target/generated-sources/jdbc-forwarding} by
 * {@code monitor-core/src/build/java/dev/monitor/build/GenerateJdbcForwarding.java} (see
 * {@code docs/jdbc.md}). The {@code Monitored*} classes here extend them and keep only the methods
 * that do something; {@link dev.monitor.jdbc.internal.ForwardingWrapper} holds what all of them
 * share.
 */
@NullMarked
package dev.monitor.jdbc.internal;

import org.jspecify.annotations.NullMarked;
