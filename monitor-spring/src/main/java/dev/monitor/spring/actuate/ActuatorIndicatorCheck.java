package dev.monitor.spring.actuate;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * An Actuator health contributor as a monitor check: {@code UP} passes, {@code DOWN} and {@code OUT_OF_SERVICE} fail,
 * {@code UNKNOWN} and custom statuses warn. A composite contributor takes its worst child's status. Scalar details are
 * kept (nested as {@code child.key} for composites); the registry scrubs them like every detail.
 */
final class ActuatorIndicatorCheck implements HealthCheck {

    private final HealthContributor contributor;

    ActuatorIndicatorCheck(HealthContributor contributor) {
        this.contributor = contributor;
    }

    @Override
    public HealthResult check() {
        Outcome outcome = evaluate(contributor, "", new Outcome());
        HealthResult.Builder result = HealthResult.builder(outcome.status);
        outcome.details.forEach(result::detail);
        if (outcome.status != CheckStatus.PASS) {
            result.error(outcome.error != null ? outcome.error : "Actuator status " + outcome.statusCode);
        }
        return result.build();
    }

    private static Outcome evaluate(HealthContributor contributor, String prefix, Outcome outcome) {
        if (contributor instanceof HealthIndicator indicator) {
            Health health = indicator.health(true);
            Status status = health == null ? Status.UNKNOWN : health.getStatus();
            CheckStatus mapped = map(status);
            if (mapped.ordinal() > outcome.status.ordinal()) {
                outcome.status = mapped;
                outcome.statusCode = (prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1) + " ") + status.getCode();
            }
            if (health != null) {
                for (Map.Entry<String, Object> detail : health.getDetails().entrySet()) {
                    Object value = detail.getValue();
                    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                        if (detail.getKey().equals("error") && mapped != CheckStatus.PASS && outcome.error == null) {
                            outcome.error = prefix + value;
                        } else if (outcome.details.size() < 32) {
                            outcome.details.put(prefix + detail.getKey(), value);
                        }
                    }
                }
            }
        } else if (contributor instanceof CompositeHealthContributor composite) {
            for (HealthContributors.Entry child : (Iterable<HealthContributors.Entry>) composite.stream()::iterator) {
                evaluate(child.contributor(), prefix + child.name() + ".", outcome);
            }
        }
        return outcome;
    }

    private static CheckStatus map(Status status) {
        if (Status.UP.equals(status)) {
            return CheckStatus.PASS;
        }
        if (Status.DOWN.equals(status) || Status.OUT_OF_SERVICE.equals(status)) {
            return CheckStatus.FAIL;
        }
        return CheckStatus.WARN;
    }

    /** What the walk over a contributor found. */
    private static final class Outcome {
        CheckStatus status = CheckStatus.PASS;
        String statusCode = "UP";
        @Nullable String error;
        final Map<String, Object> details = new java.util.LinkedHashMap<>();
    }
}
