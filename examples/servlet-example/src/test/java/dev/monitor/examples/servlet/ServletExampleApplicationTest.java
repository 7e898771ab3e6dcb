package dev.monitor.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
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
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (application.uptime().summary("orders-api").lastResult() == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long before = application.meters().get("http.server.requests").tag("status", "200").timer().count();
        HttpResponse<String> generated = get("/orders");
        assertThat(generated.headers().firstValue("X-Request-ID")).hasValueSatisfying(id -> assertThat(id).isNotBlank());

        HttpResponse<String> kept = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port()
                + "/orders")).header("X-Request-ID", "checkout-42").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("checkout-42");
        assertThat(application.meters().get("http.server.requests").tag("status", "200").timer().count()).isEqualTo(before + 2);
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
        assertThat(get("/orders/slow").body()).contains("large_orders");
        assertThat(application.meters().get("monitor.jdbc.query.slow").timer().count()).isEqualTo(1);

        assertThat(get("/orders/report").body()).contains("\"lines\":1");
        assertThat(application.meters().get("monitor.jdbc.query.repeated").counter().count()).isEqualTo(1.0);
    }

    @Test
    void statusPageShowsTheChecksAndTheUptimeTarget() throws Exception {
        HttpResponse<String> page = get("/status");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html", "database", "orders-api", "payment-provider");
        assertThat(get("/status?format=json").body()).contains("\"components\"");
    }

    @Test
    void elevenFailedLoginsInAMinuteRaiseOneSecurityAlert() throws Exception {
        for (int i = 0; i < 11; i++) {
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + application.port() + "/login")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(401);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (application.alerts().activeAlerts().stream().noneMatch(
                entry -> entry.alert().name().equals("RepeatedAuthenticationFailures")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(application.alerts().activeAlerts()).filteredOn(entry -> entry.alert().name().equals("RepeatedAuthenticationFailures"))
                .hasSize(1);
    }

    @Test
    void ordersApiServes() throws Exception {
        assertThat(get("/orders").body()).contains("\"id\":1");
        assertThat(get("/orders/2").body()).contains("\"total_cents\":4999");
        assertThat(get("/orders/99").statusCode()).isEqualTo(404);
    }
}
