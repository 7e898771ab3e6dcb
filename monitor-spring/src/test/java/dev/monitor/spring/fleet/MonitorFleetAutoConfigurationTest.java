package dev.monitor.spring.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.fleet.JdbcMonitorStore;
import dev.monitor.fleet.MonitorStore;
import dev.monitor.fleet.SharedState;
import dev.monitor.spring.MonitorAutoConfiguration;
import dev.monitor.spring.alert.MonitorAlertsAutoConfiguration;
import dev.monitor.spring.health.MonitorHealthAutoConfiguration;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.uptime.MonitorUptimeAutoConfiguration;
import dev.monitor.uptime.UptimeMonitor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

class MonitorFleetAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorAutoConfiguration.class, MonitorPiiAutoConfiguration.class,
                    MonitorHealthAutoConfiguration.class, MonitorFleetAutoConfiguration.class,
                    MonitorAlertsAutoConfiguration.class, MonitorUptimeAutoConfiguration.class))
            .withPropertyValues("monitor.health.disk.enabled=false");

    private static JdbcDataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + "-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    @Configuration(proxyBeanMethods = false)
    static class OneDataSource {
        @Bean
        DataSource dataSource() {
            return h2("app");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSources {
        @Bean
        @Primary
        DataSource orders() {
            return h2("orders");
        }

        @Bean
        DataSource monitoring() {
            return h2("monitoring");
        }
    }

    @Test
    void byDefaultTheStateIsLocalAndNoStoreIsCreated() {
        runner.withUserConfiguration(OneDataSource.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(MonitorStore.class).hasSingleBean(AlertDispatcher.class);
            assertThat(tables(context.getBean(DataSource.class))).isFalse();
        });
    }

    @Test
    void storeJdbcUsesTheApplicationsDataSourceCreatesTheSchemaAndSharesUptimeChecksAndNotifications() {
        runner.withUserConfiguration(OneDataSource.class).withPropertyValues("monitor.store=jdbc", "monitor.fleet.lease=10s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(MonitorStore.class)
                            .hasBean("monitorFleetNotificationClaims").hasBean("monitorFleetUptimeRunner")
                            .hasSingleBean(AlertDispatcher.class).hasSingleBean(UptimeMonitor.class);
                    MonitorStore store = context.getBean(MonitorStore.class);
                    assertThat(store).isInstanceOf(JdbcMonitorStore.class);
                    assertThat(store.shared()).contains(SharedState.SCHEDULED_EVALUATIONS, SharedState.NOTIFICATION_CLAIMS);
                    assertThat(store.runner().lease()).hasSeconds(10);
                    assertThat(tables(context.getBean(DataSource.class))).isTrue();
                });
    }

    @Test
    void aNamedDataSourceIsUsedInsteadOfThePrimaryOne() {
        runner.withUserConfiguration(TwoDataSources.class)
                .withPropertyValues("monitor.store=jdbc", "monitor.fleet.data-source=monitoring").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(tables(context.getBean("monitoring", DataSource.class))).isTrue();
                    assertThat(tables(context.getBean("orders", DataSource.class))).isFalse();
                });
    }

    @Test
    void anUnknownDataSourceNameFailsStartupNamingTheProperty() {
        runner.withUserConfiguration(OneDataSource.class)
                .withPropertyValues("monitor.store=jdbc", "monitor.fleet.data-source=reporting").run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause()
                                .hasMessageContaining("monitor.fleet.data-source names 'reporting'"));
    }

    @Test
    void aLeaseOutOfRangeFailsStartupNamingTheProperty() {
        runner.withUserConfiguration(OneDataSource.class)
                .withPropertyValues("monitor.store=jdbc", "monitor.fleet.lease=100ms").run(context ->
                        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining("monitor.fleet.lease"));
    }

    /** Whether the fleet schema is in {@code dataSource}. */
    private static boolean tables(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                ResultSet tables = connection.getMetaData().getTables(null, null, "MONITOR_SCHEMA_VERSION", null)) {
            return tables.next();
        }
    }
}
