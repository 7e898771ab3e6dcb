package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sentry.Breadcrumb;
import io.sentry.EventProcessor;
import io.sentry.Hint;
import io.sentry.ITransaction;
import io.sentry.JsonSerializable;
import io.sentry.ObjectWriter;
import io.sentry.ILogger;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.protocol.User;
import java.io.IOException;
import java.time.Duration;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.JsonNode;

/**
 * Every hook fails closed, with the real SDK and a loopback receiver: a detector that throws inside the PII engine
 * blanks the fields ({@code [scrub_error]}) of events, breadcrumbs, logs and transactions and of what event
 * processors added; a hook or callback that throws drops the item; neither ever lets a raw value out.
 */
class SentryFailClosedTest {

    private EnvelopeReceiver receiver;
    private SentryMonitoring sentry;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

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
        MDC.clear();
    }

    private SentryMonitoring init(UnaryOperator<SentryMonitoring.Builder> configuration) {
        sentry = configuration.apply(SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0)
                .meterRegistry(registry)).init();
        return sentry;
    }

    private void flush() {
        sentry.flush(Duration.ofSeconds(30)); // returns once sent: the bound is a hang guard
    }

    @Test
    void aDetectorThatThrowsBlanksTheFieldsOfEventsBreadcrumbsLogsTransactionsAndProcessorDataNeverTheRawValues() {
        SimpleMeterRegistry piiMeters = new SimpleMeterRegistry();
        Scrubber exploding = Scrubber.builder().meterRegistry(piiMeters)
                .detector(PiiKind.of("exploding"), (text, matches) -> {
                    throw new IllegalStateException("detector bug while reading " + text);
                })
                .build();
        init(b -> b.scrubber(exploding).options(options -> options.getLogs().setEnabled(true)));
        Sentry.configureScope(scope -> {
            scope.setTag("customer_email", Pii.EMAIL);
            scope.setContexts("payment", Map.of("card", Pii.CARD));
        });
        Breadcrumb breadcrumb = new Breadcrumb("login by " + Pii.EMAIL);
        breadcrumb.setData("ip", Pii.IP);
        Sentry.addBreadcrumb(breadcrumb);
        MDC.put("request_id", "req-" + Pii.EMAIL);

        sentry.captureException(new IllegalStateException("charge failed for " + Pii.EMAIL + " card " + Pii.CARD),
                Map.of("phone", Pii.PHONE));
        Sentry.logger().info("payment by %s", Pii.EMAIL);
        ITransaction transaction = Sentry.startTransaction("checkout " + Pii.EMAIL, "task");
        transaction.startChild("db.query", "SELECT 1 WHERE email = '" + Pii.EMAIL + "'").finish();
        transaction.finish();
        flush();

        Pii.assertNoneIn(receiver);
        JsonNode event = receiver.items("event").get(0).json();
        JsonNode thrown = event.path("exception").path("values").get(0);
        assertThat(thrown.path("type").asString()).isEqualTo("IllegalStateException");
        assertThat(thrown.path("value").asString()).isEqualTo("[scrub_error]");
        assertThat(thrown.path("stacktrace").path("frames").findValuesAsString("function")).contains(
                "aDetectorThatThrowsBlanksTheFieldsOfEventsBreadcrumbsLogsTransactionsAndProcessorDataNeverTheRawValues");
        // tag keys are scanned too: with a broken engine, keys and values are all blanked
        assertThat(event.path("tags").properties()).isNotEmpty().allSatisfy(tag -> {
            assertThat(tag.getKey()).isEqualTo("[scrub_error]");
            assertThat(tag.getValue().asString()).isEqualTo("[scrub_error]");
        });
        assertThat(event.path("extra").path("phone").asString()).isEqualTo("[scrub_error]");
        assertThat(event.path("contexts").path("payment").path("value").asString()).isEqualTo("[scrub_error]");
        assertThat(event.path("contexts").path("runtime").path("value").asString()).isEqualTo("[scrub_error]");
        assertThat(event.path("breadcrumbs").get(0).path("message").asString()).isEqualTo("[scrub_error]");
        assertThat(event.path("breadcrumbs").get(0).path("data").path("ip").asString()).isEqualTo("[scrub_error]");

        JsonNode log = receiver.items("log").get(0).json().path("items").get(0);
        assertThat(log.path("body").asString()).isEqualTo("[scrub_error]");

        JsonNode sent = receiver.items("transaction").get(0).json();
        assertThat(sent.path("transaction").asString()).isEqualTo("[scrub_error]");
        assertThat(sent.path("spans").get(0).path("description").asString()).isEqualTo("[scrub_error]");

        assertThat(piiMeters.get("monitor.pii.redactions").tag("kind", "scrub_error").counter().count()).isPositive();
    }

    @Test
    void theApplicationsBeforeSendThatThrowsDropsTheEventAndIsCounted() {
        init(b -> b.options(options -> options.setBeforeSend((event, hint) -> {
            throw new IllegalStateException("application bug");
        })));

        sentry.captureException(new IllegalStateException("charge failed for " + Pii.EMAIL));
        flush();

        assertThat(receiver.items("event")).isEmpty();
        Pii.assertNoneIn(receiver);
        assertThat(sentry.stats().dropped("event", "callback_error")).isEqualTo(1);
        assertThat(registry.get("monitor.sentry.dropped").tag("type", "event").tag("reason", "callback_error")
                .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void theApplicationsBeforeBreadcrumbThatThrowsDropsTheBreadcrumbAndIsCounted() {
        init(b -> b.options(options -> options.setBeforeBreadcrumb((breadcrumb, hint) -> {
            throw new IllegalStateException("application bug");
        })));

        Sentry.addBreadcrumb("login by " + Pii.EMAIL);
        List<Breadcrumb> stored = new java.util.ArrayList<>();
        Sentry.configureScope(scope -> stored.addAll(scope.getBreadcrumbs()));

        assertThat(stored).isEmpty();
        assertThat(sentry.stats().dropped("breadcrumb", "callback_error")).isEqualTo(1);
    }

    @Test
    void aFailureInsideTheScrubbingHookDropsTheEventInsteadOfSendingItRaw() {
        // an integration left a source context that cannot be read on a stack frame
        init(b -> b.options(options -> options.addEventProcessor(new EventProcessor() {
            @Override
            public SentryEvent process(SentryEvent event, Hint hint) {
                if (event.getThrowable() != null && event.getThrowable().getMessage().contains(Pii.EMAIL)) {
                    event.getExceptions().get(0).getStacktrace().getFrames().get(0).setPreContext(new AbstractList<>() {
                        @Override
                        public String get(int index) {
                            throw new IllegalStateException("a source line that cannot be read");
                        }

                        @Override
                        public int size() {
                            return 1;
                        }
                    });
                }
                return event;
            }
        })));

        sentry.captureException(new IllegalStateException("refund to " + Pii.EMAIL));
        sentry.captureException(new IllegalStateException("the next event still arrives"));
        flush();

        List<EnvelopeReceiver.Item> events = receiver.items("event");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).payload()).contains("the next event still arrives");
        Pii.assertNoneIn(receiver);
        assertThat(sentry.stats().dropped("event", "hook_error")).isEqualTo(1);
    }

    @Test
    void whatAnApplicationsEventProcessorAddsIsScrubbedAfterIt() {
        init(b -> b.options(options -> options.addEventProcessor(new EventProcessor() {
            @Override
            public SentryEvent process(SentryEvent event, Hint hint) {
                event.setExtra("customer", Pii.EMAIL);
                User user = new User();
                user.setEmail(Pii.EMAIL);
                user.setId(Pii.USER_ID);
                event.setUser(user);
                return event;
            }
        })));

        sentry.captureException(new IllegalStateException("boom"));
        flush();

        JsonNode event = receiver.items("event").get(0).json();
        Pii.assertNoneIn(receiver);
        assertThat(event.path("extra").path("customer").asString()).isEqualTo("m***@example.com");
        assertThat(event.path("user").path("id").asString()).matches("[0-9a-f]{32}");
    }

    @Test
    void anExceptionWhoseCauseCannotBeReadIsNeverSentRaw() {
        // the SDK's own processor meets the broken cause first and drops the event; ContextEnricherTest shows that
        // ours drops it too when it is the one that fails
        init(b -> b);

        sentry.captureException(new CauseThatCannotBeRead("charge failed for " + Pii.EMAIL));
        sentry.captureException(new IllegalStateException("the next event still arrives"));
        flush();

        List<EnvelopeReceiver.Item> events = receiver.items("event");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).payload()).contains("the next event still arrives");
        Pii.assertNoneIn(receiver);
    }

    @Test
    void aTypedContextThatCannotBeSerializedIsReplacedByAMarker() {
        init(b -> b);
        Sentry.configureScope(scope -> scope.setContexts("device", new UnserializableContext()));

        sentry.captureException(new IllegalStateException("boom"));
        flush();

        JsonNode event = receiver.items("event").get(0).json();
        assertThat(event.path("contexts").path("device").path("value").asString()).isEqualTo("[scrub_error]");
        assertThat(event.path("exception").path("values").get(0).path("value").asString()).isEqualTo("boom");
    }

    /** An exception whose cause cannot be read: the SDK still builds the event, our processor cannot classify it. */
    static final class CauseThatCannotBeRead extends RuntimeException {
        CauseThatCannotBeRead(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("broken cause");
        }
    }

    /** A context that fails when serialized, with personal data inside. */
    static final class UnserializableContext implements JsonSerializable {
        @SuppressWarnings("unused")
        private final String owner = Pii.EMAIL;

        @Override
        public void serialize(ObjectWriter writer, ILogger logger) throws IOException {
            throw new IOException("cannot write " + owner);
        }
    }
}
