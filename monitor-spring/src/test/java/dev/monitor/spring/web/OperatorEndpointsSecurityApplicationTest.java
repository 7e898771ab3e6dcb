package dev.monitor.spring.web;

import static dev.monitor.spring.Conditions.await;
import static dev.monitor.spring.web.OperatorTestKit.JSON;
import static dev.monitor.spring.web.OperatorTestKit.advance;
import static dev.monitor.spring.web.OperatorTestKit.assertStandardError;
import static dev.monitor.spring.web.OperatorTestKit.round;
import static dev.monitor.spring.web.OperatorTestKit.step;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.spring.alert.AlertDispatcherCustomizer;
import dev.monitor.spring.operator.OperatorEndpointCustomizer;
import dev.monitor.spring.status.StatusPageCustomizer;
import dev.monitor.spring.web.OperatorTestKit.MovableClock;
import dev.monitor.spring.web.OperatorTestKit.RecordingChannel;
import dev.monitor.status.StatusPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
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
import tools.jackson.databind.JsonNode;

/**
 * The operator endpoints in a real Spring Boot application secured by Spring Security (its own chain guards every
 * request with HTTP Basic), on embedded Tomcat, over the starter's alert dispatcher with escalation and the status page,
 * both on a clock the test moves: who may call them (401 and 403 with the standard body), what acknowledging and
 * silencing over {@code /actuator/alerts} and {@code /actuator/silences} do, and that the audit shows the principal's
 * name and the time.
 */
@SpringBootTest(classes = OperatorEndpointsSecurityApplicationTest.Application.class,
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false", "monitor.alerts.log.enabled=false",
            "management.endpoints.web.exposure.include=health,alerts,silences,maintenance,incidents,jobs",
            "monitor.status.enabled=true", "monitor.status.components.checkout.display-name=Checkout"})
class OperatorEndpointsSecurityApplicationTest {

    static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    static final MovableClock CLOCK = new MovableClock(T0);
    static final RecordingChannel CHAT = new RecordingChannel("chat");
    static final RecordingChannel PAGER = new RecordingChannel("pager");
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @Autowired
    AlertDispatcher dispatcher;

    @Autowired
    StatusPage page;

    private static Level operatorLevel;

    @BeforeAll
    static void captureLogs() {
        LOGS.start();
        Logger operator = (Logger) LoggerFactory.getLogger("dev.monitor.operator");
        operatorLevel = operator.getLevel();
        operator.setLevel(Level.INFO);
        operator.addAppender(LOGS);
    }

    @AfterAll
    static void stopCapturing() {
        Logger operator = (Logger) LoggerFactory.getLogger("dev.monitor.operator");
        operator.detachAppender(LOGS);
        operator.setLevel(operatorLevel);
    }

    // ---- who may call ----

    @Test
    void withoutValidCredentialsEveryOperatorEndpointAnswers401WithTheStandardBody() throws Exception {
        Alert alert = fire(problem("ApiDown", "unauthorized", AlertSeverity.HIGH));
        List<HttpResponse<String>> refused = List.of(send("GET", "/actuator/alerts", null, null),
                send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", null),
                send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", basic("alice", "wrong")),
                send("GET", "/actuator/silences", null, basic("nobody", "secret")),
                send("DELETE", "/actuator/maintenance/any", null, null),
                send("GET", "/actuator/jobs", null, null));
        for (HttpResponse<String> response : refused) {
            assertStandardError(response, 401, "UNAUTHORIZED");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"monitor-operator\"");
            assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        }
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void aUserWithoutTheOperatorRoleIs403AndAReadOnlyOperatorReadsButCannotAct() throws Exception {
        Alert alert = fire(problem("ApiDown", "roles", AlertSeverity.HIGH));

        assertStandardError(send("GET", "/actuator/alerts", null, basic("bob", "secret-bob")), 403, "FORBIDDEN");
        assertStandardError(send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", basic("bob", "secret-bob")),
                403, "FORBIDDEN");
        HttpResponse<String> read = send("GET", "/actuator/alerts", null, basic("carol", "secret-carol"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).findValuesAsString("fingerprint")).contains(alert.fingerprint());
        assertStandardError(send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{}", basic("carol", "secret-carol")),
                403, "FORBIDDEN");
        assertStandardError(send("POST", "/actuator/silences", "{}", basic("carol", "secret-carol")), 403, "FORBIDDEN");

        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void theApplicationsOwnChainStillGuardsEverythingElse() throws Exception {
        assertThat(send("GET", "/api/hello", null, null).statusCode()).isEqualTo(401);
        assertThat(send("GET", "/api/hello", null, basic("bob", "secret-bob")).body()).isEqualTo("hello bob");
        assertThat(send("GET", "/actuator/health", null, basic("bob", "secret-bob")).statusCode()).isEqualTo(200);
    }

    @Test
    void aPostThatIsNotJsonIsRefusedWith415SoThatNoCrossSiteFormCanAct() throws Exception {
        Alert alert = fire(problem("ApiDown", "csrf", AlertSeverity.HIGH));
        for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
            HttpRequest request = HttpRequest.newBuilder(uri("/actuator/alerts/" + alert.fingerprint() + "/ack"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                    .header("Authorization", basic("alice", "secret-alice")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            assertStandardError(http.send(request, HttpResponse.BodyHandlers.ofString()), 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    // ---- what acting does ----

    @Test
    void acknowledgingOverActuatorAlertsStopsTheEscalationThatStillPagesForTheUnacknowledgedAlert() throws Exception {
        Alert acknowledged = fire(problem("ApiDown", "orders", AlertSeverity.CRITICAL));
        Alert ignored = fire(problem("ApiDown", "billing", AlertSeverity.CRITICAL));
        await(() -> delivered(CHAT, "orders") == 1 && delivered(CHAT, "billing") == 1); // level 1: the route, for both

        advance(dispatcher, CLOCK, Duration.ofMinutes(14));
        assertThat(delivered(PAGER, "orders") + delivered(PAGER, "billing")).as("level 2 is not due yet").isZero();
        HttpResponse<String> ack = send("POST", "/actuator/alerts/" + acknowledged.fingerprint() + "/ack",
                "{\"comment\":\"on it\"}", basic("alice", "secret-alice"));
        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledgement").get("by").asString()).isEqualTo("alice");

        advance(dispatcher, CLOCK, Duration.ofMinutes(1));
        // the same timer run pages for the alert nobody acknowledged, and not for the acknowledged one
        await(() -> delivered(PAGER, "billing") == 1);
        advance(dispatcher, CLOCK, Duration.ofHours(2));
        assertThat(delivered(PAGER, "orders")).isZero();
        assertThat(dispatcher.incident(acknowledged.fingerprint()).orElseThrow().level()).isEqualTo(1);
        assertThat(dispatcher.incident(ignored.fingerprint()).orElseThrow().level()).isEqualTo(2);
    }

    @Test
    void aSilenceCreatedOverActuatorSilencesMutesAMatchingAlertAndExpiringItUnmutes() throws Exception {
        HttpResponse<String> created = send("POST", "/actuator/silences", "{\"matchers\":[{\"name\":\"service\","
                + "\"value\":\"search\",\"isRegex\":false,\"isEqual\":true}],\"duration\":\"2h\",\"comment\":\"reindexing\"}",
                basic("alice", "secret-alice"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).get("silenceID").asString();
        JsonNode listed = JSON.readTree(send("GET", "/actuator/silences/" + id, null, basic("carol", "secret-carol")).body());
        assertThat(listed.get("createdBy").asString()).isEqualTo("alice");
        assertThat(listed.get("matchers").get(0).get("value").asString()).isEqualTo("search");
        assertThat(listed.get("status").get("state").asString()).isEqualTo("active");

        Alert muted = fire(problem("SearchDown", "search", AlertSeverity.HIGH));
        Alert other = fire(problem("SearchDown", "catalog", AlertSeverity.HIGH));
        await(() -> delivered(CHAT, "catalog") == 1); // the alert of another service is notified...
        round(dispatcher);
        assertThat(delivered(CHAT, "search")).isZero(); // ...and the silenced one, fired before it, is not
        JsonNode alerts = JSON.readTree(send("GET", "/actuator/alerts", null, basic("alice", "secret-alice")).body());
        assertThat(alerts).filteredOn(a -> a.get("fingerprint").asString().equals(muted.fingerprint())).singleElement()
                .satisfies(a -> assertThat(a.get("status").get("suppressedBy").asString()).isEqualTo("silence:" + id));

        HttpResponse<String> expired = send("DELETE", "/actuator/silences/" + id, null, basic("alice", "secret-alice"));
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);
        assertThat(JSON.readTree(expired.body()).get("expired").asString()).isEqualTo(id);
        assertStandardError(send("GET", "/actuator/silences/" + id, null, basic("alice", "secret-alice")), 404, "NOT_FOUND");
        fire(problem("SearchSlow", "search", AlertSeverity.HIGH));
        await(() -> delivered(CHAT, "search") == 1);
        assertThat(dispatcher.incident(other.fingerprint())).isPresent();
    }

    @Test
    void badInputIsRefusedAsByTheCoreApiNamingTheField() throws Exception {
        HttpResponse<String> misspelt = send("POST", "/actuator/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],"
                + "\"duration\":\"1h\",\"endAt\":\"2026-12-07T08:00:00Z\"}", basic("alice", "secret-alice"));
        assertStandardError(misspelt, 400, "BAD_REQUEST");
        assertThat(JSON.readTree(misspelt.body()).get("error").get("message").asString()).contains("unknown field 'endAt'");
        assertStandardError(send("POST", "/actuator/alerts/0123456789abcdef/ack", "{}", basic("alice", "secret-alice")),
                404, "NOT_FOUND");
        assertStandardError(send("POST", "/actuator/silences", "{\"comment\":\"" + "x".repeat(70_000) + "\"}",
                basic("alice", "secret-alice")), 413, "PAYLOAD_TOO_LARGE");
    }

    // ---- the audit ----

    @Test
    void theAuditShowsThePrincipalsNameAndWhenForAcknowledgeSilenceResolveMaintenanceAndIncidentUpdates() throws Exception {
        Alert alert = fire(problem("QueueStuck", "audit", AlertSeverity.HIGH));
        advance(dispatcher, CLOCK, Duration.ofMinutes(1));
        Instant ackedAt = CLOCK.instant();
        assertThat(send("POST", "/actuator/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":\"looking\"}",
                basic("alice", "secret-alice")).statusCode()).isEqualTo(200);
        advance(dispatcher, CLOCK, Duration.ofMinutes(1));
        Instant silencedAt = CLOCK.instant();
        assertThat(send("POST", "/actuator/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"audit\"}],"
                + "\"duration\":\"1h\",\"createdBy\":\"bob\",\"comment\":\"deploy\"}", basic("alice", "secret-alice"))
                .statusCode()).isEqualTo(200);
        round(dispatcher);
        advance(dispatcher, CLOCK, Duration.ofMinutes(1));
        Instant resolvedAt = CLOCK.instant();
        assertThat(send("POST", "/actuator/alerts/" + alert.fingerprint() + "/resolve", "{\"comment\":\"restarted\"}",
                basic("alice", "secret-alice")).statusCode()).isEqualTo(200);

        JsonNode incident = JSON.readTree(send("GET", "/actuator/alerts/" + alert.fingerprint(), null,
                basic("carol", "secret-carol")).body());
        JsonNode ack = step(incident, "acknowledged");
        assertThat(ack.get("actor").asString()).isEqualTo("alice");
        assertThat(Instant.parse(ack.get("at").asString())).isEqualTo(ackedAt);
        assertThat(ack.get("detail").asString()).isEqualTo("looking");
        JsonNode silenced = step(incident, "silenced");
        assertThat(silenced.get("actor").asString()).isEqualTo("bob via alice");
        assertThat(Instant.parse(silenced.get("at").asString())).isEqualTo(silencedAt);
        JsonNode resolved = step(incident, "resolved");
        assertThat(resolved.get("actor").asString()).isEqualTo("alice");
        assertThat(Instant.parse(resolved.get("at").asString())).isEqualTo(resolvedAt);
        JsonNode incidents = JSON.readTree(send("GET", "/actuator/alerts?view=incidents", null,
                basic("alice", "secret-alice")).body());
        assertThat(incidents.findValuesAsString("fingerprint")).contains(alert.fingerprint());

        HttpResponse<String> maintenance = send("POST", "/actuator/maintenance", "{\"title\":\"Database upgrade\","
                + "\"components\":[\"checkout\"],\"startsAt\":\"2026-12-08T02:00:00Z\",\"duration\":\"30m\"}",
                basic("alice", "secret-alice"));
        assertThat(maintenance.statusCode()).as(maintenance.body()).isEqualTo(200);
        JsonNode scheduled = JSON.readTree(send("GET", "/actuator/maintenance", null, basic("alice", "secret-alice")).body())
                .get(0);
        assertThat(scheduled.get("createdBy").asString()).isEqualTo("alice");
        assertThat(Instant.parse(scheduled.get("createdAt").asString())).isEqualTo(resolvedAt);

        HttpResponse<String> opened = send("POST", "/actuator/incidents", "{\"title\":\"Checkout errors\",\"impact\":"
                + "\"major\",\"components\":[\"checkout\"],\"message\":\"Looking into it.\"}", basic("alice", "secret-alice"));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
        String incidentId = JSON.readTree(opened.body()).get("id").asString();
        advance(dispatcher, CLOCK, Duration.ofMinutes(5));
        HttpResponse<String> updated = send("POST", "/actuator/incidents/" + incidentId + "/updates",
                "{\"status\":\"identified\",\"message\":\"A certificate expired.\",\"by\":\"dave\"}",
                basic("alice", "secret-alice"));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode updates = JSON.readTree(send("GET", "/actuator/incidents", null, basic("alice", "secret-alice")).body())
                .get(0).get("updates");
        assertThat(updates.get(0).get("by").asString()).isEqualTo("alice");
        assertThat(updates.get(1).get("by").asString()).isEqualTo("dave via alice");
        assertThat(Instant.parse(updates.get(1).get("at").asString())).isEqualTo(resolvedAt.plus(Duration.ofMinutes(5)));
        assertThat(page.board().incidents().get(0).updates().get(1).by()).isEqualTo("dave via alice");

        assertThat(LOGS.list).filteredOn(e -> e.getLevel() == Level.INFO).extracting(ILoggingEvent::getFormattedMessage)
                .contains("Operator alice acknowledged alert " + alert.fingerprint(),
                        "Operator alice resolved alert " + alert.fingerprint())
                .noneMatch(line -> line.contains("secret-"));
    }

    // ---- helpers ----

    private static Alert problem(String name, String service, AlertSeverity severity) {
        return Alert.builder(name).severity(severity).label("service", service).summary(service + " is in trouble").build();
    }

    private Alert fire(Alert alert) {
        dispatcher.fire(alert);
        round(dispatcher);
        return alert;
    }

    private static long delivered(RecordingChannel channel, String service) {
        return channel.delivered.stream().flatMap(n -> n.alerts().stream())
                .filter(a -> service.equals(a.alert().labels().get("service"))).count();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null || method.equals("POST")) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** An application secured by its own chain (HTTP Basic on every request), with operators and a plain user. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(HelloController.class)
    static class Application {

        @Bean
        SecurityFilterChain security(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .httpBasic(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("alice").password("{noop}secret-alice").roles("MONITOR_OPERATOR").build(),
                    User.withUsername("carol").password("{noop}secret-carol").roles("MONITOR_OPERATOR_READ").build(),
                    User.withUsername("bob").password("{noop}secret-bob").roles("USER").build());
        }

        @Bean
        RecordingChannel chat() {
            return CHAT;
        }

        @Bean
        RecordingChannel pager() {
            return PAGER;
        }

        @Bean
        AlertDispatcherCustomizer escalation() {
            return builder -> builder.clock(CLOCK)
                    .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO)
                            .groupInterval(Duration.ofMinutes(1)).repeatInterval(Duration.ofDays(1)).build())
                    .escalation(EscalationConfig.builder().policy(AlertSeverity.CRITICAL,
                            EscalationPolicy.builder("critical").level(Duration.ZERO, EscalationTarget.route())
                                    .level(Duration.ofMinutes(15), EscalationTarget.channel("pager")).noRepeat().build())
                            .build());
        }

        @Bean
        StatusPageCustomizer statusPageClock() {
            return builder -> builder.clock(CLOCK);
        }

        @Bean
        OperatorEndpointCustomizer operatorClock() {
            return builder -> builder.clock(CLOCK);
        }
    }

    /** A route of the application's own. */
    @RestController
    static class HelloController {
        @GetMapping("/api/hello")
        String hello(java.security.Principal principal) {
            return "hello " + principal.getName();
        }
    }
}
