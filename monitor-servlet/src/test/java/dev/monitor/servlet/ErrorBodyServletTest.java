package dev.monitor.servlet;

import static dev.monitor.servlet.Conditions.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.request.RequestMonitor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error page on real Jetty 12 and real embedded Tomcat: 404, 405, 401, 403 and the health endpoints' errors all
 * answer the standard error body with the request ID of the request filter, which is also the {@code X-Request-ID}
 * header; the library's routes are the {@code uri} tag, never the raw path.
 */
class ErrorBodyServletTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RequestMonitor monitor = RequestMonitor.builder().meterRegistry(meters).build();
    private final HealthRegistry health = HealthRegistry.builder().reportTimeout(Duration.ofMinutes(1)).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private AutoCloseable server;
    private String base;

    @TempDir
    Path tomcatBase;

    /** The containers the error page is documented for. */
    enum Container {
        JETTY, TOMCAT
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        health.close();
    }

    private Map<String, Servlet> servlets() {
        health.register("database", HealthResult::pass);
        health.register("payment-provider", () -> HealthResult.fail("answered 503"),
                CheckOptions.builder().critical(false).build());
        Map<String, Servlet> servlets = new LinkedHashMap<>();
        servlets.put("/health/*", HealthServlet.builder(health).build());
        servlets.put("/orders/*", new HttpServlet() { // GET only: HttpServlet answers other methods 405
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("application/json");
                response.getWriter().write("[]");
            }
        });
        servlets.put("/login", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(401, "invalid credentials for jane@example.com");
            }
        });
        servlets.put("/admin", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(403);
            }
        });
        servlets.put("/boom", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                throw new IllegalStateException("password=hunter2");
            }
        });
        servlets.put(ErrorBodyServlet.PATH, new ErrorBodyServlet());
        return servlets;
    }

    private void start(Container container) throws Exception {
        Map<String, Servlet> servlets = servlets();
        RequestMonitoringFilter filter = new RequestMonitoringFilter(monitor);
        if (container == Container.JETTY) {
            Server jetty = new Server();
            ServerConnector connector = new ServerConnector(jetty);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            jetty.addConnector(connector);
            ServletContextHandler context = new ServletContextHandler();
            FilterHolder holder = new FilterHolder(filter);
            holder.setAsyncSupported(true);
            context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR));
            servlets.forEach((path, servlet) -> {
                ServletHolder servletHolder = new ServletHolder(servlet);
                servletHolder.setAsyncSupported(true);
                context.addServlet(servletHolder, path);
            });
            ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
            errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, ErrorBodyServlet.PATH);
            context.setErrorHandler(errors);
            jetty.setHandler(context);
            jetty.start();
            server = jetty::stop;
            base = "http://127.0.0.1:" + connector.getLocalPort();
        } else {
            Tomcat tomcat = new Tomcat();
            tomcat.setBaseDir(tomcatBase.toString());
            Connector connector = new Connector();
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            tomcat.setConnector(connector);
            Context context = tomcat.addContext("", tomcatBase.toString());
            FilterDef def = new FilterDef();
            def.setFilterName("monitor");
            def.setFilter(filter);
            def.setAsyncSupported("true");
            context.addFilterDef(def);
            FilterMap map = new FilterMap();
            map.setFilterName("monitor");
            map.addURLPattern("/*");
            map.setDispatcher(DispatcherType.REQUEST.name());
            map.setDispatcher(DispatcherType.ASYNC.name());
            map.setDispatcher(DispatcherType.ERROR.name());
            context.addFilterMap(map);
            int[] index = {0};
            servlets.forEach((path, servlet) -> {
                String name = "servlet" + index[0]++;
                Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
                wrapper.setAsyncSupported(true);
                context.addServletMappingDecoded(path, name);
            });
            ErrorPage errors = new ErrorPage(); // no code and no exception type: the default error page
            errors.setLocation(ErrorBodyServlet.PATH);
            context.addErrorPage(errors);
            tomcat.start();
            server = () -> {
                tomcat.stop();
                tomcat.destroy();
            };
            base = "http://127.0.0.1:" + connector.getLocalPort();
        }
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts the standard body with the header's request ID, and returns its error object. */
    private static JsonNode assertStandardBody(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.uri().toString())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.propertyNames()).containsExactly("error");
        JsonNode error = json.get("error");
        assertThat(error.propertyNames()).containsExactly("code", "message", "request_id", "timestamp");
        assertThat(error.get("code").asString()).as(response.uri().toString()).isEqualTo(code);
        assertThat(error.get("request_id").asString()).as(response.uri().toString()).isEqualTo(requestId);
        assertThat(Instant.parse(error.get("timestamp").asString())).isNotNull();
        return error;
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnmappedPathAnswers404WithTheStandardBodyNotTheContainersPage(Container container) throws Exception {
        start(container);
        HttpResponse<String> response = send("GET", "/nope/%3Cscript%3E");

        JsonNode error = assertStandardBody(response, 404, "NOT_FOUND");
        assertThat(error.get("message").asString()).isEqualTo("Not found");
        assertThat(response.body()).doesNotContain("<script>").doesNotContainIgnoringCase("<html");
        awaitTrue(() -> meters.find("http.server.requests").tags("uri", "NOT_FOUND", "status", "404").timer() != null);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aMethodTheServletDoesNotServeAnswers405WithTheStandardBody(Container container) throws Exception {
        start(container);
        JsonNode error = assertStandardBody(send("POST", "/orders"), 405, "METHOD_NOT_ALLOWED");
        assertThat(error.get("message").asString()).isEqualTo("Method not allowed");
        awaitTrue(() -> meters.find("http.server.requests").tags("uri", "/orders/*", "status", "405").timer() != null);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void unauthorizedAndForbiddenAnswerTheStandardBodyWithoutTheApplicationsText(Container container) throws Exception {
        start(container);
        HttpResponse<String> unauthorized = send("POST", "/login");
        assertStandardBody(unauthorized, 401, "UNAUTHORIZED");
        assertThat(unauthorized.body()).doesNotContain("jane@example.com").doesNotContain("invalid credentials");
        assertStandardBody(send("GET", "/admin"), 403, "FORBIDDEN");
        // the failed authentications are still counted for the security events
        awaitTrue(() -> meters.find("monitor.security.auth.failures").tag("status", "401").counter() != null
                && meters.find("monitor.security.auth.failures").tag("status", "403").counter() != null);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void theHealthEndpointsErrorsAnswerTheStandardBodyUnderTheirRoute(Container container) throws Exception {
        start(container);
        JsonNode missing = assertStandardBody(send("GET", "/health/checks/nope"), 404, "NOT_FOUND");
        assertThat(missing.get("message").asString()).isEqualTo("no such health check or group");
        assertStandardBody(send("GET", "/health/no-such-group"), 404, "NOT_FOUND");
        HttpResponse<String> post = send("POST", "/health");
        assertStandardBody(post, 405, "METHOD_NOT_ALLOWED");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        awaitTrue(() -> meters.find("http.server.requests").tags("uri", "/health/checks/{name}", "status", "404").timer() != null
                && meters.find("http.server.requests").tags("uri", "/health/{group}", "status", "404").timer() != null
                && meters.find("http.server.requests").tags("uri", "/health", "status", "405").timer() != null);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aNonCriticalFailingCheckAgreesWithTheWholeReport(Container container) throws Exception {
        start(container);
        HttpResponse<String> all = send("GET", "/health");
        HttpResponse<String> single = send("GET", "/health/checks/payment-provider");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(single.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).get("status").asString()).isEqualTo("degraded");
        JsonNode report = JSON.readTree(single.body());
        assertThat(report.get("status").asString()).isEqualTo("degraded");
        assertThat(report.get("checks").get("payment-provider").get("critical").asBoolean()).isFalse();
        awaitTrue(() -> meters.find("http.server.requests").tags("uri", "/health", "status", "200").timer() != null
                && meters.find("http.server.requests").tags("uri", "/health/checks/{name}", "status", "200").timer() != null);
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void anUnhandledExceptionIsTaggedWithItsClassAndAnswersTheStandardBody(Container container) throws Exception {
        start(container);
        HttpResponse<String> response = send("GET", "/boom");

        JsonNode error = assertStandardBody(response, 500, "INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(response.body()).doesNotContain("hunter2");
        awaitTrue(() -> meters.find("http.server.requests.errors").tags("uri", "/boom", "exception", "IllegalStateException")
                .counter() != null);
        assertThat(meters.find("http.server.requests").tags("uri", "/boom", "exception", "none").timer()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void openingTheErrorPageDirectlyIsNotFound(Container container) throws Exception {
        start(container);
        assertStandardBody(send("GET", ErrorBodyServlet.PATH), 404, "NOT_FOUND");
        // HEAD answers the status without a body
        HttpResponse<String> head = send("HEAD", "/nope");
        assertThat(head.statusCode()).isEqualTo(404);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("X-Request-ID")).isPresent();
    }
}
