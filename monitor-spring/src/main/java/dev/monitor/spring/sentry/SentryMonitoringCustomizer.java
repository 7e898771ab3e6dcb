package dev.monitor.spring.sentry;

import dev.monitor.sentry.SentryMonitoring;

/**
 * Adjusts the {@link SentryMonitoring} set up by the starter, after the {@code monitor.sentry.*} properties were applied:
 * error categories of the application's own packages, ignored exception types, further SDK options. Every bean of this
 * type is applied, in {@link org.springframework.core.annotation.Order @Order}.
 *
 * <pre>{@code
 * @Bean
 * SentryMonitoringCustomizer billingErrors() {
 *     return builder -> builder.errorClassifier(ErrorClassifier.builder()
 *             .packagePrefix("com.example.billing", ErrorClassifier.PAYMENT).build());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SentryMonitoringCustomizer {

    /** Adjusts the builder; called once, when Sentry is set up. */
    void customize(SentryMonitoring.Builder builder);
}
