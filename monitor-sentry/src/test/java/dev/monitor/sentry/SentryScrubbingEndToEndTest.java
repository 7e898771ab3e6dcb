package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryAttribute;
import io.sentry.SentryAttributes;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryLogLevel;
import io.sentry.logger.SentryLogParameters;
import io.sentry.metrics.SentryMetricsParameters;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The real Sentry SDK reporting to a loopback envelope receiver: personal data planted in every field the SDK sends
 * never arrives, while the events still carry their exception type, stack frames and the scrubbers' markers.
 */
class SentryScrubbingEndToEndTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Scrubber scrubber = Scrubber.builder().hmacKey(KEY).build();
    private final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    private EnvelopeReceiver receiver;
    private SentryMonitoring sentry;

    @BeforeEach
    void start() {
        receiver = EnvelopeReceiver.start();
    }

    @AfterEach
    void stop() {
        if (sentry != null) {
            sentry.close();
        }
        Sentry.close();
        receiver.close();
    }

    private SentryMonitoring init(UnaryOperator<SentryMonitoring.Builder> configuration) {
        sentry = configuration.apply(SentryMonitoring.builder()
                .fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn(), "SENTRY_TRACES_SAMPLE_RATE", "1.0"))
                .scrubber(scrubber).meterRegistry(registry)).init();
        return sentry;
    }

    private void flush() {
        sentry.flush(Duration.ofSeconds(30)); // returns once sent: the bound is a hang guard
    }

    private JsonNode onlyEvent() {
        List<EnvelopeReceiver.Item> events = receiver.items("event");
        assertThat(events).hasSize(1);
        return events.get(0).json();
    }

    /** Fills the current scope with personal data in every place an application or integration puts it. */
    private static void plantPersonalDataInScope() {
        Sentry.configureScope(scope -> {
            scope.setTag("customer_email", Pii.EMAIL);
            scope.setTag("client_ip", Pii.IP);
            scope.setExtra("note", "call " + Pii.PHONE + " about " + Pii.IBAN);
            Map<String, Object> payment = new LinkedHashMap<>();
            payment.put("card", Pii.CARD_COMPACT);
            payment.put("holder_ssn", "ssn " + Pii.SSN);
            payment.put("provider_key", Pii.STRIPE_KEY);
            scope.setContexts("payment", payment);
            Request request = new Request();
            request.setUrl("https://shop.example.com/orders?email=maria.garcia%40example.com");
            request.setMethod("POST");
            request.setQueryString("email=" + Pii.EMAIL + "&access_token=" + Pii.ACCESS_TOKEN);
            request.setHeaders(new LinkedHashMap<>(Map.of("Authorization", "Bearer " + Pii.BEARER,
                    "Cookie", "session=" + Pii.SESSION + "; theme=dark", "X-Forwarded-For", Pii.IP,
                    "Accept", "application/json")));
            request.setCookies("session=" + Pii.SESSION + "; theme=dark");
            request.setData(Map.of("password", Pii.PASSWORD, "email", Pii.EMAIL, "note", "call " + Pii.PHONE));
            request.setEnvs(Map.of("REMOTE_ADDR", Pii.IP));
            scope.setRequest(request);
            User user = new User();
            user.setId(Pii.USER_ID);
            user.setEmail(Pii.EMAIL);
            user.setUsername(Pii.USERNAME);
            user.setIpAddress(Pii.IP);
            user.setData(Map.of("phone", Pii.PHONE));
            scope.setUser(user);
        });
        Breadcrumb login = new Breadcrumb("login by " + Pii.EMAIL + " from " + Pii.IP);
        login.setCategory("auth");
        login.setData("url", "https://api.example.com/users?email=" + Pii.EMAIL + "&token=" + Pii.ACCESS_TOKEN);
        login.setData("api_key", Pii.STRIPE_KEY);
        Sentry.addBreadcrumb(login);
    }

    private static IllegalStateException exceptionWithPersonalData() {
        return new IllegalStateException("charge failed for " + Pii.EMAIL + " with card " + Pii.CARD,
                new RuntimeException("upstream answered 401 to Bearer " + Pii.BEARER + " reading " + Pii.HOME));
    }

    @Test
    void anExceptionWithPersonalDataEverywhereArrivesScrubbedWithItsTypeFramesAndMarkers() {
        init(b -> b);
        plantPersonalDataInScope();

        SentryId id = sentry.captureException(exceptionWithPersonalData(),
                Map.of("password", Pii.PASSWORD, "order", Map.of("iban", Pii.IBAN, "id", 84213)));
        flush();

        assertThat(id).isNotEqualTo(SentryId.EMPTY_ID);
        JsonNode event = onlyEvent();
        Pii.assertNoneIn(receiver);
        assertThat(receiver.received().get(0).contentType()).isEqualTo("application/x-sentry-envelope");

        JsonNode exceptions = event.path("exception").path("values");
        assertThat(exceptions).hasSize(2);
        JsonNode thrown = exceptions.get(1);
        assertThat(thrown.path("type").asString()).isEqualTo("IllegalStateException");
        assertThat(thrown.path("module").asString()).isEqualTo("java.lang");
        assertThat(thrown.path("value").asString()).isEqualTo("charge failed for m***@example.com with card [payment_card]");
        assertThat(thrown.path("stacktrace").path("frames").findValuesAsString("function"))
                .contains("exceptionWithPersonalData");
        assertThat(exceptions.get(0).path("value").asString()).contains("[auth_credential]").contains("[home_path]");

        assertThat(event.path("tags").path("customer_email").asString()).isEqualTo("m***@example.com");
        assertThat(event.path("tags").path("client_ip").asString()).isEqualTo("[ip_address]");
        assertThat(event.path("extra").path("password").asString()).isEqualTo("[secret]");
        assertThat(event.path("extra").path("order").path("iban").asString()).isEqualTo("[iban]");
        assertThat(event.path("extra").path("order").path("id").asInt()).isEqualTo(84213);
        assertThat(event.path("extra").path("note").asString()).isEqualTo("call [phone] about [iban]");
        assertThat(event.path("contexts").path("payment").path("card").asString()).isEqualTo("[payment_card]");
        assertThat(event.path("contexts").path("payment").path("provider_key").asString()).isEqualTo("[api_key]");
        assertThat(event.path("contexts").path("runtime").path("name").asString()).isNotEmpty();

        JsonNode request = event.path("request");
        assertThat(request.path("method").asString()).isEqualTo("POST");
        assertThat(request.path("query_string").asString()).startsWith("email=m***@example.com&access_token=[secret]");
        assertThat(request.path("headers").path("Accept").asString()).isEqualTo("application/json");
        assertThat(request.path("cookies").asString()).contains("session=").contains("theme=");
        assertThat(request.path("data").path("password").asString()).isEqualTo("[secret]");

        JsonNode user = event.path("user");
        assertThat(user.properties()).extracting(Map.Entry::getKey).containsExactly("id");
        assertThat(user.path("id").asString()).isEqualTo(scrubber.pseudonymize(Pii.USER_ID)).matches("[0-9a-f]{32}");

        JsonNode breadcrumb = event.path("breadcrumbs").get(0);
        assertThat(breadcrumb.path("message").asString()).isEqualTo("login by m***@example.com from [ip_address]");
        assertThat(breadcrumb.path("data").path("api_key").asString()).isEqualTo("[secret]");
        assertThat(sentry.stats().scrubbed("event")).isEqualTo(1);
        assertThat(sentry.stats().scrubbed("breadcrumb")).isEqualTo(1);
        assertThat(registry.get("monitor.sentry.scrubbed").tag("type", "event").functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("monitor.sentry.scrubbed").tag("type", "breadcrumb").functionCounter().count())
                .isEqualTo(1);
    }

    @Test
    void aMessageWithPersonalDataInItsTemplateAndParametersArrivesScrubbed() {
        init(b -> b);
        SentryEvent event = new SentryEvent();
        Message message = new Message();
        message.setMessage("refund to %s for card %s");
        message.setParams(List.of(Pii.EMAIL, Pii.CARD));
        message.setFormatted("refund to " + Pii.EMAIL + " for card " + Pii.CARD);
        event.setMessage(message);
        event.setLevel(SentryLevel.WARNING);
        event.setFingerprints(List.of("refund", Pii.EMAIL));
        event.setTransaction("POST /customers/" + Pii.EMAIL + "/refunds");
        Breadcrumb direct = new Breadcrumb("added to the event, not the scope: " + Pii.PHONE);
        event.addBreadcrumb(direct);

        Sentry.captureEvent(event);
        flush();

        JsonNode received = onlyEvent();
        Pii.assertNoneIn(receiver);
        assertThat(received.path("message").path("formatted").asString())
                .isEqualTo("refund to m***@example.com for card [payment_card]");
        assertThat(received.path("message").path("params").get(0).asString()).isEqualTo("m***@example.com");
        assertThat(received.path("fingerprint").get(1).asString()).isEqualTo("m***@example.com");
        assertThat(received.path("transaction").asString()).isEqualTo("POST /customers/m***@example.com/refunds");
        assertThat(received.path("breadcrumbs").get(0).path("message").asString()).endsWith("[phone]");
        assertThat(received.path("level").asString()).isEqualTo("warning");
    }

    @Test
    void transactionNamesSpanDescriptionsAndSpanDataArriveScrubbed() {
        init(b -> b);
        ITransaction transaction = Sentry.startTransaction("checkout for " + Pii.EMAIL, "http.server");
        transaction.setTag("client", Pii.IP);
        transaction.setData("customer", Pii.EMAIL);
        ISpan query = transaction.startChild("db.query",
                "SELECT * FROM customers WHERE email = '" + Pii.EMAIL + "' AND card = '" + Pii.CARD_COMPACT + "'");
        query.setData("db.params", "card=" + Pii.CARD);
        query.setTag("customer", Pii.EMAIL);
        query.finish();
        ISpan call = transaction.startChild("http.client", "POST https://api.stripe.com/v1/charges?key=" + Pii.STRIPE_KEY);
        call.setData("authorization", "Bearer " + Pii.BEARER);
        call.finish();
        transaction.finish();
        flush();

        List<EnvelopeReceiver.Item> transactions = receiver.items("transaction");
        assertThat(transactions).hasSize(1);
        Pii.assertNoneIn(receiver);
        JsonNode sent = transactions.get(0).json();
        assertThat(sent.path("transaction").asString()).isEqualTo("checkout for m***@example.com");
        // the envelope header's dynamic sampling context repeats a custom name; the SDK builds it outside every hook
        JsonNode trace = receiver.received().get(0).header().path("trace");
        assertThat(trace.path("transaction").asString()).isEqualTo("checkout for m***@example.com");
        assertThat(trace.path("trace_id").asString()).isEqualTo(sent.path("contexts").path("trace").path("trace_id")
                .asString());
        assertThat(trace.path("sampled").asString()).isEqualTo("true");
        assertThat(sent.path("transaction_info").path("source").asString()).isEqualTo("custom");
        JsonNode spans = sent.path("spans");
        assertThat(spans).hasSize(2);
        JsonNode db = spans.get(0).path("op").asString().equals("db.query") ? spans.get(0) : spans.get(1);
        assertThat(db.path("description").asString()).isEqualTo("SELECT * FROM customers WHERE email = ? AND card = ?");
        assertThat(db.path("data").path("db.params").asString()).isEqualTo("card=[payment_card]");
        assertThat(db.path("tags").path("customer").asString()).isEqualTo("m***@example.com");
        assertThat(sent.path("contexts").path("trace").path("data").path("customer").asString())
                .isEqualTo("m***@example.com");
        assertThat(sentry.stats().scrubbed("transaction")).isEqualTo(1);
    }

    @Test
    void logMessagesAndAttributesArriveScrubbed() {
        init(b -> b.options(options -> options.getLogs().setEnabled(true)));
        Sentry.logger().log(SentryLogLevel.INFO, SentryLogParameters.create(SentryAttributes.of(
                SentryAttribute.stringAttribute("customer", Pii.EMAIL),
                SentryAttribute.stringAttribute("password", Pii.PASSWORD),
                SentryAttribute.stringAttribute("user.email", Pii.EMAIL),
                SentryAttribute.stringAttribute("user.id", Pii.USER_ID),
                SentryAttribute.integerAttribute("attempt", 3))),
                "payment by %s with card %s", Pii.EMAIL, Pii.CARD);
        flush();

        List<EnvelopeReceiver.Item> logs = receiver.items("log");
        assertThat(logs).isNotEmpty();
        Pii.assertNoneIn(receiver);
        JsonNode log = logs.get(0).json().path("items").get(0);
        assertThat(log.path("body").asString()).isEqualTo("payment by m***@example.com with card [payment_card]");
        JsonNode attributes = log.path("attributes");
        assertThat(attributes.path("customer").path("value").asString()).isEqualTo("m***@example.com");
        assertThat(attributes.path("password").path("value").asString()).isEqualTo("[secret]");
        assertThat(attributes.has("user.email")).isFalse();
        assertThat(attributes.path("user.id").path("value").asString()).isEqualTo(scrubber.pseudonymize(Pii.USER_ID));
        assertThat(attributes.path("attempt").path("value").asInt()).isEqualTo(3);
        assertThat(attributes.path("sentry.message.parameter.0").path("value").asString())
                .isEqualTo("m***@example.com");
        assertThat(sentry.stats().scrubbed("log")).isEqualTo(1);
    }

    @Test
    void metricAttributesArriveScrubbed() {
        init(b -> b.options(options -> options.getMetrics().setEnabled(true)));
        Sentry.metrics().count("checkout.failed", 1.0, null, SentryMetricsParameters.create(Map.of(
                "customer", Pii.EMAIL, "region", "eu-west-1")));
        flush();

        List<EnvelopeReceiver.Item> metrics = receiver.items("trace_metric");
        assertThat(metrics).isNotEmpty();
        Pii.assertNoneIn(receiver);
        assertThat(receiver.allText()).contains("checkout.failed").contains("m***@example.com").contains("eu-west-1");
        assertThat(sentry.stats().scrubbed("metric")).isEqualTo(1);
    }

    @Test
    void breadcrumbsAreScrubbedBeforeTheSdkStoresThem() {
        init(b -> b);
        Breadcrumb breadcrumb = new Breadcrumb("card " + Pii.CARD + " declined");
        breadcrumb.setData("email", Pii.EMAIL);
        Sentry.addBreadcrumb(breadcrumb);

        List<Breadcrumb> stored = new java.util.ArrayList<>();
        Sentry.configureScope(scope -> stored.addAll(scope.getBreadcrumbs()));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).getMessage()).isEqualTo("card [payment_card] declined");
        assertThat(stored.get(0).getData("email")).isEqualTo("m***@example.com");
    }

    @Test
    void theRequestIdFromTheMdcBecomesATag() {
        init(b -> b);
        org.slf4j.MDC.put("request_id", "req-8f14e45f");
        try {
            sentry.captureException(new IllegalStateException("boom"));
        } finally {
            org.slf4j.MDC.remove("request_id");
        }
        flush();

        assertThat(onlyEvent().path("tags").path("request_id").asString()).isEqualTo("req-8f14e45f");
    }

    @Test
    void theUserIsOnlyAKeyedHashOfItsId() {
        init(b -> b);
        String pseudonym = sentry.setUser(Pii.USER_ID);
        sentry.captureException(new IllegalStateException("boom"));
        flush();

        JsonNode user = onlyEvent().path("user");
        assertThat(pseudonym).isEqualTo(scrubber.pseudonymize(Pii.USER_ID));
        assertThat(user.properties()).extracting(Map.Entry::getKey).containsExactly("id");
        assertThat(user.path("id").asString()).isEqualTo(pseudonym);
        Pii.assertNoneIn(receiver);
    }

    @Test
    void theRequestsUserHashFromTheMdcWinsOverALeftOverScopeUser() {
        init(b -> b);
        sentry.setUser("someone-from-an-earlier-request");
        org.slf4j.MDC.put("user_id", "3f2a9c0d1b7e4a55");
        try {
            sentry.captureException(new IllegalStateException("boom"));
        } finally {
            org.slf4j.MDC.remove("user_id");
        }
        flush();

        assertThat(onlyEvent().path("user").path("id").asString()).isEqualTo("3f2a9c0d1b7e4a55");
    }

    @Test
    void errorsAreTaggedWithTheirCategory() {
        init(b -> b.errorClassifier(ErrorClassifier.builder()
                .rule(e -> e.getMessage() != null && e.getMessage().startsWith("quota") ? "quota" : null).build()));
        sentry.captureException(new RuntimeException("wrapped", new java.sql.SQLException("deadlock", "40P01")));
        sentry.captureException(new IllegalStateException("quota exceeded"));
        flush();

        List<String> categories = receiver.items("event").stream()
                .map(item -> item.json().path("tags").path("error.category").asString()).toList();
        assertThat(categories).containsExactlyInAnyOrder("database", "quota");
    }

    @Test
    @SuppressWarnings("deprecation") // captureUserFeedback: the legacy path, which skips every callback
    void userFeedbackArrivesScrubbedThroughBothTheNewAndTheLegacyApi() {
        init(b -> b);
        io.sentry.protocol.Feedback feedback = new io.sentry.protocol.Feedback(
                "it charged my card " + Pii.CARD + " twice, call me on " + Pii.PHONE);
        feedback.setContactEmail(Pii.EMAIL);
        feedback.setName("Maria Garcia");
        Sentry.captureFeedback(feedback);
        SentryId eventId = sentry.captureException(new IllegalStateException("charge failed"));
        Sentry.captureUserFeedback(new io.sentry.UserFeedback(eventId, "Maria Garcia", Pii.EMAIL,
                "my card " + Pii.CARD + " was charged twice"));
        flush();

        Pii.assertNoneIn(receiver);
        // still a feedback item: the typed feedback context is scrubbed in place of being replaced by a map
        JsonNode sentFeedback = receiver.items("feedback").get(0).json().path("contexts").path("feedback");
        assertThat(sentFeedback.path("message").asString())
                .isEqualTo("it charged my card [payment_card] twice, call me on [phone]");
        assertThat(sentFeedback.path("contact_email").asString()).isEqualTo("m***@example.com");
        assertThat(sentFeedback.has("name")).isFalse();
        JsonNode report = receiver.items("user_report").get(0).json();
        assertThat(report.path("event_id").asString()).isEqualTo(eventId.toString());
        assertThat(report.path("email").asString()).isEqualTo("m***@example.com");
        assertThat(report.path("comments").asString()).isEqualTo("my card [payment_card] was charged twice");
        assertThat(report.has("name")).isFalse();
        assertThat(receiver.allText()).doesNotContain("Maria Garcia");
    }

    @Test
    void applyToAddsTheHooksToOptionsThatAFrameworkInitialisesItself() {
        io.sentry.SentryOptions options = new io.sentry.SentryOptions();
        options.setDsn(receiver.dsn());
        options.setTracesSampler(context -> 1.0);
        sentry = SentryMonitoring.builder().scrubber(scrubber).applyTo(options);
        Sentry.init(options);

        Sentry.captureException(exceptionWithPersonalData());
        Sentry.flush(10_000);

        assertThat(options.getTracesSampleRate()).isNull();
        assertThat(sentry.isEnabled()).isTrue();
        assertThat(receiver.items("event")).hasSize(1);
        Pii.assertNoneIn(receiver);
        assertThat(sentry.stats().scrubbed("event")).isEqualTo(1);
    }
}
