/**
 * The operator API as Spring Boot Actuator endpoints: {@code /actuator/alerts}, {@code /actuator/silences},
 * {@code /actuator/maintenance}, {@code /actuator/incidents} and {@code /actuator/jobs}, each delegating to
 * {@link dev.monitor.operator.OperatorEndpoint} (the same JSON, checks and error bodies as the servlet), secured by
 * Spring Security when it is present and by bearer tokens when it is not.
 */
@NullMarked
package dev.monitor.spring.operator;

import org.jspecify.annotations.NullMarked;
