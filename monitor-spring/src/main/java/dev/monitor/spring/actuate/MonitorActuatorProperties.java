package dev.monitor.spring.actuate;

import dev.monitor.spring.internal.PropertyChecks;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/** The bridge to Spring Boot Actuator's health, under {@code monitor.actuator}. */
@ConfigurationProperties("monitor.actuator")
public class MonitorActuatorProperties implements Validator {

    /** Whether monitor's checks are bridged to Actuator's health (when Actuator's health support is present). */
    private boolean enabled = true;

    /**
     * Whether the checks of monitor's live and ready groups are members of Actuator's liveness and readiness probe
     * groups (/actuator/health/liveness, /actuator/health/readiness).
     */
    private boolean probes = true;

    /**
     * Whether Actuator's health indicators (db, diskSpace, mail, ping, ...) become checks of monitor's /health, under
     * their Actuator names. Off by default: monitor has its own database, mail and disk checks.
     */
    private boolean includeIndicators;

    /** Whether a DOWN or OUT_OF_SERVICE Actuator indicator makes monitor's /health unhealthy (else degraded). */
    private boolean indicatorsCritical = true;

    /** Actuator indicators not included in monitor's /health (livenessState and readinessState never are). */
    private Set<String> excludedIndicators = new LinkedHashSet<>();

    /** Whether the bridge is configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the bridge is configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether live/ready checks join Actuator's probes. */
    public boolean isProbes() {
        return probes;
    }

    /** Sets whether live/ready checks join Actuator's probes. */
    public void setProbes(boolean probes) {
        this.probes = probes;
    }

    /** Whether Actuator's indicators become checks. */
    public boolean isIncludeIndicators() {
        return includeIndicators;
    }

    /** Sets whether Actuator's indicators become checks. */
    public void setIncludeIndicators(boolean includeIndicators) {
        this.includeIndicators = includeIndicators;
    }

    /** Whether included indicators are critical checks. */
    public boolean isIndicatorsCritical() {
        return indicatorsCritical;
    }

    /** Sets whether included indicators are critical checks. */
    public void setIndicatorsCritical(boolean indicatorsCritical) {
        this.indicatorsCritical = indicatorsCritical;
    }

    /** Indicators not included. */
    public Set<String> getExcludedIndicators() {
        return excludedIndicators;
    }

    /** Sets the indicators not included. */
    public void setExcludedIndicators(Set<String> excludedIndicators) {
        this.excludedIndicators = excludedIndicators;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorActuatorProperties.class.isAssignableFrom(type);
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public void validate(Object target, Errors errors) {
        new PropertyChecks("monitor.actuator", errors)
                .noBlankEntries("excludedIndicators", ((MonitorActuatorProperties) target).excludedIndicators);
    }
}
