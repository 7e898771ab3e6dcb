package dev.monitor.spring.jdbc;

import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.QueryScope;
import dev.monitor.pii.Scrubber;
import dev.monitor.request.RequestObserver;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Slow-query and N+1 detection. Defines:
 * <ul>
 *   <li>the {@link DataSourceMonitoringPostProcessor}: every {@code DataSource} bean becomes a
 *       {@link dev.monitor.jdbc.MonitoredDataSource} configured from {@code monitor.jdbc.*}, recording
 *       {@code monitor.jdbc.*} meters, scrubbing SQL with the {@link Scrubber} bean, with every {@link QueryListener}
 *       bean attached and every {@link MonitoredDataSourceCustomizer} bean applied; opt out per bean with
 *       {@code monitor.jdbc.excluded-beans};
 *   <li>a {@link RequestObserver} opening a {@link QueryScope} per request, so N+1 patterns are reported once per
 *       request ({@code monitor.jdbc.per-request}).
 * </ul>
 * Off with {@code monitor.jdbc.enabled=false}.
 */
@AutoConfiguration(after = MonitorPiiAutoConfiguration.class)
@ConditionalOnClass(name = "javax.sql.DataSource")
@ConditionalOnBooleanProperty(name = "monitor.jdbc.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MonitorJdbcProperties.class)
public final class MonitorJdbcAutoConfiguration {

    MonitorJdbcAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    static DataSourceMonitoringPostProcessor monitorDataSourcePostProcessor(
            ObjectProvider<MonitorJdbcProperties> properties, ObjectProvider<MeterRegistry> meterRegistry,
            ObjectProvider<Scrubber> scrubber, ObjectProvider<QueryListener> listeners,
            ObjectProvider<MonitoredDataSourceCustomizer> customizers) {
        return new DataSourceMonitoringPostProcessor(properties, meterRegistry, scrubber, listeners, customizers);
    }

    @Bean
    @ConditionalOnMissingBean(name = "monitorQueryScopeObserver")
    @ConditionalOnBooleanProperty(name = "monitor.jdbc.per-request", matchIfMissing = true)
    RequestObserver monitorQueryScopeObserver() {
        return QueryScope.perRequest();
    }
}
