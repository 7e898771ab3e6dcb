package dev.monitor.spring.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.RepeatedQuery;
import dev.monitor.jdbc.SlowQuery;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.RequestObserver;
import dev.monitor.request.TrackedRequest;
import dev.monitor.spring.StartupFailures;
import dev.monitor.spring.pii.MonitorPiiAutoConfiguration;
import dev.monitor.spring.request.MonitorRequestAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.jdbc.metadata.DataSourcePoolMetadataProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

class MonitorJdbcAutoConfigurationTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MonitorPiiAutoConfiguration.class, MonitorJdbcAutoConfiguration.class,
                    DataSourceAutoConfiguration.class, MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:jdbc" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
                    "spring.datasource.hikari.pool-name=orders-pool");

    @Test
    void everyDataSourceBeanIsWrappedAndItsStatementsAreCountedUnderTheBeanName() {
        // Spring Boot's own DataSource backs off when the application defines one: two of the application's here
        runner.withBean("dataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .withBean("reportingDataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .run(context -> {
                    assertThat(context.getBeansOfType(DataSource.class).values())
                            .hasSize(2).allSatisfy(dataSource -> assertThat(dataSource).isInstanceOf(MonitoredDataSource.class));
                    assertThat(((MonitoredDataSource) context.getBean("dataSource")).name()).isEqualTo("dataSource");
                    selectOne(context.getBean("dataSource", DataSource.class));
                    selectOne(context.getBean("reportingDataSource", DataSource.class));
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("monitor.jdbc.query").tag("datasource", "dataSource").functionTimer().count())
                            .isEqualTo(1);
                    assertThat(meters.get("monitor.jdbc.query").tag("datasource", "reportingDataSource").functionTimer()
                            .count()).isEqualTo(1);
                });
    }

    @Test
    void springBootsHikariMetricsPoolMetadataAndDataSourceHealthKeepWorkingThroughUnwrap() {
        runner.withConfiguration(AutoConfigurations.of(DataSourcePoolMetricsAutoConfiguration.class,
                        HealthContributorRegistryAutoConfiguration.class, HealthContributorAutoConfiguration.class,
                        DataSourceHealthContributorAutoConfiguration.class))
                .run(context -> {
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(dataSource.isWrapperFor(MonitoredDataSource.class)).isTrue();
                    selectOne(dataSource);
                    HikariDataSource hikari = DataSourceUnwrapper.unwrap(dataSource, HikariConfigMXBean.class,
                            HikariDataSource.class);
                    assertThat(hikari).isNotNull();
                    assertThat(hikari.getPoolName()).isEqualTo("orders-pool");
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    // Spring Boot's own HikariCP meters and ours, side by side
                    assertThat(meters.get("hikaricp.connections").tag("pool", "orders-pool").gauge()).isNotNull();
                    assertThat(meters.get("monitor.jdbc.pool.max").tag("datasource", "dataSource").gauge().value())
                            .isEqualTo(hikari.getMaximumPoolSize());
                    assertThat(context.getBean(DataSourcePoolMetadataProvider.class).getDataSourcePoolMetadata(dataSource)
                            .getMax()).isEqualTo(hikari.getMaximumPoolSize());
                    HealthIndicator db = context.getBean("dbHealthContributor", HealthIndicator.class);
                    assertThat(db.health().getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void slowStatementsReachQueryListenerBeansWithSanitizedSqlAndCustomizersApplyPerBean() {
        runner.withUserConfiguration(Listeners.class).run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(monitored(dataSource).slowThreshold()).isEqualTo(Duration.ofMillis(50));
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute(StatementTicker.H2_SLEEP_ALIAS);
                statement.execute("CREATE TABLE IF NOT EXISTS customers (id INT, email VARCHAR(100))");
                // a slow statement: 80 ms pass for the data source while H2 evaluates the WHERE clause; the statements
                // before it take none, however busy the machine
                statement.executeQuery("SELECT COUNT(*) FROM (SELECT 1 AS x) WHERE SLEEP_MS(80) IS NULL "
                        + "AND 'jane@example.com' <> 'x'").close();
            }
            @SuppressWarnings("unchecked")
            List<SlowQuery> slow = context.getBean("slowQueries", List.class);
            assertThat(slow).hasSize(1);
            assertThat(slow.get(0).sql()).contains("SLEEP_MS(?)").doesNotContain("jane@example.com");
            assertThat(slow.get(0).dataSource()).isEqualTo("dataSource");
            assertThat(context.getBean(MeterRegistry.class).get("monitor.jdbc.query.slow").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void nPlusOnePatternsAreReportedOncePerRequest() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorPiiAutoConfiguration.class, MonitorJdbcAutoConfiguration.class,
                        MonitorRequestAutoConfiguration.class))
                .withBean("dataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .withUserConfiguration(Listeners.class)
                .run(context -> {
                    assertThat(context).hasBean("monitorQueryScopeObserver");
                    DataSource dataSource = context.getBean(DataSource.class);
                    TrackedRequest request = context.getBean(RequestMonitor.class).start("GET", "n-plus-one-1", null);
                    try (Connection connection = dataSource.getConnection()) {
                        for (int id = 0; id < 12; id++) {
                            try (PreparedStatement statement = connection.prepareStatement("SELECT ? + 1")) {
                                statement.setInt(1, id);
                                statement.executeQuery().close();
                            }
                        }
                    }
                    request.end(200);
                    @SuppressWarnings("unchecked")
                    List<RepeatedQuery> repeated = context.getBean("repeatedQueries", List.class);
                    assertThat(repeated).singleElement().satisfies(query -> {
                        assertThat(query.count()).isEqualTo(12);
                        assertThat(query.scope()).contains("n-plus-one-1");
                    });
                });
    }

    @Test
    void aHikariDataSourceKeepsItsClassSoInjectionByTypeWorksAndItsConnectionsAreMonitored() {
        runner.withUserConfiguration(InjectsHikari.class).run(context -> {
            assertThat(context).hasNotFailed();
            HikariDataSource injected = context.getBean(InjectsHikari.class).hikari;
            assertThat(injected).isSameAs(context.getBean(DataSource.class));
            selectOne(injected);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("monitor.jdbc.query").tag("datasource", "dataSource").functionTimer().count())
                    .isEqualTo(1);
            // the pool's own API answers from the pool
            assertThat(injected.getPoolName()).isEqualTo("orders-pool");
            assertThat(injected.getHikariPoolMXBean().getTotalConnections()).isPositive();
            assertThat(monitored(injected).name()).isEqualTo("dataSource");
            assertThat(injected.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("orders-pool");
        });
    }

    @Test
    void closingTheContextClosesThePoolBehindTheProxy() {
        HikariDataSource[] pool = new HikariDataSource[1];
        runner.run(context -> {
            pool[0] = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
            assertThat(pool[0].isClosed()).isFalse();
        });
        assertThat(pool[0].isClosed()).isTrue();
    }

    @Test
    void preserveTypeFalseExposesTheMonitoredDataSourceItself() {
        runner.withPropertyValues("monitor.jdbc.preserve-type=false").run(context -> {
            assertThat(context.getBean(DataSource.class)).isInstanceOf(MonitoredDataSource.class);
            assertThat(context.getBeanNamesForType(HikariDataSource.class)).isEmpty();
        });
    }

    @Test
    void aFinalPoolClassIsExposedAsTheMonitoredDataSource() {
        runner.withBean("dataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2) // H2's class is final
                .run(context -> assertThat(context.getBean(DataSource.class)).isInstanceOf(MonitoredDataSource.class));
    }

    @Test
    void excludedBeansAreLeftAsTheyAre() {
        runner.withBean("dataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .withBean("legacyDataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .withPropertyValues("monitor.jdbc.excluded-beans=legacyDataSource")
                .run(context -> {
                    assertThat(context.getBean("legacyDataSource")).isInstanceOf(JdbcDataSource.class);
                    assertThat(context.getBean("dataSource")).isInstanceOf(MonitoredDataSource.class);
                });
    }

    @Test
    void aDataSourceThatAlreadyWrapsAMonitoredOneIsNotWrappedAgain() {
        runner.withBean("delegating", DataSource.class,
                        () -> new DelegatingDataSource(MonitoredDataSource.wrap(h2())))
                .run(context -> assertThat(context.getBean("delegating")).isInstanceOf(DelegatingDataSource.class));
    }

    @Test
    void propertiesConfigureTheWrapper() {
        runner.withPropertyValues("monitor.jdbc.slow-threshold=250ms", "monitor.jdbc.dialect=postgresql")
                .run(context -> {
                    MonitoredDataSource dataSource = monitored(context.getBean(DataSource.class));
                    assertThat(dataSource.slowThreshold()).isEqualTo(Duration.ofMillis(250));
                    assertThat(dataSource.dialect()).isEqualTo(dev.monitor.jdbc.SqlDialect.POSTGRESQL);
                });
    }

    @Test
    void enabledFalseWrapsNothing() {
        runner.withPropertyValues("monitor.jdbc.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(DataSourceMonitoringPostProcessor.class).doesNotHaveBean(RequestObserver.class);
            assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
        });
    }

    @Test
    void aPostProcessorOfTheApplicationMakesOursBackOff() {
        runner.withUserConfiguration(OwnPostProcessor.class).run(context -> {
            assertThat(context).hasSingleBean(DataSourceMonitoringPostProcessor.class).hasBean("ownPostProcessor");
            assertThat(monitored(context.getBean(DataSource.class)).slowThreshold()).isEqualTo(Duration.ofSeconds(7));
        });
    }

    @Test
    void perRequestFalseRemovesTheQueryScopeObserver() {
        runner.withPropertyValues("monitor.jdbc.per-request=false")
                .run(context -> assertThat(context).doesNotHaveBean("monitorQueryScopeObserver"));
    }

    @Test
    void withoutHikariOnTheClassPathAPlainDataSourceIsStillWrappedWithoutPoolMeters() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorJdbcAutoConfiguration.class, MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
                .withClassLoader(new FilteredClassLoader("com.zaxxer.hikari"))
                .withBean("dataSource", DataSource.class, MonitorJdbcAutoConfigurationTest::h2)
                .run(context -> {
                    MonitoredDataSource dataSource = context.getBean(MonitoredDataSource.class);
                    selectOne(dataSource);
                    assertThat(dataSource.poolUsage()).isNull();
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(Search.in(meters).name(name -> name.startsWith("monitor.jdbc.pool")).meters()).isEmpty();
                    assertThat(meters.get("monitor.jdbc.query").functionTimer().count()).isEqualTo(1);
                });
    }

    @Test
    void badPropertiesFailStartupWithMessagesNamingThem() {
        assertFailure("monitor.jdbc.slow-threshold=0s", "monitor.jdbc.slow-threshold must be greater than 0");
        assertFailure("monitor.jdbc.repeated-query-threshold=1", "monitor.jdbc.repeated-query-threshold must be at least 2, was 1");
        assertFailure("monitor.jdbc.max-sql-length=8", "monitor.jdbc.max-sql-length must be at least 16, was 8");
        assertFailure("monitor.jdbc.slow-acquisition-threshold=-1ms",
                "monitor.jdbc.slow-acquisition-threshold must be greater than 0");
    }

    @Test
    void thresholdsPastAnHourFailStartupNamingThem() {
        assertFailure("monitor.jdbc.slow-threshold=2h", "monitor.jdbc.slow-threshold must be at most PT1H (1 hour), was PT2H");
        assertFailure("monitor.jdbc.slow-acquisition-threshold=400d",
                "monitor.jdbc.slow-acquisition-threshold must be at most PT1H (1 hour), was PT9600H");
    }

    @Test
    void aBeanNameBecomesAValidDataSourceName() {
        assertThat(DataSourceMonitoringPostProcessor.tagName("dataSource")).isEqualTo("dataSource");
        assertThat(DataSourceMonitoringPostProcessor.tagName("_primary")).isEqualTo("ds_primary");
        assertThat(DataSourceMonitoringPostProcessor.tagName("&orders db")).isEqualTo("ds_orders_db");
        assertThat(DataSourceMonitoringPostProcessor.tagName("x".repeat(80))).hasSize(64);
        assertThat(DataSourceMonitoringPostProcessor.tagName("")).isEqualTo("default");
    }

    private void assertFailure(String property, String message) {
        runner.withPropertyValues(property).run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
        });
    }

    private static MonitoredDataSource monitored(DataSource dataSource) throws SQLException {
        return dataSource.unwrap(MonitoredDataSource.class);
    }

    private static void selectOne(DataSource dataSource) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT 1")) {
            assertThat(result.next()).isTrue();
        }
    }

    static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:plain" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** Application code that injects the pool by its class, as code tuning HikariCP does. */
    static class InjectsHikari {
        final HikariDataSource hikari;

        InjectsHikari(HikariDataSource hikari) {
            this.hikari = hikari;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Listeners {

        @Bean
        List<SlowQuery> slowQueries() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        List<RepeatedQuery> repeatedQueries() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        QueryListener recorder(List<SlowQuery> slowQueries, List<RepeatedQuery> repeatedQueries) {
            return new QueryListener() {
                @Override
                public void onSlowQuery(SlowQuery query) {
                    slowQueries.add(query);
                }

                @Override
                public void onRepeatedQuery(RepeatedQuery repeated) {
                    repeatedQueries.add(repeated);
                }
            };
        }

        @Bean
        MonitoredDataSourceCustomizer fastThreshold() {
            return (beanName, builder) -> {
                if (beanName.equals("dataSource")) {
                    builder.slowThreshold(Duration.ofMillis(50)).ticker(StatementTicker.INSTANCE);
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPostProcessor {

        @Bean
        static DataSourceMonitoringPostProcessor ownPostProcessor(
                org.springframework.beans.factory.ObjectProvider<MonitorJdbcProperties> properties,
                org.springframework.beans.factory.ObjectProvider<MeterRegistry> meters,
                org.springframework.beans.factory.ObjectProvider<dev.monitor.pii.Scrubber> scrubber,
                org.springframework.beans.factory.ObjectProvider<QueryListener> listeners) {
            MonitoredDataSourceCustomizer sevenSeconds = (name, builder) -> builder.slowThreshold(Duration.ofSeconds(7));
            return new DataSourceMonitoringPostProcessor(properties, meters, scrubber, listeners,
                    new org.springframework.beans.factory.support.StaticListableBeanFactory(
                            java.util.Map.of("seven", sevenSeconds)).getBeanProvider(MonitoredDataSourceCustomizer.class));
        }
    }
}
