/**
 * An "orders" REST service on Spring Boot 4 and an in-memory H2 database, monitored by adding
 * {@code dev.monitor:monitor-spring} and three properties.
 */
@NullMarked
package dev.monitor.examples.spring;

import org.jspecify.annotations.NullMarked;
