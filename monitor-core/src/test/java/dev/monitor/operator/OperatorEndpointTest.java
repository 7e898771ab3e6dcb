package dev.monitor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusPage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operator API without HTTP: routing, the JSON in and out, the authorizers, the audit and the refusals. */
class OperatorEndpointTest {

    private static final String TOKEN = "operator-token-0123456789abcdef";
    private static final String READ_TOKEN = "reader-token-0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-07T06:00:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ManualClock clock = new ManualClock(NOW);
    private final RecordingChannel chat = new RecordingChannel("chat");
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).clock(clock)
            .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).build();
    private final StatusPage page = StatusPage.builder("Orders").incidents(dispatcher).clock(clock)
            .component(PublicComponent.builder("checkout").displayName("Checkout").checks("database").build()).build();
    private final OperatorEndpoint endpoint = OperatorEndpoint.builder(dispatcher).statusBoard(page.board()).clock(clock)
            .token("alice", TOKEN).readOnlyToken("auditor", READ_TOKEN).build();

    @AfterEach
    void close() {
        dispatcher.close();
    }

    private static OperatorRequest request(String method, String path, @Nullable String token, @Nullable String body) {
        return new OperatorRequest(method, path, token == null ? Map.of() : Map.of("authorization", "Bearer " + token), null,
                body == null ? null : new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "req-1");
    }

    private OperatorResponse call(String method, String path, @Nullable String body) {
        return endpoint.handle(request(method, path, TOKEN, body));
    }

    private static JsonNode json(OperatorResponse response) {
        return JSON.readTree(response.body());
    }

    private Alert fire(String name) {
        Alert alert = Alert.builder(name).severity(AlertSeverity.CRITICAL).label("service", "orders").build();
        dispatcher.fire(alert);
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(30))).isTrue();
        return alert;
    }

    @Test
    void withoutAValidTokenEveryPathAnswers401WithTheStandardBodyWhetherOrNotItExists() {
        Alert alert = fire("ApiDown");
        for (String path : new String[] {"/alerts", "/alerts/" + alert.fingerprint() + "/ack", "/nope", "/silence/x"}) {
            for (String token : new String[] {null, "wrong-token-0123456789abcdef"}) {
                OperatorResponse response = endpoint.handle(request("POST", path, token, "{}"));
                assertThat(response.status()).as(path).isEqualTo(401);
                assertThat(response.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"monitor-operator\"");
                JsonNode error = json(response).get("error");
                assertThat(error.get("code").asString()).isEqualTo("UNAUTHORIZED");
                assertThat(error.get("request_id").asString()).isEqualTo("req-1");
                assertThat(Instant.parse(error.get("timestamp").asString())).isEqualTo(NOW);
            }
        }
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void unknownRoutesAnswer404WrongMethods405WithAllowAndReadOnlyTokensAre403OnWrites() {
        assertThat(call("GET", "/nope", null).status()).isEqualTo(404);
        assertThat(json(call("GET", "/nope", null)).get("error").get("message").asString()).contains("GET /alerts");
        OperatorResponse wrong = call("PUT", "/silences", "{}");
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.headers()).containsEntry("Allow", "GET, POST");
        assertThat(json(wrong).get("error").get("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");

        OperatorResponse read = endpoint.handle(request("GET", "/silences", READ_TOKEN, null));
        assertThat(read.status()).isEqualTo(200);
        OperatorResponse write = endpoint.handle(request("POST", "/silences", READ_TOKEN,
                "{\"matchers\":[{\"name\":\"service\",\"value\":\"orders\"}],\"duration\":\"1h\"}"));
        assertThat(write.status()).isEqualTo(403);
        assertThat(json(write).get("error").get("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(dispatcher.silences()).isEmpty();
    }

    @Test
    void aCallbackAuthorizerDecidesFromThePrincipalAndHeaders() {
        OperatorEndpoint byPrincipal = OperatorEndpoint.builder(dispatcher).clock(clock).authorizer(request ->
                request.principal() == null ? null : new OperatorIdentity(request.principal(),
                        request.header("X-Role").equals("oncall"))).build();
        Alert alert = fire("ApiDown");
        String path = "/alerts/" + alert.fingerprint() + "/ack";
        assertThat(byPrincipal.handle(new OperatorRequest("POST", path, Map.of(), null, null, null)).status()).isEqualTo(401);
        assertThat(byPrincipal.handle(new OperatorRequest("POST", path, Map.of(), "bob", null, null)).status()).isEqualTo(403);
        OperatorResponse ok = byPrincipal.handle(new OperatorRequest("POST", path, Map.of("x-role", "oncall"), "bob", null, null));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().acknowledgement().by()).isEqualTo("bob");

        OperatorEndpoint throwing = OperatorEndpoint.builder(dispatcher).authorizer(request -> {
            throw new IllegalStateException("broken");
        }).build();
        assertThat(throwing.handle(new OperatorRequest("GET", "/alerts", Map.of(), "bob", null, null)).status()).isEqualTo(401);
    }

    @Test
    void anIdentityTheAdapterEstablishedActsWithoutTheAuthorizerAndNoneIs401() {
        Alert alert = fire("ApiDown");
        String path = "/alerts/" + alert.fingerprint() + "/ack";
        OperatorRequest noToken = request("POST", path, null, "{\"comment\":\"mine\"}");
        assertThat(endpoint.handle(noToken, null).status()).isEqualTo(401);
        assertThat(endpoint.handle(request("POST", path, TOKEN, "{}"), null).status()).as("no identity, whatever the token")
                .isEqualTo(401);
        assertThat(endpoint.handle(noToken, OperatorIdentity.reader("carol")).status()).isEqualTo(403);
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();

        OperatorResponse ok = endpoint.handle(request("POST", path, null, "{\"comment\":\"mine\"}"),
                OperatorIdentity.writer("dave"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().acknowledgement().by()).isEqualTo("dave");
        assertThat(endpoint.handle(request("GET", "/nope", null, null), OperatorIdentity.reader("carol")).status())
                .isEqualTo(404);
    }

    @Test
    void acknowledgingAndResolvingLandInTheTimelineWithWhoAndWhen() {
        Alert alert = fire("ApiDown");
        clock.advance(Duration.ofMinutes(3));
        OperatorResponse ack = call("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":\"on it\"}");
        assertThat(ack.status()).isEqualTo(200);
        assertThat(json(ack).get("acknowledgement").get("by").asString()).isEqualTo("alice");
        assertThat(call("POST", "/alerts/" + alert.fingerprint() + "/ack", null).status()).isEqualTo(409);

        clock.advance(Duration.ofMinutes(2));
        OperatorResponse resolve = call("POST", "/alerts/" + alert.fingerprint() + "/resolve",
                "{\"comment\":\"restarted the pool\",\"by\":\"carol\"}");
        assertThat(resolve.status()).isEqualTo(200);
        assertThat(json(resolve).get("state").asString()).isEqualTo("resolved");

        AlertIncident incident = dispatcher.incident(alert.fingerprint()).orElseThrow();
        assertThat(incident.timeline()).filteredOn(e -> e.type() == AlertTimelineEntry.Type.ACKNOWLEDGED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("alice");
                    assertThat(e.at()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
                    assertThat(e.detail()).isEqualTo("on it");
                });
        assertThat(incident.timeline()).filteredOn(e -> e.type() == AlertTimelineEntry.Type.RESOLVED).singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("carol via alice");
                    assertThat(e.at()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
                    assertThat(e.detail()).isEqualTo("restarted the pool");
                });
        assertThat(call("POST", "/alerts/" + alert.fingerprint() + "/resolve", null).status()).isEqualTo(409);
        assertThat(call("POST", "/alerts/0000/ack", null).status()).isEqualTo(404);
    }

    @Test
    void silencesUseAlertmanagersJsonShape() {
        OperatorResponse created = call("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"orders\","
                + "\"isRegex\":false,\"isEqual\":true},{\"name\":\"alertname\",\"value\":\"Api.*\",\"isRegex\":true}],"
                + "\"startsAt\":\"2026-12-07T07:00:00Z\",\"endsAt\":\"2026-12-07T09:00:00Z\",\"createdBy\":\"alice\","
                + "\"comment\":\"deploy\"}");
        assertThat(created.status()).isEqualTo(200);
        String id = json(created).get("silenceID").asString();
        assertThat(dispatcher.silences()).containsKey(id);

        JsonNode listed = json(call("GET", "/silences", null)).get(0);
        assertThat(listed.get("id").asString()).isEqualTo(id);
        assertThat(listed.get("matchers").toString()).isEqualTo("[{\"name\":\"service\",\"value\":\"orders\",\"isRegex\":false,"
                + "\"isEqual\":true},{\"name\":\"alertname\",\"value\":\"Api.*\",\"isRegex\":true,\"isEqual\":true}]");
        assertThat(Instant.parse(listed.get("startsAt").asString())).isEqualTo(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(Instant.parse(listed.get("endsAt").asString())).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(listed.get("createdBy").asString()).isEqualTo("alice");
        assertThat(listed.get("comment").asString()).isEqualTo("deploy");
        assertThat(listed.get("status").get("state").asString()).isEqualTo("pending");
        clock.set(Instant.parse("2026-12-07T07:00:00Z"));
        assertThat(json(call("GET", "/silence/" + id, null)).get("status").get("state").asString()).isEqualTo("active");

        assertThat(call("DELETE", "/silence/" + id, null).status()).isEqualTo(200);
        assertThat(dispatcher.silences()).isEmpty();
        assertThat(call("DELETE", "/silence/" + id, null).status()).isEqualTo(404);
        assertThat(call("GET", "/silence/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void badInputAnswers400NamingTheField() {
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"x\"}],\"endAt\":\"x\"}")))
                .contains("unknown field 'endAt'");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"bad name\",\"value\":\"x\"}],"
                + "\"duration\":\"1h\"}"))).contains("matcher name");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"duration\":\"soon\"}")))
                .contains("duration must be a duration");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"duration\":\"400d\"}")))
                .contains("duration");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],"
                + "\"endsAt\":\"tomorrow\"}"))).contains("endsAt must be an ISO-8601 time");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[],\"duration\":\"1h\"}"))).contains("matchers");
        assertThat(message(call("POST", "/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}],"
                + "\"duration\":\"1h\"}"))).contains("matcher 'a'");
        assertThat(message(call("POST", "/silences", "[1,2]"))).contains("JSON object");
        assertThat(message(call("POST", "/silences", "{\"matchers\":"))).contains("not valid JSON");
        assertThat(message(call("POST", "/incidents", "{\"title\":\"t\",\"impact\":\"huge\",\"message\":\"m\"}")))
                .contains("impact must be one of [none, minor, major, critical]");
        assertThat(message(call("POST", "/maintenance", "{\"title\":\"t\",\"components\":[\"nope\"],\"duration\":\"1h\"}")))
                .contains("components");
        assertThat(call("POST", "/silences", "{\"comment\":\"" + "x".repeat(70_000) + "\"}").status()).isEqualTo(413);
        Alert alert = fire("ApiDown");
        assertThat(message(call("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"by\":\"" + "b".repeat(121) + "\"}")))
                .contains("by must be at most 120 characters");
        assertThat(message(call("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":42}")))
                .contains("comment must be a text, was a number");
    }

    private static String message(OperatorResponse response) {
        assertThat(response.status()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        return json(response).get("error").get("message").asString();
    }

    @Test
    void plantedPersonalDataInCommentsNeverComesBackOut() {
        Alert alert = fire("ApiDown");
        String pii = "call jane.doe@example.com or card 4111 1111 1111 1111";
        call("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":\"" + pii + "\"}");
        call("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"search\"}],\"duration\":\"1h\","
                + "\"comment\":\"" + pii + "\"}");
        String incident = new String(call("POST", "/incidents", "{\"title\":\"Checkout\",\"impact\":\"minor\","
                + "\"message\":\"" + pii + "\",\"by\":\"jane.doe@example.com\"}").body(), StandardCharsets.UTF_8);
        for (String body : new String[] {incident, text(call("GET", "/alerts/" + alert.fingerprint(), null)),
                text(call("GET", "/alerts", null)), text(call("GET", "/silences", null)), text(call("GET", "/incidents", null))}) {
            assertThat(body).doesNotContain("jane.doe@example.com", "4111 1111 1111 1111", "4111111111111111");
        }
    }

    private static String text(OperatorResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void tokensAndAuthorizerExcludeEachOtherAndBadTokensAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> OperatorEndpoint.builder(dispatcher).token(TOKEN).authorizer(r -> null).build())
                .hasMessageContaining("either tokens or an authorizer");
        assertThatThrownBy(() -> OperatorEndpoint.builder(dispatcher).token("alice", "short"))
                .hasMessageContaining("operator token of 'alice'").hasMessageNotContaining("short\"");
        OperatorEndpoint none = OperatorEndpoint.builder(dispatcher).build();
        assertThat(none.handle(request("GET", "/alerts", TOKEN, null)).status()).isEqualTo(401);
    }
}
