package dev.monitor.spring.rule;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import java.util.Arrays;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when a {@code MeterRegistry} bean of the application does not keep cumulative counts: a
 * {@link StepMeterRegistry}, Spring Boot's simple registry in step mode, or an OTLP registry with delta temporality.
 * Evaluated on the bean definitions, after every metrics export auto-configuration.
 */
final class NonCumulativeMeterRegistryCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (beans == null) {
            return ConditionOutcome.noMatch("no bean factory");
        }
        Environment environment = context.getEnvironment();
        String[] step = beans.getBeanNamesForType(StepMeterRegistry.class, true, false);
        if (step.length > 0) {
            return ConditionOutcome.match("step meter registries " + Arrays.toString(step));
        }
        if ("step".equalsIgnoreCase(environment.getProperty(RuleMeterRegistries.SIMPLE_MODE, "").strip())
                && beans.getBeanNamesForType(SimpleMeterRegistry.class, true, false).length > 0) {
            return ConditionOutcome.match(RuleMeterRegistries.SIMPLE_MODE + "=step");
        }
        ClassLoader classLoader = context.getClassLoader();
        if ("delta".equalsIgnoreCase(environment.getProperty(RuleMeterRegistries.OTLP_TEMPORALITY, "").strip())
                && ClassUtils.isPresent(RuleMeterRegistries.OTLP_REGISTRY, classLoader)
                && beans.getBeanNamesForType(ClassUtils.resolveClassName(RuleMeterRegistries.OTLP_REGISTRY, classLoader),
                        true, false).length > 0) {
            return ConditionOutcome.match(RuleMeterRegistries.OTLP_TEMPORALITY + "=delta");
        }
        return ConditionOutcome.noMatch("every meter registry keeps cumulative counts");
    }
}
