package dev.monitor.servlet;

import static dev.monitor.servlet.Conditions.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.http.JobCheckInEndpoint;
import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.request.RequestMonitor;
import dev.monitor.status.StatusPage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The health, status and job check-in servlets name their route template, so the request metrics tag
 * {@code uri=/health/checks/{name}} (not {@code UNKNOWN}, not the raw path), on real Jetty.
 */
class LibraryRoutesTest {

    private static final String TOKEN = "route-test-token-0123456789abcdef";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HealthRegistry health = HealthRegistry.builder().reportTimeout(Duration.ofMinutes(1)).build();
    private final AlertDispatcher alerts = AlertDispatcher.builder().channel(LogChannel.create()).build();
    private final JobMonitor jobs = JobMonitor.builder().dispatcher(alerts).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        health.register("database", HealthResult::pass);
        health.markStarted();
        jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *").build());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        FilterHolder filter = new FilterHolder(new RequestMonitoringFilter(RequestMonitor.builder().meterRegistry(meters)
                .build()));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
        ServletHolder healthServlet = new ServletHolder(HealthServlet.builder(health).build());
        healthServlet.setAsyncSupported(true);
        context.addServlet(healthServlet, "/health/*");
        ServletHolder status = new ServletHolder(new StatusPageServlet(StatusPage.builder("Orders status").health(health)
                .build()));
        status.setAsyncSupported(true);
        context.addServlet(status, "/status/*");
        context.addServlet(new ServletHolder(new JobCheckInServlet(JobCheckInEndpoint.builder(jobs).token(TOKEN).build())),
                "/monitor/jobs/*");
        context.addServlet(new ServletHolder(new OperatorServlet(OperatorEndpoint.builder(alerts).jobs(jobs)
                .token("ops", TOKEN).build())), "/monitor/operator/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        jobs.close();
        alerts.close();
        health.close();
    }

    private int send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void everyLibraryRouteIsItsOwnUriTagNeverUnknownOrTheRawPath() throws Exception {
        Map<String, String> routes = Map.ofEntries(
                Map.entry("/health", "/health"),
                Map.entry("/health/live", "/health/live"),
                Map.entry("/health/ready", "/health/ready"),
                Map.entry("/health/started", "/health/started"),
                Map.entry("/health/checks/database", "/health/checks/{name}"),
                Map.entry("/health/checks/nope", "/health/checks/{name}"),
                Map.entry("/status", "/status"),
                Map.entry("/status/feed.atom", "/status/feed.atom"),
                Map.entry("/status/api/v2/summary.json", "/status/api/v2/summary.json"),
                Map.entry("/monitor/jobs/nightly-export/start", "/monitor/jobs/{name}/start"),
                Map.entry("/monitor/jobs/nightly-export", "/monitor/jobs/{name}"),
                Map.entry("/monitor/operator/alerts", "/monitor/operator/alerts"),
                Map.entry("/monitor/operator/alerts/3f2a9c", "/monitor/operator/alerts/{fingerprint}"),
                Map.entry("/monitor/operator/silence/abc-123", "/monitor/operator/silence/{id}"),
                Map.entry("/monitor/operator/jobs", "/monitor/operator/jobs"));
        for (Map.Entry<String, String> route : routes.entrySet()) {
            // check-ins are POSTs of scripts; the rest are GETs
            send(route.getKey().startsWith("/monitor/jobs/") ? "POST" : "GET", route.getKey());
        }
        awaitTrue(() -> routes.values().stream().allMatch(uri -> meters.find("http.server.requests").tag("uri", uri)
                .timer() != null));
        assertThat(meters.find("http.server.requests").tag("uri", "UNKNOWN").timer()).isNull();
        assertThat(meters.find("http.server.requests").tag("uri", "/health/checks/database").timer()).isNull();
        assertThat(meters.find("http.server.requests").tag("uri", "/health/*").timer()).isNull();
    }

    @Test
    void anUnknownPathBelowALibraryServletIsNotFound() throws Exception {
        assertThat(send("GET", "/status/nope")).isEqualTo(404);
        assertThat(send("GET", "/health/live/extra")).isEqualTo(404);
        assertThat(send("GET", "/monitor/operator/nope")).isEqualTo(404);
        awaitTrue(() -> meters.find("http.server.requests").tag("uri", "NOT_FOUND").timer() != null
                && meters.find("http.server.requests").tag("uri", "NOT_FOUND").timer().count() == 3);
    }
}
