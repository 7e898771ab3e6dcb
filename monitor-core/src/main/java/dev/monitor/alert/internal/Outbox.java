package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.LogChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable outbox stage: takes the notifications decided for channels, records each one (with a state
 * directory, so it survives a crash or {@code kill -9}) and hands it forward to the channel's
 * {@link ChannelDelivery}. The records are removed by the completion stage once delivered or given up.
 *
 * <p>Two of the dispatcher's rules about its own alerts apply here: an {@code AlertsDropped} report reaches every
 * channel whatever the routes say, and a channel is not told that it is failing (an {@code AlertNotifierFailing}
 * alert that would reach no other channel is logged). Dispatcher thread only.
 */
final class Outbox {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");

    private final Map<String, ChannelDelivery> lanes;
    private final StateJournal journal;
    private final Clock clock;
    private final AlertRedaction redaction;
    private final LogChannel metaLog = LogChannel.builder().name("monitor-alerts-meta").build();

    Outbox(Map<String, ChannelDelivery> lanes, StateJournal journal, Clock clock, AlertRedaction redaction) {
        this.lanes = lanes;
        this.journal = journal;
        this.clock = clock;
        this.redaction = redaction;
    }

    /** A group's notification for the channels of its route. */
    void accept(List<String> channels, AlertNotification notification) {
        List<String> targets = new ArrayList<>(channels);
        boolean meta = false;
        for (NotifiedAlert shown : notification.alerts()) {
            if (OwnAlerts.isDropReport(shown.alert())) {
                tellEveryChannel(channels, notification, shown);
            }
        }
        for (NotifiedAlert shown : notification.alerts()) {
            if (OwnAlerts.NOTIFIER_FAILING.equals(shown.alert().name()) && OwnAlerts.isOwn(shown.alert())) {
                meta = true;
                targets.remove(shown.alert().labels().get("channel")); // a channel is not told it is failing
            }
        }
        if (targets.isEmpty()) {
            if (meta) {
                logMeta(notification);
            }
            return;
        }
        long now = clock.millis();
        for (String target : targets) {
            accept(target, notification, now);
        }
    }

    /**
     * What was dropped is told everywhere: the channels outside the group's route get the {@code AlertsDropped} report
     * alone (the group's other alerts keep to their route).
     */
    private void tellEveryChannel(List<String> routed, AlertNotification notification, NotifiedAlert report) {
        AlertNotification alone = new AlertNotification(notification.id(), notification.receiver(), notification.groupKey(),
                notification.groupLabels(), List.of(report), report.isFiring() ? 1 : 0, report.isFiring() ? 0 : 1, 1,
                notification.createdAt(), notification.staleAfter());
        long now = clock.millis();
        for (String channel : lanes.keySet()) {
            if (!routed.contains(channel)) {
                accept(channel, alone, now);
            }
        }
    }

    /** A notification for one channel (an escalation level's). */
    void accept(String channel, AlertNotification notification) {
        accept(channel, notification, clock.millis());
    }

    private void accept(String channel, AlertNotification notification, long now) {
        ChannelDelivery lane = lanes.get(channel);
        if (lane != null) {
            OutboxEntry entry = new OutboxEntry(channel, notification, now, "");
            journal.put(entry.key(), StateCodec.encode(entry));
            lane.enqueue(entry);
        }
    }

    /** Hands the recorded entries of a previous run to their channels; returns how many. */
    int restore(AtomicLong unknownChannel) {
        int restored = 0;
        for (Map.Entry<String, byte[]> record : journal.entries(StateCodec.OUTBOX_PREFIX).entrySet()) {
            try {
                OutboxEntry entry = StateCodec.decodeEntry(record.getValue());
                ChannelDelivery lane = lanes.get(entry.channel());
                if (lane == null) {
                    journal.remove(record.getKey());
                    unknownChannel.incrementAndGet();
                    log.warn("alert outbox: dropped notification {} for channel '{}', which is no longer configured",
                            entry.notification().id(), entry.channel());
                    continue;
                }
                lane.enqueue(entry);
                restored++;
            } catch (RuntimeException e) {
                journal.unreadable(record.getKey(), e);
            }
        }
        return restored;
    }

    private void logMeta(AlertNotification notification) {
        try {
            metaLog.send(metaLog.render(notification), new DeliveryContext(notification.id(), 1, Duration.ofSeconds(1)));
        } catch (RuntimeException e) {
            log.warn("could not log a meta-alert: {}", redaction.log(e));
        }
    }
}
