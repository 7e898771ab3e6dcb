package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.channel.DeliveryResult;
import java.util.List;

/**
 * What the delivery stage reports, forward, to the completion stage: immutable events, applied on the dispatcher
 * thread in the order they happened. Delivery never calls back into decisions or the outbox.
 */
sealed interface DeliveryOutcome {

    /** The channel the outcome belongs to. */
    String channel();

    /** {@code sent} reached the channel; {@code entries} are done. */
    record Delivered(String channel, AlertNotification sent, List<OutboxEntry> entries) implements DeliveryOutcome {
    }

    /** An attempt failed; with {@code willRetry} false, {@code entries} are given up (and handed to a fallback, if any). */
    record Failed(String channel, AlertNotification attempted, DeliveryResult result, boolean willRetry,
            List<OutboxEntry> entries) implements DeliveryOutcome {
    }

    /** A waiting entry was replaced by a newer notification of its group: its record goes. */
    record Superseded(String channel, OutboxEntry entry) implements DeliveryOutcome {
    }

    /** A waiting entry grew older than the policy's {@code maxAge}: dropped, counted. */
    record Expired(String channel, OutboxEntry entry) implements DeliveryOutcome {
    }

    /**
     * Every notification folded into the channel's open digest grew older than the policy's {@code maxAge}: the
     * {@code notifications} are dropped, counted, and the records kept under {@code keys} go.
     */
    record FoldExpired(String channel, int notifications, List<String> keys) implements DeliveryOutcome {
    }

    /**
     * The channel's pending limit was reached: {@code entry} was folded into the channel's digest; with
     * {@code keepRecord} its record stays until the digest is sealed, else it goes now.
     */
    record Folded(String channel, OutboxEntry entry, int limit, boolean keepRecord) implements DeliveryOutcome {
    }

    /** The folded notifications became one digest entry (to be recorded), replacing the records under {@code keys}. */
    record Sealed(String channel, OutboxEntry digest, List<String> keys) implements DeliveryOutcome {
    }

    /** A notification given up by {@code channel} was handed to its fallback as {@code handedTo} (to be recorded). */
    record HandedOver(String channel, OutboxEntry handedTo) implements DeliveryOutcome {
    }

    /** The channel started ({@code failing}) or stopped failing. */
    record Failing(String channel, boolean failing, String reason) implements DeliveryOutcome {
    }
}
