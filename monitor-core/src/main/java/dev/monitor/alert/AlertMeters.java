package dev.monitor.alert;

/**
 * Every meter the {@link AlertDispatcher} registers (with {@link AlertDispatcher.Builder#meterRegistry}): its name,
 * base unit, description and tags, in one place, as Micrometer's {@code MeterBinder}s keep theirs. Meters are
 * registered once, when the dispatcher is built, and read the dispatcher's counters; nothing is looked up per fire.
 */
public enum AlertMeters {

    /** Counter: new alerts fired by the application (not the dispatcher's own). */
    FIRED("monitor.alerts.fired", "alerts", "New alerts fired"),
    /** Counter: fires of alerts that were already firing. */
    DEDUPLICATED("monitor.alerts.deduplicated", "alerts", "Fires of alerts that were already firing"),
    /** Counter: new alerts kept from notification by a silence, maintenance window or inhibition. */
    SUPPRESSED("monitor.alerts.suppressed", "alerts",
            "New alerts kept from notification by a silence, maintenance window or inhibition"),
    /** Counter: alerts resolved. */
    RESOLVED("monitor.alerts.resolved", "alerts", "Alerts resolved"),
    /** Counter: alerts acknowledged. */
    ACKNOWLEDGED("monitor.alerts.acknowledged", "alerts", "Alerts acknowledged"),
    /** Counter: escalation levels reached (and repeats of the last level). */
    ESCALATIONS("monitor.alerts.escalations", "escalations", "Escalation levels reached (and repeats of the last level)"),
    /**
     * Counter, tag {@code reason} ({@code queue_full}, {@code active_limit}, {@code expired},
     * {@code resolve_queue_full}, {@code closed}, {@code unknown_channel}, {@code outbox_full}): alerts or
     * notifications dropped to stay within bounds.
     */
    DROPPED("monitor.alerts.dropped", "alerts", "Alerts or notifications dropped to stay within bounds", "reason"),
    /**
     * Counter, tags {@code channel}, {@code outcome} ({@code delivered}, {@code failed}) and {@code reason}:
     * notifications by channel and outcome (failed attempts by reason).
     */
    NOTIFICATIONS("monitor.alerts.notifications", "notifications", "Notifications by channel and outcome", "channel",
            "outcome", "reason"),
    /** Counter, tag {@code channel}: notifications folded into the channel's digest once its pending limit was reached. */
    FOLDED("monitor.alerts.folded", "notifications",
            "Notifications folded into a channel's digest because its pending limit was reached", "channel"),
    /** Gauge: fires and resolves waiting for the dispatcher thread. */
    QUEUE_DEPTH("monitor.alerts.queue.depth", "alerts", "Fires and resolves waiting for the dispatcher thread"),
    /** Gauge: notifications waiting for delivery, all channels. */
    OUTBOX_SIZE("monitor.alerts.outbox.size", "notifications", "Notifications waiting for delivery"),
    /** Gauge: alerts held by the dispatcher (firing, or resolved and not yet notified). */
    ACTIVE("monitor.alerts.active", "alerts", "Alerts held by the dispatcher"),
    /** Gauge, tag {@code channel}: notifications waiting for one channel (a storm's digest counts once). */
    CHANNEL_PENDING("monitor.alerts.channel.pending", "notifications", "Notifications waiting for a channel", "channel");

    private final String meterName;
    private final String baseUnit;
    private final String description;
    private final String[] tags;

    AlertMeters(String meterName, String baseUnit, String description, String... tags) {
        this.meterName = meterName;
        this.baseUnit = baseUnit;
        this.description = description;
        this.tags = tags;
    }

    /** The meter's name, e.g. {@code monitor.alerts.fired}. */
    public String meterName() {
        return meterName;
    }

    /** The meter's base unit, e.g. {@code alerts}. */
    public String baseUnit() {
        return baseUnit;
    }

    /** The meter's description. */
    public String description() {
        return description;
    }

    /** The names of the meter's tags, in order. */
    public java.util.List<String> tags() {
        return java.util.List.of(tags);
    }
}
