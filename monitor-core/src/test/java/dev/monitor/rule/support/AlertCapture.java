package dev.monitor.rule.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.rule.RuleState;
import dev.monitor.rule.RuleTransition;
import dev.monitor.rule.RuleTransitionListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link AlertDispatcher} with a capturing channel, and a listener recording what the dispatcher
 * did: every {@code FIRED} and {@code RESOLVED} event with the (scrubbed) alert. Registered as a rule
 * transition listener too, it knows how many fires and resolves the engine handed over, and
 * {@link #seen()} waits until the dispatcher has reported that many (the dispatcher works on its own
 * thread).
 */
public final class AlertCapture implements AutoCloseable, AlertEventListener, RuleTransitionListener {

    /** One fired or resolved alert as the dispatcher saw it. */
    public record Seen(AlertEvent.Type type, Alert alert) {
        @Override
        public String toString() {
            return type + " " + alert.name() + (alert.labels().isEmpty() ? "" : alert.labels().toString());
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<AlertNotification> notifications = new CopyOnWriteArrayList<>();
    private final AlertDispatcher dispatcher;
    private final AtomicInteger firesHandedOver = new AtomicInteger();
    private final AtomicInteger resolvesHandedOver = new AtomicInteger();
    private final AtomicInteger repeats = new AtomicInteger();

    public AlertCapture() {
        AlertChannel channel = new AlertChannel() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public ChannelPayload render(AlertNotification notification) {
                notifications.add(notification);
                return new ChannelPayload("application/json", "{}", Map.of());
            }

            @Override
            public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
                return DeliveryResult.delivered();
            }
        };
        this.dispatcher = AlertDispatcher.builder()
                .channel(channel)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build())
                .listener(this)
                .build();
    }

    /** The dispatcher to give the engine under test. */
    public AlertDispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public void onEvent(AlertEvent event) {
        if (event.type() == AlertEvent.Type.DEDUPLICATED) {
            repeats.incrementAndGet();
        }
        if ((event.type() == AlertEvent.Type.FIRED || event.type() == AlertEvent.Type.RESOLVED) && event.alert() != null) {
            seen.add(new Seen(event.type(), event.alert()));
        }
    }

    @Override
    public void onTransition(RuleTransition transition) {
        if (transition.to() == RuleState.FIRING) {
            firesHandedOver.incrementAndGet();
        } else if (transition.to() == RuleState.RESOLVED) {
            resolvesHandedOver.incrementAndGet();
        }
    }

    /**
     * Every fired and resolved alert so far, once the dispatcher has reported as many as the engine handed
     * over (or 30 s passed, a hang guard: then the assertion on the result shows what is missing).
     */
    public List<Seen> seen() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && (count(AlertEvent.Type.FIRED) + repeats.get() < firesHandedOver.get()
                || count(AlertEvent.Type.RESOLVED) < resolvesHandedOver.get())) {
            dispatcher.awaitIdle(Duration.ofMillis(50));
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        dispatcher.awaitIdle(Duration.ofSeconds(30));
        if (System.nanoTime() >= deadline) {
            System.out.println("AlertCapture: the dispatcher reported fewer alerts than handed over within 30 s: " + dispatcher.stats() + " seen " + seen + " fires " + firesHandedOver
                    + " resolves " + resolvesHandedOver + " repeats " + repeats + " recent " + dispatcher.recentAlerts());
        }
        return new ArrayList<>(seen);
    }

    private long count(AlertEvent.Type type) {
        return seen.stream().filter(s -> s.type() == type).count();
    }

    /** {@link #seen()} as strings such as {@code "FIRED HighErrorRate"}. */
    public List<String> events() {
        return seen().stream().map(Seen::toString).toList();
    }

    /** The notifications the channel rendered. */
    public List<AlertNotification> notifications() {
        seen();
        return List.copyOf(notifications);
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
