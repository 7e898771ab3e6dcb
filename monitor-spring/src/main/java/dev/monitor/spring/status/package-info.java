/**
 * Spring Boot auto-configuration of the status page: the {@link dev.monitor.status.StatusPage} of the health registry,
 * uptime monitor and alert dispatcher beans, served by {@link dev.monitor.servlet.StatusPageServlet} on the main port.
 */
@NullMarked
package dev.monitor.spring.status;

import org.jspecify.annotations.NullMarked;
