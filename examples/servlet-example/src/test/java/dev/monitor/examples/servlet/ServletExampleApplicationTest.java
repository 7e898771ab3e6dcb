package dev.monitor.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ServletExampleApplicationTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private ServletExampleApplication application;

    @BeforeEach
    void start() throws Exception {
        application = ServletExampleApplication.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        application.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits for what the application does after it has answered (a hang guard only, not a time limit). */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    private long requestsAnswered200() {
        io.micrometer.core.instrument.Timer timer = application.meters().find("http.server.requests").tag("status", "200")
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void healthAnswersWithTheDatabaseCheckAndTheOptionalDependencyNeverTakesItDown() throws Exception {
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"database\":{\"status\":\"pass\"", "\"payment-provider\"")
                    .containsPattern("\"status\":\"(healthy|degraded)\"");
        }
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/health/started").statusCode()).isEqualTo(200);
    }

    @Test
    void everyAnswerCarriesARequestIdAndAValidInboundOneIsKept() throws Exception {
        // the uptime self-check requests /orders once at start (then every 30 s): let it finish first
        await(() -> application.uptime().summary("orders-api").lastResult() != null, "the uptime self-check");
        await(() -> requestsAnswered200() == 1, "the self-check's request counted");
        long before = requestsAnswered200();
        HttpResponse<String> generated = get("/orders");
        assertThat(generated.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).isNotBlank());

        HttpResponse<String> kept = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port()
                + "/orders")).header("X-Request-ID", "checkout-42").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("checkout-42");
        // a request is counted as it ends, just after the client has its answer
        await(() -> requestsAnswered200() >= before + 2, "both requests counted");
        assertThat(requestsAnswered200()).isEqualTo(before + 2);
    }

    @Test
    void unhandledExceptionAnswersTheStandardErrorBodyWithoutInternalText() throws Exception {
        HttpResponse<String> failed = get("/fail");
        assertThat(failed.statusCode()).isEqualTo(500);
        String requestId = failed.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(failed.body()).contains("\"code\":\"INTERNAL_ERROR\"", "\"request_id\":\"" + requestId + "\"")
                .doesNotContain("alice@example.com").doesNotContain("inventory lookup");
    }

    @Test
    void slowQueryAndNPlusOnePatternAreDetected() throws Exception {
        // the example times statements on the real clock with a 200 ms threshold: the 300 ms statement is slow
        // whatever the machine does; a busy machine may make others slow too (creating the schema at start, say)
        long slowSelectsBefore = slowSelects();
        assertThat(get("/orders/slow").body()).contains("large_orders");
        assertThat(slowSelects()).isEqualTo(slowSelectsBefore + 1);

        assertThat(get("/orders/report").body()).contains("\"lines\":1");
        assertThat(application.meters().get("monitor.jdbc.query.repeated").counter().count()).isEqualTo(1.0);
    }

    private long slowSelects() {
        io.micrometer.core.instrument.Timer timer = application.meters().find("monitor.jdbc.query.slow")
                .tags("operation", "select", "outcome", "success").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void statusPageShowsCustomersThePublicComponentsAndNoInternals() throws Exception {
        HttpResponse<String> page = get("/status");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "<title>Orders status</title>", "Ordering", "Payments")
                .doesNotContain("payment-provider").doesNotContain("orders-api").doesNotContain("liveness")
                .doesNotContain("Exception").doesNotContain("RepeatedAuthenticationFailures");
        assertThat(get("/status?format=json").body()).contains("\"components\"", "\"name\":\"Ordering\"")
                .doesNotContain("payment-provider");
        assertThat(get("/status/api/v2/summary.json").body()).contains("\"status\"", "\"indicator\"");
        assertThat(get("/status/feed.atom").body()).contains("http://www.w3.org/2005/Atom");
    }

    @Test
    void elevenFailedLoginsInAMinuteRaiseOneSecurityAlert() throws Exception {
        for (int i = 0; i < 11; i++) {
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + application.port() + "/login")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(401);
        }
        await(() -> application.alerts().activeAlerts().stream().anyMatch(
                entry -> entry.alert().name().equals("RepeatedAuthenticationFailures")), "the security alert");
        assertThat(application.alerts().activeAlerts()).filteredOn(entry -> entry.alert().name().equals("RepeatedAuthenticationFailures"))
                .hasSize(1);
    }

    @Test
    void anUnknownPathAndARefusedLoginAnswerTheStandardErrorBodyWithTheRequestId() throws Exception {
        HttpResponse<String> missing = get("/nope");
        assertStandardBody(missing, 404, "NOT_FOUND");
        assertThat(missing.body()).doesNotContainIgnoringCase("<html");

        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + application.port() + "/login")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertStandardBody(login, 401, "UNAUTHORIZED");

        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + application.port() + "/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertStandardBody(post, 405, "METHOD_NOT_ALLOWED");
        assertStandardBody(get("/health/checks/nope"), 404, "NOT_FOUND");
    }

    private static void assertStandardBody(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        JsonNode error = JsonMapper.builder().build().readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("request_id").asString()).isEqualTo(requestId);
        assertThat(error.get("timestamp").asString()).endsWith("Z");
    }

    @Test
    void ordersApiServes() throws Exception {
        assertThat(get("/orders").body()).contains("\"id\":1");
        assertThat(get("/orders/2").body()).contains("\"total_cents\":4999");
        assertThat(get("/orders/99").statusCode()).isEqualTo(404);
    }

    @Test
    void theOperatorApiAnswersWithTheTokenFromTheConfigurationAnd401WithoutIt() throws Exception {
        String token = "example-operator-token-0123456789";
        try (ServletExampleApplication withOperator = ServletExampleApplication.start("127.0.0.1", 0, token)) {
            String base = "http://127.0.0.1:" + withOperator.port() + "/monitor/operator";
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create(base + "/alerts"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"request_id\"", "\"timestamp\"");

            HttpResponse<String> silence = client.send(HttpRequest.newBuilder(URI.create(base + "/silences"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\":[{\"name\":\"service\",\"value\":\"orders\"}],"
                            + "\"duration\":\"1h\",\"comment\":\"deploy\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(silence.statusCode()).isEqualTo(200);
            assertThat(silence.body()).contains("\"silenceID\"");
            assertThat(withOperator.alerts().silences()).hasSize(1);
        }
        if (System.getenv(ServletExampleApplication.OPERATOR_TOKEN_VARIABLE) == null) {
            // without a token there is no operator API
            assertThat(get("/monitor/operator/alerts").statusCode()).isEqualTo(404);
        }
    }
}
