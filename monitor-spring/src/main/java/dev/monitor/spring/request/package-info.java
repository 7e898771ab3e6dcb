/**
 * Spring Boot auto-configuration of request monitoring: the {@link dev.monitor.request.RequestMonitor} bean, the
 * request filter registered once for the whole application, and the standard error body for exceptions that Spring
 * MVC controllers leave unhandled.
 */
@NullMarked
package dev.monitor.spring.request;

import org.jspecify.annotations.NullMarked;
