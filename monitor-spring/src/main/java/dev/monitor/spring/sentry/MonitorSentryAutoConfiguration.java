package dev.monitor.spring.sentry;

import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.health.ServiceInfo;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.pii.Scrubber;
import dev.monitor.sentry.SentryAlertChannel;
import dev.monitor.sentry.SentryMonitoring;
import dev.monitor.sentry.SentrySettings;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.sentry.SentryOptions;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sentry, when {@code monitor-sentry} is on the class path and a DSN is set ({@code monitor.sentry.dsn},
 * {@code SENTRY_DSN} or Sentry's {@code sentry.dsn}). Defines:
 * <ul>
 *   <li>the {@link SentryMonitoring} bean. Without Sentry's own Spring Boot starter, the starter initialises the SDK
 *       ({@code SentryMonitoring.Builder#init()}) and closes it at shutdown, and reports the exceptions Spring MVC
 *       controllers leave unhandled. With Sentry's starter (an {@code io.sentry.IScopes} bean), the SDK is initialised
 *       once, by Sentry's starter: monitor adds its hooks to the starter's options through a
 *       {@code Sentry.OptionsConfiguration} bean ordered last ({@code applyTo}), and Sentry's starter reports the
 *       exceptions. Either way every event, transaction, breadcrumb and log passes the {@link Scrubber} bean first,
 *       and transactions of health, status, actuator, job check-in and operator routes are not recorded
 *       ({@code monitor.sentry.ignored-transaction-routes}; a {@code TracesSamplerCallback} bean wins);
 *   <li>a {@link QueryListener} bean: slow and failed statements of every monitored DataSource become breadcrumbs
 *       ({@code monitor.sentry.query-breadcrumbs});
 *   <li>with {@code monitor.sentry.alert-channel.enabled=true}, the {@link SentryAlertChannel} as an
 *       {@link AlertChannel} bean, which the alert dispatcher picks up.
 * </ul>
 * Off with {@code monitor.sentry.enabled=false}.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class}, afterName = {
        "io.sentry.spring.boot4.SentryAutoConfiguration", "io.sentry.spring.boot.jakarta.SentryAutoConfiguration"})
@ConditionalOnClass(name = {"dev.monitor.sentry.SentryMonitoring", "io.sentry.Sentry"})
@ConditionalOnBooleanProperty(name = "monitor.sentry.enabled", matchIfMissing = true)
@Conditional(SentryDsnCondition.class)
@EnableConfigurationProperties(MonitorSentryProperties.class)
public final class MonitorSentryAutoConfiguration {

    /** The type of the bean by which Sentry's own Spring Boot starter (and {@code @EnableSentry}) is recognised. */
    static final String SCOPES = "io.sentry.IScopes";

    MonitorSentryAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorSentryConfiguration")
    ConfiguredSentry monitorSentryConfiguration(MonitorSentryProperties properties, Environment environment,
            ObjectProvider<ServiceInfo> service, ObjectProvider<Scrubber> scrubber,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<SentryMonitoringCustomizer> customizers,
            ObjectProvider<SentryOptions.TracesSamplerCallback> tracesSampler) {
        return new ConfiguredSentry(properties, environment, service, scrubber, meterRegistry, customizers,
                tracesSampler);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorSentryQueryListener")
    @ConditionalOnBooleanProperty(name = "monitor.sentry.query-breadcrumbs", matchIfMissing = true)
    QueryListener monitorSentryQueryListener(ObjectProvider<SentryMonitoring> sentry) {
        return new SentryQueryBreadcrumbs(sentry);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorSentryAlertChannel")
    @ConditionalOnBooleanProperty(name = "monitor.sentry.alert-channel.enabled")
    AlertChannel monitorSentryAlertChannel(ConfiguredSentry sentry, MonitorSentryProperties properties) {
        SentrySettings settings = sentry.builder().settings();
        if (!settings.active()) {
            throw new IllegalStateException("monitor.sentry.alert-channel.enabled=true, but Sentry reporting is off: "
                    + settings.inactiveReason());
        }
        SentryAlertChannel.Builder builder = SentryAlertChannel.builder()
                .name(properties.getAlertChannel().getName().strip())
                .dsn(Objects.requireNonNull(settings.dsn()));
        if (settings.environment() != null) {
            builder.environment(settings.environment());
        }
        if (settings.release() != null) {
            builder.release(settings.release());
        }
        return builder.build();
    }

    /** Without Sentry's own starter: monitor initialises the SDK. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(type = SCOPES)
    static class OwnInitConfiguration {

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        SentryMonitoring monitorSentry(ConfiguredSentry sentry) {
            return sentry.builder().init();
        }

        /** Reports what Spring MVC controllers leave unhandled (Sentry's own starter does this itself). */
        @Configuration(proxyBeanMethods = false)
        @ConditionalOnWebApplication(type = Type.SERVLET)
        @ConditionalOnClass(name = "org.springframework.web.servlet.HandlerExceptionResolver")
        @ConditionalOnBooleanProperty(name = "monitor.sentry.capture-exceptions", matchIfMissing = true)
        static class ExceptionReportingConfiguration {

            @Bean
            @ConditionalOnMissingBean(name = "monitorSentryExceptionReporter")
            SentryExceptionReporter monitorSentryExceptionReporter(SentryMonitoring sentry) {
                return new SentryExceptionReporter(sentry);
            }
        }
    }

    /** With Sentry's own starter: its options get monitor's hooks before it initialises the SDK. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(type = SCOPES)
    static class SentryStarterConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorSentryOptionsConfiguration")
        MonitorSentryOptionsConfiguration monitorSentryOptionsConfiguration(ConfiguredSentry sentry) {
            return new MonitorSentryOptionsConfiguration(sentry);
        }

        @Bean
        @ConditionalOnMissingBean
        SentryMonitoring monitorSentry(MonitorSentryOptionsConfiguration options, ObjectProvider<io.sentry.IScopes> scopes) {
            scopes.getIfUnique(); // Sentry's starter applies the options configurations when it creates this bean
            SentryMonitoring monitoring = options.monitoring();
            if (monitoring == null) {
                // fail closed: an SDK initialised without the scrubbing hooks would send personal data
                throw new IllegalStateException("an io.sentry.IScopes bean exists but did not apply the "
                        + "Sentry.OptionsConfiguration bean 'monitorSentryOptionsConfiguration' before initialising "
                        + "Sentry, so monitor cannot add its scrubbing hooks; use Sentry's Spring Boot starter, which "
                        + "applies it, or set monitor.sentry.enabled=false");
            }
            return monitoring;
        }
    }
}
