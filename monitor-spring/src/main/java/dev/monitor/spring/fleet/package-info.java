/**
 * Fleet mode in Spring Boot: {@code monitor.store=jdbc} shares the monitor's state through the application's
 * {@code DataSource} (or the one named by {@code monitor.fleet.data-source}).
 */
@NullMarked
package dev.monitor.spring.fleet;

import org.jspecify.annotations.NullMarked;
