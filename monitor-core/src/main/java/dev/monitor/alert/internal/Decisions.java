package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.Silence;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.config.internal.DurationText;
import dev.monitor.pii.Scrubber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision stage: every fire, resolve, silence and acknowledgement taken from the intake is scrubbed,
 * deduplicated, routed, grouped, checked against silences, maintenance windows and inhibition ({@link AlertEngine}),
 * and walked through escalation ({@link IncidentTracker}); the notifications decided go forward to the
 * {@link Outbox} directly from the engine and the tracker, whose state changes go to {@link DecisionRecords}:
 * nothing calls back into this class. It writes fires and resolutions into the history for status pages
 * ({@link AlertHistory}, a record store the completion stage writes the deliveries into) and reports overflow of the
 * intake as the {@code AlertsDropped} alert. Dispatcher thread only, except the silence methods.
 */
final class Decisions {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");
    private static final long OVERFLOW_REPORT_INTERVAL_MILLIS = 1000;
    private static final long OVERFLOW_QUIET_MILLIS = 60_000;

    /** A queued change of silences: {@code silence} null ends it. */
    record SilenceCommand(String id, @Nullable Silence silence, long startsAt, long endsAt, String expiredBy) {
        SilenceCommand(String id, @Nullable Silence silence, long startsAt, long endsAt) {
            this(id, silence, startsAt, endsAt, "");
        }
    }

    final AlertEngine engine;
    final IncidentTracker tracker;
    final AlertHistory history;
    final DecisionRecords records;
    private final StateJournal journal;
    private final AlertRedaction redaction;
    private final AlertEvents events;
    private final DispatcherCounters counters;
    private final Intake intake;
    private final Ids ids;
    private final @Nullable String[] responseTargets = new String[AlertSeverity.values().length];
    private final long[] activeLimitBySeverity = new long[AlertSeverity.values().length];
    private long overflowReported;
    private long lastOverflowAt;
    private long nextOverflowReport;
    private boolean overflowFiring;

    /**
     * @param records where the engine and the tracker report their state changes
     * @param history the record store of recent alerts, which the completion stage writes the deliveries into
     * @param timelines the record store of incidents' timelines, which the completion stage writes the deliveries into
     */
    Decisions(DispatcherSettings settings, List<String> channelNames, Outbox outbox, StateJournal journal,
            DecisionRecords records, AlertHistory history, IncidentTimelines timelines, AlertRedaction redaction,
            AlertEvents events, DispatcherCounters counters, Intake intake, Ids ids) {
        this.journal = journal;
        this.redaction = redaction;
        this.events = events;
        this.counters = counters;
        this.intake = intake;
        this.ids = ids;
        this.records = records;
        this.history = history;
        EscalationConfig escalation = settings.escalation();
        if (escalation != null) {
            for (AlertSeverity severity : AlertSeverity.values()) {
                Duration target = escalation.policy(severity).responseTarget();
                responseTargets[severity.ordinal()] = target == null ? null : DurationText.format(target);
            }
        }
        this.engine = new AlertEngine(AlertRouteNode.resolve(settings.route(), channelNames), settings.inhibitRules(),
                settings.maintenanceWindows(), settings.maxActiveAlerts(), settings.maxAlertsPerNotification(), outbox::accept,
                records, ids::next, redaction::pseudonym);
        this.tracker = new IncidentTracker(escalation, settings.historySize(), outbox::accept, engine, records, timelines);
    }

    // ---- what the intake hands over ----

    /** Applies one element taken from the intake: a fire, a resolve, a change of silences or a caller's request. */
    void take(Object element, long now) {
        if (element instanceof Alert alert) {
            fire(alert, now);
        } else if (element instanceof Intake.Resolution resolution) {
            resolve(resolution.fingerprint(), now);
        } else if (element instanceof SilenceCommand command) {
            silence(command, now);
        } else if (element instanceof Runnable task) {
            task.run();
        }
    }

    void fire(Alert raw, long now) {
        // the dispatcher's own alerts are delivered like any other but not counted as the application's
        boolean own = OwnAlerts.isOwn(raw);
        ActiveAlert repeat = engine.tryRepeat(raw);
        if (repeat != null) {
            if (!own) {
                DispatcherCounters.increment(counters.deduplicated);
            }
            events.emit(AlertEvent.Type.DEDUPLICATED, now, repeat.scrubbed, null, null, null);
            return;
        }
        Alert scrubbed = prepare(raw, own);
        String fingerprint = raw.fingerprint();
        switch (engine.fire(fingerprint, raw, scrubbed, now, own)) {
            case DEDUPLICATED -> {
                if (!own) {
                    DispatcherCounters.increment(counters.deduplicated);
                }
                ActiveAlert alert = engine.get(fingerprint);
                if (alert != null) {
                    history.updated(alert);
                    tracker.updated(fingerprint, alert.scrubbed);
                }
                events.emit(AlertEvent.Type.DEDUPLICATED, now, scrubbed, null, null, null);
            }
            case LIMIT -> {
                counters.dropped("active_limit").incrementAndGet();
                activeLimitBySeverity[raw.severity().ordinal()]++;
                events.emit(AlertEvent.Type.DROPPED, now, scrubbed, null, null, "active_limit");
            }
            case FIRED -> fired(raw, scrubbed, own, now);
        }
    }

    private void fired(Alert raw, Alert scrubbed, boolean own, long now) {
        if (!own) {
            DispatcherCounters.increment(counters.fired);
        }
        String fingerprint = raw.fingerprint();
        ActiveAlert alert = engine.get(fingerprint);
        if (alert == null) {
            return;
        }
        records.scrubbed(scrubbed.fingerprint(), fingerprint);
        counters.active.set(engine.activeCount());
        String suppression = engine.suppression(raw, now);
        alert.suppressedBy = suppression;
        history.fired(alert);
        tracker.fired(fingerprint, alert.scrubbed, alert.startsAt, !own, suppression);
        events.emit(AlertEvent.Type.FIRED, now, scrubbed, null, null, null);
        if (suppression != null) {
            counters.suppressed.incrementAndGet();
            events.emit(AlertEvent.Type.SUPPRESSED, now, scrubbed, null, null, suppression);
        }
    }

    void resolve(String fingerprint, long now) {
        resolve(fingerprint, now, null);
    }

    /** Resolves the alert with this raw or scrubbed fingerprint, by hand when {@code by} is given; whether it fired. */
    boolean resolve(String fingerprint, long now, @Nullable AlertAcknowledgement by) {
        ActiveAlert alert = engine.resolve(fingerprint, now);
        if (alert == null) {
            String raw = records.raw(fingerprint);
            if (raw != null) {
                alert = engine.resolve(raw, now);
            }
        }
        if (alert != null) {
            counters.resolved.incrementAndGet();
            history.resolved(alert);
            tracker.resolved(alert.fingerprint, alert.endsAt, by == null ? "" : by.by(), by == null ? "" : by.comment());
            counters.active.set(engine.activeCount());
            events.emit(AlertEvent.Type.RESOLVED, now, alert.scrubbed, null, null, by == null ? null : by.by());
        }
        return alert != null;
    }

    void silence(SilenceCommand command, long now) {
        Silence silence = command.silence();
        if (silence == null) {
            Silence ended = engine.silence(command.id());
            if (engine.expireSilence(command.id()) && ended != null && !command.expiredBy().isEmpty()) {
                timelineSilenceExpired(ended, command, now);
            }
            journal.remove(StateCodec.SILENCE_PREFIX + command.id());
            return;
        }
        if (!records.silences.containsKey(command.id())) {
            return; // expired before it was applied
        }
        engine.addSilence(command.id(), silence, command.startsAt(), command.endsAt());
        timelineSilenced(command, now);
        Silence stored = storable(silence);
        if (stored == null) {
            log.info("silence {} matches on a value that holds personal data or a secret; it is kept in memory only and "
                    + "ends with the process", command.id());
            return;
        }
        journal.put(StateCodec.SILENCE_PREFIX + command.id(),
                StateCodec.encode(command.id(), stored, command.startsAt(), command.endsAt()));
    }

    /** Records the silence in the timeline of every firing alert it matches (before its end), naming its author. */
    private void timelineSilenced(SilenceCommand command, long now) {
        Silence silence = command.silence();
        if (silence == null) {
            return;
        }
        String actor = null;
        String detail = null;
        for (ActiveAlert alert : engine.activeAlerts()) {
            if (silence.matches(alert.raw())) {
                if (actor == null) {
                    actor = records.personName(silence.createdBy());
                    String comment = redaction.text(silence.comment(), 1024);
                    detail = "silence " + command.id() + (comment.isEmpty() ? "" : ": " + comment);
                }
                tracker.silenced(alert.fingerprint, Instant.ofEpochMilli(Math.max(command.startsAt(), now)), actor,
                        detail);
            }
        }
    }

    /** Records in the timeline of every firing alert the silence matched that {@code command.expiredBy} ended it. */
    private void timelineSilenceExpired(Silence ended, SilenceCommand command, long now) {
        String actor = null;
        for (ActiveAlert alert : engine.activeAlerts()) {
            if (ended.matches(alert.raw())) {
                if (actor == null) {
                    actor = records.personName(command.expiredBy());
                }
                tracker.silenceExpired(alert.fingerprint, Instant.ofEpochMilli(now), actor, "silence " + command.id());
            }
        }
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
        String createdBy = records.personName(silence.createdBy());
        if (comment.equals(silence.comment()) && createdBy.equals(silence.createdBy())) {
            return silence;
        }
        return Silence.builder().match(silence.matchers().toArray(AlertMatcher[]::new)).endsAt(silence.endsAt())
                .comment(comment).createdBy(createdBy).build();
    }

    /** An acknowledgement by {@code by} at {@code now}, as it may leave the process. */
    AlertAcknowledgement acknowledgement(String by, String comment, long now) {
        return new AlertAcknowledgement(records.personName(by), Instant.ofEpochMilli(now), redaction.text(comment, 1024));
    }

    /** Acknowledges the alert with this raw or scrubbed fingerprint; whether it was newly acknowledged. */
    boolean acknowledge(String fingerprint, AlertAcknowledgement acknowledgement, long now) {
        String raw = fingerprint;
        if (engine.get(raw) == null) {
            String mapped = records.raw(fingerprint);
            if (mapped != null) {
                raw = mapped;
            }
        }
        ActiveAlert alert = engine.acknowledge(raw, acknowledgement, now);
        if (alert == null) {
            return false;
        }
        tracker.acknowledged(raw, acknowledgement, now);
        DispatcherCounters.increment(counters.acknowledged);
        events.emit(AlertEvent.Type.ACKNOWLEDGED, now, alert.scrubbed, null, null, acknowledgement.by());
        return true;
    }

    /** Acknowledges a group's firing alerts (or an escalation notification's alert); how many were newly acknowledged. */
    int acknowledgeGroup(String groupKey, AlertAcknowledgement acknowledgement, long now) {
        if (groupKey.startsWith(EscalationNotifications.GROUP_PREFIX)) {
            return acknowledge(groupKey.substring(EscalationNotifications.GROUP_PREFIX.length()), acknowledgement, now) ? 1 : 0;
        }
        int count = 0;
        for (ActiveAlert alert : engine.groupAlerts(groupKey)) {
            if (acknowledge(alert.fingerprint, acknowledgement, now)) {
                count++;
            }
        }
        return count;
    }

    // ---- timers ----

    /** Runs what is due: the overflow report, escalation levels, then group flushes. */
    void tick(long now) {
        reportOverflow(now);
        // escalation first: a level due now (level 1 at the alert's start) is then shown by the group flush due now,
        // instead of forcing a second notification right after it
        if (tracker.nextDeadline() <= now) {
            tracker.tick(now);
        }
        if (engine.nextDeadline() <= now) {
            engine.tick(now);
            counters.active.set(engine.activeCount()); // flushed groups retire resolved alerts
        }
    }

    /** When {@link #tick} next has work. */
    long nextDeadline() {
        long deadline = Math.min(engine.nextDeadline(), tracker.nextDeadline());
        if (overflowTotal() > overflowReported || overflowFiring) {
            deadline = Math.min(deadline, Math.max(nextOverflowReport, lastOverflowAt + OVERFLOW_QUIET_MILLIS));
        }
        return deadline;
    }

    /** Whether incidents wait to be written with the next journal sync. */
    boolean hasDirtyIncidents() {
        return records.hasDirtyIncidents();
    }

    /** The dispatcher's own alert about dropped alerts, fired and resolved like any other. */
    private void reportOverflow(long now) {
        long total = overflowTotal();
        if (total > overflowReported && now >= nextOverflowReport) {
            long queueDrops = 0;
            AlertSeverity highest = AlertSeverity.INFO;
            StringBuilder bySeverity = new StringBuilder();
            for (AlertSeverity severity : AlertSeverity.values()) {
                long queued = intake.queueFull(severity);
                long count = queued + activeLimitBySeverity[severity.ordinal()];
                queueDrops += queued;
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
            long limitDrops = counters.dropped("active_limit").get();
            overflowReported = total;
            lastOverflowAt = now;
            nextOverflowReport = now + OVERFLOW_REPORT_INTERVAL_MILLIS;
            overflowFiring = true;
            fire(OwnAlerts.dropped(highest, total, bySeverity.toString(), queueDrops, limitDrops), now);
        } else if (overflowFiring && total == overflowReported && now - lastOverflowAt >= OVERFLOW_QUIET_MILLIS) {
            overflowFiring = false;
            resolve(OwnAlerts.droppedFingerprint(), now);
        }
    }

    private long overflowTotal() {
        return counters.dropped("active_limit").get() + intake.dropped("queue_full");
    }

    /**
     * The alert as it leaves: scrubbed (keeping the outward identity of the alert held under its fingerprint, if any),
     * with its policy's response target when escalation applies and it has none.
     */
    Alert prepare(Alert raw, boolean own) {
        ActiveAlert held = engine.get(raw.fingerprint());
        Alert scrubbed = redaction.outgoing(raw, held == null ? null : held.scrubbed);
        String target = own ? null : responseTargets[raw.severity().ordinal()];
        if (target == null || scrubbed.annotations().containsKey(Alert.RESPONSE_TARGET_ANNOTATION)
                || scrubbed.annotations().size() >= Alert.MAX_ANNOTATIONS) {
            return scrubbed;
        }
        return Alert.from(scrubbed).annotation(Alert.RESPONSE_TARGET_ANNOTATION, target).build();
    }

    // ---- state kept across restarts ----

    /** Puts back silences, alerts and incidents from the journal (before the outbox's entries). */
    void restore(long now) {
        for (Map.Entry<String, byte[]> entry : journal.entries(StateCodec.SILENCE_PREFIX).entrySet()) {
            try {
                StateCodec.StoredSilence stored = StateCodec.decodeSilence(entry.getValue());
                if (stored.endsAt() <= now) {
                    journal.remove(entry.getKey());
                    continue;
                }
                records.silences.put(stored.id(), new SilenceInfo(stored.id(), stored.silence(), stored.startsAt(), stored.endsAt()));
                engine.addSilence(stored.id(), stored.silence(), stored.startsAt(), stored.endsAt());
            } catch (RuntimeException e) {
                journal.unreadable(entry.getKey(), e);
            }
        }
        for (Map.Entry<String, byte[]> entry : journal.entries(StateCodec.ALERT_PREFIX).entrySet()) {
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
                journal.unreadable(entry.getKey(), e);
            }
        }
        counters.active.set(engine.activeCount());
        Set<String> withIncident = new HashSet<>();
        for (Map.Entry<String, byte[]> entry : journal.entries(StateCodec.INCIDENT_PREFIX).entrySet()) {
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
                journal.unreadable(entry.getKey(), e);
            }
        }
        for (ActiveAlert alert : new ArrayList<>(engine.activeAlerts())) {
            if (alert.isFiring() && !withIncident.contains(alert.fingerprint)) {
                // kept by an older version without incidents: its escalation starts now
                tracker.fired(alert.fingerprint, alert.scrubbed, alert.startsAt, !OwnAlerts.isOwn(alert.scrubbed), null);
            }
        }
        tracker.restored();
    }

    /** Flushes every group now, whatever its schedule (when closing). */
    void flushAll(long now) {
        engine.flushAll(now);
        counters.active.set(engine.activeCount());
    }

    /** Writes the incidents changed since the last sync. */
    void writeDirtyIncidents() {
        records.writeDirtyIncidents(tracker);
    }

    /** Adds a silence from a caller's thread: listed at once, applied on the dispatcher thread. */
    String addSilence(Silence silence, Clock clock) {
        String id = ids.random();
        long now = clock.millis();
        Instant start = silence.startsAt();
        long startsAt = start != null ? start.toEpochMilli() : now;
        long endsAt = silence.endsAt().toEpochMilli();
        records.silences.put(id, new SilenceInfo(id, silence, startsAt, endsAt));
        intake.command(new SilenceCommand(id, silence, startsAt, endsAt));
        return id;
    }

    /**
     * Ends a silence from a caller's thread; whether it was in force or pending. {@code by} (or {@code ""}) is recorded
     * in the timelines of the firing alerts it matched.
     */
    boolean expireSilence(String id, String by) {
        boolean existed = records.silences.remove(id) != null;
        intake.command(new SilenceCommand(id, null, 0, 0, by));
        return existed;
    }
}
