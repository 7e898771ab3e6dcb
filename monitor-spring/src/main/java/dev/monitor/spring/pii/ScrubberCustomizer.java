package dev.monitor.spring.pii;

import dev.monitor.pii.Scrubber;

/**
 * Adjusts the {@link Scrubber} built by the starter, after the {@code monitor.pii.*} properties were applied: add
 * custom detectors, set modes the properties cannot express. Every bean of this type is applied, in
 * {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * ScrubberCustomizer employeeIds() {
 *     return builder -> builder.detector(PiiKind.of("employee_id"), PiiDetector.regex("EMP-", Pattern.compile("EMP-\\d{6}")));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ScrubberCustomizer {

    /** Adjusts the builder; called once, when the scrubber bean is created. */
    void customize(Scrubber.Builder builder);
}
