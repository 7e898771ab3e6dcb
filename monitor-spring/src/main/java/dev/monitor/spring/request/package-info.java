/**
 * Spring Boot auto-configuration of request monitoring: the {@link dev.monitor.request.RequestMonitor} bean, the
 * request filter registered once for the whole application, and the standard error body everywhere: for exceptions
 * that Spring MVC controllers leave unhandled, for the statuses of Spring Boot's error page (404, 405, …) and, with
 * Spring Security, for 401 and 403.
 */
@NullMarked
package dev.monitor.spring.request;

import org.jspecify.annotations.NullMarked;
