package dev.monitor.leaks;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.operator.OperatorActions;
import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.operator.OperatorIdentity;
import dev.monitor.operator.OperatorRequest;
import dev.monitor.operator.OperatorResponse;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusBoard;
import dev.monitor.status.StatusPage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator API ({@link OperatorEndpoint}, whose answers the servlet copies as they are): what operators write
 * (acknowledgement comments, who they say they are, the identity an authorizer returns, silence comments and matcher
 * values, status-page incident titles and updates) in every answer (the write's own, the lists, the incident with its
 * timeline, the 400 refusing it) and in the audit log lines.
 */
final class OperatorSurface implements Surface {

    private static final String TOKEN = "leak-operator-token-0123456789abcdef";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final Field ACK_COMMENT = Field.value("acknowledgement comment (operator API)")
            .near(OperatorActions.MAX_COMMENT_LENGTH);
    static final Field ACTOR = Field.value("who acts, as the body says (operator API by)").near(OperatorIdentity.MAX_NAME_LENGTH);
    static final Field PRINCIPAL = Field.value("operator identity from the authorizer").near(OperatorIdentity.MAX_NAME_LENGTH);
    static final Field SILENCE_COMMENT = Field.value("silence comment (operator API)").near(OperatorActions.MAX_COMMENT_LENGTH);
    static final Field MATCHER_VALUE = Field.value("silence matcher value (operator API)");
    static final Field INCIDENT_TITLE = Field.value("status incident title (operator API)", StatusBoard.MAX_TITLE_LENGTH);
    static final Field UPDATE_MESSAGE = Field.value("status incident update (operator API)").near(1024);

    @Override
    public String name() {
        return "operator API";
    }

    @Override
    public List<Field> fields() {
        return List.of(ACK_COMMENT, ACTOR, PRINCIPAL, SILENCE_COMMENT, MATCHER_VALUE, INCIDENT_TITLE, UPDATE_MESSAGE);
    }

    @Override
    public int batchSize() {
        return 20;
    }

    @Override
    public Drive drive(List<Planting> batch) throws Exception {
        Drive drive = new Drive();
        try (AlertDispatcher dispatcher = AlertDispatcher.builder().channel(LogChannel.create())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).build()) {
            StatusPage page = StatusPage.builder("Orders").incidents(dispatcher)
                    .component(PublicComponent.builder("checkout").displayName("Checkout").build()).build();
            OperatorEndpoint byToken = OperatorEndpoint.builder(dispatcher).statusBoard(page.board()).token("alice", TOKEN)
                    .build();
            OperatorEndpoint byPrincipal = OperatorEndpoint.builder(dispatcher).statusBoard(page.board())
                    .authorizer(request -> request.principal() == null ? null : OperatorIdentity.writer(request.principal()))
                    .build();
            // an alert that every silence of the batch matches: its timeline shows them
            Alert target = Alert.builder("LeakTarget").label("service", "leak").build();
            dispatcher.fire(target);
            for (Planting planting : batch) {
                dispatcher.fire(alert(planting));
            }
            dispatcher.awaitIdle(Duration.ofSeconds(30));
            String incident = JSON.readTree(byToken.handle(request("POST", "/incidents", null, Map.of("title", "Checkout",
                    "impact", "minor", "message", "Looking into it."))).body()).get("id").asString();

            for (Planting planting : batch) {
                String text = planting.text();
                Field field = planting.field();
                String ack = "/alerts/" + alert(planting).fingerprint() + "/ack";
                OperatorResponse response;
                if (field == ACK_COMMENT) {
                    response = byToken.handle(request("POST", ack, null, Map.of("comment", text)));
                } else if (field == ACTOR) {
                    response = byToken.handle(request("POST", ack, null, Map.of("by", text, "comment", "on it")));
                } else if (field == PRINCIPAL) {
                    response = byPrincipal.handle(request("POST", ack, text, Map.of("comment", "on it")));
                } else if (field == SILENCE_COMMENT) {
                    response = byToken.handle(request("POST", "/silences", null, Map.of("matchers",
                            List.of(Map.of("name", "service", "value", "leak")), "duration", "1h", "comment", text)));
                } else if (field == MATCHER_VALUE) {
                    response = byToken.handle(request("POST", "/silences", null, Map.of("matchers",
                            List.of(Map.of("name", "customer", "value", text)), "duration", "1h", "comment", "maintenance")));
                } else if (field == INCIDENT_TITLE) {
                    response = byToken.handle(request("POST", "/incidents", null, Map.of("title", text, "impact", "minor",
                            "message", "Looking into it.")));
                } else {
                    response = byToken.handle(request("POST", "/incidents/" + incident + "/updates", null,
                            Map.of("status", "monitoring", "message", text)));
                }
                String body = new String(response.body(), StandardCharsets.UTF_8);
                drive.output("the answer to case " + planting.index() + " (" + response.status() + ")", body);
                if (response.status() == 400 || response.status() == 401) {
                    // refused at the boundary: what the caller is told must not repeat the value either
                    JsonNode error = JSON.readTree(body).get("error");
                    drive.refused(planting, new IllegalArgumentException(error.get("message").asString()));
                } else if (response.status() != 200) {
                    drive.refused(planting, new IllegalStateException("answered " + response.status() + ": " + body));
                }
            }
            dispatcher.awaitIdle(Duration.ofSeconds(30));
            for (String path : List.of("/alerts", "/alerts/" + target.fingerprint(), "/alert-incidents", "/silences", "/incidents")) {
                OperatorResponse list = byToken.handle(request("GET", path, null, null));
                drive.output("GET " + path, new String(list.body(), StandardCharsets.UTF_8));
            }
        }
        return drive;
    }

    private static Alert alert(Planting planting) {
        return Alert.builder("Leak" + planting.index()).label("service", "orders").build();
    }

    private static OperatorRequest request(String method, String path, @Nullable String principal,
            @Nullable Map<String, ?> body) {
        return new OperatorRequest(method, path, principal == null ? Map.of("Authorization", "Bearer " + TOKEN) : Map.of(),
                principal, body == null ? null : new ByteArrayInputStream(JSON.writeValueAsBytes(body)), "leak-request");
    }
}
