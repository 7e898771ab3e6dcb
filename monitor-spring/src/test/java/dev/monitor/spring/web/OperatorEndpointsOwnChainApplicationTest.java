package dev.monitor.spring.web;

import static dev.monitor.spring.web.OperatorTestKit.JSON;
import static dev.monitor.spring.web.OperatorTestKit.assertStandardError;
import static dev.monitor.spring.web.OperatorTestKit.round;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * With the starter's chain turned off ({@code monitor.operator.security.enabled=false}) and an application chain that
 * only authenticates, the operator endpoints still check the roles themselves: a signed-in user without the operator
 * role is refused with the standard 403, an operator acts as their principal's name.
 */
@SpringBootTest(classes = OperatorEndpointsOwnChainApplicationTest.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            "management.endpoints.web.exposure.include=health,alerts,silences",
            "monitor.operator.security.enabled=false"})
class OperatorEndpointsOwnChainApplicationTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @Autowired
    AlertDispatcher dispatcher;

    @Test
    void theEndpointsCheckTheRolesOfWhoeverTheApplicationsChainLetIn() throws Exception {
        Alert alert = Alert.builder("ApiDown").severity(AlertSeverity.HIGH).label("service", "own-chain").build();
        dispatcher.fire(alert);
        round(dispatcher);

        assertStandardError(send("/actuator/alerts", null, "bob", "secret-bob"), 403, "FORBIDDEN");
        assertStandardError(send("/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", "bob", "secret-bob"), 403,
                "FORBIDDEN");
        assertStandardError(send("/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", "carol", "secret-carol"), 403,
                "FORBIDDEN");
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();

        HttpResponse<String> ack = send("/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", "alice", "secret-alice");
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledgement").get("by").asString()).isEqualTo("alice");
    }

    private HttpResponse<String> send(String path, String body, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An application whose chain authenticates every request and grants nothing by role. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            // a stateless API: no session cookie, so no CSRF token either
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults()).csrf(csrf -> csrf.disable())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret-alice").roles("MONITOR_OPERATOR").build(),
                    User.withUsername("carol").password("{noop}secret-carol").roles("MONITOR_OPERATOR_READ").build(),
                    User.withUsername("bob").password("{noop}secret-bob").roles("USER").build());
        }
    }
}
