package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.CustomSamplingContext;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryOptions;
import io.sentry.TransactionContext;
import io.sentry.TransactionOptions;
import io.sentry.protocol.TransactionNameSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The default traces sampler with the real SDK, tracing at 1.0 and a loopback envelope receiver: probe routes produce
 * no transaction, business routes do, a sampler of the application's wins, and a continued trace keeps its parent's
 * decision. Every transaction is finished before the flush, which returns once the queue is sent, so what did not
 * arrive was not sent.
 */
class SentryTraceSamplingTest {

    private final EnvelopeReceiver receiver = EnvelopeReceiver.start();
    private SentryMonitoring sentry;

    @AfterEach
    void stop() {
        if (sentry != null) {
            sentry.close();
        }
        Sentry.close();
        receiver.close();
    }

    @Test
    void noTransactionIsRecordedForHealthStatusOrActuatorWhileOneIsForABusinessRoute() {
        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0).init();
        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isInstanceOf(RouteTracesSampler.class);

        List<ITransaction> probes = List.of(request("GET /health"), request("GET /health/ready"),
                request("GET /status"), request("GET /actuator/health"), request("POST /monitor/jobs/export/success"));
        ITransaction business = request("GET /orders/42");
        assertThat(probes).allSatisfy(probe -> assertThat(probe.isSampled()).isFalse());
        assertThat(business.isSampled()).isTrue();
        probes.forEach(ITransaction::finish);
        business.finish();
        flush();

        assertThat(transactionNames()).containsExactly("GET /orders/42");
    }

    @Test
    void theRouteListCanBeChangedOrEmptied() {
        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0)
                .ignoredTransactionRoutes(List.of("/ping")).init();
        request("GET /ping").finish();
        request("GET /health").finish();
        flush();
        assertThat(transactionNames()).containsExactly("GET /health");
        sentry.close();

        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0)
                .ignoredTransactionRoutes(List.of()).init();
        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isNull();
    }

    @Test
    void anApplicationsOwnSamplerWinsWhetherGivenToTheBuilderOrThroughTheOptions() {
        SentryOptions.TracesSamplerCallback everything = context -> 1.0;
        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0).tracesSampler(everything).init();
        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isSameAs(everything);
        request("GET /health").finish();
        flush();
        assertThat(transactionNames()).containsExactly("GET /health");
        sentry.close();

        SentryOptions.TracesSamplerCallback own = context -> 0.0;
        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0)
                .options(options -> options.setTracesSampler(own)).init();
        assertThat(Sentry.getCurrentScopes().getOptions().getTracesSampler()).isSameAs(own);
    }

    @Test
    void aContinuedTraceKeepsItsParentsDecisionEvenOnAnIgnoredRoute() {
        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).tracesSampleRate(1.0).init();
        String traceId = "2b4d1a8b3c5e4f60a7b8c9d0e1f2a3b4";
        TransactionContext notSampledParent = Sentry.continueTrace(traceId + "-1a2b3c4d5e6f7a8b-0", null);
        TransactionContext sampledParent = Sentry.continueTrace(traceId + "-1a2b3c4d5e6f7a8b-1", null);

        assertThat(continued(notSampledParent, "GET /orders").isSampled()).isFalse(); // the parent's "no" wins over 1.0
        assertThat(continued(sampledParent, "GET /orders").isSampled()).isTrue();
        // the SDK takes an incoming decision (a sentry-trace header) before it asks any sampler: a probe that continues
        // a sampled trace is recorded. Probes (orchestrators, load balancers, uptime checkers) send no such header.
        assertThat(continued(sampledParent, "GET /health").isSampled()).isTrue();
        assertThat(continued(notSampledParent, "GET /health").isSampled()).isFalse();
    }

    @Test
    void withoutATracesSampleRateTracingStaysOff() {
        sentry = SentryMonitoring.builder().dsn(receiver.dsn())
                .options(options -> options.setTracesSampleRate(null)).init();
        SentryOptions options = Sentry.getCurrentScopes().getOptions();
        // the route sampler alone would switch tracing on
        assertThat(options.getTracesSampler()).isNull();
        assertThat(options.isTracingEnabled()).isFalse();
    }

    @Test
    void theProfilesSampleRateSwitchesOnContinuousProfilingOfSampledTransactions() {
        sentry = SentryMonitoring.builder().fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn(),
                "SENTRY_PROFILES_SAMPLE_RATE", "0.5")).init();
        SentryOptions options = Sentry.getCurrentScopes().getOptions();
        assertThat(options.getProfileSessionSampleRate()).isEqualTo(0.5);
        assertThat(options.getProfileLifecycle()).isEqualTo(io.sentry.ProfileLifecycle.TRACE);
        assertThat(sentry.settings().profilesSampleRate()).isEqualTo(0.5);
        sentry.close();

        sentry = SentryMonitoring.builder().dsn(receiver.dsn()).init();
        assertThat(Sentry.getCurrentScopes().getOptions().getProfileSessionSampleRate()).isNull();
    }

    private ITransaction continued(TransactionContext context, String name) {
        context.setName(name);
        context.setTransactionNameSource(TransactionNameSource.URL);
        context.setOperation("http.server");
        return Sentry.startTransaction(context, new TransactionOptions());
    }

    /** A transaction as Sentry's servlet filters start it: "METHOD path", with the request in the sampling context. */
    private static ITransaction request(String name) {
        CustomSamplingContext custom = new CustomSamplingContext();
        custom.set("request", new Object()); // not a servlet request here: the name gives the path
        TransactionOptions options = new TransactionOptions();
        options.setCustomSamplingContext(custom);
        return Sentry.startTransaction(new TransactionContext(name, TransactionNameSource.URL, "http.server"), options);
    }

    private void flush() {
        sentry.flush(Duration.ofSeconds(30)); // returns once sent: the bound is a hang guard
    }

    private List<String> transactionNames() {
        return receiver.items("transaction").stream().map(EnvelopeReceiver.Item::json)
                .map(json -> json.path("transaction")).map(JsonNode::asString).toList();
    }
}
