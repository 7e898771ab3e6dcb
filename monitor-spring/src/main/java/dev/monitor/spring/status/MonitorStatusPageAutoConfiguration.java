package dev.monitor.spring.status;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.ServiceInfo;
import dev.monitor.job.JobMonitor;
import dev.monitor.pii.Scrubber;
import dev.monitor.servlet.StatusPageServlet;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.job.MonitorJobsAutoConfiguration;
import dev.monitor.spring.uptime.MonitorUptimeAutoConfiguration;
import dev.monitor.status.StatusPage;
import dev.monitor.uptime.UptimeMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The status page. Defines, when {@code monitor.status.enabled=true}:
 * <ul>
 *   <li>the {@link StatusPage} bean: every check of the {@link HealthRegistry} bean, every target of the
 *       {@link UptimeMonitor} bean with its uptime bars, every job of the {@link JobMonitor} bean, the recent alerts of the {@link AlertDispatcher} bean as
 *       incidents (each when the bean exists), texts scrubbed with the {@link Scrubber} bean, then the
 *       {@link StatusPageCustomizer} beans;
 *   <li>in a servlet application, the {@link StatusPageServlet} at {@code monitor.status.path} (default
 *       {@code /status}) on the main port, with its Atom feed at {@code PATH/feed.atom} and the Statuspage-compatible
 *       summary at {@code PATH/api/v2/summary.json}; the public components are {@code monitor.status.components.<id>.*};
 *       callers with a user principal get the internal view.
 * </ul>
 * Off by default: the path may be the application's own, and the page, often public, names every check.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorHealthAutoConfiguration.class,
        MonitorUptimeAutoConfiguration.class, MonitorJobsAutoConfiguration.class, MonitorAlertsAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "monitor.status.enabled")
@EnableConfigurationProperties(MonitorStatusPageProperties.class)
public final class MonitorStatusPageAutoConfiguration {

    MonitorStatusPageAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    StatusPage monitorStatusPage(MonitorStatusPageProperties properties, ObjectProvider<ServiceInfo> service,
            ObjectProvider<HealthRegistry> health, ObjectProvider<UptimeMonitor> uptime, ObjectProvider<JobMonitor> jobs,
            ObjectProvider<AlertDispatcher> dispatcher, ObjectProvider<Scrubber> scrubber,
            ObjectProvider<StatusPageCustomizer> customizers) {
        String title = properties.getTitle() != null ? properties.getTitle().strip()
                : service.getIfUnique(ServiceInfo::fromEnvironment).service() + " status";
        StatusPage.Builder builder = StatusPage.builder(title)
                .refresh(properties.getRefresh())
                .showDetails(properties.isShowDetails())
                .maxIncidents(properties.getMaxIncidents())
                .minIncidentSeverity(properties.getMinIncidentSeverity())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        properties.getComponents().forEach((id, component) -> builder.component(component.toComponent(id)));
        if (properties.getStateDirectory() != null) {
            builder.stateDirectory(java.nio.file.Path.of(properties.getStateDirectory().strip()));
        }
        health.ifUnique(builder::health);
        uptime.ifUnique(builder::uptime);
        jobs.ifUnique(builder::jobs);
        if (properties.isIncidents()) {
            dispatcher.ifUnique(builder::incidents);
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** The page on the main port of a servlet application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Servlet")
    static class StatusPageServletConfiguration {

        @Bean
        @ConditionalOnMissingBean(name = "monitorStatusPageServlet")
        ServletRegistrationBean<StatusPageServlet> monitorStatusPageServlet(StatusPage page,
                MonitorStatusPageProperties properties) {
            // the page, its feed and its summary: PATH, PATH/feed.atom, PATH/api/v2/summary.json
            ServletRegistrationBean<StatusPageServlet> registration = new ServletRegistrationBean<>(
                    new StatusPageServlet(page), properties.getPath(), properties.getPath() + "/*");
            registration.setName("monitorStatusPageServlet");
            registration.setAsyncSupported(true);
            return registration;
        }
    }
}
