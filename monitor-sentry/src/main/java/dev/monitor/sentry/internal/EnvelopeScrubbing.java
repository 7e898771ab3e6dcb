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
import io.sentry.SentryEnvelopeItem;
import io.sentry.SentryItemType;
import io.sentry.UserFeedback;
import io.sentry.protocol.SentryId;
import io.sentry.SentryOptions;
import io.sentry.TraceContext;
import io.sentry.transport.ITransport;
import io.sentry.transport.RateLimiter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The last step before the wire, for what the SDK builds outside every callback:
 * <ul>
 *   <li>the envelope header's trace context (the dynamic sampling context), which carries the transaction name when
 *       its source is not a URL: the name is scrubbed like the transaction's own and a {@code user_id} removed; if
 *       that fails the trace context is left out (the envelope is still sent, without dynamic sampling data);</li>
 *   <li>legacy user reports ({@code Sentry.captureUserFeedback}), which skip {@code beforeSend}: the name is removed,
 *       email and comments are scrubbed; if that fails the report is dropped.</li>
 * </ul>
 * Nothing is ever sent raw.
 */
public final class EnvelopeScrubbing implements ITransport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ITransport delegate;
    private final Scrubber scrubber;
    private final SentryOptions options;

    private EnvelopeScrubbing(ITransport delegate, Scrubber scrubber, SentryOptions options) {
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
                new EnvelopeScrubbing(inner.create(sentryOptions, details), scrubber, sentryOptions));
    }

    @Override
    public void send(SentryEnvelope envelope, Hint hint) throws IOException {
        delegate.send(scrub(envelope), hint);
    }

    /** {@code envelope} itself when nothing in it needs scrubbing, else a copy with the header and reports scrubbed. */
    SentryEnvelope scrub(SentryEnvelope envelope) {
        SentryEnvelopeHeader header = envelope.getHeader();
        List<SentryEnvelopeItem> items = null;
        int index = 0;
        for (SentryEnvelopeItem item : envelope.getItems()) {
            if (item.getHeader().getType() == SentryItemType.UserFeedback) {
                if (items == null) {
                    items = new ArrayList<>();
                    int k = 0;
                    for (SentryEnvelopeItem earlier : envelope.getItems()) {
                        if (k++ == index) {
                            break;
                        }
                        items.add(earlier);
                    }
                }
                SentryEnvelopeItem scrubbed = scrubUserReport(item);
                if (scrubbed != null) {
                    items.add(scrubbed);
                }
            } else if (items != null) {
                items.add(item);
            }
            index++;
        }
        TraceContext trace = header.getTraceContext();
        String transaction = trace == null ? null : trace.getTransaction();
        String scrubbedName = transaction == null ? null : scrubber.scrub(transaction);
        boolean traceChanges = trace != null && (scrubbedName != transaction || trace.getUserId() != null);
        if (!traceChanges && items == null) {
            return envelope;
        }
        SentryEnvelopeHeader newHeader = header;
        if (traceChanges) {
            newHeader = new SentryEnvelopeHeader(header.getEventId(), header.getSdkVersion(),
                    rebuilt(trace, scrubbedName));
            newHeader.setSentAt(header.getSentAt());
            newHeader.setUnknown(header.getUnknown());
        }
        return new SentryEnvelope(newHeader, items == null ? envelope.getItems() : items);
    }

    /** A user report with the name removed and email and comments scrubbed, or null when it cannot be read. */
    @SuppressWarnings("deprecation") // the legacy API is deprecated, but applications still call it and it skips every hook
    private @Nullable SentryEnvelopeItem scrubUserReport(SentryEnvelopeItem item) {
        try {
            JsonNode report = JSON.readTree(item.getData());
            String eventId = report.path("event_id").asString("");
            if (eventId.isEmpty()) {
                return null;
            }
            UserFeedback scrubbed = new UserFeedback(new SentryId(eventId));
            String email = report.path("email").asString("");
            if (!email.isEmpty()) {
                scrubbed.setEmail(scrubber.scrubValue("email", email));
            }
            String comments = report.path("comments").asString("");
            if (!comments.isEmpty()) {
                scrubbed.setComments(scrubber.scrub(comments));
            }
            return SentryEnvelopeItem.fromUserFeedback(options.getSerializer(), scrubbed);
        } catch (Exception e) {
            return null;
        }
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
