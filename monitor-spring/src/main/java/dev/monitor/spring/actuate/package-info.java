/**
 * Bridge to Spring Boot Actuator's health: monitor's checks appear as the composite contributor {@code monitor} in
 * {@code /actuator/health} (and can be listed in its groups as {@code monitor/NAME}), the checks of the {@code live}
 * and {@code ready} groups join Actuator's {@code liveness} and {@code readiness} probes, and, optionally,
 * Actuator's own indicators become checks of monitor's {@code /health}.
 */
@NullMarked
package dev.monitor.spring.actuate;

import org.jspecify.annotations.NullMarked;
