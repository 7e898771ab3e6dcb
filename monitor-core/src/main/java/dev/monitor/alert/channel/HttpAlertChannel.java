package dev.monitor.alert.channel;

import dev.monitor.alert.channel.internal.ChannelHttpSender;
import dev.monitor.config.Names;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The base of channels that POST to an HTTP endpoint: Slack, Discord, Teams, the generic webhook, PagerDuty,
 * Alertmanager, SMS, Sentry, and yours. A subclass holds only its wire format ({@link #render}) and its settings; this
 * base owns the rest:
 *
 * <ul>
 *   <li>the {@link ChannelEndpoint} (URL, headers, secrets, secret-free description for {@link #toString()});</li>
 *   <li>the send: {@code java.net.http} on the channel's own daemon threads, within {@link DeliveryContext#timeout()},
 *       redirects not followed (a webhook secret never travels to another host);</li>
 *   <li>the classification: 2xx delivered; 429, 408, 5xx, timeouts and I/O errors retryable with the provider's
 *       {@code Retry-After} (seconds or HTTP date, or a JSON {@code retry_after}); other 4xx and 3xx permanent; a
 *       result's detail never contains the URL, a header value or another secret of the endpoint;</li>
 *   <li>the delivery configuration ({@link Builder#rateLimit rate limit}, {@link Builder#retries retries},
 *       {@link Builder#circuitBreaker circuit breaker}, {@link Builder#attemptTimeout timeout},
 *       {@link Builder#fallbackChannel fallback}), returned by {@link #defaultPolicy()}: the dispatcher enforces it.</li>
 * </ul>
 *
 * <pre>{@code
 * public final class ChatOpsChannel extends HttpAlertChannel {
 *     private ChatOpsChannel(Builder builder, ChannelEndpoint endpoint) {
 *         super(builder, endpoint);
 *     }
 *     public ChannelPayload render(AlertNotification notification) {
 *         return ChannelPayload.json(AlertJson.write(AlertJson.object()
 *                 .put("text", NotificationText.plain(notification, 10))));
 *     }
 *     public static final class Builder extends HttpAlertChannel.Builder<Builder> {
 *         public Builder() {
 *             super("chatops", "CHATOPS_WEBHOOK_URL", DeliveryPolicy.defaults());
 *         }
 *         public Builder url(String url) {
 *             return endpoint("url", url);
 *         }
 *         public ChatOpsChannel build() {
 *             return new ChatOpsChannel(this, secretEndpoint(true));
 *         }
 *     }
 * }
 * }</pre>
 */
public abstract class HttpAlertChannel implements AlertChannel {

    private final String name;
    private final ChannelEndpoint endpoint;
    private final DeliveryPolicy policy;
    private final ChannelHttpSender sender;

    /**
     * A channel named and configured by {@code builder}, posting to {@code endpoint} (usually the builder's
     * {@link Builder#secretEndpoint} or {@link Builder#serviceEndpoint}) with the builder's
     * {@linkplain Builder#header headers} added.
     */
    protected HttpAlertChannel(Builder<?> builder, ChannelEndpoint endpoint) {
        Objects.requireNonNull(builder, "builder");
        ChannelEndpoint withHeaders = Objects.requireNonNull(endpoint, "endpoint");
        for (Map.Entry<String, String> header : builder.headers.entrySet()) {
            withHeaders = withHeaders.withHeader(header.getKey(), header.getValue());
        }
        this.name = builder.name;
        this.endpoint = withHeaders;
        this.policy = builder.policy.build();
        this.sender = new ChannelHttpSender(name, withHeaders.secrets());
    }

    @Override
    public final String name() {
        return name;
    }

    /** The delivery configuration of the builder: the provider's defaults unless changed there. */
    @Override
    public final DeliveryPolicy defaultPolicy() {
        return policy;
    }

    /** Where this channel posts. */
    protected final ChannelEndpoint endpoint() {
        return endpoint;
    }

    /** POSTs {@link #request(ChannelPayload) the request} of {@code payload} to the endpoint and classifies the answer. */
    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        return post(request(payload), context.timeout(), List.of());
    }

    /**
     * What is sent for a rendered payload (default: the payload itself). Override to add what must never be in a
     * preview, such as a key the provider wants in the body, or to wrap the body in the provider's envelope.
     */
    protected ChannelPayload request(ChannelPayload rendered) {
        return rendered;
    }

    /**
     * POSTs {@code request}'s body with its content type and the endpoint's headers within {@code timeout}, and
     * classifies the answer; {@code moreSecrets} (e.g. this request's recipient) are kept out of the result too.
     */
    protected final DeliveryResult post(ChannelPayload request, Duration timeout, List<String> moreSecrets) {
        return sender.post(endpoint.uri(), request.contentType(), request.body(), endpoint.headers(), timeout, moreSecrets);
    }

    /** The class, the name and the endpoint's secret-free description. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "{" + name + ", " + endpoint + '}';
    }

    /**
     * The builder base of HTTP channels: name, extra headers, the endpoint setting, and the delivery configuration,
     * starting from the provider's defaults.
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> {
        private String name;
        private DeliveryPolicy.Builder policy;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final @Nullable String endpointVariable;
        private String endpointSetting = "url";
        private String endpointValue = "";

        /**
         * @param defaultName the channel's name unless {@link #name(String)} changes it
         * @param endpointVariable the environment variable {@link #fromEnvironment(Map)} reads the endpoint from, or
         *     {@code null} when the channel reads its variables itself
         * @param defaultPolicy the provider's delivery defaults (e.g. its rate limit)
         */
        protected Builder(String defaultName, @Nullable String endpointVariable, DeliveryPolicy defaultPolicy) {
            this.name = ChannelSettings.name(defaultName);
            this.endpointVariable = endpointVariable;
            this.policy = DeliveryPolicy.from(defaultPolicy);
        }

        /** This builder, typed. */
        @SuppressWarnings("unchecked")
        protected final B self() {
            return (B) this;
        }

        /** The channel name, following {@link Names#requireName the name rule}. */
        public final B name(String name) {
            this.name = ChannelSettings.name(name);
            return self();
        }

        /** Adds a header sent with every request (e.g. {@code Authorization}); its value is treated as a secret. */
        public final B header(String name, String value) {
            ChannelEndpoint.checkHeader(name, value);
            headers.put(name, value);
            return self();
        }

        /** Replaces the whole delivery configuration with {@code policy}. */
        public final B deliveryPolicy(DeliveryPolicy policy) {
            this.policy = DeliveryPolicy.from(policy);
            return self();
        }

        /** At most {@code permits} notifications per {@code period}; see {@link DeliveryPolicy.Builder#rateLimit}. */
        public final B rateLimit(int permits, Duration period) {
            policy.rateLimit(permits, period);
            return self();
        }

        /** How long one attempt may take; see {@link DeliveryPolicy.Builder#attemptTimeout}. */
        public final B attemptTimeout(Duration attemptTimeout) {
            policy.attemptTimeout(attemptTimeout);
            return self();
        }

        /**
         * Up to {@code maxAttempts} attempts in a row, waiting {@code initialBackoff} multiplied by {@code multiplier}
         * after each failure, at most {@code maxBackoff} (or the provider's longer {@code Retry-After}); see
         * {@link DeliveryPolicy.Builder#maxAttempts} and {@link DeliveryPolicy.Builder#backoff}.
         */
        public final B retries(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
            policy.maxAttempts(maxAttempts).backoff(initialBackoff, multiplier, maxBackoff);
            return self();
        }

        /** The circuit breaker; see {@link DeliveryPolicy.Builder#circuitBreaker}. */
        public final B circuitBreaker(float failureRatePercent, int minimumCalls, int window, Duration openDuration) {
            policy.circuitBreaker(failureRatePercent, minimumCalls, window, openDuration);
            return self();
        }

        /** The channel that receives what this one could not deliver; see {@link DeliveryPolicy.Builder#fallbackChannel}. */
        public final B fallbackChannel(String channel) {
            policy.fallbackChannel(channel);
            return self();
        }

        /** Sets the endpoint's value (a URL, or what the channel makes one from) and the setting it came from, for messages. */
        protected final B endpoint(String setting, String value) {
            this.endpointSetting = Objects.requireNonNull(setting, "setting");
            this.endpointValue = Objects.requireNonNull(value, setting);
            return self();
        }

        /**
         * Reads the endpoint from its environment variable in {@code environment} (e.g. {@code System.getenv()});
         * {@link #build()} then names the variable if it is missing or invalid. Channels with more variables read them
         * too.
         */
        public B fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            if (endpointVariable != null) {
                endpoint(endpointVariable, environment.getOrDefault(endpointVariable, ""));
            }
            return self();
        }

        /**
         * The endpoint set, as a URL that is itself a secret (an incoming webhook): see {@link ChannelEndpoint#secretUrl}.
         *
         * @param httpsOnly whether http is refused except for loopback hosts
         * @throws IllegalArgumentException naming the setting, never repeating the URL
         */
        protected final ChannelEndpoint secretEndpoint(boolean httpsOnly) {
            return ChannelEndpoint.secretUrl(endpointSetting, endpointValue, httpsOnly);
        }

        /**
         * The endpoint set, as the URL of a service whose address is not a secret: see {@link ChannelEndpoint#serviceUrl}.
         *
         * @param httpsOnly whether http is refused except for loopback hosts
         * @throws IllegalArgumentException naming the setting and the problem
         */
        protected final ChannelEndpoint serviceEndpoint(boolean httpsOnly) {
            return ChannelEndpoint.serviceUrl(endpointSetting, endpointValue, httpsOnly);
        }

        /** The setting the endpoint came from, e.g. {@code webhookUrl} or {@code SLACK_WEBHOOK_URL}. */
        protected final String endpointSetting() {
            return endpointSetting;
        }

        /** The endpoint's value as set, {@code ""} when not set. */
        protected final String endpointValue() {
            return endpointValue;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException naming the setting that is missing or invalid, never repeating a secret
         */
        public abstract HttpAlertChannel build();
    }
}
