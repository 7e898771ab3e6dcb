package dev.monitor.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The status page servlet in Jetty on loopback, asynchronous and not. */
class StatusPageServletTest {

    private final HealthRegistry health = HealthRegistry.builder().reportTimeout(Duration.ofMinutes(1)).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        health.register("database", HealthResult::pass);
        health.register("cache", () -> HealthResult.fail("evicted"));
        StatusPage page = StatusPage.builder("Orders").health(health)
                .component(PublicComponent.builder("orders").displayName("Orders API").checks("database").build()).build();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        // the internal view, for an operator (every caller of these two is authorized)
        ServletHolder async = new ServletHolder(StatusPageServlet.builder(page).authorizer(request -> true).build());
        async.setAsyncSupported(true);
        context.addServlet(async, "/status");
        ServletHolder blocking = new ServletHolder(StatusPageServlet.builder(page).authorizer(request -> true).build());
        blocking.setAsyncSupported(false);
        context.addServlet(blocking, "/sync-status");
        ServletHolder anonymous = new ServletHolder(new StatusPageServlet(page)); // default: a user principal is needed
        anonymous.setAsyncSupported(true);
        context.addServlet(anonymous, "/public/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        health.close();
    }

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void browsersGetTheHtmlPageWithAStrictPolicy() throws Exception {
        for (String path : new String[] {"/status", "/sync-status"}) {
            HttpResponse<String> response = send("GET", path, "text/html,application/xhtml+xml,*/*;q=0.8");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type.toLowerCase()).startsWith("text/html").contains("charset=utf-8"));
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains(StatusPage.CONTENT_SECURITY_POLICY);
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.body()).contains("<span class=\"name\">cache</span><span class=\"state outage\">Outage</span>")
                    .contains("Outage in progress");
        }
    }

    @Test
    void theSameDataComesAsJsonForTheFormatParameterOrTheAcceptHeader() throws Exception {
        for (HttpResponse<String> response : java.util.List.of(send("GET", "/status?format=json", null),
                send("GET", "/status", "application/json"))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/json"));
            JsonNode json = new ObjectMapper().readTree(response.body());
            assertThat(json.get("status").asString()).isEqualTo("outage");
            assertThat(json.get("components")).hasSize(2);
            assertThat(json.get("components").get(0).get("name").asString()).isEqualTo("cache");
        }
    }

    @Test
    void headAnswersWithoutABodyAndOtherMethodsAreRefused() throws Exception {
        HttpResponse<String> head = send("HEAD", "/status", null);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        HttpResponse<String> post = send("POST", "/status", null);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertStandardErrorBody(post, "METHOD_NOT_ALLOWED");
        HttpResponse<String> missing = send("GET", "/public/nope", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertStandardErrorBody(missing, "NOT_FOUND");
    }

    /** The standard body, whose request ID is the one in the response's X-Request-ID header. */
    private static void assertStandardErrorBody(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        JsonNode error = new ObjectMapper().readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("timestamp").asString()).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-ID")).contains(error.get("request_id").asString());
    }

    @Test
    void anonymousCallersGetOnlyThePublicComponentsTheFeedAndTheSummary() throws Exception {
        HttpResponse<String> page = send("GET", "/public", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<span class=\"name\">Orders API</span><span class=\"state operational\">Operational</span>")
                .contains("href=\"/public/feed.atom\"").contains("href=\"/public/api/v2/summary.json\"")
                .doesNotContain("cache").doesNotContain("evicted").doesNotContain("database");

        HttpResponse<String> summary = send("GET", "/public/api/v2/summary.json", null);
        assertThat(summary.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode json = new ObjectMapper().readTree(summary.body());
        assertThat(json.get("page").get("url").asString()).isEqualTo("/public");
        assertThat(json.get("components")).singleElement().satisfies(component ->
                assertThat(component.get("name").asString()).isEqualTo("Orders API"));
        JsonNode formatJson = new ObjectMapper().readTree(send("GET", "/public?format=json", null).body());
        assertThat(formatJson.propertyNames()).containsExactly("page", "components", "incidents", "scheduled_maintenances", "status");
        assertThat(formatJson.toString()).doesNotContain("evicted").doesNotContain("cache");

        HttpResponse<String> feed = send("GET", "/public/feed.atom", null);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/atom+xml"));
        assertThat(feed.body()).startsWith("<?xml").contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">");
        assertThat(send("GET", "/public/nothing-here", null).statusCode()).isEqualTo(404);
    }
}
