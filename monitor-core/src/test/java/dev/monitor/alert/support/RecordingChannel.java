package dev.monitor.alert.support;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An in-memory channel implementing the SPI: records every notification it delivers (and when), and
 * answers with a programmable result.
 */
public final class RecordingChannel implements AlertChannel {

    private final String name;
    private final Map<String, AlertNotification> rendered = new ConcurrentHashMap<>();
    private final List<AlertNotification> delivered = new CopyOnWriteArrayList<>();
    private final List<Long> deliveredNanos = new CopyOnWriteArrayList<>();
    private final List<AlertNotification> attempts = new CopyOnWriteArrayList<>();
    private final List<Long> attemptNanos = new CopyOnWriteArrayList<>();
    private volatile Function<AlertNotification, DeliveryResult> behaviour = n -> DeliveryResult.delivered();
    private volatile boolean recipients;

    public RecordingChannel(String name) {
        this.name = name;
    }

    /** Answers every attempt with {@code behaviour}'s result. */
    public RecordingChannel behaviour(Function<AlertNotification, DeliveryResult> behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** Accepts notifications addressed to people (recipients are recorded as given). */
    public RecordingChannel acceptingRecipients() {
        this.recipients = true;
        return this;
    }

    @Override
    public boolean supportsRecipients() {
        return recipients;
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
        attemptNanos.add(System.nanoTime());
        DeliveryResult result = behaviour.apply(notification);
        if (result.isDelivered()) {
            delivered.add(notification);
            deliveredNanos.add(System.nanoTime());
        }
        return result;
    }

    /** Fast retries for tests. */
    @Override
    public DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(20), 2, Duration.ofMillis(200)).build();
    }

    /** Delivered notifications, in order. */
    public List<AlertNotification> delivered() {
        return List.copyOf(delivered);
    }

    /** Arrival times of the delivered notifications (System.nanoTime). */
    public List<Long> deliveredNanos() {
        return List.copyOf(deliveredNanos);
    }

    /** When each attempt started (System.nanoTime). */
    public List<Long> attemptNanos() {
        return List.copyOf(attemptNanos);
    }

    /** Every attempt, delivered or not. */
    public List<AlertNotification> attempts() {
        return List.copyOf(attempts);
    }
}
