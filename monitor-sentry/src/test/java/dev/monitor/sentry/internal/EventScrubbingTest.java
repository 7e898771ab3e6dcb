package dev.monitor.sentry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.SentryAttributeType;
import io.sentry.SentryEvent;
import io.sentry.SentryLogEvent;
import io.sentry.SentryLogEventAttributeValue;
import io.sentry.SentryLogLevel;
import io.sentry.SentryMetricsEvent;
import io.sentry.SentryOptions;
import io.sentry.SpanContext;
import io.sentry.protocol.Device;
import io.sentry.protocol.Feedback;
import io.sentry.protocol.Geo;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.SentrySpan;
import io.sentry.protocol.SentryStackFrame;
import io.sentry.protocol.SentryStackTrace;
import io.sentry.protocol.SentryThread;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.TransactionInfo;
import io.sentry.protocol.User;
import io.sentry.SpanId;
import io.sentry.SpanStatus;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The field scrubbing on its own, for the fields the end-to-end tests do not reach through the SDK's public capture
 * API: threads, mechanisms, frame variables and source context, typed contexts, the response context, user geo and
 * data, transaction names with their source, log and metric attributes; and that objects shared with the scope are
 * copied, not changed, and that a clean event is left exactly as it was.
 */
class EventScrubbingTest {

    private static final String EMAIL = "maria.garcia@example.com";
    private static final String CARD = "4111 1111 1111 1111";

    private final SentryOptions options = new SentryOptions();
    private final Scrubber scrubber = Scrubber.builder().hmacKey(new byte[16]).build();
    private final IssuedPseudonyms pseudonyms = new IssuedPseudonyms();
    private final EventScrubbing scrubbing = new EventScrubbing(scrubber, options::getSerializer, pseudonyms);

    private String json(Object value) throws Exception {
        StringWriter writer = new StringWriter();
        options.getSerializer().serialize(value, writer);
        return writer.toString();
    }

    @Test
    void threadsMechanismsAndStackFramesAreScrubbedTheirShapeKept() throws Exception {
        SentryStackFrame frame = new SentryStackFrame();
        frame.setFunction("charge");
        frame.setModule("com.example.PaymentService");
        frame.setLineno(42);
        frame.setFilename("PaymentService.java");
        frame.setAbsPath("/home/mgarcia/src/PaymentService.java");
        frame.setContextLine("charge(\"" + EMAIL + "\");");
        frame.setPreContext(new ArrayList<>(List.of("// card " + CARD)));
        frame.setPostContext(new ArrayList<>(List.of("return;")));
        frame.setVars(new LinkedHashMap<>(Map.of("password", "hunter2", "email", EMAIL, "amount", 12)));
        SentryException exception = new SentryException();
        exception.setType("IllegalStateException");
        exception.setValue("declined for " + EMAIL);
        exception.setStacktrace(new SentryStackTrace(new ArrayList<>(List.of(frame))));
        Mechanism mechanism = new Mechanism();
        mechanism.setType("generic");
        mechanism.setDescription("raised for " + EMAIL);
        mechanism.setData(new LinkedHashMap<>(Map.of("token", "abc123secret")));
        mechanism.setMeta(new LinkedHashMap<>(Map.of("errno", Map.of("name", "card " + CARD))));
        exception.setMechanism(mechanism);
        SentryThread thread = new SentryThread();
        thread.setName("worker for " + EMAIL);
        thread.setStacktrace(new SentryStackTrace(new ArrayList<>(List.of(frame))));
        SentryEvent event = new SentryEvent();
        event.setExceptions(new ArrayList<>(List.of(exception)));
        event.setThreads(new ArrayList<>(List.of(thread)));
        event.setServerName("build-of-" + EMAIL);

        assertThat(scrubbing.scrubEvent(event)).isTrue();

        String sent = json(event);
        assertThat(sent).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("hunter2")
                .doesNotContain("abc123secret").doesNotContain("mgarcia");
        assertThat(exception.getType()).isEqualTo("IllegalStateException");
        assertThat(exception.getValue()).isEqualTo("declined for m***@example.com");
        assertThat(frame.getFunction()).isEqualTo("charge");
        assertThat(frame.getLineno()).isEqualTo(42);
        assertThat(frame.getFilename()).isEqualTo("PaymentService.java");
        assertThat(frame.getAbsPath()).isEqualTo("/home/[home_path]/src/PaymentService.java");
        assertThat(frame.getVars()).containsEntry("password", "[secret]").containsEntry("amount", 12);
        assertThat(frame.getPreContext()).containsExactly("// card [payment_card]");
        assertThat(mechanism.getData()).containsEntry("token", "[secret]");
        assertThat(thread.getName()).isEqualTo("worker for m***@example.com");
        assertThat(event.getServerName()).isEqualTo("b***@example.com");
    }

    @Test
    void typedContextsTheResponseAndTheTraceAreScrubbedAndSharedObjectsAreCopiedNotChanged() throws Exception {
        SentryEvent event = new SentryEvent();
        Device device = new Device();
        device.setName("laptop of " + EMAIL);
        device.setModel("ThinkPad");
        event.getContexts().setDevice(device);
        Feedback feedback = new Feedback("it charged my card " + CARD + " twice");
        feedback.setContactEmail(EMAIL);
        event.getContexts().setFeedback(feedback);
        Response response = new Response();
        response.setStatusCode(500);
        response.setCookies("session=abc123secretvalue; Path=/");
        response.setHeaders(new LinkedHashMap<>(Map.of("Set-Cookie", "session=abc123secretvalue", "Location",
                "/users/" + EMAIL)));
        event.getContexts().setResponse(response);
        SpanContext trace = new SpanContext("http.server");
        trace.setDescription("GET /users/" + EMAIL);
        trace.setTag("customer", EMAIL);
        trace.setData("card", CARD);
        event.getContexts().setTrace(trace);
        event.getContexts().put("os", Map.of("name", "Linux"));

        assertThat(scrubbing.scrubEvent(event)).isTrue();

        String sent = json(event);
        assertThat(sent).doesNotContain(EMAIL).doesNotContain(CARD).doesNotContain("abc123secretvalue");
        assertThat(sent).contains("ThinkPad").contains("\"status_code\":500").contains("m***@example.com");
        assertThat(device.getName()).isEqualTo("laptop of " + EMAIL);
        assertThat(response.getHeaders().get("Location")).isEqualTo("/users/" + EMAIL);
        assertThat(trace.getDescription()).isEqualTo("GET /users/" + EMAIL);
        SpanContext sentTrace = event.getContexts().getTrace();
        assertThat(sentTrace).isNotSameAs(trace);
        assertThat(sentTrace.getDescription()).isEqualTo("GET /users/m***@example.com");
        assertThat(sentTrace.getTraceId()).isEqualTo(trace.getTraceId());
        assertThat(sentTrace.getTags()).containsEntry("customer", "m***@example.com");
        assertThat(event.getContexts().getResponse().getStatusCode()).isEqualTo(500);
        assertThat(event.getContexts().get("os")).isEqualTo(Map.of("name", "Linux"));
    }

    @Test
    void theUserKeepsOnlyAKeyedHashOfItsIdAndTheRequestIsCopiedBeforeItChanges() {
        User user = new User();
        user.setId("customer-4711");
        user.setEmail(EMAIL);
        user.setGeo(new Geo());
        user.getGeo().setCity("Madrid");
        user.setData(Map.of("plan", "gold"));
        Request request = new Request();
        request.setUrl("https://shop.example.com/u/" + EMAIL + "#card=" + CARD);
        request.setFragment("card=" + CARD);
        request.setOthers(Map.of("referer", "https://mail.example.com/?to=" + EMAIL));
        SentryEvent event = new SentryEvent();
        event.setUser(user);
        event.setRequest(request);

        scrubbing.scrubEvent(event);

        assertThat(event.getUser()).isNotSameAs(user);
        assertThat(event.getUser().getId()).isEqualTo(scrubber.pseudonymize("customer-4711"));
        assertThat(event.getUser().getEmail()).isNull();
        assertThat(event.getUser().getGeo()).isNull();
        assertThat(event.getUser().getData()).isNull();
        assertThat(event.getRequest()).isNotSameAs(request);
        assertThat(event.getRequest().getFragment()).isEqualTo("card=[payment_card]");
        assertThat(event.getRequest().getOthers().get("referer")).isEqualTo("https://mail.example.com/?to=m***@example.com");
        assertThat(request.getUrl()).contains(EMAIL);
    }

    @Test
    void aHashWeIssuedIsKeptAsTheUsersId() {
        pseudonyms.issue("3f2a9c0d1b7e4a55");
        User user = new User();
        user.setId("3f2a9c0d1b7e4a55");
        SentryEvent event = new SentryEvent();
        event.setUser(user);

        assertThat(scrubbing.scrubEvent(event)).isFalse();
        assertThat(event.getUser()).isSameAs(user);
    }

    @Test
    void aCleanEventIsLeftAsItWas() throws Exception {
        SentryEvent event = new SentryEvent(new IllegalStateException("order 84213 failed after 3 attempts"));
        event.setTag("region", "eu-west-1");
        event.setExtra("order_id", 84213);
        Breadcrumb breadcrumb = new Breadcrumb("GET /api/items -> 200");
        breadcrumb.setData("status_code", 200);
        event.addBreadcrumb(breadcrumb);
        Request request = new Request();
        request.setUrl("https://api.example.com/orders");
        request.setHeaders(Map.of("Accept", "application/json"));
        event.setRequest(request);
        String before = json(event);

        assertThat(scrubbing.scrubEvent(event)).isFalse();
        assertThat(json(event)).isEqualTo(before);
        assertThat(event.getRequest()).isSameAs(request);
    }

    @Test
    void aTransactionWhoseNameCarriesPersonalDataIsRenamedKeepingItsSourceSpansAndContexts() throws Exception {
        SentrySpan span = new SentrySpan(1.0, 2.0, new SentryId(), new SpanId(), new SpanId(), "db.sql.query",
                "UPDATE users SET email = '" + EMAIL + "' WHERE id = 7", SpanStatus.OK, "manual",
                new java.util.concurrent.ConcurrentHashMap<>(Map.of("db.system", "postgresql")), Map.of(),
                new java.util.concurrent.ConcurrentHashMap<>(Map.of("db.params", CARD)));
        SentryTransaction transaction = new SentryTransaction("GET /users/" + EMAIL, 1.0, 3.0,
                new ArrayList<>(List.of(span)), new LinkedHashMap<>(), new TransactionInfo("url"));
        transaction.setEnvironment("staging");
        transaction.setTag("region", "eu");
        transaction.getContexts().setTrace(new SpanContext("http.server"));

        EventScrubbing.TransactionResult result = scrubbing.scrubTransaction(transaction);

        assertThat(result.changed()).isTrue();
        SentryTransaction sent = result.transaction();
        assertThat(sent.getTransaction()).isEqualTo("GET /users/m***@example.com");
        assertThat(sent.getEventId()).isEqualTo(transaction.getEventId());
        assertThat(sent.getEnvironment()).isEqualTo("staging");
        assertThat(sent.getTags()).containsEntry("region", "eu");
        assertThat(sent.getContexts().getTrace().getOperation()).isEqualTo("http.server");
        assertThat(json(sent)).contains("\"transaction_info\":{\"source\":\"url\"}").doesNotContain(EMAIL)
                .doesNotContain(CARD);
        assertThat(sent.getSpans()).singleElement().satisfies(s -> {
            assertThat(s.getDescription()).isEqualTo("UPDATE users SET email = ? WHERE id = ?");
            assertThat(s.getData()).containsEntry("db.params", "[payment_card]");
            assertThat(s.getTags()).containsEntry("db.system", "postgresql");
            assertThat(s.getSpanId()).isEqualTo(span.getSpanId());
        });
    }

    @Test
    void logAndMetricAttributesAreScrubbedByTheirKeyAndTypeAndUserAttributesReduced() {
        SentryLogEvent log = new SentryLogEvent(new SentryId(), 1.0, "paid " + CARD, SentryLogLevel.INFO);
        Map<String, SentryLogEventAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("card_number", new SentryLogEventAttributeValue(SentryAttributeType.INTEGER, 4111111111111111L));
        attributes.put("emails", new SentryLogEventAttributeValue(SentryAttributeType.ARRAY, List.of(EMAIL, "n/a")));
        attributes.put("user.name", new SentryLogEventAttributeValue(SentryAttributeType.STRING, "Maria Garcia"));
        attributes.put("attempt", new SentryLogEventAttributeValue(SentryAttributeType.INTEGER, 3));
        log.setAttributes(attributes);
        SentryMetricsEvent metric = new SentryMetricsEvent(new SentryId(), 1.0, "checkout.failed", "counter", 1.0);
        metric.setAttributes(new LinkedHashMap<>(Map.of("customer",
                new SentryLogEventAttributeValue(SentryAttributeType.STRING, EMAIL))));

        assertThat(scrubbing.scrubLog(log)).isTrue();
        assertThat(scrubbing.scrubMetric(metric)).isTrue();

        assertThat(log.getBody()).isEqualTo("paid [payment_card]");
        assertThat(log.getAttributes().get("card_number").getValue()).isEqualTo("[payment_card]");
        assertThat(log.getAttributes().get("card_number").getType()).isEqualTo("string");
        assertThat(log.getAttributes().get("emails").getValue()).isEqualTo(List.of("m***@example.com", "n/a"));
        assertThat(log.getAttributes()).doesNotContainKey("user.name");
        assertThat(log.getAttributes().get("attempt").getValue()).isEqualTo(3);
        assertThat(metric.getAttributes().get("customer").getValue()).isEqualTo("m***@example.com");
    }
}
