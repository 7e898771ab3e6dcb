/**
 * Fleet mode: several replicas of a service behave as one monitor, on the application's own database.
 *
 * <p>{@link dev.monitor.fleet.MonitorStore} is the one SPI for state that replicas share: {@link
 * dev.monitor.fleet.MonitorStore#local()} (the default) shares nothing and keeps today's behaviour of a single
 * instance; {@link dev.monitor.fleet.JdbcMonitorStore} shares through a {@link javax.sql.DataSource} on PostgreSQL,
 * MySQL/MariaDB or H2 and creates its schema itself. Today it gives every replica a {@link
 * dev.monitor.fleet.FleetRunner} (a scheduled evaluation runs once per fleet, with ShedLock leases) and {@link
 * dev.monitor.fleet.NotificationClaims} (a notification is sent once per fleet); {@link
 * dev.monitor.fleet.SharedState} lists what is shared and what is planned.
 *
 * <pre>{@code
 * MonitorStore store = JdbcMonitorStore.builder(dataSource).build();
 * AlertDispatcher alerts = AlertDispatcher.builder().channel(slack).store(store).build();
 * UptimeMonitor uptime = UptimeMonitor.builder().dispatcher(alerts).runner(store.runner()).build();
 * }</pre>
 *
 * <p>Implementation detail lives in {@code dev.monitor.fleet.internal}, which is not API.
 */
@NullMarked
package dev.monitor.fleet;

import org.jspecify.annotations.NullMarked;
