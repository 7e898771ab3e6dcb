package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.OnCallResponder;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a notification's recipients (responder ids, as kept in the outbox) into a channel's addresses, just before
 * rendering, so that addresses never reach the journal. Immutable; any thread.
 */
final class RecipientAddresses {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");

    private final @Nullable EscalationConfig escalation;

    RecipientAddresses(@Nullable EscalationConfig escalation) {
        this.escalation = escalation;
    }

    /** {@code notification} addressed to its recipients' contacts on {@code channel}. */
    AlertNotification address(String channel, AlertNotification notification) {
        List<String> addresses = new ArrayList<>();
        int unknown = 0;
        for (String id : notification.recipients()) {
            OnCallResponder responder = escalation == null ? null : escalation.responder(id);
            String address = responder == null ? null : responder.contact(channel);
            if (address == null) {
                unknown++;
            } else if (!addresses.contains(address)) {
                addresses.add(address);
            }
        }
        if (unknown > 0) {
            // the configuration changed since the notification was queued; never log the address itself
            log.warn("alert channel '{}': {} recipient(s) of notification {} have no address on this channel any more{}", channel,
                    unknown, notification.id(), addresses.isEmpty() ? "; sending to the channel's own recipients" : "");
        }
        return notification.withRecipients(addresses);
    }
}
