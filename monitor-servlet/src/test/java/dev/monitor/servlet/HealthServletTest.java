package dev.monitor.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.health.ServiceInfo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServletTest {

    private final HealthRegistry registry = HealthRegistry.builder().service(new ServiceInfo("orders", "1.0", "test"))
            .reportTimeout(Duration.ofMinutes(1)).build(); // a hang guard: a busy machine never reaches it
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        // Test stand-in for container authentication: a header becomes the user principal.
        Filter login = (request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String user = http.getHeader("X-Test-User");
            chain.doFilter(user == null ? request : new HttpServletRequestWrapper(http) {
                @Override
                public Principal getUserPrincipal() {
                    return () -> user;
                }
            }, response);
        };
        FilterHolder loginHolder = new FilterHolder(login);
        loginHolder.setAsyncSupported(true);
        context.addFilter(loginHolder, "/*", EnumSet.of(DispatcherType.REQUEST));
        ServletHolder health = new ServletHolder(HealthServlet.builder(registry).build());
        health.setAsyncSupported(true);
        context.addServlet(health, "/health/*");
        ServletHolder blocking = new ServletHolder(HealthServlet.builder(registry).build());
        blocking.setAsyncSupported(false);
        context.addServlet(blocking, "/sync-health/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        server.stop();
        registry.close();
    }

    private HttpResponse<String> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthAnswersTheContractWithNoStore() throws Exception {
        registry.register("database", HealthResult::pass);
        HttpResponse<String> response = send("GET", "/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(response.body()).contains("\"status\":\"healthy\"", "\"service\":\"orders\"",
                "\"database\":{\"status\":\"pass\"");
    }

    @Test
    void criticalFailureIs503AndNonCriticalFailureIs200() throws Exception {
        registry.register("stripe", () -> HealthResult.fail("timeout"), CheckOptions.builder().critical(false).build());
        HttpResponse<String> degraded = send("GET", "/health");
        assertThat(degraded.statusCode()).isEqualTo(200);
        assertThat(degraded.body()).contains("\"status\":\"degraded\"");

        registry.register("database", () -> HealthResult.fail("connection refused"));
        HttpResponse<String> unhealthy = send("GET", "/health");
        assertThat(unhealthy.statusCode()).isEqualTo(503);
        assertThat(unhealthy.body()).contains("\"status\":\"unhealthy\"").doesNotContain("\"status\":\"healthy\"");
    }

    @Test
    void everyEndpointAnswersGetAndHead() throws Exception {
        registry.register("database", HealthResult::pass);
        registry.register("deadlocks", HealthResult::pass, CheckOptions.builder().groups("live").build());
        registry.markStarted();
        for (String path : new String[] {"/health", "/health/", "/health/live", "/health/ready", "/health/started",
            "/health/checks/database"}) {
            assertThat(send("GET", path).statusCode()).as(path).isEqualTo(200);
            HttpResponse<String> head = send("HEAD", path);
            assertThat(head.statusCode()).as(path).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
        assertThat(send("GET", "/health/checks/nope").statusCode()).isEqualTo(404);
        assertThat(send("POST", "/health").statusCode()).isEqualTo(405);
    }

    @Test
    void acceptHealthJsonReturnsTheIetfFormat() throws Exception {
        registry.register("database", HealthResult::pass);
        HttpResponse<String> response = send("GET", "/health", "Accept", "application/health+json");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/health+json"));
        assertThat(response.body()).contains("\"status\":\"pass\"", "\"database:responseTime\"");
    }

    @Test
    void anonymousCallersSeeNoErrorTextAndAuthenticatedCallersDo() throws Exception {
        registry.register("database", () -> {
            throw new java.sql.SQLException("FATAL: password authentication failed for user \"orders\"\n\tat org.postgresql.core");
        });
        HttpResponse<String> anonymous = send("GET", "/health");
        assertThat(anonymous.statusCode()).isEqualTo(503);
        assertThat(anonymous.body()).doesNotContain("password").doesNotContain("SQLException").doesNotContain("errors");

        HttpResponse<String> authorized = send("GET", "/health", "X-Test-User", "ops");
        assertThat(authorized.body()).contains("SQLException: FATAL: password authentication failed")
                .doesNotContain("org.postgresql.core").doesNotContain("\\tat");
    }

    @Test
    void hungCheckAnswersWithinItsTimeoutOnAsyncAndBlockingServlets() throws Exception {
        // One hung check per servlet, each in its own group, so each request starts its own run. The checks
        // return only when the test ends: an answer at all shows the servlet did not wait for them, and the
        // error shows the check's 300 ms deadline answered (no stopwatch: a busy machine may be slower).
        CheckOptions hung = CheckOptions.builder().timeout(Duration.ofMillis(300)).build();
        registry.register("hung-async", () -> {
            release.await();
            return HealthResult.pass();
        }, CheckOptions.from(hung).groups("async-probe").build());
        registry.register("hung-blocking", () -> {
            release.await();
            return HealthResult.pass();
        }, CheckOptions.from(hung).groups("blocking-probe").build());

        for (String path : new String[] {"/health/async-probe", "/sync-health/blocking-probe"}) {
            HttpResponse<String> response = send("GET", path, "X-Test-User", "ops");
            assertThat(response.statusCode()).as(path).isEqualTo(503);
            assertThat(response.body()).as(path).contains("timed out after 300 ms");
        }
    }

    @Test
    void customAuthorizerThatThrowsTreatsTheCallerAsAnonymous() throws Exception {
        HealthServlet servlet = HealthServlet.builder(registry).authorizer(request -> {
            throw new IllegalStateException("auth backend down");
        }).build();
        registry.register("database", () -> HealthResult.fail("secret detail"));
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        ServletHolder holder = new ServletHolder(servlet);
        context.getServletHandler().addServletWithMapping(holder, "/throwing-auth/*");
        HttpResponse<String> response = send("GET", "/throwing-auth");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).doesNotContain("secret detail");
    }
}
