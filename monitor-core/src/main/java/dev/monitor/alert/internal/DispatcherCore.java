package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertChannelStats;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStats;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.Silence;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.pii.Scrubber;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's machinery. Callers only touch {@link #submitFire} and {@link #submitResolve}: an
 * offer to a bounded lock-free queue (and, only when the dispatcher thread is in deep sleep, one
 * unpark). Everything else (scrubbing, deduplication, routing, grouping, suppression, the journal,
 * metrics, listeners) runs on the single dispatcher thread, so that state needs no locks; delivery
 * runs on each channel's own threads and reports back through a queue.
 */
public final class DispatcherCore implements AlertEngine.Sink, DeliveryPipeline.Owner, IncidentTracker.Sink {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");

    /** Name of the meta-alert raised when a channel keeps failing. */
    public static final String NOTIFIER_FAILING = "AlertNotifierFailing";
    /** Name of the meta-alert that reports alerts dropped to stay within bounds. */
    public static final String ALERTS_DROPPED = "AlertsDropped";
    /** Label carried by the dispatcher's own alerts. */
    public static final String COMPONENT_LABEL = "component";
    private static final String COMPONENT = "monitor-alerts";

    /** Drop reasons, as metric tags and {@link AlertStats#dropped()} keys. */
    public static final List<String> DROP_REASONS = List.of("queue_full", "active_limit", "outbox_full", "expired",
            "resolve_queue_full", "closed", "unknown_channel");

    private static final int BATCH = 1024;
    private static final int MAX_LATE_RESOLVES = 65_536;
    private static final int SHALLOW_IDLE_ROUNDS = 20;
    private static final long SHALLOW_PARK_NANOS = 50_000;
    private static final long POLL_PARK_NANOS = 1_000_000;
    private static final long POLL_PHASE_NANOS = 1_000_000_000L;
    private static final long MAX_PARK_MILLIS = 10_000;
    private static final long SYNC_INTERVAL_MILLIS = 100;
    private static final long OVERFLOW_REPORT_INTERVAL_MILLIS = 1000;
    private static final long OVERFLOW_QUIET_MILLIS = 60_000;
    private static final Object SHUTDOWN = new Object();

    private record Resolution(String fingerprint) {
    }

    private record LateResolve(String fingerprint, long position) {
    }

    private record Completion(DeliveryPipeline pipeline, DeliveryPipeline.Batch batch, DeliveryResult result) {
    }

    private record PreviewRouting(List<String> receivers, List<String> channels, @Nullable String suppression,
            Alert scrubbed) {
    }

    private record SilenceCommand(String id, @Nullable Silence silence, long startsAt, long endsAt) {
    }

    /** A silence as listed by the dispatcher. */
    public record SilenceInfo(String id, Silence silence, long startsAt, long endsAt) {
    }

    // ---- touched by callers ----
    private final BoundedMpscQueue<Object> queue;
    private final ConcurrentLinkedQueue<Object> commands = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LateResolve> lateResolves = new ConcurrentLinkedQueue<>();
    private final AtomicInteger lateResolveCount = new AtomicInteger();
    private final LongAdder[] queueFull = new LongAdder[AlertSeverity.values().length];
    private final LongAdder closedDrops = new LongAdder();
    private final LongAdder resolveQueueFull = new LongAdder();
    private final Map<String, SilenceInfo> silences = new ConcurrentHashMap<>();
    private final CallerGate gate = new CallerGate();
    private final Thread thread;

    // ---- dispatcher thread ----
    private final DispatcherSettings settings;
    private final Clock clock;
    private final AlertRedaction redaction;
    private final AlertEngine engine;
    private final Map<String, DeliveryPipeline> pipelines = new LinkedHashMap<>();
    private final List<AlertEventListener> listeners;
    private final @Nullable FileJournal journal;
    private final AlertHistory history;
    private final IncidentTracker tracker;
    private final UnaryOperator<String> personNames;
    private final @Nullable String[] responseTargets = new String[AlertSeverity.values().length];
    private final Set<IncidentTracker.Incident> dirtyIncidents = new LinkedHashSet<>();
    private final LogChannel metaLog = LogChannel.builder().name("monitor-alerts-meta").build();
    private final Map<String, String> rawByScrubbed = new HashMap<>();
    private final String instanceId;
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom random;
    private long lastSync;
    private int idleRounds;
    private long idleSince;
    private long overflowReported;
    private long lastOverflowAt;
    private long nextOverflowReport;
    private boolean overflowFiring;
    private final Set<String> registeredReasons = new HashSet<>();
    private volatile boolean finished;
    /** Set while the dispatcher thread takes and handles queued fires (see {@link #isIdle()}). */
    private volatile boolean draining;
    /** Set while the dispatcher thread runs a command taken off {@code commands}. */
    private volatile boolean commandRunning;

    // ---- counters, written by the dispatcher thread, read by any ----
    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong deduplicated = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong escalations = new AtomicLong();
    private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
    private final AtomicInteger activeCount = new AtomicInteger();
    private final AtomicLong outboxSize = new AtomicLong();
    private final @Nullable MeterRegistry meters;

    /** Builds the machinery, replays the journal and starts the dispatcher thread. */
    public DispatcherCore(DispatcherSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.redaction = new AlertRedaction(settings.scrubber());
        this.listeners = List.copyOf(settings.listeners());
        this.meters = settings.meterRegistry();
        this.queue = new BoundedMpscQueue<>(settings.queueCapacity());
        for (int i = 0; i < queueFull.length; i++) {
            queueFull[i] = new LongAdder();
        }
        for (String reason : DROP_REASONS) {
            dropped.put(reason, new AtomicLong());
        }
        SecureRandom seed = new SecureRandom();
        this.random = new SplittableRandom(seed.nextLong());
        this.instanceId = Long.toString(seed.nextLong() & Long.MAX_VALUE, 36);
        this.history = new AlertHistory(settings.historySize());
        this.personNames = settings.personNames();
        EscalationConfig escalation = settings.escalation();
        this.tracker = new IncidentTracker(escalation, settings.historySize(), this);
        if (escalation != null) {
            for (AlertSeverity severity : AlertSeverity.values()) {
                Duration target = escalation.policy(severity).responseTarget();
                responseTargets[severity.ordinal()] = target == null ? null : DurationText.format(target);
            }
        }
        List<String> channelNames = new ArrayList<>();
        for (AlertChannel channel : settings.channels()) {
            channelNames.add(channel.name());
        }
        this.engine = new AlertEngine(AlertRouteNode.resolve(settings.route(), channelNames), settings.inhibitRules(),
                settings.maintenanceWindows(), settings.maxActiveAlerts(), settings.maxAlertsPerNotification(), this,
                this::newId, redaction::pseudonym);
        for (AlertChannel channel : settings.channels()) {
            DeliveryPolicy policy = settings.policies().getOrDefault(channel.name(), channel.defaultPolicy());
            pipelines.put(channel.name(),
                    new DeliveryPipeline(channel, policy, this, settings.maxAlertsPerNotification(), clock));
        }
        Path directory = settings.stateDirectory();
        this.journal = directory == null ? null : FileJournal.open(directory.resolve("alerts.journal"), settings.journalOptions());
        try {
            restore();
        } catch (RuntimeException e) {
            if (journal != null) {
                journal.close();
            }
            throw e;
        }
        bindMeters();
        this.thread = new Thread(this::run, "monitor-alert-dispatcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    // =====================================================================================
    // caller side: no locks, no I/O, no logging, no allocation except the resolve record
    // =====================================================================================

    /** Queues a fire; counts it as dropped if the queue is full or the dispatcher is closed. */
    public void submitFire(Alert alert) {
        if (gate.isClosed()) {
            closedDrops.increment();
            return;
        }
        if (!queue.offer(alert)) {
            queueFull[alert.severity().ordinal()].increment();
            return;
        }
        if (gate.isDeepSleep()) {
            wake();
        }
    }

    /** Queues a resolve; when the queue is full it waits beside it, in order, so it is never lost to a storm. */
    public void submitResolve(String fingerprint) {
        if (gate.isClosed()) {
            closedDrops.increment();
            return;
        }
        Resolution resolution = new Resolution(fingerprint);
        if (!queue.offer(resolution)) {
            if (lateResolveCount.incrementAndGet() > MAX_LATE_RESOLVES) {
                lateResolveCount.decrementAndGet();
                resolveQueueFull.increment();
                return;
            }
            // applied once the dispatcher has taken everything queued before it
            lateResolves.add(new LateResolve(fingerprint, queue.producedCount()));
        }
        wake();
    }

    /** Adds a silence; returns its id. */
    public String submitSilence(Silence silence) {
        String id = Long.toHexString(nextRandom()) + Long.toHexString(nextRandom());
        long now = clock.millis();
        Instant start = silence.startsAt();
        long startsAt = start != null ? start.toEpochMilli() : now;
        long endsAt = silence.endsAt().toEpochMilli();
        silences.put(id, new SilenceInfo(id, silence, startsAt, endsAt));
        control(new SilenceCommand(id, silence, startsAt, endsAt));
        return id;
    }

    /** Ends a silence; returns whether it was in force or pending. */
    public boolean expireSilence(String id) {
        boolean existed = silences.remove(id) != null;
        control(new SilenceCommand(id, null, 0, 0));
        return existed;
    }

    /** Silences not yet ended. */
    public List<SilenceInfo> silences() {
        long now = clock.millis();
        List<SilenceInfo> list = new ArrayList<>();
        for (SilenceInfo info : silences.values()) {
            if (info.endsAt() > now) {
                list.add(info);
            }
        }
        return list;
    }

    private synchronized long nextRandom() {
        return random.nextLong();
    }

    private void control(Object command) {
        // through the main queue when possible, so it is ordered with the fires around it
        if (gate.isClosed() || !queue.offer(command)) {
            commands.add(command);
        }
        wake();
    }

    private void wake() {
        if (gate.claimWakeUp()) {
            LockSupport.unpark(thread);
        }
    }

    // =====================================================================================
    // dispatcher thread
    // =====================================================================================

    private void run() {
        try {
            while (true) {
                int work = 0;
                boolean shutdown = false;
                while (true) {
                    commandRunning = true; // before the poll, as draining is for the fire queue
                    Object command = commands.poll();
                    if (command == null) {
                        commandRunning = false;
                        break;
                    }
                    work++;
                    if (command == SHUTDOWN) {
                        shutdown = true;
                        commandRunning = false;
                        continue;
                    }
                    try {
                        handle(command, clock.millis());
                    } finally {
                        commandRunning = false;
                    }
                    if (command instanceof Runnable) {
                        break; // a caller's request (preview, acknowledge): the timers run before the next one
                    }
                }
                work += drainFires(BATCH, clock.millis());
                long now = clock.millis();
                housekeeping(now);
                if (shutdown) {
                    finish();
                    return;
                }
                if (work > 0) {
                    idleRounds = 0;
                } else {
                    idle(now);
                }
            }
        } catch (Throwable t) {
            log.error("alert dispatcher thread stopped by an unexpected error; alerts are no longer delivered: {}",
                    redaction.log(t));
            finished = true;
        }
    }

    /** Takes up to {@code max} queued fires and resolves; returns how many. Dispatcher thread only. */
    private int drainFires(int max, long now) {
        int taken = 0;
        draining = true; // before the first poll: isIdle() never sees an empty queue while an element is in hand
        try {
            for (; taken < max; taken++) {
                Object element = queue.poll();
                if (element == null) {
                    break;
                }
                handle(element, now);
                if (!lateResolves.isEmpty()) {
                    applyLateResolves(now);
                }
            }
            if (!lateResolves.isEmpty()) {
                applyLateResolves(now);
            }
        } finally {
            draining = false;
        }
        return taken;
    }

    private void housekeeping(long now) {
        reportOverflow(now);
        // escalation first: a level due now (level 1 at the alert's start) is then shown by the group flush due now,
        // instead of forcing a second notification right after it
        if (tracker.nextDeadline() <= now) {
            tracker.tick(now);
        }
        if (engine.nextDeadline() <= now) {
            engine.tick(now);
        }
        for (DeliveryPipeline pipeline : pipelines.values()) {
            if (pipeline.nextDeadline() <= now) {
                pipeline.tick(now);
            }
        }
        if (journal != null && now - lastSync >= SYNC_INTERVAL_MILLIS) {
            lastSync = now;
            writeDirtyIncidents();
            try {
                journal.sync();
            } catch (RuntimeException e) {
                log.warn("alert journal sync failed: {}", redaction.log(e.getMessage()));
            }
        }
    }

    private void idle(long now) {
        long deadline = nextDeadline(now);
        long waitMillis = deadline - now;
        if (waitMillis <= 0) {
            return;
        }
        // Idle in three steps, so that callers almost never pay for waking this thread: first short parks
        // (about 1 ms: bursts continue at once), then 1 ms polls for a second, and only then a deep sleep
        // from which the next fire or resolve wakes it with an unpark.
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        if (idleRounds == 0) {
            idleSince = System.nanoTime();
        }
        if (idleRounds < SHALLOW_IDLE_ROUNDS) {
            idleRounds++;
            LockSupport.parkNanos(Math.min(SHALLOW_PARK_NANOS, waitNanos));
            return;
        }
        if (System.nanoTime() - idleSince < POLL_PHASE_NANOS) {
            LockSupport.parkNanos(Math.min(POLL_PARK_NANOS, waitNanos));
            return;
        }
        gate.setDeepSleep(true);
        if (queue.isEmpty() && commands.isEmpty() && lateResolves.isEmpty()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, MAX_PARK_MILLIS)));
        }
        gate.setDeepSleep(false);
    }

    private long nextDeadline(long now) {
        long deadline = Math.min(engine.nextDeadline(), tracker.nextDeadline());
        for (DeliveryPipeline pipeline : pipelines.values()) {
            deadline = Math.min(deadline, pipeline.nextDeadline());
        }
        if (journal != null && (journal.isDirty() || !dirtyIncidents.isEmpty())) {
            deadline = Math.min(deadline, lastSync + SYNC_INTERVAL_MILLIS);
        }
        if (overflowTotal() > overflowReported || overflowFiring) {
            deadline = Math.min(deadline, Math.max(nextOverflowReport, lastOverflowAt + OVERFLOW_QUIET_MILLIS));
        }
        return Math.max(deadline, now);
    }

    private void handle(Object element, long now) {
        if (element instanceof Alert alert) {
            onFire(alert, now);
        } else if (element instanceof Resolution resolution) {
            onResolve(resolution.fingerprint, now);
        } else if (element instanceof Completion completion) {
            completion.pipeline.complete(completion.batch, completion.result);
        } else if (element instanceof SilenceCommand command) {
            onSilence(command);
        } else if (element instanceof Runnable task) {
            task.run();
        }
    }

    private void applyLateResolves(long now) {
        long consumed = queue.consumedCount();
        LateResolve late;
        while ((late = lateResolves.peek()) != null && late.position <= consumed) {
            lateResolves.poll();
            lateResolveCount.decrementAndGet();
            onResolve(late.fingerprint, now);
        }
    }

    private void onFire(Alert raw, long now) {
        // the dispatcher's own alerts are delivered like any other but not counted as the application's
        boolean own = isOwn(raw);
        ActiveAlert repeat = engine.tryRepeat(raw);
        if (repeat != null) {
            if (!own) {
                increment(deduplicated);
            }
            emit(AlertEvent.Type.DEDUPLICATED, now, repeat.scrubbed, null, null, null);
            return;
        }
        Alert scrubbed = prepare(raw, own);
        String fingerprint = raw.fingerprint();
        switch (engine.fire(fingerprint, raw, scrubbed, now, own)) {
            case DEDUPLICATED -> {
                if (!own) {
                    increment(deduplicated);
                }
                ActiveAlert alert = engine.get(fingerprint);
                if (alert != null) {
                    history.updated(alert);
                    tracker.updated(fingerprint, alert.scrubbed);
                }
                emit(AlertEvent.Type.DEDUPLICATED, now, scrubbed, null, null, null);
            }
            case LIMIT -> {
                dropped.get("active_limit").incrementAndGet();
                activeLimitBySeverity[raw.severity().ordinal()]++;
                emit(AlertEvent.Type.DROPPED, now, scrubbed, null, null, "active_limit");
            }
            case FIRED -> {
                if (!own) {
                    increment(fired);
                }
                ActiveAlert alert = engine.get(fingerprint);
                if (alert == null) {
                    return;
                }
                if (!scrubbed.fingerprint().equals(fingerprint)) {
                    rawByScrubbed.put(scrubbed.fingerprint(), fingerprint);
                }
                activeCount.set(engine.activeCount());
                String suppression = engine.suppression(raw, now);
                alert.suppressedBy = suppression;
                history.fired(alert);
                tracker.fired(fingerprint, alert.scrubbed, alert.startsAt, !own, suppression);
                emit(AlertEvent.Type.FIRED, now, scrubbed, null, null, null);
                if (suppression != null) {
                    suppressed.incrementAndGet();
                    emit(AlertEvent.Type.SUPPRESSED, now, scrubbed, null, null, suppression);
                }
            }
        }
    }

    private final long[] activeLimitBySeverity = new long[AlertSeverity.values().length];

    private void onResolve(String fingerprint, long now) {
        ActiveAlert alert = engine.resolve(fingerprint, now);
        if (alert == null) {
            String raw = rawByScrubbed.get(fingerprint);
            if (raw != null) {
                alert = engine.resolve(raw, now);
            }
        }
        if (alert != null) {
            resolved.incrementAndGet();
            history.resolved(alert);
            tracker.resolved(alert.fingerprint, alert.endsAt);
            activeCount.set(engine.activeCount());
            emit(AlertEvent.Type.RESOLVED, now, alert.scrubbed, null, null, null);
        }
    }

    private void onSilence(SilenceCommand command) {
        Silence silence = command.silence;
        if (silence == null) {
            engine.expireSilence(command.id);
            unjournal(StateCodec.SILENCE_PREFIX + command.id);
            return;
        }
        if (!silences.containsKey(command.id)) {
            return; // expired before it was applied
        }
        engine.addSilence(command.id, silence, command.startsAt, command.endsAt);
        Silence stored = storable(silence);
        if (stored == null) {
            log.info("silence {} matches on a value that holds personal data or a secret; it is kept in memory only and "
                    + "ends with the process", command.id);
            return;
        }
        journal(StateCodec.SILENCE_PREFIX + command.id, StateCodec.encode(command.id, stored, command.startsAt, command.endsAt));
    }

    /**
     * The silence as the journal may keep it: comment scrubbed, author as people's names are shown; null when a matcher
     * value would be redacted (it cannot be written scrubbed without matching differently after a restart).
     */
    private @Nullable Silence storable(Silence silence) {
        Scrubber scrubber = redaction.scrubber();
        for (AlertMatcher matcher : silence.matchers()) {
            if (!scrubber.scrubValue(matcher.label(), matcher.value()).equals(matcher.value())) {
                return null;
            }
        }
        String comment = redaction.text(silence.comment(), 1024);
        String createdBy = personName(silence.createdBy());
        if (comment.equals(silence.comment()) && createdBy.equals(silence.createdBy())) {
            return silence;
        }
        return Silence.builder().match(silence.matchers().toArray(AlertMatcher[]::new)).endsAt(silence.endsAt())
                .comment(comment).createdBy(createdBy).build();
    }

    /** The dispatcher's own alerts about dropped alerts, fired and resolved like any other. */
    private void reportOverflow(long now) {
        long total = overflowTotal();
        if (total > overflowReported && now >= nextOverflowReport) {
            long queueDrops = 0;
            AlertSeverity highest = AlertSeverity.INFO;
            StringBuilder bySeverity = new StringBuilder();
            for (AlertSeverity severity : AlertSeverity.values()) {
                long count = queueFull[severity.ordinal()].sum() + activeLimitBySeverity[severity.ordinal()];
                queueDrops += queueFull[severity.ordinal()].sum();
                if (count > 0) {
                    if (severity.isAtLeast(highest)) {
                        highest = severity;
                    }
                    if (bySeverity.length() > 0) {
                        bySeverity.append(", ");
                    }
                    bySeverity.append(severity.label()).append(' ').append(count);
                }
            }
            long limitDrops = dropped.get("active_limit").get();
            Alert alert = Alert.builder(ALERTS_DROPPED)
                    .severity(highest)
                    .label(COMPONENT_LABEL, COMPONENT)
                    .summary(total + " alerts dropped to protect the application (" + bySeverity + ")")
                    .description("The alert dispatcher received more alerts than it can hold: " + queueDrops
                            + " fires found its queue full and " + limitDrops + " new alerts exceeded the limit of active "
                            + "alerts. Counts are totals since the dispatcher started; see monitor.alerts.dropped.")
                    .annotation("dropped_total", Long.toString(total))
                    .annotation("dropped_queue_full", Long.toString(queueDrops))
                    .annotation("dropped_active_limit", Long.toString(limitDrops))
                    .source("monitor alert dispatcher")
                    .build();
            overflowReported = total;
            lastOverflowAt = now;
            nextOverflowReport = now + OVERFLOW_REPORT_INTERVAL_MILLIS;
            overflowFiring = true;
            onFire(alert, now);
        } else if (overflowFiring && total == overflowReported && now - lastOverflowAt >= OVERFLOW_QUIET_MILLIS) {
            overflowFiring = false;
            onResolve(Alert.builder(ALERTS_DROPPED).label(COMPONENT_LABEL, COMPONENT).build().fingerprint(), now);
        }
    }

    private long overflowTotal() {
        long total = dropped.get("active_limit").get();
        for (LongAdder adder : queueFull) {
            total += adder.sum();
        }
        return total;
    }

    private static boolean isOwn(Alert alert) {
        return COMPONENT.equals(alert.labels().get(COMPONENT_LABEL))
                && (ALERTS_DROPPED.equals(alert.name()) || NOTIFIER_FAILING.equals(alert.name()));
    }

    /**
     * The alert as it leaves: scrubbed (keeping the outward identity of the alert held under its fingerprint, if any),
     * with its policy's response target when escalation applies and it has none.
     */
    private Alert prepare(Alert raw, boolean own) {
        ActiveAlert held = engine.get(raw.fingerprint());
        Alert scrubbed = redaction.outgoing(raw, held == null ? null : held.scrubbed);
        String target = own ? null : responseTargets[raw.severity().ordinal()];
        if (target == null || scrubbed.annotations().containsKey(Alert.RESPONSE_TARGET_ANNOTATION)
                || scrubbed.annotations().size() >= Alert.MAX_ANNOTATIONS) {
            return scrubbed;
        }
        return Alert.from(scrubbed).annotation(Alert.RESPONSE_TARGET_ANNOTATION, target).build();
    }

    // ---- acknowledgements and incidents ----

    /** Acknowledges the alert with this (raw or scrubbed) fingerprint; waits briefly for the dispatcher thread. */
    public boolean acknowledge(String fingerprint, String by, String comment) {
        if (gate.isClosed() || finished) {
            return false;
        }
        return call(() -> {
            long now = clock.millis();
            return applyAcknowledge(fingerprint, acknowledgement(by, comment, now), now);
        }, "acknowledge");
    }

    /**
     * Acknowledges every firing alert of the group {@code groupKey} (or, for an escalation notification's key,
     * its alert); returns how many were newly acknowledged.
     */
    public int acknowledgeGroup(String groupKey, String by, String comment) {
        if (gate.isClosed() || finished) {
            return 0;
        }
        return call(() -> {
            long now = clock.millis();
            AlertAcknowledgement acknowledgement = acknowledgement(by, comment, now);
            if (groupKey.startsWith(EscalationNotifications.GROUP_PREFIX)) {
                return applyAcknowledge(groupKey.substring(EscalationNotifications.GROUP_PREFIX.length()), acknowledgement, now)
                        ? 1 : 0;
            }
            int count = 0;
            for (ActiveAlert alert : engine.groupAlerts(groupKey)) {
                if (applyAcknowledge(alert.fingerprint, acknowledgement, now)) {
                    count++;
                }
            }
            return count;
        }, "acknowledgeGroup");
    }

    private AlertAcknowledgement acknowledgement(String by, String comment, long now) {
        return new AlertAcknowledgement(personName(by), Instant.ofEpochMilli(now), redaction.text(comment, 1024));
    }

    private boolean applyAcknowledge(String fingerprint, AlertAcknowledgement acknowledgement, long now) {
        String raw = fingerprint;
        if (engine.get(raw) == null) {
            String mapped = rawByScrubbed.get(fingerprint);
            if (mapped != null) {
                raw = mapped;
            }
        }
        ActiveAlert alert = engine.acknowledge(raw, acknowledgement, now);
        if (alert == null) {
            return false;
        }
        tracker.acknowledged(raw, acknowledgement, now);
        increment(acknowledged);
        emit(AlertEvent.Type.ACKNOWLEDGED, now, alert.scrubbed, null, null, acknowledgement.by());
        return true;
    }

    /** Every incident kept, most recently changed first; never waits for the dispatcher thread. */
    public List<AlertIncident> incidents() {
        return tracker.snapshot();
    }

    /** The incident of the alert with this (raw or scrubbed) fingerprint. */
    public Optional<AlertIncident> incident(String fingerprint) {
        return tracker.find(fingerprint);
    }

    private <T> T call(Supplier<T> task, String what) {
        if (Thread.currentThread() == thread) {
            return task.get();
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        commands.add((Runnable) () -> {
            try {
                // what the caller fired before asking is applied first: fire(a) then acknowledge(a) finds a
                drainFires(Integer.MAX_VALUE, clock.millis());
                future.complete(task.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        LockSupport.unpark(thread);
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the dispatcher to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + redaction.log(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the dispatcher did not answer within 5 s (is it overloaded or closing?); the "
                    + what + " is still queued and applies when the dispatcher gets to it", e);
        }
    }

    // ---- incident tracker sink ----

    @Override
    public void send(String channel, AlertNotification notification) {
        DeliveryPipeline pipeline = pipelines.get(channel);
        if (pipeline != null) {
            pipeline.enqueue(new OutboxEntry(channel, notification, clock.millis(), ""), false);
        }
    }

    @Override
    public List<String> escalate(String fingerprint, int level, boolean renotify, long now) {
        return engine.escalate(fingerprint, level, renotify, now);
    }

    @Override
    public @Nullable String suppression(String fingerprint, long now) {
        ActiveAlert alert = engine.get(fingerprint);
        return alert == null ? null : engine.suppression(alert.raw, now);
    }

    @Override
    public void changed(IncidentTracker.Incident incident, boolean durable) {
        if (journal == null) {
            return;
        }
        if (durable) {
            dirtyIncidents.remove(incident);
            journal(StateCodec.INCIDENT_PREFIX + incident.fingerprint, StateCodec.encode(incident));
        } else {
            dirtyIncidents.add(incident);
        }
    }

    @Override
    public void removed(IncidentTracker.Incident incident) {
        dirtyIncidents.remove(incident);
        unjournal(StateCodec.INCIDENT_PREFIX + incident.fingerprint);
    }

    @Override
    public void escalated(IncidentTracker.Incident incident, int level, long now) {
        increment(escalations);
        emit(AlertEvent.Type.ESCALATED, now, incident.alert, null, null, "level " + level);
    }

    @Override
    public String personName(String name) {
        if (name.isEmpty()) {
            return name;
        }
        try {
            String shown = personNames.apply(name);
            return shown == null ? "[filtered]" : shown;
        } catch (RuntimeException e) {
            return "[filtered: personNames failed]";
        }
    }

    private void writeDirtyIncidents() {
        if (dirtyIncidents.isEmpty()) {
            return;
        }
        for (IncidentTracker.Incident incident : dirtyIncidents) {
            if (tracker.get(incident.fingerprint) == incident) {
                journal(StateCodec.INCIDENT_PREFIX + incident.fingerprint, StateCodec.encode(incident));
            }
        }
        dirtyIncidents.clear();
    }

    // ---- engine sink ----

    @Override
    public void notification(List<String> channels, AlertNotification notification) {
        List<String> targets = new ArrayList<>(channels);
        // a channel is not told about its own failure: it is failing
        boolean meta = false;
        for (NotifiedAlert shown : notification.alerts()) {
            if (NOTIFIER_FAILING.equals(shown.alert().name())) {
                meta = true;
                targets.remove(shown.alert().labels().get("channel"));
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
            DeliveryPipeline pipeline = pipelines.get(target);
            if (pipeline != null) {
                pipeline.enqueue(new OutboxEntry(target, notification, now, ""), false);
            }
        }
    }

    private void logMeta(AlertNotification notification) {
        try {
            metaLog.send(metaLog.render(notification), new DeliveryContext(notification.id(), 1, Duration.ofSeconds(1)));
        } catch (RuntimeException e) {
            log.warn("could not log a meta-alert: {}", redaction.log(e));
        }
    }

    @Override
    public void alertChanged(ActiveAlert alert) {
        activeCount.set(engine.activeCount());
        journal(StateCodec.ALERT_PREFIX + alert.fingerprint, StateCodec.encode(alert));
    }

    @Override
    public void alertRetired(ActiveAlert alert) {
        activeCount.set(engine.activeCount());
        rawByScrubbed.remove(alert.scrubbed.fingerprint());
        unjournal(StateCodec.ALERT_PREFIX + alert.fingerprint);
    }

    @Override
    public void silenceExpired(String id) {
        silences.remove(id);
        unjournal(StateCodec.SILENCE_PREFIX + id);
    }

    // ---- pipeline owner ----

    @Override
    public long now() {
        return clock.millis();
    }

    @Override
    public String newId() {
        return instanceId + "-" + Long.toString(sequence.incrementAndGet(), 36);
    }

    @Override
    public void store(OutboxEntry entry) {
        outboxSize.incrementAndGet();
        journal(entry.key(), StateCodec.encode(entry));
    }

    @Override
    public void unstore(OutboxEntry entry) {
        outboxSize.decrementAndGet();
        unjournal(entry.key());
    }

    @Override
    public void completed(DeliveryPipeline pipeline, DeliveryPipeline.Batch batch, DeliveryResult result) {
        commands.add(new Completion(pipeline, batch, result));
        wake();
    }

    @Override
    public void delivered(DeliveryPipeline pipeline, AlertNotification sent, List<OutboxEntry> entries) {
        long now = clock.millis();
        for (OutboxEntry entry : entries) {
            for (NotifiedAlert shown : entry.notification().alerts()) {
                history.notified(shown.fingerprint(), now);
            }
        }
        tracker.delivered(pipeline.name, sent, now);
        if (log.isDebugEnabled()) {
            log.debug("alert channel '{}' delivered notification {} ({} firing, {} resolved{})", pipeline.name, sent.id(),
                    sent.firingCount(), sent.resolvedCount(), sent.isDigest() ? ", digest of " + sent.groupCount() + " groups" : "");
        }
        emit(AlertEvent.Type.NOTIFIED, now, null, pipeline.name, sent.id(), null);
    }

    @Override
    public void failed(DeliveryPipeline pipeline, AlertNotification attempted, DeliveryResult result, boolean willRetry) {
        long now = clock.millis();
        registerFailureMeter(pipeline, result.reason());
        log.warn("alert channel '{}' could not deliver notification {}: {} {}{}", pipeline.name, attempted.id(), result.reason(),
                redaction.log(result.detail()), willRetry ? " (will retry)" : " (not retried)");
        emit(AlertEvent.Type.DELIVERY_FAILED, now, null, pipeline.name, attempted.id(), result.reason());
        tracker.failed(pipeline.name, attempted, result.reason(), willRetry, now);
    }

    @Override
    public void dropped(DeliveryPipeline pipeline, OutboxEntry entry, String reason) {
        dropped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        log.warn("alert channel '{}': dropped notification {} ({})", pipeline.name, entry.notification().id(), reason);
        emit(AlertEvent.Type.DROPPED, clock.millis(), null, pipeline.name, entry.notification().id(), reason);
    }

    @Override
    public void fallback(DeliveryPipeline pipeline, String fallbackChannel, OutboxEntry entry) {
        DeliveryPipeline target = pipelines.get(fallbackChannel);
        if (target != null) {
            target.enqueue(new OutboxEntry(fallbackChannel, entry.notification(), clock.millis(), pipeline.name), false);
        }
    }

    @Override
    public AlertNotification address(String channel, AlertNotification notification) {
        EscalationConfig escalation = settings.escalation();
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

    @Override
    public void failingChanged(DeliveryPipeline pipeline, boolean failing, String reason) {
        Alert alert = Alert.builder(NOTIFIER_FAILING)
                .severity(AlertSeverity.HIGH)
                .label(COMPONENT_LABEL, COMPONENT)
                .label("channel", pipeline.name)
                .summary("Alert channel '" + pipeline.name + "' is failing (" + reason + ")")
                .description("Notifications to '" + pipeline.name + "' keep failing (last reason: " + reason
                        + "). They stay in the outbox and are retried; check the channel's endpoint and credentials.")
                .source("monitor alert dispatcher")
                .build();
        long now = clock.millis();
        if (failing) {
            log.warn("alert channel '{}' is failing ({}); raising {}", pipeline.name, reason, NOTIFIER_FAILING);
            onFire(alert, now);
        } else {
            log.info("alert channel '{}' delivers again", pipeline.name);
            onResolve(alert.fingerprint(), now);
        }
    }

    // ---- journal ----

    private void restore() {
        FileJournal store = journal;
        if (store == null) {
            return;
        }
        long now = clock.millis();
        for (Map.Entry<String, byte[]> entry : store.entries(StateCodec.SILENCE_PREFIX).entrySet()) {
            try {
                StateCodec.StoredSilence stored = StateCodec.decodeSilence(entry.getValue());
                if (stored.endsAt() <= now) {
                    store.remove(entry.getKey());
                    continue;
                }
                silences.put(stored.id(), new SilenceInfo(stored.id(), stored.silence(), stored.startsAt(), stored.endsAt()));
                engine.addSilence(stored.id(), stored.silence(), stored.startsAt(), stored.endsAt());
            } catch (RuntimeException e) {
                unreadable(store, entry.getKey(), e);
            }
        }
        for (Map.Entry<String, byte[]> entry : store.entries(StateCodec.ALERT_PREFIX).entrySet()) {
            try {
                StateCodec.StoredAlert stored = StateCodec.decodeAlert(entry.getValue());
                engine.restore(stored.fingerprint(), stored.alert(), stored.startsAt(), stored.endsAt(), stored.notified(), now);
                ActiveAlert alert = engine.get(stored.fingerprint());
                if (alert != null) {
                    history.fired(alert);
                    if (!alert.isFiring()) {
                        history.resolved(alert);
                    }
                }
            } catch (RuntimeException e) {
                unreadable(store, entry.getKey(), e);
            }
        }
        activeCount.set(engine.activeCount());
        Set<String> withIncident = new HashSet<>();
        for (Map.Entry<String, byte[]> entry : store.entries(StateCodec.INCIDENT_PREFIX).entrySet()) {
            try {
                StateCodec.StoredIncident stored = StateCodec.decodeIncident(entry.getValue());
                ActiveAlert alert = engine.get(stored.fingerprint());
                boolean firing = alert != null && alert.isFiring();
                tracker.restore(stored, firing, now);
                withIncident.add(stored.fingerprint());
                if (firing && stored.endsAt() == 0) {
                    engine.restoreEscalation(stored.fingerprint(), stored.acknowledgement(), stored.level());
                }
            } catch (RuntimeException e) {
                unreadable(store, entry.getKey(), e);
            }
        }
        for (ActiveAlert alert : new ArrayList<>(engine.activeAlerts())) {
            if (alert.isFiring() && !withIncident.contains(alert.fingerprint)) {
                // kept by an older version without incidents: its escalation starts now
                tracker.fired(alert.fingerprint, alert.scrubbed, alert.startsAt, !isOwn(alert.scrubbed), null);
            }
        }
        tracker.restored();
        int restored = 0;
        for (Map.Entry<String, byte[]> entry : store.entries(StateCodec.OUTBOX_PREFIX).entrySet()) {
            try {
                OutboxEntry outbox = StateCodec.decodeEntry(entry.getValue());
                DeliveryPipeline pipeline = pipelines.get(outbox.channel());
                if (pipeline == null) {
                    store.remove(entry.getKey());
                    dropped.get("unknown_channel").incrementAndGet();
                    log.warn("alert outbox: dropped notification {} for channel '{}', which is no longer configured",
                            outbox.notification().id(), outbox.channel());
                    continue;
                }
                outboxSize.incrementAndGet();
                pipeline.enqueue(outbox, true);
                restored++;
            } catch (RuntimeException e) {
                unreadable(store, entry.getKey(), e);
            }
        }
        if (restored > 0 || engine.activeCount() > 0) {
            log.info("alert dispatcher restored {} undelivered notifications and {} active alerts from {}", restored,
                    engine.activeCount(), store.file());
        }
    }

    private void unreadable(FileJournal store, String key, RuntimeException e) {
        log.warn("alert journal: removed unreadable entry {}: {}", key, redaction.log(e.getMessage()));
        store.remove(key);
    }

    private void journal(String key, byte[] value) {
        FileJournal store = journal;
        if (store == null) {
            return;
        }
        try {
            if (!store.put(key, value)) {
                log.warn("alert journal {} is full; {} is kept in memory only", store.file(), key);
            }
        } catch (RuntimeException e) {
            log.warn("alert journal write failed; {} is kept in memory only: {}", key, redaction.log(e.getMessage()));
        }
    }

    private void unjournal(String key) {
        FileJournal store = journal;
        if (store == null) {
            return;
        }
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            log.warn("alert journal write failed for {}: {}", key, redaction.log(e.getMessage()));
        }
    }

    // ---- shutdown ----

    /** Stops taking alerts, notifies what is grouped, delivers what it can within the close timeout. */
    public void close() {
        if (gate.isClosed()) {
            return;
        }
        gate.close();
        commands.add(SHUTDOWN);
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(settings.closeTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finish() {
        long now = clock.millis();
        Object element;
        while ((element = queue.poll()) != null) {
            handle(element, now);
        }
        applyLateResolves(now);
        while ((element = commands.poll()) != null) {
            if (element != SHUTDOWN) {
                handle(element, now);
            }
        }
        engine.flushAll(now);
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (System.nanoTime() < deadline && !allIdle()) {
            while ((element = commands.poll()) != null) {
                if (element != SHUTDOWN) {
                    handle(element, clock.millis());
                }
            }
            now = clock.millis();
            for (DeliveryPipeline pipeline : pipelines.values()) {
                if (pipeline.nextDeadline() <= now) {
                    pipeline.tick(now);
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
        for (DeliveryPipeline pipeline : pipelines.values()) {
            pipeline.shutdown();
        }
        if (journal != null) {
            writeDirtyIncidents();
            journal.close();
        }
        finished = true;
    }

    private boolean allIdle() {
        for (DeliveryPipeline pipeline : pipelines.values()) {
            if (!pipeline.isIdle()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the dispatcher thread has stopped. */
    public boolean isFinished() {
        return finished && !thread.isAlive();
    }

    /** Whether nothing is queued and no channel has anything pending or in flight (grouped alerts may still wait). */
    public boolean isIdle() {
        // queue first, then the flag: an element taken off the queue is still being handled while draining is set
        if (!queue.isEmpty() || !lateResolves.isEmpty() || !commands.isEmpty() || draining || commandRunning) {
            return false;
        }
        for (DeliveryPipeline pipeline : pipelines.values()) {
            if (pipeline.pendingCount.get() > 0) {
                return false;
            }
        }
        return true;
    }

    // ---- queries ----

    /** The counters. */
    public AlertStats stats() {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (String reason : DROP_REASONS) {
            drops.put(reason, droppedCount(reason));
        }
        for (Map.Entry<String, AtomicLong> entry : dropped.entrySet()) {
            drops.putIfAbsent(entry.getKey(), entry.getValue().get());
        }
        Map<String, AlertChannelStats> channels = new LinkedHashMap<>();
        for (DeliveryPipeline pipeline : pipelines.values()) {
            Map<String, Long> failures = new LinkedHashMap<>();
            pipeline.failedAttempts.forEach((reason, count) -> failures.put(reason, count.get()));
            channels.put(pipeline.name, new AlertChannelStats(pipeline.delivered.get(), pipeline.digests.get(),
                    pipeline.alertsDelivered.get(), pipeline.failed.get(), failures, pipeline.pendingCount.get(),
                    pipeline.fallbacks.get()));
        }
        return new AlertStats(fired.get(), deduplicated.get(), suppressed.get(), resolved.get(), drops, activeCount.get(),
                queue.size() + lateResolveCount.get(), outboxSize.get(), channels);
    }

    private long droppedCount(String reason) {
        return switch (reason) {
            case "queue_full" -> {
                long total = 0;
                for (LongAdder adder : queueFull) {
                    total += adder.sum();
                }
                yield total;
            }
            case "closed" -> closedDrops.sum();
            case "resolve_queue_full" -> resolveQueueFull.sum();
            default -> {
                AtomicLong count = dropped.get(reason);
                yield count == null ? 0 : count.get();
            }
        };
    }

    /** The most recent alerts, newest first. */
    public List<AlertHistoryEntry> recentAlerts() {
        return history.snapshot();
    }

    /** What firing {@code alert} would do. */
    public AlertPreview preview(Alert alert) {
        // scrubbing and routing run on the dispatcher thread like everything else; only rendering runs here
        Supplier<PreviewRouting> routing = () -> new PreviewRouting(engine.receivers(alert), engine.channels(alert),
                engine.suppression(alert, clock.millis()), prepare(alert, isOwn(alert)));
        PreviewRouting result;
        if (Thread.currentThread() == thread || finished) {
            result = routing.get();
        } else {
            CompletableFuture<PreviewRouting> future = new CompletableFuture<>();
            commands.add((Runnable) () -> {
                try {
                    future.complete(routing.get());
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            });
            LockSupport.unpark(thread);
            try {
                result = future.get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while previewing", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("the dispatcher did not answer the preview: " + e, e);
            }
        }
        List<String> receivers = result.receivers();
        List<String> channelNames = result.channels();
        String suppression = result.suppression();
        Alert scrubbed = result.scrubbed();
        Instant now = clock.instant();
        String receiver = receivers.isEmpty() ? "/" : receivers.get(0);
        AlertNotification notification = new AlertNotification("preview-" + newId(), receiver,
                receiver + ":{alertname=\"" + scrubbed.name() + "\"}", Map.of(Alert.ALERTNAME_LABEL, scrubbed.name()),
                List.of(new NotifiedAlert(scrubbed, AlertStatus.FIRING, now, null)), 1, 0, 1, now,
                now.plus(Duration.ofHours(4)));
        Map<String, ChannelPayload> payloads = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : channelNames) {
            DeliveryPipeline pipeline = pipelines.get(name);
            if (pipeline == null) {
                continue;
            }
            try {
                payloads.put(name, pipeline.channel.render(notification));
            } catch (RuntimeException e) {
                errors.put(name, redaction.log(e));
            }
        }
        return new AlertPreview(scrubbed, receivers, suppression, payloads, errors);
    }

    /** The configured channel names. */
    public Collection<String> channelNames() {
        return pipelines.keySet();
    }

    // ---- helpers ----

    private void emit(AlertEvent.Type type, long now, @Nullable Alert alert, @Nullable String channel,
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

    /** Counters written by the dispatcher thread only need no atomic read-modify-write. */
    private static void increment(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    private void bindMeters() {
        MeterRegistry registry = meters;
        if (registry == null) {
            return;
        }
        FunctionCounter.builder("monitor.alerts.fired", fired, AtomicLong::get)
                .description("New alerts fired").register(registry);
        FunctionCounter.builder("monitor.alerts.deduplicated", deduplicated, AtomicLong::get)
                .description("Fires of alerts that were already firing").register(registry);
        FunctionCounter.builder("monitor.alerts.suppressed", suppressed, AtomicLong::get)
                .description("New alerts kept from notification by a silence, maintenance window or inhibition").register(registry);
        FunctionCounter.builder("monitor.alerts.resolved", resolved, AtomicLong::get)
                .description("Alerts resolved").register(registry);
        FunctionCounter.builder("monitor.alerts.acknowledged", acknowledged, AtomicLong::get)
                .description("Alerts acknowledged").register(registry);
        FunctionCounter.builder("monitor.alerts.escalations", escalations, AtomicLong::get)
                .description("Escalation levels reached (and repeats of the last level)").register(registry);
        for (String reason : DROP_REASONS) {
            FunctionCounter.builder("monitor.alerts.dropped", this, core -> core.droppedCount(reason))
                    .description("Alerts or notifications dropped to stay within bounds").tag("reason", reason).register(registry);
        }
        Gauge.builder("monitor.alerts.queue.depth", queue, BoundedMpscQueue::size)
                .description("Fires and resolves waiting for the dispatcher thread").register(registry);
        Gauge.builder("monitor.alerts.outbox.size", outboxSize, AtomicLong::get)
                .description("Notifications waiting for delivery").register(registry);
        Gauge.builder("monitor.alerts.active", activeCount, AtomicInteger::get)
                .description("Alerts held by the dispatcher").register(registry);
        for (DeliveryPipeline pipeline : pipelines.values()) {
            FunctionCounter.builder("monitor.alerts.notifications", pipeline.delivered, AtomicLong::get)
                    .description("Notifications by channel and outcome").tag("channel", pipeline.name).tag("outcome", "delivered")
                    .tag("reason", "delivered").register(registry);
            Gauge.builder("monitor.alerts.channel.pending", pipeline.pendingCount, AtomicInteger::get)
                    .description("Notifications waiting for a channel").tag("channel", pipeline.name).register(registry);
        }
    }

    private void registerFailureMeter(DeliveryPipeline pipeline, String reason) {
        MeterRegistry registry = meters;
        if (registry == null || !registeredReasons.add(pipeline.name + '\u0000' + reason)) {
            return;
        }
        AtomicLong count = pipeline.failedAttempts.computeIfAbsent(reason, r -> new AtomicLong());
        FunctionCounter.builder("monitor.alerts.notifications", count, AtomicLong::get)
                .description("Notifications by channel and outcome").tag("channel", pipeline.name).tag("outcome", "failed")
                .tag("reason", reason).register(registry);
    }
}
