package dev.monitor.spring.sentry;

import dev.monitor.health.ServiceInfo;
import dev.monitor.pii.Scrubber;
import dev.monitor.sentry.NoiseFilter;
import dev.monitor.sentry.SentryMonitoring;
import dev.monitor.sentry.SentrySettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.SentryOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;

/**
 * Prepares {@link SentryMonitoring.Builder}s from {@code monitor.sentry.*}, the seeds' environment variables (read
 * through the application's {@code Environment}, so system environment variables and properties of those names both
 * count), the service's environment and version, the {@link Scrubber} and {@link MeterRegistry} beans and the
 * {@link SentryMonitoringCustomizer} beans; a {@code TracesSamplerCallback} bean replaces the default
 * {@link dev.monitor.sentry.RouteTracesSampler}, as it does in Sentry's own starter.
 */
final class ConfiguredSentry {

    /** The variables {@link SentrySettings#fromEnvironment} reads. */
    static final List<String> VARIABLES = List.of(SentrySettings.DSN, SentrySettings.ENVIRONMENT, "ENVIRONMENT", "ENV",
            SentrySettings.RELEASE, "RELEASE_VERSION", "VERSION", SentrySettings.TRACES_SAMPLE_RATE, SentrySettings.PROFILES_SAMPLE_RATE,
            SentrySettings.ENABLED);

    private final MonitorSentryProperties properties;
    private final Environment environment;
    private final ObjectProvider<ServiceInfo> service;
    private final ObjectProvider<Scrubber> scrubber;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private final ObjectProvider<SentryMonitoringCustomizer> customizers;
    private final ObjectProvider<SentryOptions.TracesSamplerCallback> tracesSampler;

    ConfiguredSentry(MonitorSentryProperties properties, Environment environment, ObjectProvider<ServiceInfo> service,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<SentryMonitoringCustomizer> customizers,
            ObjectProvider<SentryOptions.TracesSamplerCallback> tracesSampler) {
        this.properties = properties;
        this.environment = environment;
        this.service = service;
        this.scrubber = scrubber;
        this.meterRegistry = meterRegistry;
        this.customizers = customizers;
        this.tracesSampler = tracesSampler;
    }

    /** A builder with every setting applied; validation failures name the property or variable, never the DSN. */
    SentryMonitoring.Builder builder() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String variable : VARIABLES) {
            String value = environment.getProperty(variable);
            if (value != null) {
                variables.put(variable, value);
            }
        }
        SentryMonitoring.Builder builder = SentryMonitoring.builder();
        builder.fromEnvironment(variables);
        String sentryDsn = environment.getProperty("sentry.dsn");
        if (isSet(properties.getDsn())) {
            dsn(builder, "monitor.sentry.dsn", properties.getDsn());
        } else if (!isSet(variables.get(SentrySettings.DSN)) && isSet(sentryDsn)) {
            dsn(builder, "sentry.dsn", sentryDsn);
        }
        ServiceInfo info = service.getIfUnique(ServiceInfo::fromEnvironment);
        if (properties.getEnvironment() != null) {
            builder.environment(properties.getEnvironment());
        } else if (!isSet(variables.get(SentrySettings.ENVIRONMENT)) && isSet(info.environment())) {
            builder.environment(info.environment());
        }
        if (properties.getRelease() != null) {
            builder.release(properties.getRelease());
        } else if (!isSet(variables.get(SentrySettings.RELEASE)) && isSet(info.version())) {
            builder.release(info.version());
        }
        if (properties.getTracesSampleRate() != null) {
            builder.tracesSampleRate(properties.getTracesSampleRate());
        }
        if (properties.getProfilesSampleRate() != null) {
            builder.profilesSampleRate(properties.getProfilesSampleRate());
        }
        builder.ignoredTransactionRoutes(properties.getIgnoredTransactionRoutes());
        tracesSampler.ifUnique(builder::tracesSampler);
        MonitorSentryProperties.Noise noise = properties.getNoise();
        builder.noiseFilter(NoiseFilter.builder()
                .ignoreExceptionNames(noise.getIgnoredExceptions().stream().map(String::strip).toArray(String[]::new))
                .ignoreHttpStatuses(noise.getIgnoredHttpStatuses().stream().mapToInt(Integer::intValue).toArray())
                .ignoreClientAborts(noise.isIgnoreClientAborts())
                .ignoreTimeouts(noise.isIgnoreTimeouts())
                .build());
        builder.keepAttachments(properties.isKeepAttachments());
        builder.scrubber(scrubber.getIfUnique(Scrubber::defaults));
        meterRegistry.ifUnique(builder::meterRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    private static void dsn(SentryMonitoring.Builder builder, String property, String dsn) {
        try {
            builder.dsn(dsn);
        } catch (IllegalArgumentException e) {
            // the builder's message names its setting ("dsn ...") and never repeats the value
            String message = String.valueOf(e.getMessage());
            throw new IllegalArgumentException(property + (message.startsWith("dsn") ? message.substring(3) : ": " + message),
                    e);
        }
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
