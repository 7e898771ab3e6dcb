package dev.monitor.spring.operator;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.job.JobMonitor;
import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.pii.Scrubber;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.job.MonitorJobsAutoConfiguration;
import dev.monitor.spring.operator.internal.OperatorExchange;
import dev.monitor.spring.operator.internal.OperatorRequestFilter;
import dev.monitor.spring.status.MonitorStatusPageAutoConfiguration;
import dev.monitor.status.StatusPage;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The operator API as Actuator endpoints, in a servlet application with Actuator and an {@link AlertDispatcher} bean:
 * {@link AlertsEndpoint} and {@link SilencesEndpoint}; {@link MaintenanceEndpoint} and {@link IncidentsEndpoint} with a
 * {@link StatusPage} bean; {@link JobsEndpoint} with a {@link JobMonitor} bean. Each is created only when available
 * ({@code management.endpoints.web.exposure.include}, {@code management.endpoint.<id>.access}), as Actuator's own, and
 * delegates to one {@link OperatorEndpoint} (built from those beans, the {@link Scrubber} bean and the
 * {@link OperatorEndpointCustomizer} beans).
 *
 * <p>Who may call them:
 * <ul>
 *   <li>with Spring Security, {@link OperatorSecurityConfiguration}'s filter chain: HTTP Basic, role
 *       {@code monitor.operator.role} to act, {@code monitor.operator.read-role} to read; the audit shows the
 *       principal's name;
 *   <li>without it, the bearer tokens {@code monitor.operator.tokens.<operator>} (and {@code read-only-tokens}); with
 *       neither, every request is refused ({@code 401}) and a WARN says so at start.
 * </ul>
 * A principal the container authenticated counts as well, with its roles. Off with {@code monitor.operator.enabled=false}.
 */
@AutoConfiguration(after = {MonitorAlertsAutoConfiguration.class, MonitorStatusPageAutoConfiguration.class,
        MonitorJobsAutoConfiguration.class}, afterName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration"})
@ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint",
        "org.springframework.web.filter.OncePerRequestFilter"})
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnBean(AlertDispatcher.class)
@ConditionalOnBooleanProperty(name = "monitor.operator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorOperatorProperties.class)
@Import(OperatorSecurityConfiguration.class)
public final class MonitorOperatorAutoConfiguration {

    /** The ids of the operator endpoints. */
    public static final List<String> ENDPOINT_IDS = List.of(AlertsEndpoint.ID, SilencesEndpoint.ID, MaintenanceEndpoint.ID,
            IncidentsEndpoint.ID, JobsEndpoint.ID);

    private static final Logger log = LoggerFactory.getLogger(MonitorOperatorAutoConfiguration.class);
    private static final String SPRING_SECURITY = "org.springframework.security.web.SecurityFilterChain";
    private static final int SECURITY_FILTER_ORDER = -100;

    MonitorOperatorAutoConfiguration() {
    }

    /** Created with the first endpoint that is available: none, no exchange (and no WARN about its tokens). */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    OperatorExchange monitorOperatorExchange(AlertDispatcher dispatcher, ObjectProvider<StatusPage> statusPage,
            ObjectProvider<JobMonitor> jobs, ObjectProvider<Scrubber> scrubber, MonitorOperatorProperties properties,
            ObjectProvider<OperatorEndpointCustomizer> customizers, ConfigurableListableBeanFactory beanFactory) {
        OperatorEndpoint.Builder builder = OperatorEndpoint.builder(dispatcher)
                .scrubber(scrubber.getIfUnique(Scrubber::defaults))
                .maxBodyBytes((int) properties.getMaxBodySize().toBytes());
        statusPage.ifUnique(page -> builder.statusBoard(page.board()));
        jobs.ifUnique(builder::jobs);
        properties.getTokens().forEach(builder::token);
        properties.getReadOnlyTokens().forEach(builder::readOnlyToken);
        boolean tokens = properties.hasTokens();
        if (!tokens) {
            // requests without a principal are refused by OperatorExchange; this only keeps the builder quiet
            builder.authorizer(request -> null);
            boolean security = ClassUtils.isPresent(SPRING_SECURITY, beanFactory.getBeanClassLoader());
            if (!security) {
                log.warn("The operator endpoints refuse every request: there is neither Spring Security nor an operator"
                        + " token. Set monitor.operator.tokens.<operator>=<token> (openssl rand -hex 32) or add Spring"
                        + " Security");
            }
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return new OperatorExchange(builder.build(), tokens, properties.getRole(), properties.getReadRole());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(AlertsEndpoint.class)
    AlertsEndpoint monitorAlertsEndpoint(OperatorExchange exchange) {
        return new AlertsEndpoint(exchange);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint(SilencesEndpoint.class)
    SilencesEndpoint monitorSilencesEndpoint(OperatorExchange exchange) {
        return new SilencesEndpoint(exchange);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(StatusPage.class)
    @ConditionalOnAvailableEndpoint(MaintenanceEndpoint.class)
    MaintenanceEndpoint monitorMaintenanceEndpoint(OperatorExchange exchange) {
        return new MaintenanceEndpoint(exchange);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(StatusPage.class)
    @ConditionalOnAvailableEndpoint(IncidentsEndpoint.class)
    IncidentsEndpoint monitorIncidentsEndpoint(OperatorExchange exchange) {
        return new IncidentsEndpoint(exchange);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JobMonitor.class)
    @ConditionalOnAvailableEndpoint(JobsEndpoint.class)
    JobsEndpoint monitorJobsEndpoint(OperatorExchange exchange) {
        return new JobsEndpoint(exchange);
    }

    /**
     * Right after Spring Security's filter chain ({@code spring.security.filter.order}, default -100): refuses a
     * {@code POST} to an operator endpoint that is not JSON, and keeps its body from Actuator for the core API.
     */
    @Bean
    @ConditionalOnMissingBean(name = "monitorOperatorRequestFilter")
    FilterRegistrationBean<OperatorRequestFilter> monitorOperatorRequestFilter(ListableBeanFactory beans,
            ObjectProvider<PathMappedEndpoints> mapped, Environment environment) {
        FilterRegistrationBean<OperatorRequestFilter> registration = new FilterRegistrationBean<>(
                new OperatorRequestFilter(new EndpointPaths(beans, mapped)));
        registration.setName("monitorOperatorRequestFilter");
        registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class,
                SECURITY_FILTER_ORDER) + 2);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setUrlPatterns(List.of("/*"));
        return registration;
    }

    /** The ids of the operator endpoints this configuration created (not a user's endpoint of the same id). */
    static List<String> createdIds(ListableBeanFactory beans) {
        List<String> ids = new ArrayList<>();
        Class<?>[] types = {AlertsEndpoint.class, SilencesEndpoint.class, MaintenanceEndpoint.class,
            IncidentsEndpoint.class, JobsEndpoint.class};
        for (int i = 0; i < types.length; i++) {
            if (beans.getBeanNamesForType(types[i], false, false).length > 0) {
                ids.add(ENDPOINT_IDS.get(i));
            }
        }
        return ids;
    }

    /** The paths of the created endpoints, resolved on first use (once Actuator has mapped them). */
    private static final class EndpointPaths implements Supplier<List<String>> {
        private final ListableBeanFactory beans;
        private final ObjectProvider<PathMappedEndpoints> mapped;
        private volatile List<String> paths;

        EndpointPaths(ListableBeanFactory beans, ObjectProvider<PathMappedEndpoints> mapped) {
            this.beans = beans;
            this.mapped = mapped;
        }

        @Override
        public List<String> get() {
            List<String> known = paths;
            if (known == null) {
                List<String> resolved = new ArrayList<>();
                PathMappedEndpoints endpoints = mapped.getIfAvailable();
                if (endpoints != null) {
                    for (String id : createdIds(beans)) {
                        String path = endpoints.getPath(EndpointId.of(id));
                        if (path != null) {
                            resolved.add(path);
                        }
                    }
                }
                known = List.copyOf(resolved);
                paths = known;
            }
            return known;
        }
    }
}
