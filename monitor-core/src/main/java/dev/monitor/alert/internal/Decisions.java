package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.Silence;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.pii.Scrubber;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision stage: every fire, resolve, silence and acknowledgement taken from the intake is scrubbed,
 * deduplicated, routed, grouped, checked against silences, maintenance windows and inhibition ({@link AlertEngine}),
 * and walked through escalation ({@link IncidentTracker}); the notifications decided go forward to the
 * {@link Outbox}. It keeps the alerts, silences and incidents in the {@link StateJournal}, the history for status
 * pages, and reports overflow of the intake as the {@code AlertsDropped} alert. Dispatcher thread only, except the
 * silence list.
 */
final class Decisions implements AlertEngine.Records, IncidentTracker.Records {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");
    private static final long OVERFLOW_REPORT_INTERVAL_MILLIS = 1000;
    private static final long OVERFLOW_QUIET_MILLIS = 60_000;

    /** A queued change of silences: {@code silence} null ends it. */
    record SilenceCommand(String id, @Nullable Silence silence, long startsAt, long endsAt) {
    }

    final AlertEngine engine;
    final IncidentTracker tracker;
    final AlertHistory history;
    final Map<String, SilenceInfo> silences = new ConcurrentHashMap<>();
    private final StateJournal journal;
    private final AlertRedaction redaction;
    private final AlertEvents events;
    private final DispatcherCounters counters;
    private final Intake intake;
    private final Ids ids;
    private final UnaryOperator<String> personNames;
    private final @Nullable String[] responseTargets = new String[AlertSeverity.values().length];
    private final long[] activeLimitBySeverity = new long[AlertSeverity.values().length];
    private final Set<IncidentTracker.Incident> dirtyIncidents = new LinkedHashSet<>();
    private final Map<String, String> rawByScrubbed = new HashMap<>();
    private long overflowReported;
    private long lastOverflowAt;
    private long nextOverflowReport;
    private boolean overflowFiring;

    Decisions(DispatcherSettings settings, List<String> channelNames, Outbox outbox, StateJournal journal,
            AlertRedaction redaction, AlertEvents events, DispatcherCounters counters, Intake intake, Ids ids) {
        this.journal = journal;
        this.redaction = redaction;
        this.events = events;
        this.counters = counters;
        this.intake = intake;
        this.ids = ids;
        this.personNames = settings.personNames();
        this.history = new AlertHistory(settings.historySize());
        EscalationConfig escalation = settings.escalation();
        if (escalation != null) {
            for (AlertSeverity severity : AlertSeverity.values()) {
                Duration target = escalation.policy(severity).responseTarget();
                responseTargets[severity.ordinal()] = target == null ? null : DurationText.format(target);
            }
        }
        this.engine = new AlertEngine(AlertRouteNode.resolve(settings.route(), channelNames), settings.inhibitRules(),
                settings.maintenanceWindows(), settings.maxActiveAlerts(), settings.maxAlertsPerNotification(), outbox::accept,
                this, ids::next, redaction::pseudonym);
        this.tracker = new IncidentTracker(escalation, settings.historySize(), outbox::accept, engine, this);
    }

    // ---- what the intake hands over ----

    /** Applies one element taken from the intake: a fire, a resolve, a change of silences or a caller's request. */
    void take(Object element, long now) {
        if (element instanceof Alert alert) {
            fire(alert, now);
        } else if (element instanceof Intake.Resolution resolution) {
            resolve(resolution.fingerprint(), now);
        } else if (element instanceof SilenceCommand command) {
            silence(command);
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
        if (!scrubbed.fingerprint().equals(fingerprint)) {
            rawByScrubbed.put(scrubbed.fingerprint(), fingerprint);
        }
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
        ActiveAlert alert = engine.resolve(fingerprint, now);
        if (alert == null) {
            String raw = rawByScrubbed.get(fingerprint);
            if (raw != null) {
                alert = engine.resolve(raw, now);
            }
        }
        if (alert != null) {
            counters.resolved.incrementAndGet();
            history.resolved(alert);
            tracker.resolved(alert.fingerprint, alert.endsAt);
            counters.active.set(engine.activeCount());
            events.emit(AlertEvent.Type.RESOLVED, now, alert.scrubbed, null, null, null);
        }
    }

    void silence(SilenceCommand command) {
        Silence silence = command.silence();
        if (silence == null) {
            engine.expireSilence(command.id());
            journal.remove(StateCodec.SILENCE_PREFIX + command.id());
            return;
        }
        if (!silences.containsKey(command.id())) {
            return; // expired before it was applied
        }
        engine.addSilence(command.id(), silence, command.startsAt(), command.endsAt());
        Silence stored = storable(silence);
        if (stored == null) {
            log.info("silence {} matches on a value that holds personal data or a secret; it is kept in memory only and "
                    + "ends with the process", command.id());
            return;
        }
        journal.put(StateCodec.SILENCE_PREFIX + command.id(),
                StateCodec.encode(command.id(), stored, command.startsAt(), command.endsAt()));
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

    /** An acknowledgement by {@code by} at {@code now}, as it may leave the process. */
    AlertAcknowledgement acknowledgement(String by, String comment, long now) {
        return new AlertAcknowledgement(personName(by), Instant.ofEpochMilli(now), redaction.text(comment, 1024));
    }

    /** Acknowledges the alert with this raw or scrubbed fingerprint; whether it was newly acknowledged. */
    boolean acknowledge(String fingerprint, AlertAcknowledgement acknowledgement, long now) {
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
        return !dirtyIncidents.isEmpty();
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
                silences.put(stored.id(), new SilenceInfo(stored.id(), stored.silence(), stored.startsAt(), stored.endsAt()));
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

    /** Writes the incidents changed since the last sync. */
    void writeDirtyIncidents() {
        if (dirtyIncidents.isEmpty()) {
            return;
        }
        for (IncidentTracker.Incident incident : dirtyIncidents) {
            if (tracker.get(incident.fingerprint) == incident) {
                journal.put(StateCodec.INCIDENT_PREFIX + incident.fingerprint, StateCodec.encode(incident));
            }
        }
        dirtyIncidents.clear();
    }

    // ---- what the engine and the tracker keep (their notifications go straight on to the outbox) ----

    @Override
    public void alertChanged(ActiveAlert alert) {
        counters.active.set(engine.activeCount());
        journal.put(StateCodec.ALERT_PREFIX + alert.fingerprint, StateCodec.encode(alert));
    }

    @Override
    public void alertRetired(ActiveAlert alert) {
        counters.active.set(engine.activeCount());
        rawByScrubbed.remove(alert.scrubbed.fingerprint());
        journal.remove(StateCodec.ALERT_PREFIX + alert.fingerprint);
    }

    @Override
    public void silenceExpired(String id) {
        silences.remove(id);
        journal.remove(StateCodec.SILENCE_PREFIX + id);
    }

    @Override
    public void changed(IncidentTracker.Incident incident, boolean durable) {
        if (!journal.isDurable()) {
            return;
        }
        if (durable) {
            dirtyIncidents.remove(incident);
            journal.put(StateCodec.INCIDENT_PREFIX + incident.fingerprint, StateCodec.encode(incident));
        } else {
            dirtyIncidents.add(incident);
        }
    }

    @Override
    public void removed(IncidentTracker.Incident incident) {
        dirtyIncidents.remove(incident);
        journal.remove(StateCodec.INCIDENT_PREFIX + incident.fingerprint);
    }

    @Override
    public void escalated(IncidentTracker.Incident incident, int level, long now) {
        DispatcherCounters.increment(counters.escalations);
        events.emit(AlertEvent.Type.ESCALATED, now, incident.alert, null, null, "level " + level);
    }

    @Override
    public String newId() {
        return ids.next();
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

    /** Adds a silence from a caller's thread: listed at once, applied on the dispatcher thread. */
    String addSilence(Silence silence, Clock clock) {
        String id = ids.random();
        long now = clock.millis();
        Instant start = silence.startsAt();
        long startsAt = start != null ? start.toEpochMilli() : now;
        long endsAt = silence.endsAt().toEpochMilli();
        silences.put(id, new SilenceInfo(id, silence, startsAt, endsAt));
        intake.command(new SilenceCommand(id, silence, startsAt, endsAt));
        return id;
    }

    /** Ends a silence from a caller's thread; whether it was in force or pending. */
    boolean expireSilence(String id) {
        boolean existed = silences.remove(id) != null;
        intake.command(new SilenceCommand(id, null, 0, 0));
        return existed;
    }
}
