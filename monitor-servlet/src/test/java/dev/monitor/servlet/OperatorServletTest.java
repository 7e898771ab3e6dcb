package dev.monitor.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.AlertTimelineEntry.Type;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.operator.OperatorEndpoint;
import dev.monitor.status.PublicComponent;
import dev.monitor.status.StatusPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator servlet on real Jetty, on loopback, over a real alert dispatcher (with escalation, on a manual clock),
 * status page and job monitor: who may act, what acting does to alerts, and what the audit shows.
 */
class OperatorServletTest {

    private static final String TOKEN = "operator-token-0123456789abcdef";
    private static final String READ_TOKEN = "auditor-token-0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-12-07T06:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60); // a hang guard only
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TestClock clock = new TestClock(T0);
    private final Recording chat = new Recording("chat");
    private final Recording pager = new Recording("pager");
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).channel(pager).clock(clock)
            .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO)
                    .groupInterval(Duration.ofMinutes(1)).repeatInterval(Duration.ofDays(1)).build())
            .escalation(EscalationConfig.builder().policy(AlertSeverity.CRITICAL, EscalationPolicy.builder("critical")
                    .level(Duration.ZERO, EscalationTarget.route())
                    .level(Duration.ofMinutes(15), EscalationTarget.channel("pager")).noRepeat().build()).build())
            .build();
    private final JobMonitor jobs = JobMonitor.builder().dispatcher(dispatcher).build();
    private final StatusPage page = StatusPage.builder("Orders").incidents(dispatcher).clock(clock)
            .component(PublicComponent.builder("checkout").displayName("Checkout").checks("database").build()).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO); // Jetty's debug log shows headers
        ((Logger) LoggerFactory.getLogger("dev.monitor")).addAppender(logs);
        jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *").build());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new OperatorServlet(OperatorEndpoint.builder(dispatcher).statusBoard(page.board())
                .jobs(jobs).clock(clock).token("alice", TOKEN).readOnlyToken("auditor", READ_TOKEN).build())),
                "/monitor/operator/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort() + "/monitor/operator";
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        jobs.close();
        dispatcher.close();
        ((Logger) LoggerFactory.getLogger("dev.monitor")).detachAppender(logs);
    }

    // ---- who may act ----

    @Test
    void withoutAValidTokenEveryRouteAnswers401WithTheStandardBodyTheSameWhetherOrNotTheTargetExists() throws Exception {
        Alert alert = fire(apiDown("orders"));
        HttpResponse<String> known = send("POST", "/alerts/" + alert.fingerprint() + "/ack", "{}", bearer("wrong-token-0123456789"));
        HttpResponse<String> unknown = send("POST", "/alerts/0123456789abcdef/ack", "{}", bearer("wrong-token-0123456789"));
        HttpResponse<String> noRoute = send("GET", "/no/such/route", null);
        HttpResponse<String> noHeader = send("GET", "/alerts", null);
        for (HttpResponse<String> response : List.of(known, unknown, noRoute, noHeader)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"monitor-operator\"");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertStandardError(response, "UNAUTHORIZED");
            assertThat(withoutIdAndTime(response.body())).isEqualTo(withoutIdAndTime(known.body()));
        }
        assertThat(unknown.headers().map().keySet()).isEqualTo(known.headers().map().keySet());
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void aReadOnlyTokenReadsButEveryWriteIs403() throws Exception {
        Alert alert = fire(apiDown("orders"));
        HttpResponse<String> alerts = send("GET", "/alerts", null, bearer(READ_TOKEN));
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(alerts.body()).get(0).get("fingerprint").asString()).isEqualTo(alert.fingerprint());
        assertThat(send("GET", "/jobs", null, bearer(READ_TOKEN)).statusCode()).isEqualTo(200);

        HttpResponse<String> ack = send("POST", "/alerts/" + alert.fingerprint() + "/ack", "{}", bearer(READ_TOKEN));
        assertThat(ack.statusCode()).isEqualTo(403);
        assertStandardError(ack, "FORBIDDEN");
        assertThat(send("DELETE", "/silence/any", null, bearer(READ_TOKEN)).statusCode()).isEqualTo(403);
        assertThat(dispatcher.incident(alert.fingerprint()).orElseThrow().isAcknowledged()).isFalse();
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405WithAllowInTheStandardBody() throws Exception {
        HttpResponse<String> notFound = send("GET", "/nope", null, bearer(TOKEN));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertStandardError(notFound, "NOT_FOUND");
        HttpResponse<String> put = send("PUT", "/silences", "{}", bearer(TOKEN));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertStandardError(put, "METHOD_NOT_ALLOWED");
        HttpResponse<String> unknownSilence = send("DELETE", "/silence/no-such-id", null, bearer(TOKEN));
        assertThat(unknownSilence.statusCode()).isEqualTo(404);
        assertStandardError(unknownSilence, "NOT_FOUND");
    }

    // ---- what acting does ----

    @Test
    void acknowledgingOverTheApiStopsTheEscalationThatStillPagesForTheUnacknowledgedAlert() throws Exception {
        Alert acknowledged = fire(apiDown("orders"));
        Alert ignored = fire(apiDown("billing"));
        Conditions.awaitTrue(() -> chat.delivered.size() == 2); // level 1: the route, for both

        advance(Duration.ofMinutes(14));
        assertThat(pager.delivered).as("level 2 is not due yet").isEmpty();
        HttpResponse<String> ack = send("POST", "/alerts/" + acknowledged.fingerprint() + "/ack", "{\"comment\":\"on it\"}",
                bearer(TOKEN));
        assertThat(ack.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ack.body()).get("acknowledgement").get("by").asString()).isEqualTo("alice");

        advance(Duration.ofMinutes(1));
        // the same timer run pages for the alert nobody acknowledged, and not for the acknowledged one
        Conditions.awaitTrue(() -> pager.delivered.size() == 1);
        advance(Duration.ofHours(2));
        assertThat(pager.attempts).hasSize(1);
        assertThat(pager.delivered.get(0).alerts()).singleElement()
                .satisfies(a -> assertThat(a.alert().labels()).containsEntry("service", "billing"));
        assertThat(dispatcher.incident(acknowledged.fingerprint()).orElseThrow().level()).isEqualTo(1);
        assertThat(dispatcher.incident(ignored.fingerprint()).orElseThrow().level()).isEqualTo(2);
    }

    @Test
    void aSilenceCreatedOverTheApiMutesAMatchingAlertFiredAfterItAndExpiringItUnmutes() throws Exception {
        HttpResponse<String> created = send("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"search\","
                + "\"isRegex\":false,\"isEqual\":true}],\"endsAt\":\"2026-12-07T08:00:00Z\",\"comment\":\"reindexing\"}",
                bearer(TOKEN));
        assertThat(created.statusCode()).isEqualTo(200);
        String id = JSON.readTree(created.body()).get("silenceID").asString();

        Alert muted = fire(apiDown("search"));
        Alert other = fire(apiDown("orders"));
        Conditions.awaitTrue(() -> chat.delivered.size() == 1); // the alert of another service is notified...
        round();
        assertThat(chat.attempts).singleElement() // ...and the silenced one, fired before it, is not
                .satisfies(n -> assertThat(n.alerts().get(0).alert().labels()).containsEntry("service", "orders"));
        JsonNode listed = JSON.readTree(send("GET", "/alerts", null, bearer(TOKEN)).body());
        assertThat(listed).filteredOn(a -> a.get("fingerprint").asString().equals(muted.fingerprint())).singleElement()
                .satisfies(a -> {
                    assertThat(a.get("status").get("state").asString()).isEqualTo("suppressed");
                    assertThat(a.get("status").get("suppressedBy").asString()).isEqualTo("silence:" + id);
                });

        assertThat(send("DELETE", "/silence/" + id, null, bearer(TOKEN)).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(send("GET", "/silences", null, bearer(TOKEN)).body())).isEmpty();
        Alert afterwards = fire(Alert.builder("SearchSlow").severity(AlertSeverity.HIGH).label("service", "search").build());
        Conditions.awaitTrue(() -> chat.delivered.size() == 2);
        assertThat(chat.delivered.get(1).alerts().get(0).alert().name()).isEqualTo(afterwards.name());
        assertThat(dispatcher.incident(other.fingerprint())).isPresent();
    }

    // ---- the audit ----

    @Test
    void theTimelinesShowWhoAndWhenForAcknowledgeSilenceItsExpiryResolveMaintenanceAndIncidentUpdates() throws Exception {
        Alert alert = fire(apiDown("orders"));
        advance(Duration.ofMinutes(1));
        assertThat(send("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":\"looking\"}", bearer(TOKEN))
                .statusCode()).isEqualTo(200);
        advance(Duration.ofMinutes(1));
        HttpResponse<String> silence = send("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":"
                + "\"orders\"}],\"duration\":\"1h\",\"createdBy\":\"bob\",\"comment\":\"deploy\"}", bearer(TOKEN));
        assertThat(silence.statusCode()).isEqualTo(200);
        String silenceId = JSON.readTree(silence.body()).get("silenceID").asString();
        round();
        advance(Duration.ofMinutes(1));
        assertThat(send("DELETE", "/silence/" + silenceId, null, bearer(TOKEN)).statusCode()).isEqualTo(200);
        round();
        assertThat(send("POST", "/alerts/" + alert.fingerprint() + "/resolve", "{\"comment\":\"pool restarted\"}",
                bearer(TOKEN)).statusCode()).isEqualTo(200);

        JsonNode incident = JSON.readTree(send("GET", "/alerts/" + alert.fingerprint(), null, bearer(TOKEN)).body());
        JsonNode ack = step(incident, "acknowledged");
        assertThat(ack.get("actor").asString()).isEqualTo("alice");
        assertThat(Instant.parse(ack.get("at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        assertThat(ack.get("detail").asString()).isEqualTo("looking");
        JsonNode silenced = step(incident, "silenced");
        assertThat(silenced.get("actor").asString()).isEqualTo("bob via alice");
        assertThat(Instant.parse(silenced.get("at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        assertThat(silenced.get("detail").asString()).startsWith("silence ").endsWith(": deploy");
        JsonNode expired = step(incident, "silence_expired");
        assertThat(expired.get("actor").asString()).isEqualTo("alice");
        assertThat(Instant.parse(expired.get("at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(expired.get("detail").asString()).isEqualTo("silence " + silenceId);
        JsonNode resolved = step(incident, "resolved");
        assertThat(resolved.get("actor").asString()).isEqualTo("alice");
        assertThat(Instant.parse(resolved.get("at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(resolved.get("detail").asString()).isEqualTo("pool restarted");
        AlertIncident kept = dispatcher.incident(alert.fingerprint()).orElseThrow();
        assertThat(kept.timeline()).extracting(AlertTimelineEntry::type).contains(Type.ACKNOWLEDGED, Type.SILENCED,
                Type.SILENCE_EXPIRED, Type.RESOLVED);

        HttpResponse<String> maintenance = send("POST", "/maintenance", "{\"title\":\"Database upgrade\",\"description\":"
                + "\"read-only\",\"components\":[\"checkout\"],\"startsAt\":\"2026-12-07T07:00:00Z\",\"duration\":\"30m\"}",
                bearer(TOKEN));
        assertThat(maintenance.statusCode()).isEqualTo(200);
        JsonNode scheduled = JSON.readTree(send("GET", "/maintenance", null, bearer(TOKEN)).body()).get(0);
        assertThat(scheduled.get("createdBy").asString()).isEqualTo("alice");
        assertThat(Instant.parse(scheduled.get("createdAt").asString())).isEqualTo(T0.plus(Duration.ofMinutes(3)));
        assertThat(scheduled.get("status").asString()).isEqualTo("scheduled");
        assertThat(dispatcher.silences().values()).anySatisfy(s -> assertThat(s.createdBy()).isEqualTo("alice"));

        HttpResponse<String> opened = send("POST", "/incidents", "{\"title\":\"Checkout errors\",\"impact\":\"major\","
                + "\"components\":[\"checkout\"],\"message\":\"Looking into it.\"}", bearer(TOKEN));
        assertThat(opened.statusCode()).isEqualTo(200);
        String incidentId = JSON.readTree(opened.body()).get("id").asString();
        advance(Duration.ofMinutes(5));
        HttpResponse<String> updated = send("POST", "/incidents/" + incidentId + "/updates", "{\"status\":\"identified\","
                + "\"message\":\"A certificate expired.\",\"by\":\"carol\"}", bearer(TOKEN));
        assertThat(updated.statusCode()).isEqualTo(200);
        JsonNode updates = JSON.readTree(send("GET", "/incidents", null, bearer(TOKEN)).body()).get(0).get("updates");
        assertThat(updates.get(0).get("by").asString()).isEqualTo("alice");
        assertThat(updates.get(1).get("by").asString()).isEqualTo("carol via alice");
        assertThat(Instant.parse(updates.get(1).get("at").asString())).isEqualTo(T0.plus(Duration.ofMinutes(8)));
        assertThat(updates.get(1).get("status").asString()).isEqualTo("identified");
        // the public page does not name the operators
        assertThat(page.board().incidents().get(0).updates().get(1).by()).isEqualTo("carol via alice");

        List<String> audit = logs.list.stream().filter(e -> e.getLevel() == Level.INFO
                && e.getLoggerName().startsWith("dev.monitor.operator")).map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(audit).hasSize(7).allMatch(line -> line.startsWith("Operator "));
    }

    // ---- bad input ----

    @Test
    void badInputAnswers400NamingTheFieldAndOversizedBodies413() throws Exception {
        HttpResponse<String> badDuration = send("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"x\"}],"
                + "\"duration\":\"forever\"}", bearer(TOKEN));
        assertThat(badDuration.statusCode()).isEqualTo(400);
        assertStandardError(badDuration, "BAD_REQUEST");
        assertThat(message(badDuration)).contains("duration");
        assertThat(message(send("POST", "/silences", "{\"matchers\":[{\"name\":\"no spaces\",\"value\":\"x\"}],"
                + "\"duration\":\"1h\"}", bearer(TOKEN)))).contains("matcher name");
        assertThat(message(send("POST", "/silences", "{\"matchers\":[{\"name\":\"a\",\"value\":\"x\"}],\"duration\":\"1h\","
                + "\"endAt\":\"2026-12-07T08:00:00Z\"}", bearer(TOKEN)))).contains("unknown field 'endAt'");
        assertThat(message(send("POST", "/incidents/nope/updates", "{\"status\":\"soon\",\"message\":\"m\"}", bearer(TOKEN))))
                .contains("status must be one of");
        assertThat(message(send("POST", "/silences", "not json", bearer(TOKEN)))).contains("not valid JSON");
        HttpResponse<String> tooLarge = send("POST", "/silences", "{\"comment\":\"" + "x".repeat(100_000) + "\"}",
                bearer(TOKEN));
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertStandardError(tooLarge, "PAYLOAD_TOO_LARGE");
        assertThat(dispatcher.silences()).isEmpty();
    }

    @Test
    void plantedPersonalDataInCommentsDoesNotComeBackOutNorReachTheLog() throws Exception {
        String email = "jane.doe@example.com";
        String card = "4111 1111 1111 1111";
        String pii = "mail " + email + " card " + card;
        Alert alert = fire(apiDown("orders"));
        send("POST", "/alerts/" + alert.fingerprint() + "/ack", "{\"comment\":\"" + pii + "\",\"by\":\"" + email + "\"}",
                bearer(TOKEN));
        send("POST", "/silences", "{\"matchers\":[{\"name\":\"service\",\"value\":\"orders\"}],\"duration\":\"1h\","
                + "\"comment\":\"" + pii + "\",\"createdBy\":\"" + email + "\"}", bearer(TOKEN));
        send("POST", "/incidents", "{\"title\":\"Checkout " + email + "\",\"impact\":\"minor\",\"message\":\"" + pii + "\"}",
                bearer(TOKEN));
        HttpResponse<String> badMatcher = send("POST", "/silences", "{\"matchers\":[{\"name\":\"" + email + "\",\"value\":\"x\"}],"
                + "\"duration\":\"1h\"}", bearer(TOKEN));
        assertThat(badMatcher.statusCode()).isEqualTo(400);
        round();
        for (String path : List.of("/alerts", "/alerts/" + alert.fingerprint(), "/alert-incidents", "/silences", "/incidents")) {
            String body = send("GET", path, null, bearer(TOKEN)).body();
            assertThat(body).as(path).doesNotContain(email, card, card.replace(" ", ""));
        }
        assertThat(badMatcher.body()).doesNotContain(email);
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .allSatisfy(line -> assertThat(line).doesNotContain(email, card, TOKEN));
    }

    // ---- helpers ----

    private static Alert apiDown(String service) {
        return Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).label("service", service).summary(service + " answers 503")
                .build();
    }

    private Alert fire(Alert alert) {
        dispatcher.fire(alert);
        round();
        return alert;
    }

    /** Returns once the dispatcher thread has run a full round at the clock's time and every delivery is done. */
    private void round() {
        Alert probe = Alert.builder("SyncProbe").build();
        answered(probe);
        answered(probe); // answered only after the round that answered the first, with its timers
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
    }

    /** A preview answered by the dispatcher thread; one that gave up after its 5 s on a busy machine is asked again. */
    private void answered(Alert probe) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                dispatcher.preview(probe);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof java.util.concurrent.TimeoutException) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    private void advance(Duration duration) {
        round();
        clock.advance(duration);
        round();
    }

    private static JsonNode step(JsonNode incident, String type) {
        for (JsonNode step : incident.get("timeline")) {
            if (step.get("type").asString().equals(type)) {
                return step;
            }
        }
        throw new AssertionError("no " + type + " step in " + incident.get("timeline"));
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return JSON.readTree(response.body()).get("error").get("message").asString();
    }

    private static void assertStandardError(HttpResponse<String> response, String code) {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("request_id").asString()).isNotBlank();
        assertThat(Instant.parse(error.get("timestamp").asString())).isNotNull();
    }

    private static String withoutIdAndTime(String body) {
        JsonNode error = JSON.readTree(body).get("error");
        return error.get("code").asString() + "|" + error.get("message").asString();
    }

    /** A channel that records what it is sent. */
    private static final class Recording implements AlertChannel {
        final List<AlertNotification> attempts = new CopyOnWriteArrayList<>();
        final List<AlertNotification> delivered = new CopyOnWriteArrayList<>();
        private final String name;
        private final Map<String, AlertNotification> rendered = new ConcurrentHashMap<>();

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ChannelPayload render(AlertNotification notification) {
            rendered.put(notification.id(), notification);
            return new ChannelPayload("application/json", "{}", Map.of("id", notification.id()));
        }

        @Override
        public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
            AlertNotification notification = rendered.remove(payload.field("id"));
            attempts.add(notification);
            delivered.add(notification);
            return DeliveryResult.delivered();
        }
    }

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        private volatile Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
