package dev.monitor.alert;

import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationLevel;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import dev.monitor.alert.internal.DispatcherCore;
import dev.monitor.alert.internal.DispatcherSettings;
import dev.monitor.alert.internal.Intake;
import dev.monitor.alert.internal.SilenceInfo;
import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import dev.monitor.fleet.MonitorStore;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Routes, deduplicates, groups, silences and delivers alerts, in process, without ever holding the
 * thread that fires them.
 *
 * <pre>{@code
 * AlertDispatcher alerts = AlertDispatcher.builder()
 *         .channel(SlackChannel.builder().fromEnvironment(System.getenv()).build())
 *         .channel(PagerDutyChannel.builder().fromEnvironment(System.getenv()).build())
 *         .route(AlertRoute.builder().channels("slack")
 *                 .route(AlertRoute.builder().match(AlertMatcher.severity(AlertSeverity.CRITICAL))
 *                         .channels("pagerduty", "slack").build())
 *                 .build())
 *         .stateDirectory(Path.of("/var/lib/orders/alerts"))
 *         .scrubber(Scrubber.defaults())
 *         .build();
 *
 * AlertHandle handle = alerts.fire(Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL)
 *         .label("service", "orders").summary("primary database unreachable").build());
 * ...
 * handle.resolve();
 * }</pre>
 *
 * <p><b>On the caller's thread</b>, {@link #fire} and {@link #resolve} only put the alert in a bounded
 * lock-free queue: no lock shared with delivery, no I/O, no logging, no scrubbing, no exception for
 * delivery problems. When the queue is full the fire is counted as dropped and reported by an
 * {@code AlertsDropped} alert; a resolve never competes with a storm of fires for room.
 *
 * <p><b>On the dispatcher's thread</b> every text of the alert passes the {@link Builder#scrubber
 * scrubber}, then the alert is deduplicated by fingerprint, routed through the {@link AlertRoute} tree,
 * grouped, and checked against silences, maintenance windows and inhibition rules. Scrubbing is key-aware: the value of
 * a label or annotation whose name marks a secret ({@code password}, {@code client_secret}, {@code token},
 * {@code apiKey}, {@code authorization}…) is redacted as a whole, wherever the pair travels (payloads, group keys and
 * titles, previews, events, history, incidents, the journal). Routing, grouping, deduplication, inhibition and silences
 * use the values as fired, in memory only: two alerts with {@code token=a} and {@code token=b} stay two alerts (and two
 * groups when grouped by {@code token}), both shown as {@code token=[secret]}, told apart outside by the label
 * {@code redaction_id} (a keyed pseudonym, see {@link dev.monitor.pii.Scrubber#pseudonymize(String)}) and by their group
 * keys. Texts are scrubbed before they are cut to their limits, so no value is ever cut in half unrecognised. Groups are
 * notified after their group wait, again after group intervals when they change, and after the repeat
 * interval while they fire; resolved notifications follow.
 *
 * <p><b>Delivery</b> runs per channel with its {@link DeliveryPolicy}: rate limit (a storm becomes a
 * digest, never silence; past the policy's pending limit further notifications fold into that digest), retries honouring {@code Retry-After}, circuit breaker, the channel's own
 * threads, a timeout per attempt, an optional fallback channel, and an {@code AlertNotifierFailing}
 * alert to the other channels when a channel keeps failing. With a {@link Builder#stateDirectory state
 * directory}, undelivered notifications, active alerts and silences are kept in a journal (an append-only
 * file bounded by {@link JournalOptions}) and survive a restart (or a crash).
 *
 * <p><b>Incidents</b>: every alert has an {@link AlertIncident} with its timeline ({@link #incidents()}).
 * Someone can {@link #acknowledge(String, String, String) acknowledge} an alert or its group: reminders and
 * escalation stop, every channel is told who took it (PagerDuty gets an {@code acknowledge} event). With an
 * {@link Builder#escalation(EscalationConfig) escalation} configuration, an unacknowledged alert walks its
 * severity's {@link EscalationPolicy} levels (e.g. chat, then SMS to whoever is on call, then the secondary);
 * resolving or acknowledging stops it, and its state survives restarts with the outbox.
 *
 * <p>Metrics (with a {@link Builder#meterRegistry meter registry}): every meter, with its base unit and tags, is
 * listed in {@link AlertMeters} ({@code monitor.alerts.fired}, {@code .dropped{reason}},
 * {@code .notifications{channel,outcome,reason}}, {@code .folded{channel}}, {@code .queue.depth}…). Thread-safe;
 * {@link #close()} it on shutdown.
 */
public final class AlertDispatcher implements AutoCloseable {

    /** Default capacity of the caller-side queue. */
    public static final int DEFAULT_QUEUE_CAPACITY = 16_384;
    /** Default maximum of alerts held at once. */
    public static final int DEFAULT_MAX_ACTIVE_ALERTS = 10_000;
    /** Default maximum of alerts listed in detail in one notification. */
    public static final int DEFAULT_MAX_ALERTS_PER_NOTIFICATION = 100;

    private final DispatcherCore core;
    private final Intake intake;

    private AlertDispatcher(DispatcherCore core) {
        this.core = core;
        this.intake = core.intake();
    }

    /** A builder; at least one channel is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Fires {@code alert}: returns at once; never blocks and never throws for delivery problems.
     * Firing an alert that already fires (same fingerprint) only counts as a repeat.
     *
     * @throws NullPointerException if {@code alert} is null
     */
    public AlertHandle fire(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        intake.fire(alert);
        return new AlertHandle(this, alert);
    }

    /** Resolves the alert with {@code alert}'s fingerprint. Never blocks or throws for delivery problems. */
    public void resolve(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        intake.resolve(alert.fingerprint());
    }

    /**
     * Resolves the alert with {@code fingerprint} (as given by {@link Alert#fingerprint()},
     * {@link AlertHandle#fingerprint()} or {@link AlertHistoryEntry#fingerprint()}). Unknown fingerprints
     * are ignored.
     */
    public void resolve(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        intake.resolve(fingerprint);
    }

    /**
     * Resolves the firing alert with {@code fingerprint} on behalf of {@code by}, as {@link #resolve(String)} does, and
     * records who and why in its incident's timeline ({@link AlertTimelineEntry.Type#RESOLVED} with the actor and
     * comment). {@code by} passes the {@link Builder#personNames personNames} seam and the comment the scrubber, as for
     * {@link #acknowledge(String, String, String)}. If the alert's source fires it again, it fires anew. Waits briefly
     * for the dispatcher thread; not for hot paths.
     *
     * @param by who resolves: 1 to 256 characters
     * @param comment an optional note (scrubbed), at most 1024 characters, {@code ""} for none
     * @return true if a firing alert was resolved; false if none fires under that fingerprint or the dispatcher is closed
     * @throws IllegalStateException if the dispatcher thread does not answer within 5 s (the resolve still applies when
     *     it catches up)
     */
    public boolean resolve(String fingerprint, String by, String comment) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return core.resolve(fingerprint, checkBy(by, "resolves"), checkComment(comment));
    }

    /**
     * Acknowledges the firing alert with {@code fingerprint} (as given by {@link Alert#fingerprint()}, a notification
     * or an {@link AlertIncident}) on behalf of {@code by}: its escalation and reminders stop, and every channel that was
     * notified is told who acknowledged it and when (PagerDuty gets an {@code acknowledge} event once every alert of
     * its incident is acknowledged). {@code by} is personal data: it passes the {@link Builder#personNames personNames}
     * seam before it is kept, shown or journaled; prefer a handle to an e-mail address. Waits briefly for the
     * dispatcher thread; not for hot paths.
     *
     * @param by who acknowledges: 1 to 256 characters
     * @param comment an optional note (scrubbed), at most 1024 characters, {@code ""} for none
     * @return true if a firing, unacknowledged alert was acknowledged; false if none fires under that fingerprint, it
     *     was already acknowledged, or the dispatcher is closed
     * @throws IllegalStateException if the dispatcher thread does not answer within 5 s (the acknowledgement still
     *     applies when it catches up)
     */
    public boolean acknowledge(String fingerprint, String by, String comment) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return core.acknowledge(fingerprint, checkBy(by, "acknowledges"), checkComment(comment));
    }

    /** As {@link #acknowledge(String, String, String)} without a comment. */
    public boolean acknowledge(String fingerprint, String by) {
        return acknowledge(fingerprint, by, "");
    }

    /**
     * Acknowledges every firing alert of the group {@code groupKey} (as in {@link AlertNotification#groupKey()} and
     * the webhook's {@code groupKey}), as {@link #acknowledge(String, String, String)} does for one.
     *
     * @return how many alerts were newly acknowledged
     */
    public int acknowledgeGroup(String groupKey, String by, String comment) {
        Objects.requireNonNull(groupKey, "groupKey");
        return core.acknowledgeGroup(groupKey, checkBy(by, "acknowledges"), checkComment(comment));
    }

    private static String checkBy(@Nullable String by, String verb) {
        Objects.requireNonNull(by, "by");
        if (by.isBlank() || by.length() > 256) {
            throw new IllegalArgumentException("by must name who " + verb + " in 1 to 256 characters, was "
                    + (by.isBlank() ? "blank" : by.length() + " characters"));
        }
        return by.strip();
    }

    private static String checkComment(@Nullable String comment) {
        Objects.requireNonNull(comment, "comment");
        if (comment.length() > 1024) {
            throw new IllegalArgumentException("comment must be at most 1024 characters, was " + comment.length());
        }
        return comment;
    }

    /**
     * The incidents kept: every alert that fires and the most recent resolved ones (as many as
     * {@link Builder#historySize(int)}), most recently changed first, each with its acknowledgement, escalation
     * level and timeline. Never waits for the dispatcher thread.
     */
    public List<AlertIncident> incidents() {
        return core.incidents();
    }

    /** The incident of the alert with {@code fingerprint} (scrubbed, as shown everywhere, or as fired), if kept. */
    public Optional<AlertIncident> incident(String fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return core.incident(fingerprint);
    }

    /**
     * Adds a silence; it applies to alerts fired after this call. The incidents of alerts that fire already and match it
     * get a {@link AlertTimelineEntry.Type#SILENCED} entry naming its {@link Silence#createdBy() author}. Kept in the state directory, if any, unless a matcher
     * value holds personal data or a secret (see {@link Silence}).
     *
     * @throws IllegalArgumentException if the silence ends more than {@link Silence#MAX_DURATION} after it starts
     * @return the silence's id, for {@link #expireSilence(String)}
     */
    public String silence(Silence silence) {
        Objects.requireNonNull(silence, "silence");
        if (silence.startsAt() == null) {
            Silence.checkSpan(Instant.ofEpochMilli(core.now()), silence.endsAt());
        }
        return core.submitSilence(silence);
    }

    /** Ends the silence {@code id} now; returns whether it existed. */
    public boolean expireSilence(String id) {
        Objects.requireNonNull(id, "id");
        return core.expireSilence(id, "");
    }

    /**
     * Ends the silence {@code id} now, by {@code by} (an operator; shown as people's names are shown): the firing alerts
     * it matched get a {@link AlertTimelineEntry.Type#SILENCE_EXPIRED} entry naming {@code by}. Returns whether it existed.
     */
    public boolean expireSilence(String id, String by) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(by, "by");
        return core.expireSilence(id, by);
    }

    /** The silences that have not ended, by id. */
    public Map<String, Silence> silences() {
        Map<String, Silence> silences = new LinkedHashMap<>();
        for (SilenceInfo info : core.silences()) {
            silences.put(info.id(), info.silence());
        }
        return silences;
    }

    /**
     * What firing {@code alert} would do now, without firing it: the routes it enters, whether it would
     * be suppressed, and the exact payload each of its channels would receive. Waits briefly for the
     * dispatcher thread; not for hot paths.
     */
    public AlertPreview preview(Alert alert) {
        Objects.requireNonNull(alert, "alert");
        return core.preview(alert);
    }

    /** The most recent alerts (firing and resolved), newest first, bounded by {@link Builder#historySize(int)}. */
    public List<AlertHistoryEntry> recentAlerts() {
        return core.recentAlerts();
    }

    /** The recent alerts that still fire, newest first. */
    public List<AlertHistoryEntry> activeAlerts() {
        List<AlertHistoryEntry> active = new ArrayList<>();
        for (AlertHistoryEntry entry : core.recentAlerts()) {
            if (entry.status() == AlertStatus.FIRING) {
                active.add(entry);
            }
        }
        return active;
    }

    /** The dispatcher's counters. */
    public AlertStats stats() {
        return core.stats();
    }

    /**
     * Waits until nothing is queued and no channel has a notification pending or in flight, or the timeout
     * passes. Alerts waiting in a group (group wait) do not count. For tests and orderly shutdowns.
     *
     * @return whether the dispatcher became idle in time
     */
    public boolean awaitIdle(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!core.isIdle()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Stops taking alerts, notifies every group now (ignoring group waits), and delivers what it can within
     * the close timeout; what is left stays in the outbox for the next start. Idempotent.
     */
    @Override
    public void close() {
        core.close();
    }

    /** Builds an {@link AlertDispatcher}; every setter validates its argument. */
    public static final class Builder {
        private final List<AlertChannel> channels = new ArrayList<>();
        private final Map<String, DeliveryPolicy> policies = new LinkedHashMap<>();
        private AlertRoute route = AlertRoute.builder().build();
        private final List<InhibitRule> inhibitRules = new ArrayList<>();
        private final List<MaintenanceWindow> maintenanceWindows = new ArrayList<>();
        private Scrubber scrubber = Scrubber.defaults();
        private @Nullable MeterRegistry meterRegistry;
        private final List<AlertEventListener> listeners = new ArrayList<>();
        private @Nullable Path stateDirectory;
        private JournalOptions journalOptions = JournalOptions.defaults();
        private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
        private int maxActiveAlerts = DEFAULT_MAX_ACTIVE_ALERTS;
        private int maxAlertsPerNotification = DEFAULT_MAX_ALERTS_PER_NOTIFICATION;
        private int historySize = 200;
        private Clock clock = Clock.systemUTC();
        private Duration closeTimeout = Duration.ofSeconds(5);
        private @Nullable EscalationConfig escalation;
        private @Nullable UnaryOperator<String> personNames;
        private MonitorStore store = MonitorStore.local();

        private Builder() {
        }

        /** Adds a channel with its {@linkplain AlertChannel#defaultPolicy() default delivery policy}. */
        public Builder channel(AlertChannel channel) {
            Objects.requireNonNull(channel, "channel");
            return channel(channel, channel.defaultPolicy());
        }

        /**
         * Adds a channel with {@code policy}.
         *
         * @throws IllegalArgumentException if the channel's name does not follow {@link Names#requireName the name rule}
         *     or another channel has it
         */
        public Builder channel(AlertChannel channel, DeliveryPolicy policy) {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(policy, "policy");
            String name = Names.requireName("channel name", channel.name());
            for (AlertChannel existing : channels) {
                if (existing.name().equals(name)) {
                    throw new IllegalArgumentException("a channel named '" + name + "' is already added; give each channel "
                            + "a distinct name");
                }
            }
            channels.add(channel);
            policies.put(name, policy);
            return this;
        }

        /** The routing tree (default: a root sending everything to every channel). */
        public Builder route(AlertRoute route) {
            this.route = Objects.requireNonNull(route, "route");
            return this;
        }

        /** Adds inhibition rules. */
        public Builder inhibit(InhibitRule... rules) {
            Objects.requireNonNull(rules, "rules");
            for (InhibitRule rule : rules) {
                inhibitRules.add(Objects.requireNonNull(rule, "rules must not contain null"));
            }
            return this;
        }

        /** Adds recurring maintenance windows. */
        public Builder maintenanceWindow(MaintenanceWindow... windows) {
            Objects.requireNonNull(windows, "windows");
            for (MaintenanceWindow window : windows) {
                maintenanceWindows.add(Objects.requireNonNull(window, "windows must not contain null"));
            }
            return this;
        }

        /**
         * The PII scrubber every outgoing text passes (name, summary, description, label and annotation names and values,
         * source, group keys, acknowledgement comments, silence comments before they are journaled, and error texts
         * before they are logged), key-aware: a value under a name it {@linkplain Scrubber#isSensitiveKey(String) marks
         * as a secret} is redacted as a whole. Its {@linkplain Scrubber#pseudonymize(String) pseudonyms} tell apart
         * alerts and groups that differ only in redacted values; give it a fixed {@code hmacKey} to keep them the same
         * across restarts and replicas. Default {@link Scrubber#defaults()}. Applied on the dispatcher thread; it fails
         * closed per field.
         */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /**
         * How the names of people (who acknowledged, who was on call) appear wherever they leave the process:
         * notifications, the incident timeline, events, the journal. Default: the {@link #scrubber scrubber}'s text
         * scrubbing, which
         * masks e-mail addresses and phone numbers and leaves handles such as {@code alice}. To show no names at all,
         * give a keyed pseudonym, e.g. {@code Scrubber.builder().hmacKey(key).build()::pseudonymize}. Applied once, on
         * the dispatcher thread; if it throws, the name is replaced.
         */
        public Builder personNames(UnaryOperator<String> personNames) {
            this.personNames = Objects.requireNonNull(personNames, "personNames");
            return this;
        }

        /**
         * Escalates unacknowledged alerts by the policies of {@code escalation}, notifying the on-call of its
         * schedules where levels say so (default: no escalation; acknowledgements and incidents work without it).
         * Checked at {@link #build()} against the channels.
         */
        public Builder escalation(EscalationConfig escalation) {
            this.escalation = Objects.requireNonNull(escalation, "escalation");
            return this;
        }

        /** Where the {@code monitor.alerts.*} meters are registered (default: none). */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Adds a listener for the dispatcher's events. */
        public Builder listener(AlertEventListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * The directory of the journal ({@code alerts.journal}) keeping undelivered notifications, active
         * alerts and silences across restarts (default: none, everything in memory). One dispatcher per
         * directory: a second one fails to start.
         */
        public Builder stateDirectory(Path stateDirectory) {
            this.stateDirectory = Objects.requireNonNull(stateDirectory, "stateDirectory");
            return this;
        }

        /**
         * The fleet store whose {@linkplain MonitorStore#notificationClaims() claims} make each notification go out once
         * per fleet, e.g. a {@link dev.monitor.fleet.JdbcMonitorStore} (default {@link MonitorStore#local()}: every
         * notification is sent here). Claims are made on the channels' threads, never in {@link AlertDispatcher#fire}.
         */
        public Builder store(MonitorStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Bounds and durability of the journal (default {@link JournalOptions#defaults()}). */
        public Builder journalOptions(JournalOptions journalOptions) {
            this.journalOptions = Objects.requireNonNull(journalOptions, "journalOptions");
            return this;
        }

        /** Capacity of the caller-side queue (default 16,384, rounded up to a power of two); 16 to 2^24. */
        public Builder queueCapacity(int queueCapacity) {
            if (queueCapacity < 16 || queueCapacity > (1 << 24)) {
                throw new IllegalArgumentException("queueCapacity must be between 16 and 16777216, was " + queueCapacity);
            }
            this.queueCapacity = queueCapacity;
            return this;
        }

        /** Most alerts held at once (default 10,000); new alerts beyond are dropped, counted and reported. */
        public Builder maxActiveAlerts(int maxActiveAlerts) {
            if (maxActiveAlerts < 1) {
                throw new IllegalArgumentException("maxActiveAlerts must be at least 1, was " + maxActiveAlerts);
            }
            this.maxActiveAlerts = maxActiveAlerts;
            return this;
        }

        /** Most alerts listed in detail in one notification (default 100); the rest are counted as "+N more". */
        public Builder maxAlertsPerNotification(int maxAlertsPerNotification) {
            if (maxAlertsPerNotification < 1 || maxAlertsPerNotification > 10_000) {
                throw new IllegalArgumentException("maxAlertsPerNotification must be between 1 and 10000, was "
                        + maxAlertsPerNotification);
            }
            this.maxAlertsPerNotification = maxAlertsPerNotification;
            return this;
        }

        /** How many recent alerts {@link AlertDispatcher#recentAlerts()} keeps (default 200). */
        public Builder historySize(int historySize) {
            if (historySize < 1 || historySize > 100_000) {
                throw new IllegalArgumentException("historySize must be between 1 and 100000, was " + historySize);
            }
            this.historySize = historySize;
            return this;
        }

        /**
         * The clock for alert times, group timing, silences and maintenance windows, delivery retries and a
         * channel's open circuit (default UTC system clock). It must advance: a fixed clock stops every timer.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long {@link AlertDispatcher#close()} keeps delivering before it leaves the rest to the outbox (default 5 s);
         * 0 to 1 hour.
         */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = DurationLimits.requireBetween("closeTimeout", closeTimeout, Duration.ZERO,
                    DurationLimits.MAX_TIMEOUT);
            return this;
        }

        /**
         * Builds and starts the dispatcher, replaying the state directory's journal if any.
         *
         * @throws IllegalArgumentException if no channel was added, a route or policy names an unknown channel,
         *     or the root route has matchers
         * @throws IllegalStateException if another dispatcher holds the state directory
         */
        public AlertDispatcher build() {
            if (channels.isEmpty()) {
                throw new IllegalArgumentException("add at least one channel, e.g. channel(LogChannel.create())");
            }
            Set<String> names = new HashSet<>();
            for (AlertChannel channel : channels) {
                names.add(channel.name());
            }
            if (!route.matchers().isEmpty()) {
                throw new IllegalArgumentException("the root route takes every alert and must not have matchers, had "
                        + route.matchers() + "; put them on a child route");
            }
            checkRoute(route, names);
            for (Map.Entry<String, DeliveryPolicy> policy : policies.entrySet()) {
                String fallback = policy.getValue().fallbackChannel();
                if (fallback != null) {
                    if (!names.contains(fallback)) {
                        throw new IllegalArgumentException("channel '" + policy.getKey() + "' falls back to '" + fallback
                                + "', which is not a channel; channels are " + names);
                    }
                    if (fallback.equals(policy.getKey())) {
                        throw new IllegalArgumentException("channel '" + fallback + "' cannot be its own fallback");
                    }
                }
            }
            if (escalation != null) {
                checkEscalation(escalation);
            }
            return new AlertDispatcher(new DispatcherCore(new DispatcherSettings(List.copyOf(channels), Map.copyOf(policies),
                    route, List.copyOf(inhibitRules), List.copyOf(maintenanceWindows), scrubber, meterRegistry,
                    List.copyOf(listeners), stateDirectory, journalOptions, queueCapacity, maxActiveAlerts,
                    maxAlertsPerNotification, historySize, clock, closeTimeout, escalation,
                    personNames != null ? personNames : scrubber::scrub, store)));
        }

        private void checkEscalation(EscalationConfig config) {
            Map<String, AlertChannel> byName = new LinkedHashMap<>();
            for (AlertChannel channel : channels) {
                byName.put(channel.name(), channel);
            }
            for (Map.Entry<AlertSeverity, EscalationPolicy> entry : config.policies().entrySet()) {
                EscalationPolicy policy = entry.getValue();
                for (EscalationLevel level : policy.levels()) {
                    for (EscalationTarget target : level.targets()) {
                        String name = target.channel();
                        if (name == null) {
                            continue;
                        }
                        AlertChannel channel = byName.get(name);
                        if (channel == null) {
                            throw new IllegalArgumentException("escalation policy '" + policy.name() + "' (" + entry.getKey().label()
                                    + ") notifies channel '" + name + "', which is not added; channels are " + byName.keySet());
                        }
                        String scheduleName = target.schedule();
                        OnCallSchedule schedule = scheduleName == null ? null : config.schedule(scheduleName);
                        if (schedule == null) {
                            continue;
                        }
                        if (!channel.supportsRecipients()) {
                            throw new IllegalArgumentException("escalation policy '" + policy.name() + "' reaches the on-call of '"
                                    + scheduleName + "' on channel '" + name + "', which cannot address a person; use a channel "
                                    + "such as SmsChannel or EmailChannel, or EscalationTarget.channel(\"" + name + "\")");
                        }
                        for (String id : schedule.allResponders()) {
                            OnCallResponder responder = config.responder(id);
                            String address = responder == null ? null : responder.contact(name);
                            if (address == null) {
                                continue; // EscalationConfig.build() has already refused this
                            }
                            try {
                                channel.checkRecipient(address);
                            } catch (IllegalArgumentException e) {
                                throw new IllegalArgumentException("the address of responder '" + id + "' on channel '" + name
                                        + "' is not valid: " + e.getMessage(), e);
                            }
                        }
                    }
                }
            }
        }

        private static void checkRoute(AlertRoute route, Set<String> names) {
            List<String> channels = route.channels();
            if (channels != null) {
                for (String channel : channels) {
                    if (!names.contains(channel)) {
                        throw new IllegalArgumentException("route " + (route.name() != null ? "'" + route.name() + "' " : "")
                                + "names channel '" + channel + "', which is not added; channels are " + names);
                    }
                }
            }
            for (AlertRoute child : route.routes()) {
                checkRoute(child, names);
            }
        }
    }
}
