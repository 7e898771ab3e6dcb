/**
 * Spring Boot auto-configuration of alerts: the {@link dev.monitor.alert.AlertDispatcher} bean with the channels
 * switched on by {@code monitor.alerts.*} properties or the documented environment variables, a simple routing, the
 * optional durable outbox, and alerts for the request monitor's security events.
 */
@NullMarked
package dev.monitor.spring.alert;

import org.jspecify.annotations.NullMarked;
