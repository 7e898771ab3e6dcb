package dev.monitor.spring.request;

import dev.monitor.pii.Scrubber;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.RequestObserver;
import dev.monitor.request.SecurityEventListener;
import dev.monitor.servlet.RequestMonitoringFilter;
import dev.monitor.servlet.RequestMonitoringInitializer;
import dev.monitor.servlet.RequestUserFilter;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Request monitoring for servlet applications. Defines:
 * <ul>
 *   <li>the {@link RequestMonitor} bean, from {@code monitor.request.*} and the {@link RequestMonitorCustomizer}
 *       beans, scrubbing with the {@link Scrubber} bean and naming users by its pseudonyms, with every
 *       {@link RequestObserver} and {@link SecurityEventListener} bean attached. Its {@code http.server.requests} timer is left to Spring Boot
 *       when Spring Boot's observation filter already records it ({@code monitor.request.metrics.timer=auto});
 *   <li>the {@link RequestMonitoringFilter}, registered once as {@code monitorRequestFilter} for the {@code REQUEST},
 *       {@code ASYNC} and {@code ERROR} dispatches; the uri tag is Spring MVC's route template;
 *   <li>the {@link RequestUserFilter} ({@code monitorRequestUserFilter}) right after Spring Security's filter chain,
 *       so that the user it authenticated is the request's {@code user_id};
 *   <li>with Spring MVC, the {@link ErrorBodyExceptionResolver}: unhandled controller exceptions get the standard
 *       error body, and Spring Boot's {@code http.server.requests} observation their class as {@code exception} tag;
 *   <li>with Micrometer's observation API and Spring's HTTP server observation, an {@code ObservationFilter} giving
 *       that observation the route template the library's servlets set ({@link RequestMonitoringFilter#setRoute}):
 *       {@code /health/checks/{name}} rather than {@code UNKNOWN}.
 * </ul>
 * Off with {@code monitor.request.enabled=false}.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class}, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration"})
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnBooleanProperty(name = "monitor.request.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorRequestProperties.class)
public final class MonitorRequestAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MonitorRequestAutoConfiguration.class);
    /** Spring Boot's default order of the Spring Security filter chain ({@code SecurityFilterProperties}). */
    static final int SECURITY_FILTER_ORDER = -100;
    private static final String OBSERVATION_FILTER = "org.springframework.web.filter.ServerHttpObservationFilter";
    private static final String METER_OBSERVATION_HANDLER = "io.micrometer.core.instrument.observation.MeterObservationHandler";

    MonitorRequestAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    RequestMonitor monitorRequestMonitor(MonitorRequestProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<RequestMonitorCustomizer> customizers,
            ObjectProvider<RequestObserver> observers, ObjectProvider<SecurityEventListener> securityListeners,
            ConfigurableListableBeanFactory beanFactory) {
        MonitorRequestProperties.Metrics metrics = properties.getMetrics();
        MonitorRequestProperties.AuthFailures authFailures = properties.getAuthFailures();
        RequestMonitor.Builder builder = RequestMonitor.builder()
                .slowRequestThreshold(properties.getSlowThreshold())
                .developmentMode(properties.isDevelopmentMode())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults))
                .userPseudonymizer(scrubber.getIfUnique(Scrubber::defaults)::pseudonymize)
                .percentiles(metrics.getPercentiles().stream().mapToDouble(Double::doubleValue).toArray())
                .percentileHistogram(metrics.isPercentileHistogram())
                .maxTagSets(metrics.getMaxTagSets())
                .authFailureThreshold(authFailures.getThreshold())
                .authFailureWindow(authFailures.getWindow())
                .maxTrackedClients(authFailures.getMaxTrackedClients());
        if (properties.getHashKey() != null) {
            builder.hashKey(properties.getHashKey().getBytes(StandardCharsets.UTF_8));
        }
        MeterRegistry registry = meterRegistry.getIfUnique();
        if (registry != null) {
            builder.meterRegistry(registry);
            boolean springRecords = springBootRecordsServerRequests(beanFactory);
            boolean timer = switch (metrics.getTimer()) {
                case AUTO -> !springRecords;
                case ON -> true;
                case OFF -> false;
            };
            if (timer && springRecords) {
                log.warn("monitor.request.metrics.timer=on while Spring Boot's observation filter also records "
                        + "http.server.requests: every request is counted twice. Use auto or off.");
            }
            builder.requestTimer(timer);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        RequestMonitor monitor = builder.build();
        observers.orderedStream().forEach(monitor::addObserver);
        securityListeners.orderedStream().forEach(monitor::addSecurityEventListener);
        return monitor;
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorRequestFilter")
    FilterRegistrationBean<RequestMonitoringFilter> monitorRequestFilter(RequestMonitor monitor,
            MonitorRequestProperties properties) {
        FilterRegistrationBean<RequestMonitoringFilter> registration =
                new FilterRegistrationBean<>(new RequestMonitoringFilter(monitor));
        // the name the servlet module's ServletContainerInitializer uses: a container that also runs it (a WAR
        // deployment) ends up with one filter, not two. When that initializer ran first, its filter is already
        // registered under this name: that is no failure (Spring Boot would stop the start), the filter it created
        // takes this monitor from the servlet context (monitorRequestMonitorServletContext)
        registration.setName(RequestMonitoringInitializer.FILTER_NAME);
        registration.setIgnoreRegistrationFailure(true);
        registration.setOrder(properties.getFilterOrder());
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setUrlPatterns(properties.getUrlPatterns());
        return registration;
    }

    /**
     * Identifies the user Spring Security (or another filter after ours) authenticated: registered right after
     * Spring Boot's security filter chain ({@code spring.security.filter.order}, default -100), so that the MDC's
     * {@code user_id} is set for controllers, error logs and Sentry events. Without such a filter it does nothing.
     */
    @Bean
    @ConditionalOnMissingBean(name = "monitorRequestUserFilter")
    FilterRegistrationBean<RequestUserFilter> monitorRequestUserFilter(MonitorRequestProperties properties,
            Environment environment) {
        FilterRegistrationBean<RequestUserFilter> registration = new FilterRegistrationBean<>(new RequestUserFilter());
        registration.setName("monitorRequestUserFilter");
        registration.setOrder(environment.getProperty("spring.security.filter.order", Integer.class,
                SECURITY_FILTER_ORDER) + 1);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setUrlPatterns(properties.getUrlPatterns());
        return registration;
    }

    /**
     * In a container that also runs the servlet module's initializer (a WAR deployment), makes a filter it created use
     * this monitor, and tells it not to register a second one.
     */
    @Bean
    @ConditionalOnMissingBean(name = "monitorRequestMonitorServletContext")
    ServletContextInitializer monitorRequestMonitorServletContext(RequestMonitor monitor) {
        return servletContext -> {
            servletContext.setAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE, monitor);
            servletContext.setInitParameter(RequestMonitoringInitializer.ENABLED_PARAMETER, "false");
        };
    }

    /**
     * Whether Spring Boot's observation filter records {@code http.server.requests}: its filter bean exists and a meter
     * observation handler turns observations into meters.
     */
    static boolean springBootRecordsServerRequests(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        if (!ClassUtils.isPresent(OBSERVATION_FILTER, classLoader)
                || !ClassUtils.isPresent(METER_OBSERVATION_HANDLER, classLoader)) {
            return false;
        }
        Class<?> filter = ClassUtils.resolveClassName(OBSERVATION_FILTER, classLoader);
        boolean filterDefined = beanFactory.getBeanNamesForType(filter, true, false).length > 0
                || beanFactory.getBeanNamesForType(ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, filter),
                        true, false).length > 0;
        return filterDefined && beanFactory.getBeanNamesForType(
                ClassUtils.resolveClassName(METER_OBSERVATION_HANDLER, classLoader), true, false).length > 0;
    }

    /** The route templates of the library's servlets in Spring Boot's {@code http.server.requests} observation. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.observation.ObservationFilter",
        "org.springframework.http.server.observation.ServerRequestObservationContext"})
    static class RouteTemplateObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorRouteTemplateObservationFilter")
        ObservationFilter monitorRouteTemplateObservationFilter(ObjectProvider<Scrubber> scrubber) {
            return new RouteTemplateObservationFilter(scrubber.getIfUnique(Scrubber::defaults));
        }
    }

    /** The standard error body for exceptions Spring MVC controllers leave unhandled. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.servlet.HandlerExceptionResolver")
    @ConditionalOnBooleanProperty(name = "monitor.request.error-body", matchIfMissing = true)
    static class SpringMvcErrorBodyConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ErrorBodyExceptionResolver monitorErrorBodyExceptionResolver(RequestMonitor monitor) {
            return new ErrorBodyExceptionResolver(monitor);
        }
    }
}
