package dev.monitor.spring.web;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.request.RequestMonitor;
import dev.monitor.servlet.RequestMonitoringFilter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter in a real Spring Boot application on embedded Tomcat, with Actuator and Spring Boot's observation-based
 * HTTP metrics: the filter runs once per request, the uri tag is Spring MVC's route template, Spring MVC's unhandled
 * exceptions get the standard error body while handled ones keep the application's answer, and
 * {@code http.server.requests} is recorded once, by one instrumentation, with one set of tag keys.
 */
@SpringBootTest(classes = StarterWebApplicationTest.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            // Spring Security is on the test class path for SpringSecurityApplicationTest; this application is open
            "spring.autoconfigure.exclude=" + StarterWebApplicationTest.SECURITY_AUTO_CONFIGURATIONS})
class StarterWebApplicationTest {

    static final String SECURITY_AUTO_CONFIGURATIONS =
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
            + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    RequestMonitor monitor;

    @Autowired
    ServletContext servletContext;

    @Test
    void theFilterRunsOnceAndTheRequestIsRecordedOnceUnderItsRouteTemplate() throws Exception {
        HttpResponse<String> response = get("/things/42", "req-once-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().allValues("X-Request-ID")).containsExactly("req-once-1");
        // recorded when the request ends, which may be just after the client has read the answer
        await(() -> meters.find("http.server.requests").tag("uri", "/things/{id}").timer() != null);
        Timer timer = meters.get("http.server.requests").tag("uri", "/things/{id}").timer();
        assertThat(timer.count()).isEqualTo(1);
        // Spring Boot's observation filter records the timer (its meter handler adds an "error" tag that ours does not
        // have: a Prometheus registry would refuse the second set); ours stepped aside, so there is one set only
        Set<Set<String>> tagKeys = meters.find("http.server.requests").meters().stream()
                .map(Meter::getId).map(id -> id.getTags().stream().map(Tag::getKey).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertThat(tagKeys).containsExactly(Set.of("error", "exception", "method", "outcome", "status", "uri"));
        assertThat(servletContext.getAttribute(RequestMonitoringFilter.MONITOR_ATTRIBUTE)).isSameAs(monitor);
    }

    @Test
    void anExceptionAControllerLeavesUnhandledGetsTheStandardErrorBody() throws Exception {
        HttpResponse<String> response = get("/boom", null);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(error.get("request_id").asString()).isEqualTo(requestId);
        assertThat(error.get("timestamp").asString()).endsWith("Z");
        assertThat(response.body()).doesNotContain("jane@example.com").doesNotContain("IllegalStateException");
        // counted when the request ends, which may be just after the client has read the answer
        await(() -> meters.find("http.server.requests.errors").tag("uri", "/boom").tag("exception", "IllegalStateException")
                .counter() != null);
        assertThat(meters.get("http.server.requests.errors").tag("uri", "/boom").tag("exception", "IllegalStateException")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void exceptionsTheApplicationHandlesKeepTheApplicationsAnswer() throws Exception {
        HttpResponse<String> response = get("/conflict", null);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).isEqualTo("{\"problem\":\"conflict\"}");
        assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void theHealthEndpointAndActuatorsHealthShowTheSameChecks() throws Exception {
        HttpResponse<String> health = get("/health", null);
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(health.body());
        assertThat(report.get("status").asString()).isEqualTo("healthy");
        assertThat(report.get("checks").propertyNames()).contains("liveness-state", "readiness-state");

        HttpResponse<String> actuator = get("/actuator/health", null);
        assertThat(actuator.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(actuator.body()).get("status").asString()).isEqualTo("UP");
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Controller.class)
    static class Application {
    }

    /** A small API. */
    @RestController
    static class Controller {

        @GetMapping("/things/{id}")
        Map<String, String> thing(@PathVariable String id) {
            return Map.of("id", id);
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("no order for jane@example.com");
        }

        @GetMapping("/conflict")
        String conflict() {
            throw new ConflictException();
        }

        @ExceptionHandler(ConflictException.class)
        ResponseEntity<String> onConflict() {
            return ResponseEntity.status(HttpStatus.CONFLICT).header("Content-Type", "application/json")
                    .body("{\"problem\":\"conflict\"}");
        }
    }

    /** Handled by the controller. */
    static final class ConflictException extends RuntimeException {
        ConflictException() {
            super("conflict");
        }
    }
}
