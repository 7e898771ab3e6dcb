package dev.monitor.spring.pii;

import dev.monitor.pii.PiiKind;
import dev.monitor.pii.RedactionMode;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.logback.LogbackScrubbing;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PII {@link Scrubber} bean, built from {@code monitor.pii.*} and the {@link ScrubberCustomizer} beans, with
 * {@code monitor.pii.redactions} counters when a {@link MeterRegistry} exists. The health, request and JDBC
 * features scrub with it (with {@link Scrubber#defaults()} when there is no such bean). Off with
 * {@code monitor.pii.enabled=false}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "monitor.pii.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorPiiProperties.class)
public final class MonitorPiiAutoConfiguration {

    MonitorPiiAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    Scrubber monitorScrubber(MonitorPiiProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<ScrubberCustomizer> customizers) {
        Scrubber.Builder builder = Scrubber.builder();
        if (properties.getDefaultMode() != null) {
            builder.defaultMode(properties.getDefaultMode());
        }
        for (Map.Entry<String, RedactionMode> mode : properties.getModes().entrySet()) {
            builder.mode(Objects.requireNonNull(MonitorPiiProperties.builtInKind(mode.getKey())), mode.getValue());
        }
        builder.disable(properties.getDisabledKinds().stream().map(MonitorPiiProperties::builtInKind)
                .map(Objects::requireNonNull).toArray(PiiKind[]::new));
        builder.sensitiveKeys(properties.getSensitiveKeys().toArray(String[]::new));
        builder.safeKeys(properties.getSafeKeys().toArray(String[]::new));
        builder.safeValues(properties.getSafeValues().toArray(String[]::new));
        if (properties.getHmacKey() != null) {
            builder.hmacKey(properties.getHmacKey().getBytes(StandardCharsets.UTF_8));
        }
        meterRegistry.ifUnique(builder::meterRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** Makes the scrubber bean the one Logback's scrubbing encoder and converter use. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
    @ConditionalOnBooleanProperty(name = "monitor.pii.logback", matchIfMissing = true)
    static class LogbackConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorLogbackScrubbing")
        LogbackScrubberInstallation monitorLogbackScrubbing(ObjectProvider<Scrubber> scrubber) {
            return new LogbackScrubberInstallation(scrubber.getIfUnique(Scrubber::defaults));
        }
    }

    /** Installs the scrubber into the Logback context; puts the default back when the application context closes. */
    static final class LogbackScrubberInstallation implements DisposableBean {

        private final ch.qos.logback.core.Context context;
        private final Scrubber scrubber;

        LogbackScrubberInstallation(Scrubber scrubber) {
            this.scrubber = scrubber;
            if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
                this.context = logback;
                LogbackScrubbing.install(logback, scrubber);
            } else {
                this.context = new ch.qos.logback.core.ContextBase(); // another SLF4J provider: nothing to install
            }
        }

        @Override
        public void destroy() {
            if (LogbackScrubbing.scrubberOf(context) == scrubber) {
                LogbackScrubbing.install(context, Scrubber.defaults());
            }
        }
    }
}
