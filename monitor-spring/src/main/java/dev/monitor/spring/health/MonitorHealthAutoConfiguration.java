package dev.monitor.spring.health;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthTransitionListener;
import dev.monitor.health.ServiceInfo;
import dev.monitor.health.check.DataSourceHealthCheck;
import dev.monitor.health.check.DiskSpaceHealthCheck;
import dev.monitor.health.check.SmtpHealthCheck;
import dev.monitor.pii.Scrubber;
import dev.monitor.servlet.HealthServlet;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.util.ClassUtils;

/**
 * The health registry and its endpoint. Defines:
 * <ul>
 *   <li>the {@link HealthRegistry} bean, from {@code monitor.health.*} and the {@link HealthRegistryCustomizer} beans,
 *       scrubbing error text with the {@link Scrubber} bean, recording {@code monitor.health.*} meters in the
 *       {@link MeterRegistry}, with every {@link HealthTransitionListener} bean attached and every
 *       {@link HealthCheckRegistrar} bean applied; marked started on {@code ApplicationReadyEvent} and shutting down
 *       on {@code ContextClosedEvent};
 *   <li>registration of the {@link dev.monitor.health.HealthCheckMethod} methods of every singleton bean;
 *   <li>built-in checks: {@code database} for DataSource beans, {@code mail} for JavaMailSender beans, {@code disk},
 *       and {@code liveness-state}/{@code readiness-state} from Spring's {@link ApplicationAvailability};
 *   <li>in a servlet application, the {@link HealthServlet} at {@code monitor.health.endpoint.paths} (default
 *       {@code /health}) on the main port.
 * </ul>
 * Off with {@code monitor.health.enabled=false}.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class}, afterName = {
        "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnBooleanProperty(name = "monitor.health.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorHealthProperties.class)
public final class MonitorHealthAutoConfiguration {

    /** Name of the DataSource check when the application has one DataSource bean. */
    public static final String DATABASE_CHECK = "database";
    /** Name of the mail check when the application has one JavaMailSender bean. */
    public static final String MAIL_CHECK = "mail";
    /** Name of the disk-space check. */
    public static final String DISK_CHECK = "disk";
    /** Name of the check of Spring's LivenessState (group live). */
    public static final String LIVENESS_STATE_CHECK = "liveness-state";
    /** Name of the check of Spring's ReadinessState (group ready). */
    public static final String READINESS_STATE_CHECK = "readiness-state";

    MonitorHealthAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    HealthRegistry monitorHealthRegistry(MonitorHealthProperties properties, ObjectProvider<ServiceInfo> service,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<HealthRegistryCustomizer> customizers, ObjectProvider<HealthTransitionListener> listeners,
            ObjectProvider<HealthCheckRegistrar> registrars) {
        HealthRegistry.Builder builder = HealthRegistry.builder()
                .service(service.getIfUnique(ServiceInfo::fromEnvironment))
                .reportTimeout(properties.getReportTimeout())
                .maxConcurrentChecks(properties.getMaxConcurrentChecks())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        meterRegistry.ifUnique(builder::meterRegistry);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        HealthRegistry registry = builder.build();
        try {
            listeners.orderedStream().forEach(registry::addTransitionListener);
            registrars.orderedStream().forEach(registrar -> registrar.registerChecks(registry));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    static HealthCheckMethodPostProcessor monitorHealthCheckMethodPostProcessor() {
        return new HealthCheckMethodPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorHealthRegistryLifecycle")
    HealthRegistryLifecycle monitorHealthRegistryLifecycle(ObjectProvider<HealthRegistry> registry) {
        return new HealthRegistryLifecycle(registry);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorAvailabilityHealthChecks")
    @ConditionalOnBooleanProperty(name = "monitor.health.availability-states", matchIfMissing = true)
    HealthCheckRegistrar monitorAvailabilityHealthChecks(ObjectProvider<ApplicationAvailability> availability) {
        return registry -> availability.ifUnique(states -> {
            // cheap in-memory reads: never cached, so a state change shows on the next request
            registry.register(LIVENESS_STATE_CHECK, new AvailabilityStateCheck(states, LivenessState.class),
                    CheckOptions.builder().groups("live").cacheTtl(Duration.ZERO).build());
            registry.register(READINESS_STATE_CHECK, new AvailabilityStateCheck(states, ReadinessState.class),
                    CheckOptions.builder().groups("ready").cacheTtl(Duration.ZERO).build());
        });
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorDatabaseHealthChecks")
    @ConditionalOnBooleanProperty(name = "monitor.health.database.enabled", matchIfMissing = true)
    HealthCheckRegistrar monitorDatabaseHealthChecks(MonitorHealthProperties properties, ListableBeanFactory beans) {
        MonitorHealthProperties.Database settings = properties.getDatabase();
        return registry -> {
            Map<String, DataSource> dataSources = beans.getBeansOfType(DataSource.class, false, true);
            dataSources.values().removeIf(MonitorHealthAutoConfiguration::isRoutingDataSource);
            dataSources.forEach((beanName, dataSource) -> {
                DataSourceHealthCheck.Builder check = DataSourceHealthCheck.builder(dataSource);
                if (settings.getValidationQuery() != null && !settings.getValidationQuery().isBlank()) {
                    check.validationQuery(settings.getValidationQuery());
                }
                registry.register(dataSources.size() == 1 ? DATABASE_CHECK : DATABASE_CHECK + "-" + beanName,
                        check.build(), options(settings));
            });
        };
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorDiskSpaceHealthCheck")
    @ConditionalOnBooleanProperty(name = "monitor.health.disk.enabled", matchIfMissing = true)
    HealthCheckRegistrar monitorDiskSpaceHealthCheck(MonitorHealthProperties properties) {
        MonitorHealthProperties.Disk settings = properties.getDisk();
        return registry -> registry.register(DISK_CHECK, DiskSpaceHealthCheck.builder(Path.of(settings.getPath()))
                .warnBelowPercent(settings.getWarnBelowPercent())
                .failBelowPercent(settings.getFailBelowPercent())
                .build(), options(settings));
    }

    static CheckOptions options(MonitorHealthProperties.Check settings) {
        return CheckOptions.builder()
                .critical(settings.isCritical())
                .timeout(settings.getTimeout())
                .groups(settings.getGroups().toArray(String[]::new))
                .build();
    }

    private static boolean isRoutingDataSource(DataSource dataSource) {
        String routing = "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource";
        if (!ClassUtils.isPresent(routing, MonitorHealthAutoConfiguration.class.getClassLoader())) {
            return false;
        }
        try {
            Class<?> type = ClassUtils.forName(routing, MonitorHealthAutoConfiguration.class.getClassLoader());
            return type.isInstance(dataSource) || dataSource.isWrapperFor(type);
        } catch (ClassNotFoundException | java.sql.SQLException | LinkageError e) {
            return false;
        }
    }

    /** The mail check, when Spring's mail support is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.mail.javamail.JavaMailSenderImpl", "jakarta.mail.Session"})
    static class MailHealthCheckConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorMailHealthChecks")
        @ConditionalOnBooleanProperty(name = "monitor.health.mail.enabled", matchIfMissing = true)
        HealthCheckRegistrar monitorMailHealthChecks(MonitorHealthProperties properties, ListableBeanFactory beans) {
            MonitorHealthProperties.Check settings = properties.getMail();
            return registry -> {
                Map<String, JavaMailSenderImpl> senders = beans.getBeansOfType(JavaMailSenderImpl.class, false, true);
                senders.values().removeIf(sender -> sender.getHost() == null || sender.getHost().isBlank());
                senders.forEach((beanName, sender) -> {
                    String protocol = sender.getProtocol() == null ? "smtp" : sender.getProtocol();
                    dev.monitor.health.HealthCheck check = protocol.equalsIgnoreCase("smtp")
                            ? SmtpHealthCheck.builder(sender.getHost(), sender.getPort() > 0 ? sender.getPort() : 25)
                                    .timeout(conversationBound(settings.getTimeout()))
                                    .build()
                            : new MailConnectionHealthCheck(sender);
                    registry.register(senders.size() == 1 ? MAIL_CHECK : MAIL_CHECK + "-" + beanName, check,
                            options(settings));
                });
            };
        }

        /**
         * The SMTP conversation gets 80 % of the check's deadline ({@code monitor.health.mail.timeout}; 800 ms of the
         * default 1 s), so a slow server is reported by the step that was slow rather than by the deadline, and a
         * longer deadline set for a slow server is honoured instead of being capped.
         */
        static Duration conversationBound(Duration checkTimeout) {
            return checkTimeout.multipliedBy(4).dividedBy(5);
        }
    }

    /** The {@code /health} servlet on the main port of a servlet application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Servlet")
    @ConditionalOnBooleanProperty(name = "monitor.health.endpoint.enabled", matchIfMissing = true)
    static class HealthServletConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorHealthServlet")
        ServletRegistrationBean<HealthServlet> monitorHealthServlet(HealthRegistry registry,
                MonitorHealthProperties properties) {
            MonitorHealthProperties.Endpoint endpoint = properties.getEndpoint();
            List<String> roles = List.copyOf(endpoint.getRoles());
            Predicate<HttpServletRequest> authorizer = roles.isEmpty()
                    ? request -> request.getUserPrincipal() != null
                    : request -> roles.stream().anyMatch(request::isUserInRole);
            HealthServlet servlet = HealthServlet.builder(registry)
                    .visibility(endpoint.getShowDetails())
                    .authorizer(authorizer)
                    .build();
            ServletRegistrationBean<HealthServlet> registration = new ServletRegistrationBean<>(servlet,
                    endpoint.getPaths().stream().map(path -> path + "/*").toArray(String[]::new));
            registration.setName("monitorHealthServlet");
            registration.setAsyncSupported(true);
            registration.setLoadOnStartup(1);
            return registration;
        }
    }
}
