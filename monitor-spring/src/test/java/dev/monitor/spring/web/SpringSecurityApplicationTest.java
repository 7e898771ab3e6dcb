package dev.monitor.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.Scrubber;
import dev.monitor.request.RequestContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The starter in a real Spring Boot application secured by Spring Security (HTTP Basic), on embedded Tomcat: the user
 * Spring Security authenticates, after the request filter has started the request, becomes the request's
 * {@code user_id} (the PII scrubber's pseudonym, the same as Sentry's user id), anonymous requests have none, and a
 * failed login answered by Spring Security is a 401 with the request ID, counted as an authentication failure.
 */
@SpringBootTest(classes = SpringSecurityApplicationTest.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            "monitor.pii.hmac-key=0123456789abcdef-security-test"})
class SpringSecurityApplicationTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    Scrubber scrubber;

    @Autowired
    MeterRegistry meters;

    @Test
    void theUserSpringSecurityAuthenticatedIsTheRequestsUserId() throws Exception {
        HttpResponse<String> response = get("/api/me", "alice", "secret-alice");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(scrubber.pseudonymize("alice")).doesNotContain("alice");
        assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
    }

    @Test
    void anAnonymousRequestHasNoUser() throws Exception {
        HttpResponse<String> response = get("/public/me", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("<none>");
    }

    @Test
    void aFailedLoginIsA401WithTheRequestIdCountedAsAnAuthenticationFailure() throws Exception {
        double before = failures();

        HttpResponse<String> response = get("/api/me", "alice", "wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
        assertThat(failures()).isEqualTo(before + 1);
    }

    private double failures() {
        Counter counter = meters.find("monitor.security.auth.failures").tag("status", "401").counter();
        return counter == null ? 0 : counter.count();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A small application: HTTP Basic on /api, /public open, one in-memory user. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(MeController.class)
    static class Application {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/public/**").permitAll()
                            .anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret-alice").roles("USER")
                    .build());
        }
    }

    /** Answers the request's user id as the MDC has it while the controller runs. */
    @RestController
    static class MeController {
        @GetMapping({"/api/me", "/public/me"})
        String me() {
            String userId = RequestContext.currentUserId();
            return userId == null ? "<none>" : userId;
        }
    }
}
