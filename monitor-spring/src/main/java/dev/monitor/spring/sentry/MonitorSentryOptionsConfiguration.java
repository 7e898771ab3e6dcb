package dev.monitor.spring.sentry;

import dev.monitor.sentry.SentryMonitoring;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;

/**
 * Adds monitor's scrubbing hooks, noise filter and context to the options that Sentry's own Spring Boot starter passes
 * to {@code Sentry.init}: that starter applies every {@code Sentry.OptionsConfiguration<SentryOptions>} bean, in order,
 * before initialising the SDK. This one is ordered last, so the hooks wrap whatever callbacks the application and the
 * starter set, and the SDK is initialised once, by the starter.
 */
final class MonitorSentryOptionsConfiguration implements Sentry.OptionsConfiguration<SentryOptions>, Ordered {

    private final ConfiguredSentry sentry;
    private volatile @Nullable SentryMonitoring monitoring;

    MonitorSentryOptionsConfiguration(ConfiguredSentry sentry) {
        this.sentry = sentry;
    }

    @Override
    public void configure(SentryOptions options) {
        monitoring = sentry.builder().applyTo(options);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** The integration, once {@link #configure} ran; null before. */
    @Nullable SentryMonitoring monitoring() {
        return monitoring;
    }
}
