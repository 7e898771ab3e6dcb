package dev.monitor.spring.sentry;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.sentry.RouteTracesSampler;
import dev.monitor.spring.RecordingHttpServer;
import io.sentry.Sentry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trace hygiene in a real Spring Boot application on embedded Tomcat with Sentry's own Spring Boot 4 starter, its
 * tracing filter and tracing at 1.0, reporting to a loopback envelope receiver: the probe routes ({@code /health},
 * {@code /health/live}, {@code /status}, {@code /actuator/health}, a job check-in) record no transaction while a
 * business route records one. Runs in the {@code sentry-spring-boot-4} surefire execution with that starter's jars.
 *
 * <p>Not recorded is shown, not assumed after a wait: the SDK counts each transaction a sampler dropped in its client
 * report ({@code sample_rate}/{@code transaction}), which rides on the next envelope. The test sends business requests
 * until the receiver has seen one drop for every probe, then checks that no probe's transaction arrived.
 */
@SpringBootTest(classes = SentryTraceSamplingApplicationTest.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            // Spring Security is on the test class path for SpringSecurityApplicationTest; this application is open
            "spring.autoconfigure.exclude=" + SentryTraceSamplingApplicationTest.SECURITY_AUTO_CONFIGURATIONS,
            "sentry.traces-sample-rate=1.0", "monitor.status.enabled=true",
            "monitor.jobs.token=" + SentryTraceSamplingApplicationTest.JOB_TOKEN,
            "monitor.jobs.external.stock-import.interval=15m"})
@DirtiesContext
class SentryTraceSamplingApplicationTest {

    static final String SECURITY_AUTO_CONFIGURATIONS =
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";
    static final String JOB_TOKEN = "job-token-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RecordingHttpServer SENTRY = RecordingHttpServer.start();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void sentryDsn(DynamicPropertyRegistry registry) {
        registry.add("sentry.dsn", () -> "http://0123456789abcdef0123456789abcdef@127.0.0.1:" + SENTRY.port() + "/42");
    }

    @AfterAll
    static void stop() {
        SENTRY.close();
    }

    @Test
    void noTransactionIsRecordedForHealthStatusActuatorOrAJobCheckInWhileOneIsForABusinessRoute() throws Exception {
        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isInstanceOf(RouteTracesSampler.class);
        List<String> probes = List.of("/health", "/health/live", "/status", "/actuator/health");
        for (String probe : probes) {
            assertThat(send("GET", probe).statusCode()).as(probe).isEqualTo(200);
        }
        assertThat(send("POST", "/monitor/jobs/stock-import/success").statusCode()).isLessThan(300);
        int dropped = probes.size() + 1;

        assertThat(send("GET", "/orders/42").statusCode()).isEqualTo(200);
        await(() -> {
            Sentry.flush(10_000); // returns once the queue is sent: a hang guard
            if (droppedTransactions() >= dropped) {
                return true;
            }
            send("GET", "/orders/43"); // carries the drops of probe transactions that finished after the last one
            return false;
        });

        assertThat(droppedTransactions()).isEqualTo(dropped);
        List<String> recorded = transactionNames();
        assertThat(recorded).isNotEmpty().allSatisfy(name -> assertThat(name).isEqualTo("GET /orders/{id}"));
    }

    private HttpResponse<String> send(String method, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
            if (path.startsWith("/monitor/jobs")) {
                request.header("Authorization", "Bearer " + JOB_TOKEN);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The items of every envelope received, as JSON, with the type from their header. */
    private static List<Map.Entry<String, JsonNode>> items() {
        List<Map.Entry<String, JsonNode>> items = new ArrayList<>();
        for (RecordingHttpServer.Request request : SENTRY.requests()) {
            String[] lines = request.body().split("\n");
            for (int i = 1; i + 1 < lines.length; i += 2) { // line 0: envelope header; then item header, payload
                JsonNode header = JSON.readTree(lines[i]);
                items.add(Map.entry(header.path("type").asString(), JSON.readTree(lines[i + 1])));
            }
        }
        return items;
    }

    private static long droppedTransactions() {
        long dropped = 0;
        for (Map.Entry<String, JsonNode> item : items()) {
            if (item.getKey().equals("client_report")) {
                for (JsonNode discarded : item.getValue().path("discarded_events")) {
                    if (discarded.path("reason").asString().equals("sample_rate")
                            && discarded.path("category").asString().equals("transaction")) {
                        dropped += discarded.path("quantity").asLong();
                    }
                }
            }
        }
        return dropped;
    }

    private static List<String> transactionNames() {
        return items().stream().filter(item -> item.getKey().equals("transaction"))
                .map(item -> item.getValue().path("transaction").asString()).toList();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Orders.class)
    static class Application {
    }

    @RestController
    static class Orders {

        @GetMapping("/orders/{id}")
        Map<String, String> order(@PathVariable String id) {
            return Map.of("id", id);
        }
    }
}
