package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;

/**
 * Where notifications go: Slack, PagerDuty, e-mail, your own system. A channel does two things,
 * and the dispatcher does everything around them (grouping, rate limiting, retries, circuit
 * breaking, the outbox):
 *
 * <ol>
 *   <li>{@link #render} turns a notification into the provider's payload: pure, no I/O, fitting the
 *       provider's limits (a notification may list many alerts or be a digest of several groups;
 *       show what fits and say how many more there are);</li>
 *   <li>{@link #send} delivers a rendered payload and classifies the outcome with a
 *       {@link DeliveryResult}: delivered, retryable (with the provider's {@code Retry-After} if it gave
 *       one) or permanent. It runs on the channel's own threads and should finish within
 *       {@link DeliveryContext#timeout()}.</li>
 * </ol>
 *
 * <p>Neither method should throw: an exception from {@code render} drops the notification for this
 * channel (counted), one from {@code send} counts as a retryable {@code error}. Never put secrets
 * (webhook URLs, keys, passwords) into payloads, results or exception messages: payloads are shown by
 * {@code preview} and results are logged.
 *
 * <p>A provider reached over HTTP needs only its wire format: extend {@link HttpAlertChannel}, which owns the endpoint,
 * the send, the classification with {@code Retry-After} and the delivery settings. Otherwise implement this interface:
 *
 * <pre>{@code
 * public final class ChatOpsChannel implements AlertChannel {
 *     public String name() { return "chatops"; }
 *     public ChannelPayload render(AlertNotification n) {
 *         return ChannelPayload.json("{\"text\":\"" + n.firingCount() + " alerts firing\"}");
 *     }
 *     public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
 *         int status = client.post(payload.body(), context.timeout());
 *         return status < 300 ? DeliveryResult.delivered()
 *                 : status >= 500 ? DeliveryResult.retryable("http_" + status, "server error")
 *                 : DeliveryResult.permanent("http_" + status, "rejected");
 *     }
 * }
 * }</pre>
 */
public interface AlertChannel {

    /** A unique, stable name (routes refer to it; the outbox stores it), e.g. {@code "slack"}. */
    String name();

    /** The provider's payload for {@code notification}; pure and fast. */
    ChannelPayload render(AlertNotification notification);

    /** Delivers {@code payload} and says how it went; blocking is fine, within {@code context.timeout()}. */
    DeliveryResult send(ChannelPayload payload, DeliveryContext context);

    /** The delivery policy used unless the dispatcher is given another one for this channel. */
    default DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.defaults();
    }

    /**
     * Whether this channel can address a notification to particular people
     * ({@link AlertNotification#recipients()}: phone numbers, e-mail addresses), as escalation to whoever is on
     * call needs. Default false: such notifications go to the channel's configured destination.
     */
    default boolean supportsRecipients() {
        return false;
    }

    /**
     * Checks that {@code recipient} is an address this channel can deliver to (called when the dispatcher is
     * built, for every on-call responder's address on this channel).
     *
     * @throws IllegalArgumentException saying what is wrong, without repeating the address in full (it is personal data)
     */
    default void checkRecipient(String recipient) {
    }
}
