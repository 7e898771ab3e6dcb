package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Response;
import io.sentry.protocol.SentryId;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Setting Sentry up from the environment and filtering noise, with the real SDK and a loopback receiver: what is
 * filtered produces no envelope, environment and release come from the variables, and without a DSN nothing starts.
 */
class SentryNoiseAndSetupTest {

    private EnvelopeReceiver receiver;
    private SentryMonitoring sentry;
    private ListAppender<ILoggingEvent> log;
    private Logger logger;

    @BeforeEach
    void start() {
        receiver = EnvelopeReceiver.start();
        logger = (Logger) LoggerFactory.getLogger(SentryMonitoring.class);
        log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(log);
        if (sentry != null) {
            sentry.close();
        }
        Sentry.close();
        receiver.close();
    }

    private Map<String, String> environment(String... pairs) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SENTRY_DSN", receiver.dsn());
        for (int i = 0; i < pairs.length; i += 2) {
            environment.put(pairs[i], pairs[i + 1]);
        }
        return environment;
    }

    private void flush() {
        sentry.flush(Duration.ofSeconds(30)); // returns once sent: the bound is a hang guard
    }

    /** An exception carrying its HTTP status the way Spring's {@code ResponseStatusException} does. */
    public static class StatusException extends RuntimeException {
        private final int status;

        StatusException(int status) {
            super("status " + status);
            this.status = status;
        }

        public int getStatusCode() {
            return status;
        }
    }

    /** An application exception that is ignored, with a subclass. */
    public static class OrderNotFoundException extends RuntimeException {
        OrderNotFoundException(String message) {
            super(message);
        }
    }

    /** A subclass of an ignored exception. */
    public static class ArchivedOrderNotFoundException extends OrderNotFoundException {
        ArchivedOrderNotFoundException(String message) {
            super(message);
        }
    }

    @Test
    void notFoundIgnoredExceptionsClientAbortsAndTimeoutsProduceNoEnvelope() {
        sentry = SentryMonitoring.builder().fromEnvironment(environment())
                .noiseFilter(NoiseFilter.builder().ignoreExceptions(OrderNotFoundException.class)
                        .ignoreExceptionNames("com.example.payments.CardDeclinedException").build())
                .options(options -> options.setSendClientReports(false))
                .init();

        sentry.captureException(new StatusException(404));
        sentry.captureException(new OrderNotFoundException("order 17 of maria.garcia@example.com"));
        sentry.captureException(new ArchivedOrderNotFoundException("order 18"));
        sentry.captureException(new EofException("reset by client"));
        sentry.captureException(new IllegalStateException("response failed", new EofException()));
        sentry.captureException(new SocketTimeoutException("Read timed out"));
        SentryEvent notFoundResponse = new SentryEvent(new IllegalStateException("no route"));
        Response response = new Response();
        response.setStatusCode(404);
        notFoundResponse.getContexts().setResponse(response);
        Sentry.captureEvent(notFoundResponse);
        SentryEvent taggedNotFound = new SentryEvent(new IllegalStateException("no route"));
        taggedNotFound.setTag("http.status_code", "404");
        Sentry.captureEvent(taggedNotFound);
        flush();

        assertThat(receiver.received()).isEmpty();
        SentryHookStats stats = sentry.stats();
        assertThat(stats.dropped("event", NoiseFilter.HTTP_STATUS)).isEqualTo(3);
        assertThat(stats.dropped("event", NoiseFilter.IGNORED_EXCEPTION)).isEqualTo(2);
        assertThat(stats.dropped("event", NoiseFilter.CLIENT_ABORT)).isEqualTo(2);
        assertThat(stats.dropped("event", NoiseFilter.TIMEOUT)).isEqualTo(1);

        // the pipeline is alive: what is not noise arrives, as does a 500
        sentry.captureException(new StatusException(500));
        sentry.captureException(new IllegalStateException("payment failed", new SocketTimeoutException("Read timed out")));
        flush();
        assertThat(receiver.items("event")).hasSize(2);
    }

    @Test
    void withTheSdksDefaultClientReportsAFilteredEventStillSendsNoEnvelopeAndIsOnlyCountedInTheNextOne() {
        sentry = SentryMonitoring.init(environment());

        sentry.captureException(new StatusException(404));
        flush();
        assertThat(receiver.received()).isEmpty();

        sentry.captureException(new IllegalStateException("real"));
        flush();
        assertThat(receiver.received()).hasSize(1);
        assertThat(receiver.items("event")).hasSize(1);
        assertThat(receiver.allText()).doesNotContain("status 404");
        JsonNode report = receiver.items("client_report").get(0).json();
        assertThat(report.path("discarded_events").get(0).path("reason").asString()).isEqualTo("before_send");
        assertThat(report.path("discarded_events").get(0).path("category").asString()).isEqualTo("error");
    }

    @Test
    void aTransactionOfANotFoundRequestKeepsItsSamplingDecision() {
        sentry = SentryMonitoring.init(environment("SENTRY_TRACES_SAMPLE_RATE", "1.0"));

        ITransaction transaction = Sentry.startTransaction("GET /orders/{id}", "http.server");
        transaction.setTag("http.status_code", "404");
        transaction.finish();
        flush();

        assertThat(receiver.items("transaction")).hasSize(1);
    }

    @Test
    void aTracesSampleRateOfZeroFromTheEnvironmentSendsNoTransaction() {
        sentry = SentryMonitoring.init(environment("SENTRY_TRACES_SAMPLE_RATE", "0"));

        Sentry.startTransaction("GET /orders/{id}", "http.server").finish();
        sentry.captureException(new IllegalStateException("errors are not sampled by it"));
        flush();

        assertThat(receiver.items("transaction")).isEmpty();
        assertThat(receiver.items("event")).hasSize(1);
    }

    @Test
    void environmentAndReleaseComeFromTheVariables() {
        sentry = SentryMonitoring.init(environment("ENVIRONMENT", "staging", "RELEASE_VERSION", "orders@1.4.2"));

        sentry.captureException(new IllegalStateException("boom"));
        flush();

        JsonNode event = receiver.items("event").get(0).json();
        assertThat(event.path("environment").asString()).isEqualTo("staging");
        assertThat(event.path("release").asString()).isEqualTo("orders@1.4.2");
        assertThat(sentry.settings().environment()).isEqualTo("staging");
    }

    @Test
    void theTracesSampleRateDefaultsToTenPercent() {
        sentry = SentryMonitoring.init(environment());

        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampleRate()).isEqualTo(0.1);
        assertThat(sentry.settings().tracesSampleRate()).isEqualTo(0.1);
    }

    @Test
    @SuppressWarnings("deprecation") // isSendDefaultPii: the option the issue names
    @Tag("newest-sentry-api") // dataCollection: not in the oldest supported SDK (see SentrySdkCompatibilityTest)
    void sendDefaultPiiStaysOffEvenWhenTheApplicationSwitchesItOn() {
        sentry = SentryMonitoring.builder().fromEnvironment(environment())
                .options(options -> {
                    options.setSendDefaultPii(true);
                    options.getDataCollection().setUserInfo(true);
                    options.getDataCollection().setDatabaseQueryData(true);
                })
                .init();

        SentryOptions options = Sentry.getCurrentScopes().getOptions();
        assertThat(options.isSendDefaultPii()).isFalse();
        assertThat(options.getDataCollection().getUserInfo()).isFalse();
        assertThat(options.getDataCollection().getDatabaseQueryData()).isFalse();
        assertThat(log.list).anySatisfy(line -> assertThat(line.getFormattedMessage()).contains("sendDefaultPii"));
    }

    @Test
    void withoutADsnNothingStartsAndOneLineSaysSo() {
        sentry = SentryMonitoring.init(Map.of("ENVIRONMENT", "staging"));

        SentryId id = sentry.captureException(new IllegalStateException("boom"));
        sentry.setUser("customer-4711");
        sentry.queryListener().onQueryFailure(failure());
        sentry.flush(Duration.ofSeconds(1));

        assertThat(sentry.isEnabled()).isFalse();
        assertThat(Sentry.isEnabled()).isFalse();
        assertThat(id).isEqualTo(SentryId.EMPTY_ID);
        assertThat(receiver.received()).isEmpty();
        assertThat(log.list).hasSize(1);
        assertThat(log.list.get(0).getFormattedMessage())
                .isEqualTo("Sentry reporting is off: no DSN is set (SENTRY_DSN); no events are sent");
    }

    @Test
    void sentryEnabledFalseKeepsReportingOffDespiteADsn() {
        sentry = SentryMonitoring.init(environment("SENTRY_ENABLED", "false"));

        sentry.captureException(new IllegalStateException("boom"));
        Sentry.captureException(new IllegalStateException("through the SDK directly"));
        Sentry.flush(2000);

        assertThat(sentry.isEnabled()).isFalse();
        assertThat(receiver.received()).isEmpty();
        assertThat(log.list).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .isEqualTo("Sentry reporting is off: SENTRY_ENABLED is false; no events are sent"));
    }

    @Test
    void anInvalidVariableIsAClearErrorNamingItWithoutEchoingTheDsn() {
        assertThatThrownBy(() -> SentryMonitoring.init(environment("SENTRY_TRACES_SAMPLE_RATE", "10%")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SENTRY_TRACES_SAMPLE_RATE must be a number between 0 and 1 (e.g. 0.1), was '10%'");
        assertThatThrownBy(() -> SentryMonitoring.init(Map.of("SENTRY_DSN", "https://secretkey42@sentry.example.com/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SENTRY_DSN has no project id")
                .hasMessageNotContaining("secretkey42");
        assertThat(Sentry.isEnabled()).isFalse();
    }

    @Test
    void theApplicationsOwnBeforeSendStillRunsBeforeTheScrubbing() {
        List<String> seen = new java.util.ArrayList<>();
        sentry = SentryMonitoring.builder().fromEnvironment(environment())
                .options(options -> options.setBeforeSend((event, hint) -> {
                    seen.add(event.getThrowable().getMessage());
                    event.setTag("team", "checkout " + Pii.EMAIL);
                    return event;
                }))
                .init();

        sentry.captureException(new IllegalStateException("boom"));
        flush();

        assertThat(seen).containsExactly("boom");
        assertThat(receiver.items("event").get(0).json().path("tags").path("team").asString())
                .isEqualTo("checkout m***@example.com");
    }

    @Test
    void attachmentsAreRemovedUnlessKept() throws IOException {
        sentry = SentryMonitoring.init(environment());
        Sentry.configureScope(scope -> scope.addAttachment(new io.sentry.Attachment(
                ("customer " + Pii.EMAIL).getBytes(java.nio.charset.StandardCharsets.UTF_8), "dump.txt")));

        sentry.captureException(new IllegalStateException("boom"));
        flush();

        assertThat(receiver.items("event")).hasSize(1);
        assertThat(receiver.items("attachment")).isEmpty();
        Pii.assertNoneIn(receiver);
    }

    private static dev.monitor.jdbc.QueryFailure failure() {
        return new dev.monitor.jdbc.QueryFailure("SELECT 1", "0000000000000000", dev.monitor.jdbc.SqlOperation.SELECT,
                "orders", Duration.ofMillis(3), 0, null, "java.sql.SQLException", "08001", 0);
    }
}
