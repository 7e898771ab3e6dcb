package dev.monitor.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.monitor.rule.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example with {@code ALERT_WEBHOOK_URL} set, as the README tells: a standard rule reading the request metrics
 * fires, and the alert reaches a real webhook receiver on loopback. The rule interval and pending time are shortened
 * so that the test does not wait minutes; everything else is the example's configuration.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {"server.address=127.0.0.1",
        "spring.datasource.url=jdbc:h2:mem:orders-alerts;DB_CLOSE_DELAY=-1",
        "monitor.rules.interval=1s", "monitor.rules.standard.high-error-rate.pending-for=0s",
        "monitor.alerts.routing.group-wait=0s"})
class SpringBootExampleAlertsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static final HttpServer webhook = startWebhook();

    private final HttpClient client = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    RuleEngine rules;

    @DynamicPropertySource
    static void alertWebhook(DynamicPropertyRegistry registry) {
        registry.add("ALERT_WEBHOOK_URL", () -> "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
    }

    @AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void failingRequestsFireTheHighErrorRateRuleWhoseAlertReachesTheWebhook() throws Exception {
        // the rate needs a first reading before the failures
        await(() -> rules.statuses().stream()
                .anyMatch(status -> status.rule().equals("HighErrorRate") && status.lastEvaluatedAt() != null));
        for (int i = 0; i < 5; i++) {
            assertThat(get("/orders").statusCode()).isEqualTo(200);
            assertThat(get("/orders/fail").statusCode()).isEqualTo(500);
        }

        await(() -> received.stream().anyMatch(body -> body.contains("HighErrorRate")));
        String body = received.stream().filter(candidate -> candidate.contains("HighErrorRate")).findFirst().orElseThrow();
        JsonNode alert = JSON.readTree(body).get("alerts").get(0);
        assertThat(alert.get("status").asString()).isEqualTo("firing");
        assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("HighErrorRate");
        assertThat(alert.get("labels").get("service").asString()).isEqualTo("orders");
        assertThat(alert.get("labels").get("severity").asString()).isEqualTo("critical");
        assertThat(alert.get("annotations").get("summary").asString()).contains("of requests fail with 5xx");
        // the failing endpoint's exception names a customer: it never reaches the alert
        assertThat(body).doesNotContain("alice@example.com");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer startWebhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/alerts", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s; webhook received " + received);
            }
            Thread.sleep(20);
        }
    }
}
