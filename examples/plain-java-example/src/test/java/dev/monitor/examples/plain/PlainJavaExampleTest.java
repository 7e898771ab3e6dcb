package dev.monitor.examples.plain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.job.JobState;
import io.micrometer.core.instrument.Timer;
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

/** The example as {@code main} starts it, on a free loopback port, driven over HTTP. */
class PlainJavaExampleTest {

    private static final String TOKEN = "test-token-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private PlainJavaExample application;

    @BeforeEach
    void start() throws Exception {
        application = PlainJavaExample.start("127.0.0.1", 0, TOKEN);
    }

    @AfterEach
    void stop() {
        application.close();
    }

    @Test
    void healthAnswersTheStandardJsonWithEveryCheckAndItsProbes() throws Exception {
        HttpResponse<String> health = send("GET", "/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode report = JSON.readTree(health.body());
        assertThat(report.get("status").asString()).isIn("healthy", "degraded");
        assertThat(report.get("service").asString()).isEqualTo("orders");
        assertThat(report.get("checks").propertyNames()).contains("inventory", "disk", "deadlocks",
                "job-cleanup", "job-nightly-export");
        assertThat(report.get("checks").get("inventory").get("status").asString()).isEqualTo("pass");

        assertThat(send("GET", "/health/live", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(send("HEAD", "/health", null).body()).isEmpty();
        HttpResponse<String> unknown = send("GET", "/health/checks/nope", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(send("POST", "/health", null).statusCode()).isEqualTo(405);
    }

    @Test
    void everyAnswerCarriesARequestIdAndRequestsAreTimedUnderTheirRoute() throws Exception {
        HttpResponse<String> orders = send("GET", "/orders", "req-plain-1");
        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(orders.headers().firstValue("X-Request-ID")).hasValue("req-plain-1");
        assertThat(JSON.readTree(orders.body()).get("request_id").asString()).isEqualTo("req-plain-1");
        assertThat(send("GET", "/health", null).headers().firstValue("X-Request-ID")).isPresent();

        // recorded when the request ends, which may be just after the client has read the answer
        await(() -> timer("/orders") != null && timer("/orders").count() == 1, "the /orders request timer");
        assertThat(timer("/orders").getId().getTag("status")).isEqualTo("200");
    }

    @Test
    void anUnhandledExceptionAndAnUnknownPathGetTheStandardErrorBody() throws Exception {
        HttpResponse<String> failed = send("GET", "/fail", "req-plain-2");
        assertThat(failed.statusCode()).isEqualTo(500);
        JsonNode error = JSON.readTree(failed.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(error.get("request_id").asString()).isEqualTo("req-plain-2");
        assertThat(error.get("timestamp").asString()).endsWith("Z");
        assertThat(failed.body()).doesNotContain("jane@example.com").doesNotContain("IllegalStateException");
        await(() -> application.meters().find("http.server.requests.errors").tag("uri", "/fail").counter() != null,
                "the error counter of /fail");

        HttpResponse<String> missing = send("GET", "/nope", "req-plain-3");
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode notFound = JSON.readTree(missing.body()).get("error");
        assertThat(notFound.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(notFound.get("request_id").asString()).isEqualTo("req-plain-3");
    }

    @Test
    void aCronJobChecksInWithItsTokenAndWithoutOneIsRefused() throws Exception {
        HttpResponse<String> refused = send("POST", "/monitor/jobs/nightly-export/success", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(refused.body()).get("error").get("request_id").asString()).isNotBlank();

        HttpResponse<String> accepted = client.send(request("POST", "/monitor/jobs/nightly-export/success", null)
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(200);
        // the monitor's own thread records the check-in
        await(() -> application.jobs().job("nightly-export").snapshot().state() == JobState.UP,
                "nightly-export to be up");
    }

    @Test
    void theStatusPageShowsThePublicComponentAndItsFeeds() throws Exception {
        HttpResponse<String> page = send("GET", "/status", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
        assertThat(page.body()).contains("Orders status").contains("Ordering");

        HttpResponse<String> summary = send("GET", "/status/api/v2/summary.json", null);
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(summary.body()).get("components").get(0).get("name").asString())
                .isEqualTo("Ordering");
        assertThat(send("GET", "/status/feed.atom", null).statusCode()).isEqualTo(200);
    }

    private Timer timer(String uri) {
        return application.meters().find("http.server.requests").tag("uri", uri).timer();
    }

    private HttpRequest.Builder request(String method, String path, String requestId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + application.port() + path))
                .timeout(Duration.ofSeconds(60)).method(method, HttpRequest.BodyPublishers.noBody());
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return request;
    }

    private HttpResponse<String> send(String method, String path, String requestId) throws Exception {
        return client.send(request(method, path, requestId).build(), HttpResponse.BodyHandlers.ofString());
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
}
