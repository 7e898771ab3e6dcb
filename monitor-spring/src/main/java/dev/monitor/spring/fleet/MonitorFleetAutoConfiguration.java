package dev.monitor.spring.fleet;

import dev.monitor.fleet.JdbcMonitorStore;
import dev.monitor.fleet.MonitorStore;
import dev.monitor.pii.Scrubber;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.alert.AlertDispatcherCustomizer;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.uptime.MonitorUptimeAutoConfiguration;
import dev.monitor.spring.uptime.UptimeMonitorCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Fleet mode, on with {@code monitor.store=jdbc} (the default, {@code local}, shares nothing). Defines:
 * <ul>
 *   <li>the {@link MonitorStore} bean: a {@link JdbcMonitorStore} on the application's only (or primary) DataSource,
 *       or the one named by {@code monitor.fleet.data-source}, with {@code monitor.fleet.*}; it creates its tables
 *       unless {@code monitor.fleet.create-schema=false};
 *   <li>an {@link AlertDispatcherCustomizer} giving the dispatcher the store, so each notification goes out once per
 *       fleet, and an {@link UptimeMonitorCustomizer} giving the uptime monitor the store's runner, so each target is
 *       checked once per interval by the fleet.
 * </ul>
 * It needs {@code net.javacrumbs.shedlock:shedlock-provider-jdbc}; without it startup fails with a message naming it.
 */
@AutoConfiguration(after = {MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class},
        afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        before = {MonitorAlertsAutoConfiguration.class, MonitorUptimeAutoConfiguration.class})
@ConditionalOnClass(name = "javax.sql.DataSource")
@ConditionalOnProperty(name = "monitor.store", havingValue = "jdbc")
@EnableConfigurationProperties(MonitorFleetProperties.class)
public final class MonitorFleetAutoConfiguration {

    MonitorFleetAutoConfiguration() {
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    MonitorStore monitorStore(MonitorFleetProperties properties, ObjectProvider<DataSource> dataSources,
            BeanFactory beanFactory, ObjectProvider<Scrubber> scrubber, ObjectProvider<MeterRegistry> meterRegistry) {
        DataSource dataSource = dataSource(properties, dataSources, beanFactory);
        JdbcMonitorStore.Builder builder = JdbcMonitorStore.builder(dataSource)
                .createSchema(properties.isCreateSchema())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        try {
            builder.lease(properties.getLease()).claimTtl(properties.getClaimTtl());
            if (properties.getReplicaId() != null) {
                builder.replicaId(properties.getReplicaId());
            }
        } catch (IllegalArgumentException e) {
            // no cause: startup shows the root cause, and this message is the one that names the property
            throw new IllegalArgumentException("monitor.fleet." + e.getMessage());
        }
        meterRegistry.ifUnique(builder::meterRegistry);
        return builder.build();
    }

    @Bean
    AlertDispatcherCustomizer monitorFleetNotificationClaims(MonitorStore store) {
        return builder -> builder.store(store);
    }

    @Bean
    UptimeMonitorCustomizer monitorFleetUptimeRunner(MonitorStore store) {
        return builder -> builder.runner(store.runner());
    }

    private static DataSource dataSource(MonitorFleetProperties properties, ObjectProvider<DataSource> dataSources,
            BeanFactory beanFactory) {
        String name = properties.getDataSource();
        if (name != null && !name.isBlank()) {
            try {
                return beanFactory.getBean(name.strip(), DataSource.class);
            } catch (NoSuchBeanDefinitionException e) {
                throw new IllegalStateException("monitor.fleet.data-source names '" + name.strip() + "', which is not a "
                        + "DataSource bean; name one of the application's DataSource beans"); // no cause, as above
            }
        }
        DataSource unique = dataSources.getIfUnique();
        if (unique == null) {
            throw new IllegalStateException("monitor.store=jdbc needs exactly one DataSource bean (or a primary one); "
                    + "name the one to use with monitor.fleet.data-source");
        }
        return unique;
    }
}
