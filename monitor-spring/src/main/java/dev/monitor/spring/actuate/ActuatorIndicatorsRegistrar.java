package dev.monitor.spring.actuate;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.registry.HealthContributorRegistry;

/**
 * Registers Actuator's top-level health contributors as checks of monitor's registry once every singleton exists
 * ({@code monitor.actuator.include-indicators=true}), under their Actuator names, in the {@code ready} group. Skipped:
 * monitor's own contributor (no loop), {@code livenessState} and {@code readinessState} (monitor reads Spring's
 * availability states itself), the excluded names, and names already taken by a monitor check (logged). The checks
 * registered are hidden from Actuator again.
 */
final class ActuatorIndicatorsRegistrar implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ActuatorIndicatorsRegistrar.class);
    private static final Set<String> NEVER = Set.of("livenessState", "readinessState");

    private final HealthRegistry registry;
    private final HealthContributorRegistry contributors;
    private final RegistryHealthContributor bridge;
    private final String bridgeName;
    private final MonitorActuatorProperties properties;

    ActuatorIndicatorsRegistrar(HealthRegistry registry, HealthContributorRegistry contributors,
            RegistryHealthContributor bridge, String bridgeName, MonitorActuatorProperties properties) {
        this.registry = registry;
        this.contributors = contributors;
        this.bridge = bridge;
        this.bridgeName = bridgeName;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        CheckOptions options = CheckOptions.builder().critical(properties.isIndicatorsCritical()).build();
        for (HealthContributors.Entry entry : (Iterable<HealthContributors.Entry>) contributors.stream()::iterator) {
            String name = entry.name();
            if (name.equals(bridgeName) || NEVER.contains(name) || properties.getExcludedIndicators().contains(name)) {
                continue;
            }
            if (registry.contains(name)) {
                log.warn("Actuator health indicator '{}' is not included in monitor's health: a monitor check has that "
                        + "name. Rename one, or list it in monitor.actuator.excluded-indicators", name);
                continue;
            }
            try {
                bridge.exclude(name);
                registry.register(name, new ActuatorIndicatorCheck(entry.contributor()), options);
            } catch (IllegalArgumentException e) {
                log.warn("Actuator health indicator '{}' is not included in monitor's health: {}", name, e.getMessage());
            }
        }
    }
}
