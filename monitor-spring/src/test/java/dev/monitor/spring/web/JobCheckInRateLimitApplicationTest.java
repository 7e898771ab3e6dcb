package dev.monitor.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.job.JobMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP check-ins' rate limit in a real Spring Boot application: {@code monitor.jobs.http.rate-limit} requests per
 * period (here 3 an hour, which no test run outlasts), then 429 with {@code Retry-After} and the standard error body,
 * for valid and guessed tokens alike, and nothing recorded.
 */
@SpringBootTest(classes = JobCheckInRateLimitApplicationTest.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            "spring.autoconfigure.exclude=" + StarterWebApplicationTest.SECURITY_AUTO_CONFIGURATIONS,
            "monitor.jobs.token=global-token-0123456789abcdef", "monitor.jobs.external.heartbeat.interval=5m",
            "monitor.jobs.http.rate-limit=3", "monitor.jobs.http.rate-limit-period=1h"})
class JobCheckInRateLimitApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @Autowired
    JobMonitor jobs;

    @Test
    void beyondTheRateLimitTheAnswerIs429WithRetryAfterAndNothingIsRecorded() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(ping("global-token-0123456789abcdef").statusCode()).as("request %d", i).isEqualTo(200);
        }
        Instant lastCheckIn = jobs.snapshot("heartbeat").lastCheckIn();

        HttpResponse<String> limited = ping("global-token-0123456789abcdef");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 3600L);
        JsonNode error = JSON.readTree(limited.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(error.get("request_id").asString()).isEqualTo(limited.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(error.get("timestamp").asString()).endsWith("Z");
        assertThat(ping("guessed-token-0123456789abcdef").statusCode()).isEqualTo(429);
        assertThat(jobs.snapshot("heartbeat").lastCheckIn()).isEqualTo(lastCheckIn);
    }

    private HttpResponse<String> ping(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor/jobs/heartbeat/ping"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
