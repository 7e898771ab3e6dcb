/**
 * Spring Boot auto-configuration for monitor.
 */
@NullMarked
package dev.monitor.spring;

import org.jspecify.annotations.NullMarked;
