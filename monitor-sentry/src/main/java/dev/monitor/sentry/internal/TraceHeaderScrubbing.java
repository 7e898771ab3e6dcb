package dev.monitor.sentry.internal;

import dev.monitor.pii.Scrubber;
import io.sentry.Hint;
import io.sentry.ILogger;
import io.sentry.ITransportFactory;
import io.sentry.JsonObjectReader;
import io.sentry.NoOpLogger;
import io.sentry.NoOpTransportFactory;
import io.sentry.AsyncHttpTransportFactory;
import io.sentry.SentryEnvelope;
import io.sentry.SentryEnvelopeHeader;
import io.sentry.SentryOptions;
import io.sentry.TraceContext;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last step before the wire: scrubs the envelope header's trace context (the dynamic sampling context), which
 * carries the transaction name when its source is not a URL and is built by the SDK outside every callback. The
 * name is scrubbed like the transaction's own; a {@code user_id} is removed. If that fails, the trace context is
 * left out (the envelope is still sent, without dynamic sampling data), never sent raw.
 */
public final class TraceHeaderScrubbing implements ITransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ITransport delegate;
    private final Scrubber scrubber;
    private final SentryOptions options;

    private TraceHeaderScrubbing(ITransport delegate, Scrubber scrubber, SentryOptions options) {
        this.delegate = delegate;
        this.scrubber = scrubber;
        this.options = options;
    }

    /** Wraps the transports that {@code options}' factory creates (the SDK's HTTP transport unless one was set). */
    public static void install(SentryOptions options, Scrubber scrubber) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(scrubber, "scrubber");
        ITransportFactory configured = options.getTransportFactory();
        ITransportFactory inner = configured instanceof NoOpTransportFactory ? new AsyncHttpTransportFactory() : configured;
        options.setTransportFactory((sentryOptions, details) ->
                new TraceHeaderScrubbing(inner.create(sentryOptions, details), scrubber, sentryOptions));
    }

    @Override
    public void send(SentryEnvelope envelope, Hint hint) throws IOException {
        delegate.send(scrub(envelope), hint);
    }

    /** {@code envelope} itself when its header holds nothing to scrub, else a copy with a scrubbed trace context. */
    SentryEnvelope scrub(SentryEnvelope envelope) {
        SentryEnvelopeHeader header = envelope.getHeader();
        TraceContext trace = header.getTraceContext();
        if (trace == null) {
            return envelope;
        }
        String transaction = trace.getTransaction();
        String scrubbed = transaction == null ? null : scrubber.scrub(transaction);
        if (scrubbed == transaction && trace.getUserId() == null) {
            return envelope;
        }
        SentryEnvelopeHeader newHeader = new SentryEnvelopeHeader(header.getEventId(), header.getSdkVersion(),
                rebuilt(trace, scrubbed));
        newHeader.setSentAt(header.getSentAt());
        newHeader.setUnknown(header.getUnknown());
        return new SentryEnvelope(newHeader, envelope.getItems());
    }

    /** The trace context with the scrubbed name and without user id, through its JSON form (no public constructor). */
    private @Nullable TraceContext rebuilt(TraceContext trace, @Nullable String transaction) {
        ILogger logger = NoOpLogger.getInstance();
        try {
            StringWriter writer = new StringWriter();
            options.getSerializer().serialize(trace, writer);
            ObjectNode node = (ObjectNode) JSON.readTree(writer.toString());
            node.remove("user_id");
            if (transaction == null) {
                node.remove("transaction");
            } else {
                node.put("transaction", transaction);
            }
            try (JsonObjectReader reader = new JsonObjectReader(new StringReader(JSON.writeValueAsString(node)))) {
                return new TraceContext.Deserializer().deserialize(reader, logger);
            }
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public boolean isHealthy() {
        return delegate.isHealthy();
    }

    @Override
    public void flush(long timeoutMillis) {
        delegate.flush(timeoutMillis);
    }

    @Override
    public @Nullable RateLimiter getRateLimiter() {
        return delegate.getRateLimiter();
    }

    @Override
    public void close(boolean isRestarting) throws IOException {
        delegate.close(isRestarting);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
