package dev.monitor.spring.uptime;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.pii.Scrubber;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.HealthCheckRegistrar;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.uptime.JdbcUptimeStore;
import dev.monitor.uptime.UptimeMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Uptime checks. Defines:
 * <ul>
 *   <li>the {@link UptimeMonitor} bean with the targets of {@code monitor.uptime.targets}, alerting through the
 *       {@link AlertDispatcher} bean when there is one ({@code UptimeTargetDown}, {@code UptimeCertificateExpiring}),
 *       scrubbing error texts with the {@link Scrubber} bean, {@code monitor.uptime.*} meters in the
 *       {@link MeterRegistry}, optionally keeping its history in the DataSource ({@code monitor.uptime.jdbc-store.*}),
 *       then the {@link UptimeMonitorCustomizer} beans; targets whose URL is a path check this application on its own
 *       port once it is ready; closed at shutdown;
 *   <li>a {@link HealthCheckRegistrar} making every target, now and later, the health check {@code uptime-NAME}
 *       (not critical, group {@code uptime}).
 * </ul>
 * Off with {@code monitor.uptime.enabled=false}.
 */
@AutoConfiguration(after = {MonitorPiiAutoConfiguration.class, MonitorAlertsAutoConfiguration.class,
        MonitorHealthAutoConfiguration.class})
@ConditionalOnBooleanProperty(name = "monitor.uptime.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorUptimeProperties.class)
public final class MonitorUptimeAutoConfiguration {

    MonitorUptimeAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    UptimeMonitor monitorUptimeMonitor(MonitorUptimeProperties properties, ObjectProvider<AlertDispatcher> dispatcher,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<UptimeStoreSource> store, ObjectProvider<UptimeMonitorCustomizer> customizers) {
        UptimeMonitor.Builder builder = UptimeMonitor.builder()
                .threads(properties.getThreads())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        dispatcher.ifUnique(builder::dispatcher);
        meterRegistry.ifUnique(builder::meterRegistry);
        if (properties.getJdbcStore().isEnabled()) {
            UptimeStoreSource source = store.getIfAvailable();
            if (source == null) {
                throw new IllegalStateException("monitor.uptime.jdbc-store.enabled=true needs JDBC on the class path");
            }
            source.apply(builder, properties.getJdbcStore());
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        UptimeMonitor monitor = builder.build();
        try {
            for (MonitorUptimeProperties.Target target : properties.getTargets()) {
                if (!target.isSelf()) {
                    monitor.add(target.toTarget("")); // checks no path of this application: no base needed
                }
            }
        } catch (RuntimeException e) {
            monitor.close();
            throw e;
        }
        return monitor;
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorSelfUptimeTargets")
    SelfUptimeTargets monitorSelfUptimeTargets(MonitorUptimeProperties properties, ObjectProvider<UptimeMonitor> monitor) {
        List<MonitorUptimeProperties.Target> self = properties.getTargets().stream()
                .filter(MonitorUptimeProperties.Target::isSelf).toList();
        return new SelfUptimeTargets(self, monitor);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorUptimeHealthChecks")
    @ConditionalOnBooleanProperty(name = "monitor.uptime.health-checks", matchIfMissing = true)
    HealthCheckRegistrar monitorUptimeHealthChecks(ObjectProvider<UptimeMonitor> monitor) {
        return registry -> monitor.ifUnique(uptime -> uptime.register(registry));
    }

    /** The JDBC store, when JDBC is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "javax.sql.DataSource")
    static class JdbcStoreConfiguration {

        @Bean
        UptimeStoreSource monitorUptimeJdbcStore(ObjectProvider<DataSource> dataSource, ObjectProvider<Scrubber> scrubber) {
            return (builder, settings) -> {
                DataSource unique = dataSource.getIfUnique();
                if (unique == null) {
                    throw new IllegalStateException("monitor.uptime.jdbc-store.enabled=true needs exactly one DataSource "
                            + "bean (or a primary one); add an UptimeMonitorCustomizer setting the store otherwise");
                }
                JdbcUptimeStore.Builder jdbc = JdbcUptimeStore.builder(unique).createTable(settings.isCreateTable())
                        .scrubber(scrubber.getIfUnique(Scrubber::defaults));
                try {
                    jdbc.table(settings.getTable().strip());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("monitor.uptime.jdbc-store." + e.getMessage(), e);
                }
                builder.store(jdbc.build());
            };
        }
    }

    /** Sets the JDBC store; a separate bean so that the monitor does not need JDBC classes. */
    @FunctionalInterface
    interface UptimeStoreSource {
        void apply(UptimeMonitor.Builder builder, MonitorUptimeProperties.JdbcStore settings);
    }
}
