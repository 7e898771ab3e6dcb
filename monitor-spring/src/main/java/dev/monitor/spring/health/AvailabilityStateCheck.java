package dev.monitor.spring.health;

import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * A check that reads one of Spring's availability states: {@link LivenessState#CORRECT} and
 * {@link ReadinessState#ACCEPTING_TRAFFIC} pass, {@link LivenessState#BROKEN} and
 * {@link ReadinessState#REFUSING_TRAFFIC} fail.
 */
final class AvailabilityStateCheck implements HealthCheck {

    private final ApplicationAvailability availability;
    private final Class<? extends AvailabilityState> type;

    AvailabilityStateCheck(ApplicationAvailability availability, Class<? extends AvailabilityState> type) {
        this.availability = availability;
        this.type = type;
    }

    @Override
    public HealthResult check() {
        AvailabilityState state = type == LivenessState.class ? availability.getLivenessState()
                : availability.getReadinessState();
        boolean available = state == LivenessState.CORRECT || state == ReadinessState.ACCEPTING_TRAFFIC;
        HealthResult.Builder result = HealthResult.builder(available ? dev.monitor.health.CheckStatus.PASS
                : dev.monitor.health.CheckStatus.FAIL).detail("state", state.toString());
        if (!available) {
            result.error(type.getSimpleName() + " is " + state);
        }
        return result.build();
    }
}
