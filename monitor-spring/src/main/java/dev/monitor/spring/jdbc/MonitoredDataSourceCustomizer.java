package dev.monitor.spring.jdbc;

import dev.monitor.jdbc.MonitoredDataSource;

/**
 * Adjusts each {@link MonitoredDataSource} the starter wraps around a {@code DataSource} bean, after the
 * {@code monitor.jdbc.*} properties were applied: a threshold per data source, a dialect. Every bean of this type is
 * applied, in {@link org.springframework.core.annotation.Order @Order}. Query listeners need no customizer: beans of
 * type {@link dev.monitor.jdbc.QueryListener} are attached to every wrapped data source.
 *
 * <pre>{@code
 * @Bean
 * MonitoredDataSourceCustomizer reportingIsSlower() {
 *     return (beanName, builder) -> {
 *         if (beanName.equals("reportingDataSource")) {
 *             builder.slowThreshold(Duration.ofSeconds(10));
 *         }
 *     };
 * }
 * }</pre>
 */
@FunctionalInterface
public interface MonitoredDataSourceCustomizer {

    /**
     * Adjusts the builder of one data source; called once per wrapped bean.
     *
     * @param beanName the name of the {@code DataSource} bean being wrapped
     */
    void customize(String beanName, MonitoredDataSource.Builder builder);
}
