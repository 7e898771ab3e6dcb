package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.ChannelPayload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Everything the dispatcher exposes, as text, for the leak assertion ({@code dev.monitor.pii.testing}) to search. */
public final class AlertDumps {

    private AlertDumps() {
    }

    /** Every text of {@code alert}: name, labels and annotations (keys and values), summary, description, source. */
    public static String dump(Alert alert) {
        return alert.name() + "\n" + alert.labels() + "\n" + alert.annotations() + "\n" + alert.summary() + "\n"
                + alert.description() + "\n" + alert.source() + "\n" + alert.fingerprint() + "\n";
    }

    /** Every text of a notification. */
    public static String dump(AlertNotification notification) {
        StringBuilder text = new StringBuilder(notification.toString()).append('\n');
        for (NotifiedAlert shown : notification.alerts()) {
            text.append(dump(shown.alert())).append(shown.acknowledgement()).append('\n');
        }
        return text.toString();
    }

    /** Every text of a preview: the alert, routes, suppression, each payload (body and fields), render errors. */
    public static String dump(AlertPreview preview) {
        StringBuilder text = new StringBuilder(dump(preview.alert())).append(preview.routes()).append(preview.suppressedBy())
                .append(preview.renderErrors()).append('\n');
        for (Map.Entry<String, ChannelPayload> payload : preview.payloads().entrySet()) {
            text.append(payload.getKey()).append(": ").append(payload.getValue().body()).append('\n')
                    .append(payload.getValue().fields()).append('\n');
        }
        return text.toString();
    }

    /** Every text of the history, incidents (with timelines) and events the dispatcher exposes. */
    public static String dump(Collection<AlertHistoryEntry> history, Collection<AlertIncident> incidents,
            Collection<AlertEvent> events) {
        List<String> parts = new ArrayList<>();
        for (AlertHistoryEntry entry : history) {
            parts.add(entry.toString());
            parts.add(dump(entry.alert()));
        }
        for (AlertIncident incident : incidents) {
            parts.add(incident.toString());
            parts.add(dump(incident.alert()));
        }
        for (AlertEvent event : events) {
            parts.add(event.toString());
            if (event.alert() != null) {
                parts.add(dump(event.alert()));
            }
        }
        return String.join("\n", parts);
    }
}
