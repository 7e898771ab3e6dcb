package dev.monitor.examples.servlet;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.AlertChannels;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ServiceInfo;
import dev.monitor.health.check.DataSourceHealthCheck;
import dev.monitor.health.check.DeadlockedThreadsHealthCheck;
import dev.monitor.health.check.DiskSpaceHealthCheck;
import dev.monitor.health.check.RequiredTablesHealthCheck;
import java.nio.file.Path;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryScope;
import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.request.RequestMonitor;
import dev.monitor.rule.RuleEngine;
import dev.monitor.rule.SecurityEventAlerts;
import dev.monitor.rule.StandardRules;
import dev.monitor.servlet.ErrorBodyServlet;
import dev.monitor.servlet.HealthServlet;
import dev.monitor.servlet.OperatorServlet;
import dev.monitor.servlet.RequestMonitoringFilter;
import dev.monitor.servlet.StatusPageServlet;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusPage;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeTarget;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import java.io.File;
import java.net.URI;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An "orders" service on embedded Jetty and an in-memory H2 database, wired with monitor.
 *
 * <p>Run it as {@code examples/servlet-example/README.md} shows; {@code PORT} (default 8080) and {@code HOST}
 * (default 127.0.0.1) choose where it listens.
 */
public final class ServletExampleApplication implements AutoCloseable {

    /** The environment variable of the operator API's bearer token (16 to 512 characters, e.g. openssl rand -hex 32). */
    public static final String OPERATOR_TOKEN_VARIABLE = "MONITOR_OPERATOR_TOKEN";

    private static final Logger log = LoggerFactory.getLogger(ServletExampleApplication.class);

    private final Server server;
    private final HealthRegistry health;
    private final ServerConnector connector;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestMonitor requests;
    private final AlertDispatcher alerts;
    private final RuleEngine rules;
    private final SecurityEventAlerts securityAlerts;
    private final UptimeMonitor uptime;
    private final boolean operatorEnabled;

    private ServletExampleApplication(String host, int port, @Nullable String operatorToken) throws Exception {
        // Every statement is timed; slow ones (here > 200 ms) and N+1 patterns are logged with sanitized SQL.
        DataSource dataSource = MonitoredDataSource.builder(createDatabase()).name("orders")
                .slowThreshold(Duration.ofMillis(200)).meterRegistry(meters).build();
        health = HealthRegistry.builder()
                .meterRegistry(meters)
                .service(new ServiceInfo("orders", "1.0.0", System.getenv().getOrDefault("ENVIRONMENT", "development")))
                .build();
        health.register("database", new DataSourceHealthCheck(dataSource));
        health.register("orders-table", RequiredTablesHealthCheck.builder(dataSource).require("orders", 1).build());
        health.register("disk", new DiskSpaceHealthCheck(Path.of(System.getProperty("java.io.tmpdir"))),
                CheckOptions.builder().groups("ready", "live").build());
        health.register("deadlocks", new DeadlockedThreadsHealthCheck(), CheckOptions.builder().groups("live").build());
        // A flaky optional dependency: it fails now and then but never takes the service out of rotation.
        health.register("payment-provider", () -> {
            if (ThreadLocalRandom.current().nextInt(3) == 0) {
                return HealthResult.fail("payment provider answered HTTP 503");
            }
            return HealthResult.pass();
        }, CheckOptions.builder().critical(false).timeout(Duration.ofMillis(500)).build());

        // Alerts go to the log; set ALERT_WEBHOOK_URL, SLACK_WEBHOOK_URL, ... to send them there too.
        AlertDispatcher.Builder alertsBuilder = AlertDispatcher.builder()
                .channel(LogChannel.create())
                .route(AlertRoute.builder().groupBy("alertname").groupWait(Duration.ofSeconds(5)).build())
                .meterRegistry(meters);
        AlertChannels.fromEnvironment(System.getenv()).forEach(alertsBuilder::channel);
        alerts = alertsBuilder.build();
        new JvmMemoryMetrics().bindTo(meters);
        new DiskSpaceMetrics(new File(System.getProperty("java.io.tmpdir"))).bindTo(meters);
        rules = RuleEngine.builder().dispatcher(alerts).meterRegistry(meters).build();
        StandardRules.metricRules().forEach(rules::add); // error rate, latency, heap, disk, pool, slow queries, logins
        rules.add(StandardRules.healthCheckDown(health));
        uptime = UptimeMonitor.builder().dispatcher(alerts).meterRegistry(meters).build();

        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        requests = RequestMonitor.builder().meterRegistry(meters).build();
        requests.addObserver(QueryScope.perRequest()); // N+1 detection per request
        securityAlerts = SecurityEventAlerts.builder(alerts).build();
        requests.addSecurityEventListener(securityAlerts); // > 10 failed logins a minute from one client
        FilterHolder requestFilter = new FilterHolder(new RequestMonitoringFilter(requests));
        requestFilter.setAsyncSupported(true);
        context.addFilter(requestFilter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        ServletHolder healthServlet = new ServletHolder(HealthServlet.builder(health).build());
        healthServlet.setAsyncSupported(true);
        context.addServlet(healthServlet, "/health/*");
        context.addServlet(new ServletHolder(new OrdersServlet(dataSource)), "/orders/*");
        context.addServlet(new ServletHolder(new FailingServlet()), "/fail");
        context.addServlet(new ServletHolder(new LoginServlet()), "/login");
        // every error (404 of an unknown path, 405, the login's 401) answers the standard JSON body with the request ID,
        // not Jetty's HTML page
        context.addServlet(new ServletHolder(new ErrorBodyServlet()), ErrorBodyServlet.PATH);
        ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
        errorPages.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ErrorBodyServlet.PATH);
        context.setErrorHandler(errorPages);
        // customers see only the public components below; callers with a user principal also see every check
        StatusPage page = StatusPage.builder("Orders status").health(health).uptime(uptime).incidents(alerts)
                .component(PublicComponent.builder("ordering").displayName("Ordering").group("Orders")
                        .description("Placing and tracking orders").checks("database").targets("orders-api").build())
                .component(PublicComponent.builder("payments").displayName("Payments").group("Orders")
                        .description("Card payments through our payment provider").checks("payment-provider").build())
                .build();
        ServletHolder statusPage = new ServletHolder(new StatusPageServlet(page));
        statusPage.setAsyncSupported(true);
        context.addServlet(statusPage, "/status/*"); // the page, /status/feed.atom and /status/api/v2/summary.json
        // The operator API (acknowledge, silence, maintenance, incidents) for on-call engineers, with a bearer token.
        operatorEnabled = operatorToken != null && !operatorToken.isBlank();
        if (operatorEnabled) {
            context.addServlet(new ServletHolder(new OperatorServlet(OperatorEndpoint.builder(alerts).statusBoard(page.board())
                    .token("operator", operatorToken.strip()).build())), OperatorEndpoint.DEFAULT_PATH + "/*");
        }
        server.setHandler(context);
        server.start();
        // A synthetic check of the service's own API, as an external uptime monitor would do it.
        uptime.add(UptimeTarget.builder("orders-api", URI.create("http://127.0.0.1:" + port() + "/orders"))
                .interval(Duration.ofSeconds(30)).expectKeyword("total_cents").build());
        uptime.register(health);
        health.markStarted();
    }

    /**
     * Starts the service; port 0 picks a free port. The operator API is served at {@code /monitor/operator} when the
     * environment variable {@value #OPERATOR_TOKEN_VARIABLE} holds its token.
     */
    public static ServletExampleApplication start(String host, int port) throws Exception {
        return start(host, port, System.getenv(OPERATOR_TOKEN_VARIABLE));
    }

    /** Starts the service with the operator API's token ({@code null}: no operator API); port 0 picks a free port. */
    public static ServletExampleApplication start(String host, int port, @Nullable String operatorToken) throws Exception {
        return new ServletExampleApplication(host, port, operatorToken);
    }

    /** The application's meters: request timers, health check durations and statuses. */
    public SimpleMeterRegistry meters() {
        return meters;
    }

    /** The alert dispatcher: every alert of the rules, uptime checks and security events. */
    public AlertDispatcher alerts() {
        return alerts;
    }

    /** The uptime monitor checking the service's own API. */
    public UptimeMonitor uptime() {
        return uptime;
    }

    /** The port the service listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        health.markShuttingDown();
        server.stop();
        rules.close();
        uptime.close();
        securityAlerts.close();
        alerts.close();
        health.close();
    }

    /** Entry point of the demo. */
    public static void main(String[] args) throws Exception {
        String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        ServletExampleApplication application = start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                application.close();
            } catch (Exception e) {
                log.warn("Shutdown failed", e);
            }
        }, "shutdown"));
        String url = "http://" + host + ":" + application.port();
        System.out.println();
        System.out.println("orders service is running. Open:");
        System.out.println("  " + url + "/health          health report (JSON)");
        System.out.println("  " + url + "/health/ready    readiness");
        System.out.println("  " + url + "/orders          the service's own API (every answer carries X-Request-ID)");
        System.out.println("  " + url + "/orders/report   an N+1 query pattern: one warning in the log");
        System.out.println("  " + url + "/orders/slow     a slow query: one warning with sanitized SQL");
        System.out.println("  " + url + "/fail            an unhandled exception: the standard error body");
        System.out.println("  " + url + "/status          status page for customers (public components, incidents, maintenance; feed.atom, api/v2/summary.json)");
        System.out.println("  POST " + url + "/login 11 times in a minute: a security alert in the log");
        if (application.operatorEnabled) {
            System.out.println("  " + url + OperatorEndpoint.DEFAULT_PATH + "/alerts   operator API (Authorization: Bearer $"
                    + OPERATOR_TOKEN_VARIABLE + "): alerts, silences, maintenance, incidents");
        } else {
            System.out.println("  (set " + OPERATOR_TOKEN_VARIABLE + " to serve the operator API at " + OperatorEndpoint.DEFAULT_PATH
                    + ")");
        }
        System.out.println("Press Ctrl+C to stop.");
        application.server.join();
    }

    private static DataSource createDatabase() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer VARCHAR(100), "
                    + "total_cents BIGINT)");
            statement.execute("MERGE INTO orders KEY (id) VALUES (1, 'customer-1', 1250), (2, 'customer-2', 4999)");
            statement.execute("CREATE TABLE IF NOT EXISTS order_lines (order_id BIGINT, sku VARCHAR(20), quantity INT)");
            statement.execute("DELETE FROM order_lines");
            for (int order = 3; order <= 12; order++) {
                statement.execute("MERGE INTO orders KEY (id) VALUES (" + order + ", 'customer-" + order + "', " + order * 100 + ")");
                statement.execute("INSERT INTO order_lines VALUES (" + order + ", 'SKU-" + order + "', 1)");
            }
            statement.execute("CREATE ALIAS IF NOT EXISTS SLEEP_MS FOR 'java.lang.Thread.sleep(long)'");
        }
        return dataSource;
    }
}
