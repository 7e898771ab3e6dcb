package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertChannelStats;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.AlertStats;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.Silence;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the one-way alert pipeline and runs its dispatcher thread:
 *
 * <pre>
 *  caller ──fire()──▶ Intake ══▶ Decisions ──▶ Outbox ──▶ ChannelDelivery ──send()──▶ AlertChannel
 *           (bounded queue)  (dispatcher thread)  (journal)  (per channel: policy,     (channel's own
 *                                                             fold, retry, breaker)     threads)
 *                                                                  │ DeliveryOutcome events
 *                                                                  ▼
 *                                                             Completion ──▶ outbox records, history,
 *                                                                            incident timelines, listeners,
 *                                                                            meters, limited logs
 * </pre>
 *
 * Callers only touch the {@link Intake}. The dispatcher thread drains it into {@link Decisions}, then runs each
 * stage's timers in pipeline order (decisions, delivery with its completions, the journal's sync). No stage calls
 * back into an earlier one: delivery reports {@link DeliveryOutcome}s forward to {@link Completion}, which writes the
 * deliveries into record stores built here and written by the decision stage too ({@link AlertHistory},
 * {@link IncidentTimelines}, like the journal); a channel that starts failing becomes a new fire at the intake. This
 * class also answers the public queries (stats, preview, incidents) and runs acknowledgements on the dispatcher
 * thread.
 */
public final class DispatcherCore {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");

    private static final int BATCH = 1024;
    private static final int SHALLOW_IDLE_ROUNDS = 20;
    private static final long SHALLOW_PARK_NANOS = 50_000;
    private static final long POLL_PARK_NANOS = 1_000_000;
    private static final long POLL_PHASE_NANOS = 1_000_000_000L;
    private static final long MAX_PARK_MILLIS = 10_000;
    private static final Object SHUTDOWN = new Object();

    private record PreviewRouting(List<String> receivers, List<String> channels, @Nullable String suppression,
            Alert scrubbed) {
    }

    private final DispatcherSettings settings;
    private final Clock clock;
    private final AlertRedaction redaction;
    private final Ids ids = new Ids();
    private final DispatcherCounters counters = new DispatcherCounters();
    private final Intake intake;
    private final StateJournal journal;
    private final Decisions decisions;
    private final AlertHistory history;
    private final IncidentTimelines timelines;
    private final Map<String, ChannelDelivery> lanes = new LinkedHashMap<>();
    private final Completion completion;
    private final Thread thread;
    private int idleRounds;
    private long idleSince;
    private volatile boolean finished;
    /** Set while the dispatcher thread runs a command taken off the urgent queue. */
    private volatile boolean commandRunning;

    /** Builds the pipeline, replays the journal and starts the dispatcher thread. */
    public DispatcherCore(DispatcherSettings settings) {
        this.settings = settings;
        this.clock = settings.clock();
        this.redaction = new AlertRedaction(settings.scrubber());
        this.intake = new Intake(settings.queueCapacity());
        this.journal = new StateJournal(settings.stateDirectory(), settings.journalOptions(), clock, redaction);
        AlertEvents events = new AlertEvents(settings.listeners(), redaction);
        Outbox outbox = new Outbox(lanes, journal, clock, redaction);
        List<String> channelNames = new ArrayList<>();
        for (AlertChannel channel : settings.channels()) {
            channelNames.add(channel.name());
        }
        // the record stores: decisions write into all three; completion, after them, into the history and the
        // timelines, which mark the incidents they change in the decision records for the journal's next batch
        DecisionRecords records = new DecisionRecords(journal, counters, events, ids, settings.personNames());
        this.history = new AlertHistory(settings.historySize());
        this.timelines = new IncidentTimelines(records);
        this.decisions = new Decisions(settings, channelNames, outbox, journal, records, history, timelines, redaction,
                events, counters, intake, ids);
        this.completion = new Completion(journal, history, timelines, events, counters, intake, clock, redaction);
        RecipientAddresses addresses = new RecipientAddresses(settings.escalation());
        for (AlertChannel channel : settings.channels()) {
            DeliveryPolicy policy = settings.policies().getOrDefault(channel.name(), channel.defaultPolicy());
            lanes.put(channel.name(), new ChannelDelivery(channel, policy, settings.maxAlertsPerNotification(), clock, ids,
                    addresses, completion, intake::wake, journal.isDurable(), settings.store().notificationClaims()));
        }
        for (ChannelDelivery lane : lanes.values()) {
            String fallback = lane.policy.fallbackChannel();
            if (fallback != null && lanes.containsKey(fallback)) {
                lane.fallbackTo(lanes.get(fallback));
            }
        }
        PipelineMeters meters = new PipelineMeters(counters, reason -> (double) droppedCount(reason), intake, lanes.values());
        completion.bind(lanes, meters);
        try {
            restore(outbox);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        if (settings.meterRegistry() != null) {
            meters.bindTo(settings.meterRegistry());
        }
        this.thread = new Thread(this::run, "monitor-alert-dispatcher");
        this.thread.setDaemon(true);
        intake.consumer(thread);
        this.thread.start();
    }

    private void restore(Outbox outbox) {
        if (!journal.isDurable()) {
            return;
        }
        decisions.restore(clock.millis());
        int restored = outbox.restore(counters.dropped("unknown_channel"));
        if (restored > 0 || decisions.engine.activeCount() > 0) {
            log.info("alert dispatcher restored {} undelivered notifications and {} active alerts from {}", restored,
                    decisions.engine.activeCount(), journal.describe());
        }
    }

    // ---- caller side ----

    /** The intake, where callers fire and resolve. */
    public Intake intake() {
        return intake;
    }

    /** Adds a silence; returns its id. */
    public String submitSilence(Silence silence) {
        return decisions.addSilence(silence, clock);
    }

    /** Ends a silence; returns whether it was in force or pending. */
    public boolean expireSilence(String id, String by) {
        return decisions.expireSilence(id, by);
    }

    /** Silences not yet ended. */
    public List<SilenceInfo> silences() {
        long now = clock.millis();
        List<SilenceInfo> list = new ArrayList<>();
        for (SilenceInfo info : decisions.records.silences.values()) {
            if (info.endsAt() > now) {
                list.add(info);
            }
        }
        return list;
    }

    /** The dispatcher's current time, epoch millis. */
    public long now() {
        return clock.millis();
    }

    // ---- the dispatcher thread ----

    private void run() {
        try {
            while (true) {
                int work = 0;
                boolean shutdown = false;
                while (true) {
                    commandRunning = true; // before the poll, as draining is for the fire queue
                    Object command = intake.pollCommand();
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
                        decisions.take(command, clock.millis());
                    } finally {
                        commandRunning = false;
                    }
                    if (command instanceof Runnable) {
                        break; // a caller's request (preview, acknowledge): the timers run before the next one
                    }
                }
                work += drain(BATCH, clock.millis());
                housekeeping(clock.millis());
                if (shutdown) {
                    finish();
                    return;
                }
                if (work > 0) {
                    idleRounds = 0;
                } else {
                    idle(clock.millis());
                }
            }
        } catch (Throwable t) {
            log.error("alert dispatcher thread stopped by an unexpected error; alerts are no longer delivered: {}",
                    redaction.log(t));
            finished = true;
        }
    }

    private int drain(int max, long now) {
        return intake.drainTo(decisions, max, now);
    }

    /** Each stage's timers, in pipeline order. */
    private void housekeeping(long now) {
        decisions.tick(now);
        for (ChannelDelivery lane : lanes.values()) {
            if (lane.nextDeadline() <= now) {
                lane.tick(now);
            }
        }
        completion.housekeeping(now);
        journal.housekeeping(now, decisions::writeDirtyIncidents);
    }

    private void idle(long now) {
        long waitMillis = nextDeadline(now) - now;
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
        if (intake.enterDeepSleep() && allSettled()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(waitMillis, MAX_PARK_MILLIS)));
        }
        intake.leaveDeepSleep();
    }

    private boolean allSettled() {
        for (ChannelDelivery lane : lanes.values()) {
            if (lane.nextDeadline() == Long.MIN_VALUE) {
                return false; // an attempt finished while going to sleep
            }
        }
        return true;
    }

    private long nextDeadline(long now) {
        long deadline = Math.min(decisions.nextDeadline(), completion.nextDeadline());
        for (ChannelDelivery lane : lanes.values()) {
            deadline = Math.min(deadline, lane.nextDeadline());
        }
        deadline = Math.min(deadline, journal.nextDeadline(decisions.hasDirtyIncidents()));
        return Math.max(deadline, now);
    }

    // ---- shutdown ----

    /** Stops taking alerts, notifies what is grouped, delivers what it can within the close timeout. */
    public void close() {
        if (!intake.close()) {
            return;
        }
        intake.urgent(SHUTDOWN);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(settings.closeTimeout().toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finish() {
        drain(Integer.MAX_VALUE, clock.millis());
        runCommands();
        decisions.flushAll(clock.millis());
        long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
        while (System.nanoTime() < deadline && !allIdle()) {
            runCommands();
            long now = clock.millis();
            for (ChannelDelivery lane : lanes.values()) {
                if (lane.nextDeadline() <= now) {
                    lane.tick(now);
                }
            }
            LockSupport.parkNanos(1_000_000);
        }
        for (ChannelDelivery lane : lanes.values()) {
            lane.shutdown();
        }
        if (journal.isDurable()) {
            decisions.writeDirtyIncidents();
            journal.close();
        }
        finished = true;
    }

    private void runCommands() {
        Object element;
        while ((element = intake.pollCommand()) != null) {
            if (element != SHUTDOWN) {
                decisions.take(element, clock.millis());
            }
        }
    }

    private boolean allIdle() {
        for (ChannelDelivery lane : lanes.values()) {
            if (!lane.isIdle()) {
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
        if (!intake.isEmpty() || commandRunning) {
            return false;
        }
        for (ChannelDelivery lane : lanes.values()) {
            if (lane.pendingCount.get() > 0) {
                return false;
            }
        }
        return true;
    }

    // ---- queries ----

    /** The counters. */
    public AlertStats stats() {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (String reason : DispatcherCounters.DROP_REASONS) {
            drops.put(reason, droppedCount(reason));
        }
        Map<String, AlertChannelStats> channels = new LinkedHashMap<>();
        for (ChannelDelivery lane : lanes.values()) {
            Map<String, Long> failures = new LinkedHashMap<>();
            lane.failedAttempts.forEach((reason, count) -> failures.put(reason, count.get()));
            channels.put(lane.name, new AlertChannelStats(lane.delivered.get(), lane.digests.get(),
                    lane.alertsDelivered.get(), lane.failed.get(), failures, lane.pendingCount.get(), lane.fallbacks.get(),
                    lane.folded.get()));
        }
        return new AlertStats(counters.fired.get(), counters.deduplicated.get(), counters.suppressed.get(),
                counters.resolved.get(), drops, counters.active.get(), intake.depth(), PipelineMeters.pending(lanes.values()),
                channels);
    }

    private long droppedCount(String reason) {
        return intake.dropped(reason) + counters.dropped(reason).get();
    }

    /** The most recent alerts, newest first. */
    public List<AlertHistoryEntry> recentAlerts() {
        return history.snapshot();
    }

    /** What firing {@code alert} would do. */
    public AlertPreview preview(Alert alert) {
        // scrubbing and routing run on the dispatcher thread like everything else; only rendering runs here
        Supplier<PreviewRouting> routing = () -> new PreviewRouting(decisions.engine.receivers(alert),
                decisions.engine.channels(alert), decisions.engine.suppression(alert, clock.millis()),
                decisions.prepare(alert, OwnAlerts.isOwn(alert)));
        PreviewRouting result = Thread.currentThread() == thread || finished ? routing.get()
                : onDispatcherThread(routing, "answer the preview", false);
        Alert scrubbed = result.scrubbed();
        Instant now = clock.instant();
        String receiver = result.receivers().isEmpty() ? "/" : result.receivers().get(0);
        AlertNotification notification = new AlertNotification("preview-" + ids.next(), receiver,
                receiver + ":{alertname=\"" + scrubbed.name() + "\"}", Map.of(Alert.ALERTNAME_LABEL, scrubbed.name()),
                List.of(new NotifiedAlert(scrubbed, AlertStatus.FIRING, now, null)), 1, 0, 1, now,
                now.plus(Duration.ofHours(4)));
        Map<String, ChannelPayload> payloads = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : result.channels()) {
            ChannelDelivery lane = lanes.get(name);
            if (lane == null) {
                continue;
            }
            try {
                payloads.put(name, lane.channel.render(notification));
            } catch (RuntimeException e) {
                errors.put(name, redaction.log(e));
            }
        }
        return new AlertPreview(scrubbed, result.receivers(), result.suppression(), payloads, errors);
    }

    /** The configured channel names. */
    public Collection<String> channelNames() {
        return lanes.keySet();
    }

    // ---- acknowledgements and incidents ----

    /** Acknowledges the alert with this (raw or scrubbed) fingerprint; waits briefly for the dispatcher thread. */
    public boolean acknowledge(String fingerprint, String by, String comment) {
        if (intake.isClosed() || finished) {
            return false;
        }
        return call(() -> {
            long now = clock.millis();
            return decisions.acknowledge(fingerprint, decisions.acknowledgement(by, comment, now), now);
        }, "acknowledge");
    }

    /** Resolves the alert with this (raw or scrubbed) fingerprint by hand; waits briefly for the dispatcher thread. */
    public boolean resolve(String fingerprint, String by, String comment) {
        if (intake.isClosed() || finished) {
            return false;
        }
        return call(() -> {
            long now = clock.millis();
            return decisions.resolve(fingerprint, now, decisions.acknowledgement(by, comment, now));
        }, "resolve");
    }

    /**
     * Acknowledges every firing alert of the group {@code groupKey} (or, for an escalation notification's key,
     * its alert); returns how many were newly acknowledged.
     */
    public int acknowledgeGroup(String groupKey, String by, String comment) {
        if (intake.isClosed() || finished) {
            return 0;
        }
        return call(() -> {
            long now = clock.millis();
            AlertAcknowledgement acknowledgement = decisions.acknowledgement(by, comment, now);
            return decisions.acknowledgeGroup(groupKey, acknowledgement, now);
        }, "acknowledgeGroup");
    }

    /** Every incident kept, most recently changed first; never waits for the dispatcher thread. */
    public List<AlertIncident> incidents() {
        return timelines.snapshot();
    }

    /** The incident of the alert with this (raw or scrubbed) fingerprint. */
    public Optional<AlertIncident> incident(String fingerprint) {
        return timelines.find(fingerprint);
    }

    private <T> T call(Supplier<T> task, String what) {
        if (Thread.currentThread() == thread) {
            return task.get();
        }
        return onDispatcherThread(task, what, true);
    }

    /**
     * Runs {@code task} on the dispatcher thread and waits up to 5 s for its answer; with {@code drainFirst}, what the
     * caller fired before asking is applied first (fire(a) then acknowledge(a) finds a).
     */
    private <T> T onDispatcherThread(Supplier<T> task, String what, boolean drainFirst) {
        CompletableFuture<T> future = new CompletableFuture<>();
        intake.urgent((Runnable) () -> {
            try {
                if (drainFirst) {
                    drain(Integer.MAX_VALUE, clock.millis());
                }
                future.complete(task.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
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
}
