package dev.monitor.spring.rule;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

/**
 * Which registry the rule engine reads. The engine computes rates from differences between evaluations, so it needs
 * cumulative counts; a step registry (Datadog, New Relic, CloudWatch, ...) restarts its counts every step and is
 * refused by the engine. The decision:
 * <ol>
 *   <li>when the starter added its own {@link SimpleMeterRegistry} ({@value #OWN_REGISTRY_BEAN}, defined only when
 *       the application has a registry that does not keep cumulative counts) and Spring Boot made it a member of the
 *       application's composite registry, the engine reads that one: it receives every meter recorded through the
 *       composite, cumulatively;
 *   <li>otherwise, when the application's registry keeps cumulative counts (Spring Boot's simple registry, Prometheus,
 *       a composite of only such registries), the engine reads it;
 *   <li>otherwise the engine gets no registry and the meter-based rules are left out, with a warning saying why.
 * </ol>
 */
final class RuleMeterRegistries {

    /** Name of the starter's own cumulative registry. */
    static final String OWN_REGISTRY_BEAN = "monitorRulesMeterRegistry";

    static final String SIMPLE_MODE = "management.simple.metrics.export.mode";
    static final String OTLP_TEMPORALITY = "management.otlp.metrics.export.aggregation-temporality";
    static final String OTLP_REGISTRY = "io.micrometer.registry.otlp.OtlpMeterRegistry";

    private RuleMeterRegistries() {
    }

    /** The registry the engine reads, or none with the reason. */
    record Choice(@Nullable MeterRegistry registry, String reason) {
    }

    static Choice choose(@Nullable MeterRegistry application, @Nullable MeterRegistry own, Environment environment) {
        if (own != null && application instanceof CompositeMeterRegistry composite && descendants(composite).contains(own)) {
            return new Choice(own, "the starter's own cumulative registry (" + OWN_REGISTRY_BEAN + "), a member of the "
                    + "application's composite registry, because " + String.join(", ", notCumulative(composite, environment, own))
                    + " does not keep cumulative counts");
        }
        if (application == null) {
            return new Choice(null, "the application has no MeterRegistry bean (add spring-boot-starter-actuator)");
        }
        List<String> notCumulative = application instanceof CompositeMeterRegistry composite
                ? notCumulative(composite, environment, null)
                : isCumulative(application, environment) ? List.of() : List.of(application.getClass().getSimpleName());
        if (application instanceof CompositeMeterRegistry composite && descendants(composite).isEmpty()) {
            return new Choice(null, "the application's MeterRegistry is an empty composite (metrics export is off)");
        }
        if (notCumulative.isEmpty()) {
            return new Choice(application, "the application's MeterRegistry, which keeps cumulative counts");
        }
        return new Choice(null, "the application's MeterRegistry does not keep cumulative counts ("
                + String.join(", ", notCumulative) + ") and Spring Boot did not add the starter's own "
                + OWN_REGISTRY_BEAN + " to a composite registry (is another registry @Primary?)");
    }

    /** Whether a registry keeps cumulative counts (a composite: whether all its members do). */
    static boolean isCumulative(MeterRegistry registry, Environment environment) {
        if (registry instanceof CompositeMeterRegistry composite) {
            return notCumulative(composite, environment, null).isEmpty();
        }
        if (registry instanceof StepMeterRegistry) {
            return false;
        }
        if (registry instanceof SimpleMeterRegistry) {
            return !"step".equalsIgnoreCase(environment.getProperty(SIMPLE_MODE, "").strip());
        }
        if (registry.getClass().getName().equals(OTLP_REGISTRY)) {
            return !"delta".equalsIgnoreCase(environment.getProperty(OTLP_TEMPORALITY, "").strip());
        }
        return true;
    }

    private static List<String> notCumulative(CompositeMeterRegistry composite, Environment environment,
            @Nullable MeterRegistry except) {
        List<String> names = new ArrayList<>();
        for (MeterRegistry member : descendants(composite)) {
            if (member != except && !isCumulative(member, environment)) {
                names.add(member.getClass().getSimpleName());
            }
        }
        return names;
    }

    private static List<MeterRegistry> descendants(CompositeMeterRegistry composite) {
        List<MeterRegistry> members = new ArrayList<>();
        for (MeterRegistry member : composite.getRegistries()) {
            if (member instanceof CompositeMeterRegistry nested) {
                members.addAll(descendants(nested));
            } else {
                members.add(member);
            }
        }
        return members;
    }
}
