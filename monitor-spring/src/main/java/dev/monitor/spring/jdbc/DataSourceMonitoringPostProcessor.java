package dev.monitor.spring.jdbc;

import dev.monitor.config.Names;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link DataSource} bean in a {@link MonitoredDataSource}, named after the bean (the {@code datasource}
 * tag of the JDBC meters). Skipped: beans listed in {@code monitor.jdbc.excluded-beans}, the targets of scoped proxies
 * (their proxy is wrapped), and data sources that already are or wrap a {@code MonitoredDataSource} (a statement is
 * never timed twice). The wrapper answers {@code unwrap}/{@code isWrapperFor} for the wrapped pool, so Spring Boot's
 * HikariCP metrics, pool metadata, JMX and DataSource health keep working.
 *
 * <p>The bean keeps its class ({@code monitor.jdbc.preserve-type}, default on): what is exposed is a class-based
 * proxy of the pool (a {@code HikariDataSource} stays injectable as one) whose {@code DataSource} methods go to the
 * {@code MonitoredDataSource}; reach the latter with {@code unwrap(MonitoredDataSource.class)}. A pool class that
 * cannot be subclassed (final) is exposed as the {@code MonitoredDataSource} itself.
 *
 * <p>Runs after the ordered post-processors (after AOP proxying and Spring Boot's own DataSource wrappers).
 */
public final class DataSourceMonitoringPostProcessor implements BeanPostProcessor {

    private static final int MAX_NAME_LENGTH = Names.MAX_LENGTH;

    private final ObjectProvider<MonitorJdbcProperties> properties;
    private final ObjectProvider<MeterRegistry> meterRegistry;
    private final ObjectProvider<Scrubber> scrubber;
    private final ObjectProvider<QueryListener> listeners;
    private final ObjectProvider<MonitoredDataSourceCustomizer> customizers;

    /** A post-processor resolving its collaborators lazily, when the first DataSource bean is created. */
    public DataSourceMonitoringPostProcessor(ObjectProvider<MonitorJdbcProperties> properties,
            ObjectProvider<MeterRegistry> meterRegistry, ObjectProvider<Scrubber> scrubber,
            ObjectProvider<QueryListener> listeners, ObjectProvider<MonitoredDataSourceCustomizer> customizers) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.listeners = Objects.requireNonNull(listeners, "listeners");
        this.customizers = Objects.requireNonNull(customizers, "customizers");
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof DataSource dataSource) || bean instanceof MonitoredDataSource
                || ScopedProxyUtils.isScopedTarget(beanName) || isMonitored(dataSource)) {
            return bean;
        }
        MonitorJdbcProperties settings = properties.getIfAvailable(MonitorJdbcProperties::new);
        if (settings.getExcludedBeans().contains(beanName)) {
            return bean;
        }
        MonitoredDataSource.Builder builder = MonitoredDataSource.builder(dataSource)
                .name(tagName(beanName))
                .slowThreshold(settings.getSlowThreshold())
                .repeatedQueryThreshold(settings.getRepeatedQueryThreshold())
                .slowAcquisitionThreshold(settings.getSlowAcquisitionThreshold())
                .maxSqlLength(settings.getMaxSqlLength())
                .scrubber(scrubber.getIfUnique(Scrubber::defaults));
        if (settings.getDialect() != null) {
            builder.dialect(settings.getDialect());
        }
        meterRegistry.ifUnique(builder::meterRegistry);
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(beanName, builder));
        MonitoredDataSource monitored = builder.build();
        return settings.isPreserveType() ? TypePreservingDataSource.of(dataSource, monitored, beanName) : monitored;
    }

    private static boolean isMonitored(DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(MonitoredDataSource.class);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The bean name as a {@linkplain Names name} (the data source's name and metric tag): other characters become
     * {@code '_'}, a name not starting with a letter or digit gets the prefix {@code ds}, at most 64 characters. Bean
     * names are code, not data: shortening one cannot cut a value in half.
     */
    static String tagName(String beanName) {
        StringBuilder name = new StringBuilder(Math.min(beanName.length() + 2, MAX_NAME_LENGTH));
        for (int i = 0; i < beanName.length() && name.length() < MAX_NAME_LENGTH; i++) {
            char c = beanName.charAt(i);
            boolean allowed = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            name.append(allowed ? c : '_');
        }
        if (name.length() == 0) {
            return "default";
        }
        if (!Character.isLetterOrDigit(name.charAt(0)) || name.charAt(0) >= 128) {
            name.insert(0, "ds");
            name.setLength(Math.min(name.length(), MAX_NAME_LENGTH));
        }
        return name.toString();
    }
}
