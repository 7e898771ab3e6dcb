package dev.monitor.spring.web;

import static dev.monitor.spring.web.OperatorTestKit.JSON;
import static dev.monitor.spring.web.OperatorTestKit.assertStandardError;
import static dev.monitor.spring.web.OperatorTestKit.round;
import static dev.monitor.spring.web.OperatorTestKit.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The operator endpoints in a real Spring Boot application without Spring Security, on embedded Tomcat: the bearer
 * tokens of {@code monitor.operator.tokens} decide who acts (the token's operator name is what the audit shows), a
 * read-only token reads, and a request without a valid token is a 401 with the standard body, whatever it asks.
 */
@SpringBootTest(classes = OperatorEndpointsTokenApplicationTest.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            "spring.autoconfigure.exclude=" + StarterWebApplicationTest.SECURITY_AUTO_CONFIGURATIONS,
            "management.endpoints.web.exposure.include=health,alerts,silences,maintenance,incidents,jobs",
            "monitor.operator.tokens.alice=" + OperatorEndpointsTokenApplicationTest.TOKEN,
            "monitor.operator.read-only-tokens.dashboards=" + OperatorEndpointsTokenApplicationTest.READ_TOKEN})
class OperatorEndpointsTokenApplicationTest {

    static final String TOKEN = "operator-token-0123456789abcdef";
    static final String READ_TOKEN = "dashboard-token-0123456789abcdef";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @Autowired
    AlertDispatcher dispatcher;

    @Test
    void withoutAValidTokenEveryOperatorEndpointAnswers401WithTheStandardBody() throws Exception {
        Alert alert = fire("tokenless");
        List<HttpResponse<String>> refused = List.of(send("GET", "/actuator/alerts", null, null),
                send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", null),
                send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", "Bearer wrong-token-0123456789abcdef"),
                send("GET", "/actuator/silences", null, "Basic YWxpY2U6c2VjcmV0"),
                send("GET", "/actuator/jobs", null, "Bearer " + TOKEN.substring(1)));
        for (HttpResponse<String> response : refused) {
            assertStandardError(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"monitor-operator\"");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void aReadOnlyTokenReadsButEveryWriteIs403() throws Exception {
        Alert alert = fire("read-only");
        HttpResponse<String> alerts = send("GET", "/actuator/alerts", null, "Bearer " + READ_TOKEN);
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(alerts.body()).findValuesAsString("fingerprint")).contains(alert.fingerprint());
        assertThat(alerts.headers().firstValue("X-Total-Count")).isPresent();
        assertThat(send("GET", "/actuator/jobs", null, "Bearer " + READ_TOKEN).statusCode()).isEqualTo(200);

        assertStandardError(send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", "Bearer " + READ_TOKEN),
                403, "FORBIDDEN");
        assertStandardError(send("DELETE", "/actuator/silences/any", null, "Bearer " + READ_TOKEN), 403, "FORBIDDEN");
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void theTokensOperatorActsAndIsWhoTheAuditShows() throws Exception {
        Alert alert = fire("token-audit");
        HttpResponse<String> ack = send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack",
                "{\"comment\":\"on it\",\"by\":\"erin\"}", "Bearer " + TOKEN);
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(step(JSON.readTree(ack.body()), "acknowledged").get("actor").asString()).isEqualTo("erin via alice");
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isTrue();

        HttpResponse<String> created = send("POST", "/actuator/silences", "{\"matchers\":[{\"name\":\"service\","
                + "\"value\":\"token-audit\"}],\"duration\":\"90m\",\"comment\":\"deploy\"}", "Bearer " + TOKEN);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).get("silenceID").asString();
        JsonNode silence = JSON.readTree(send("GET", "/actuator/silences/" + id, null, "Bearer " + READ_TOKEN).body());
        assertThat(silence.get("createdBy").asString()).isEqualTo("alice");
        assertThat(send("DELETE", "/actuator/silences/" + id, null, "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(dispatcher.silences()).doesNotContainKey(id);
    }

    @Test
    void withoutAStatusPageThereAreNoMaintenanceAndIncidentEndpoints() throws Exception {
        assertThat(send("GET", "/actuator/maintenance", null, "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(send("GET", "/actuator/incidents", null, "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void aPostThatIsNotJsonIs415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/silences"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertStandardError(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    private Alert fire(String service) {
        Alert alert = Alert.builder("ApiDown").severity(AlertSeverity.HIGH).label("service", service).build();
        dispatcher.fire(alert);
        round(dispatcher);
        return alert;
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An application without Spring Security. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }
}
