/**
 * Spring Boot auto-configuration of slow-query and N+1 detection: every {@link javax.sql.DataSource} bean is wrapped
 * in a {@link dev.monitor.jdbc.MonitoredDataSource} (HikariCP-aware; Spring Boot's own DataSource health, metrics and
 * JMX keep working through {@code unwrap}), and a {@link dev.monitor.jdbc.QueryScope} is opened per request.
 */
@NullMarked
package dev.monitor.spring.jdbc;

import org.jspecify.annotations.NullMarked;
