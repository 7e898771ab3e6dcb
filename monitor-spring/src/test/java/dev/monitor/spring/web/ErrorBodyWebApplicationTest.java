package dev.monitor.spring.web;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckOptions;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.spring.request.ErrorBodyAccessDeniedHandler;
import dev.monitor.spring.request.ErrorBodyAuthenticationEntryPoint;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One error body everywhere, in a real Spring Boot application on embedded Tomcat with Spring Security and Spring
 * Boot's observation-based HTTP metrics: 404, 405, 401, 403, 500 and the health endpoints' errors all answer
 * {@code {"error":{"code","message","request_id","timestamp"}}} with the {@code X-Request-ID} header's ID; an unhandled
 * exception is the {@code exception} tag of Spring Boot's {@code http.server.requests}, and the health routes are its
 * {@code uri}.
 */
@SpringBootTest(classes = ErrorBodyWebApplicationTest.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false"})
class ErrorBodyWebApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthRegistry health;

    @BeforeEach
    void registerAFlakyOptionalDependency() {
        if (!health.contains("payment-provider")) {
            health.register("payment-provider", () -> HealthResult.fail("answered HTTP 503"),
                    CheckOptions.builder().critical(false).build());
        }
    }

    @Test
    void anUnknownPathIs404WithTheStandardBodyNotSpringBootsDefault() throws Exception {
        HttpResponse<String> response = send("GET", "/nope", null);

        JsonNode error = assertStandardBody(response, 404, "NOT_FOUND");
        assertThat(error.get("message").asString()).isEqualTo("Not found");
        assertThat(response.body()).doesNotContain("\"path\"").doesNotContain("\"status\"");
    }

    @Test
    void aMethodTheRouteDoesNotServeIs405WithTheStandardBody() throws Exception {
        assertStandardBody(send("POST", "/things/42", null), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void anUnauthenticatedRequestIs401WithTheStandardBodyFromTheEntryPoint() throws Exception {
        assertStandardBody(send("GET", "/api/secret", null), 401, "UNAUTHORIZED");
        HttpResponse<String> wrongPassword = send("GET", "/api/secret", "alice:wrong");
        assertStandardBody(wrongPassword, 401, "UNAUTHORIZED");
        assertThat(wrongPassword.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"orders\"");
    }

    @Test
    void aRequestSpringSecurityDeniesIs403WithTheStandardBody() throws Exception {
        assertStandardBody(send("GET", "/admin/panel", "alice:secret-alice"), 403, "FORBIDDEN");
        assertThat(send("GET", "/api/secret", "alice:secret-alice").statusCode()).isEqualTo(200);
    }

    @Test
    void anUnhandledExceptionIs500WithTheStandardBodyAndItsClassAsTheExceptionTag() throws Exception {
        HttpResponse<String> response = send("GET", "/boom", null);

        JsonNode error = assertStandardBody(response, 500, "INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(response.body()).doesNotContain("jane@example.com");
        // Spring Boot's own timer, recorded by its observation filter when the request ends
        await(() -> meters.find("http.server.requests").tags("uri", "/boom", "exception", "IllegalStateException")
                .timer() != null);
        assertThat(meters.find("http.server.requests").tags("uri", "/boom", "exception", "none").timer()).isNull();
        await(() -> meters.find("http.server.requests.errors").tags("uri", "/boom", "exception", "IllegalStateException")
                .counter() != null);
    }

    @Test
    void anExceptionOfAFilterOutsideSpringMvcIsTheExceptionTagOfSpringBootsTimerToo() throws Exception {
        HttpResponse<String> response = send("GET", "/filter-boom", null);

        assertStandardBody(response, 500, "INTERNAL_ERROR");
        await(() -> meters.find("http.server.requests").tags("status", "500", "exception", "UnsupportedOperationException")
                .timer() != null);
        await(() -> meters.find("http.server.requests.errors").tags("exception", "UnsupportedOperationException")
                .counter() != null);
    }

    @Test
    void theHealthEndpointsErrorsHaveTheStandardBodyAndTheirRouteAsUri() throws Exception {
        JsonNode missing = assertStandardBody(send("GET", "/health/checks/nope", null), 404, "NOT_FOUND");
        assertThat(missing.get("message").asString()).isEqualTo("no such health check or group");
        HttpResponse<String> post = send("POST", "/health", null);
        assertStandardBody(post, 405, "METHOD_NOT_ALLOWED");
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");

        await(() -> meters.find("http.server.requests").tags("uri", "/health/checks/{name}", "status", "404").timer() != null
                && meters.find("http.server.requests").tags("uri", "/health", "status", "405").timer() != null);
        assertThat(meters.find("http.server.requests").tag("uri", "UNKNOWN").timer()).isNull();
    }

    @Test
    void aFailingNonCriticalCheckIsDegradedAloneAsInTheWholeReport() throws Exception {
        HttpResponse<String> all = send("GET", "/health", null);
        HttpResponse<String> single = send("GET", "/health/checks/payment-provider", null);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(all.body()).get("status").asString()).isEqualTo("degraded");
        assertThat(single.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(single.body());
        assertThat(report.get("status").asString()).isEqualTo("degraded");
        assertThat(report.get("checks").get("payment-provider").get("critical").asBoolean()).isFalse();
        await(() -> meters.find("http.server.requests").tags("uri", "/health", "status", "200").timer() != null
                && meters.find("http.server.requests").tags("uri", "/health/checks/{name}", "status", "200").timer() != null);
    }

    /** Asserts the standard body with the header's request ID, and returns its error object. */
    private static JsonNode assertStandardBody(HttpResponse<String> response, int status, String code) {
        String what = response.request().method() + " " + response.uri().getPath();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String requestId = response.headers().firstValue("X-Request-ID").orElseThrow();
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.propertyNames()).as(what).containsExactly("error");
        JsonNode error = json.get("error");
        assertThat(error.propertyNames()).as(what).containsExactly("code", "message", "request_id", "timestamp");
        assertThat(error.get("code").asString()).as(what).isEqualTo(code);
        assertThat(error.get("request_id").asString()).as(what).isEqualTo(requestId);
        assertThat(Instant.parse(error.get("timestamp").asString())).isNotNull();
        return error;
    }

    private HttpResponse<String> send(String method, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Accept", "application/json");
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * HTTP Basic on /api, ADMIN only on /admin, everything else open (the ERROR dispatch to /error too); the starter's
     * 401/403 handlers plugged in.
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Controller.class)
    static class Application {

        @Bean
        SecurityFilterChain security(HttpSecurity http, ErrorBodyAuthenticationEntryPoint entryPoint,
                ErrorBodyAccessDeniedHandler denied) throws Exception {
            ErrorBodyAuthenticationEntryPoint basic = entryPoint.withChallenge("Basic realm=\"orders\"");
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/api/**").authenticated()
                            .requestMatchers("/admin/**").hasRole("ADMIN")
                            .anyRequest().permitAll())
                    .httpBasic(httpBasic -> httpBasic.authenticationEntryPoint(basic))
                    .csrf(csrf -> csrf.disable()) // a stateless API without cookies: POSTs reach the 405
                    .exceptionHandling(errors -> errors.authenticationEntryPoint(basic).accessDeniedHandler(denied))
                    .build();
        }

        /** A filter after Spring Security that fails: the request filter answers, Spring MVC never sees it. */
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                if (((HttpServletRequest) request).getRequestURI().equals("/filter-boom")) {
                    throw new UnsupportedOperationException("filter failed for jane@example.com");
                }
                chain.doFilter(request, response);
            });
            registration.setOrder(0);
            return registration;
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(User.withUsername("alice").password("{noop}secret-alice").roles("USER")
                    .build());
        }
    }

    /** A small API. */
    @RestController
    static class Controller {

        @GetMapping("/things/{id}")
        Map<String, String> thing(@PathVariable String id) {
            return Map.of("id", id);
        }

        @GetMapping("/api/secret")
        String secret() {
            return "secret";
        }

        @GetMapping("/admin/panel")
        String panel() {
            return "panel";
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("no order for jane@example.com");
        }
    }
}
