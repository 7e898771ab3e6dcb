/**
 * Spring Boot structured logging ({@code logging.structured.format.console=ecs|logstash|gelf}) through the PII
 * scrubber: {@link dev.monitor.spring.logging.ScrubbingStructuredLoggingCustomizer}, registered for every structured
 * format by the starter's {@code META-INF/spring.factories}.
 */
@NullMarked
package dev.monitor.spring.logging;

import org.jspecify.annotations.NullMarked;
