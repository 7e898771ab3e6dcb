package dev.monitor.benchmarks.spring;

import dev.monitor.health.HealthCheckMethod;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The time to start a typical Spring Boot web application (embedded Tomcat on an ephemeral port, Spring MVC, HikariCP
 * on H2, Actuator with metrics and health) with the monitor starter and without it, in the same run. "without"
 * excludes monitor's auto-configurations, so both start the same class path; the difference is what the starter's
 * beans cost: properties binding and validation, the health registry and its built-in checks, the bean
 * post-processors (DataSource wrapping, {@code @HealthCheckMethod} discovery), the request filter and the Actuator
 * bridge. One invocation is one start, measured from {@code SpringApplication.run} until it returns (the web server
 * is listening); the context is closed after each measured start, outside the measurement. {@link StartupCpu} reports
 * the CPU time of each start beside it.
 *
 * <p>Run warm ({@code -f 3}: restarts in a JVM that already loaded and compiled the classes) and cold
 * ({@code -f 10 -wi 0 -i 1}: the first start of a fresh JVM, the production case).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(5)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class StarterStartupBenchmark {

    /** Every auto-configuration of the starter, as listed in its {@code AutoConfiguration.imports}. */
    static final String MONITOR_AUTO_CONFIGURATIONS = monitorAutoConfigurations();

    private static final AtomicInteger DATABASES = new AtomicInteger();

    /** Whether monitor's auto-configurations run. */
    @Param({"without", "with"})
    public String starter;

    private ConfigurableApplicationContext context;

    /** One start of the application. */
    @Benchmark
    public ConfigurableApplicationContext start(StartupCpu cpu) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "server.port", "0",
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "spring.datasource.url", "jdbc:h2:mem:startup" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1",
                "management.endpoints.web.exposure.include", "health,metrics"));
        if (starter.equals("without")) {
            properties.put("spring.autoconfigure.exclude", MONITOR_AUTO_CONFIGURATIONS);
        }
        cpu.begin();
        context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.SERVLET)
                .logStartupInfo(false).properties(properties).run();
        cpu.end();
        return context;
    }

    private static String monitorAutoConfigurations() {
        String resource = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";
        try (java.io.InputStream in = StarterStartupBenchmark.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not found");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> line.startsWith("dev.monitor.")).collect(java.util.stream.Collectors.joining(","));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Checks that the variant ran as intended, then closes the application, outside the measurement. */
    @TearDown(Level.Iteration)
    public void close() {
        if (context != null) {
            boolean monitored = context.containsBean("monitorHealthRegistry") && context.containsBean("monitorRequestFilter")
                    && context.containsBean("monitorAlertDispatcher") && context.containsBean("monitorRuleEngine")
                    && context.containsBean("monitorUptimeMonitor")
                    && wrapsMonitored(context.getBean(javax.sql.DataSource.class));
            boolean anyMonitorBean = java.util.Arrays.stream(context.getBeanDefinitionNames())
                    .anyMatch(name -> name.startsWith("monitor"));
            if (starter.equals("with") ? !monitored : anyMonitorBean) {
                throw new IllegalStateException("variant '" + starter + "' started with monitored=" + monitored
                        + ", monitor beans present=" + anyMonitorBean);
            }
            context.close();
            context = null;
        }
    }

    /** Whether the DataSource bean is monitored: it keeps the pool's class and unwraps to the wrapper. */
    private static boolean wrapsMonitored(javax.sql.DataSource dataSource) {
        try {
            return dataSource.isWrapperFor(dev.monitor.jdbc.MonitoredDataSource.class);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /** A small web application: one controller, one repository, one annotated health check. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({OrdersController.class, PaymentsClient.class})
    public static class Application {
    }

    /** Reads the database through Spring Boot's JdbcTemplate. */
    @RestController
    public static class OrdersController {
        private final JdbcTemplate jdbc;

        OrdersController(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        @GetMapping("/orders/{id}")
        Map<String, Object> order(@PathVariable long id) {
            return jdbc.queryForMap("SELECT ? AS id", id);
        }
    }

    /** A bean with a health-check method, so the starter's discovery has something to find. */
    @Component
    public static class PaymentsClient {
        @HealthCheckMethod(name = "payments", critical = false)
        public boolean reachable() {
            return true;
        }
    }
}
