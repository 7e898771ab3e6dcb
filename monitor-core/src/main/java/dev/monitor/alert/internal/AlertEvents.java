package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands the pipeline's events to the application's listeners; a failing listener is logged, never propagated. */
final class AlertEvents {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");

    private final List<AlertEventListener> listeners;
    private final AlertRedaction redaction;

    AlertEvents(List<AlertEventListener> listeners, AlertRedaction redaction) {
        this.listeners = List.copyOf(listeners);
        this.redaction = redaction;
    }

    /** Tells every listener. */
    void emit(AlertEvent.Type type, long now, @Nullable Alert alert, @Nullable String channel,
            @Nullable String notificationId, @Nullable String reason) {
        if (listeners.isEmpty()) {
            return;
        }
        AlertEvent event = new AlertEvent(type, Instant.ofEpochMilli(now), alert == null ? null : alert.fingerprint(), alert,
                channel, notificationId, reason);
        for (AlertEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("alert event listener {} failed: {}", listener.getClass().getName(), redaction.log(e));
            }
        }
    }
}
