package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationLevel;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Each alert's incident: its fires and resolutions, its acknowledgement, and the walk through its escalation
 * policy's levels. Single-threaded (the dispatcher thread) and driven by explicit times (epoch millis) like
 * {@link AlertEngine}, so escalation is tested without waiting. The timelines are kept in {@link IncidentTimelines},
 * the record store into which the completion stage writes the deliveries too; every change publishes an immutable
 * {@link AlertIncident} there, so reads ({@link #snapshot()}, {@link #find}) come from any thread and never wait for
 * the dispatcher thread.
 *
 * <p>Level times are planned from the alert's start: level 1 at start + its delay, level N at level N-1's
 * planned time + its delay, so a dispatcher restarted late catches up with every level that became due
 * while it was down (each notified once, in order) and keeps the plan for the next. Missed repeats of the
 * last level are not made up: one repeat, then the interval from now. A level due while the alert is
 * suppressed waits ({@code HELD}) and is checked again every minute; once reached, the levels after it count
 * from then.
 */
public final class IncidentTracker {

    /** Where the escalation notifications go, forward: the outbox. */
    @FunctionalInterface
    public interface Sender {
        /** Queues an escalation notification for {@code channel}. */
        void send(String channel, AlertNotification notification);
    }

    /** What the tracker asks of the routing engine (implemented by {@link AlertEngine}). */
    public interface Routing {
        /**
         * Marks the alert as escalated to {@code level}; with {@code renotify}, its groups are notified again now.
         *
         * @return the channels of the alert's routes
         */
        List<String> escalate(String fingerprint, int level, boolean renotify, long now);

        /** Why the alert should not be notified now ({@code silence:…}, {@code maintenance:…}, {@code inhibited}), or null. */
        @Nullable String suppression(String fingerprint, long now);
    }

    /** What the tracker tells the decision stage to keep. */
    public interface Records {

        /** The incident changed; {@code durable}: journal it now, else it may be written with the next batch. */
        void changed(Incident incident, boolean durable);

        /** The incident is forgotten. */
        void removed(Incident incident);

        /** A level was reached (for events and metrics). */
        void escalated(Incident incident, int level, long now);

        /** A new unique notification id. */
        String newId();

        /** The name of a person as it may leave the process. */
        String personName(String name);
    }

    /** All three, in one object (tests). */
    public interface Sink extends Sender, Routing, Records {
    }

    /** How often a level held by a suppression is checked again. */
    static final long HOLD_RECHECK_MILLIS = 60_000;
    private static final long STALE_AFTER_MILLIS = 4 * 3600_000L;

    private record Due(long at, Incident incident, long version) {
    }

    private final @Nullable EscalationConfig config;
    private final int maxResolved;
    private final Sender sender;
    private final Routing routing;
    private final Records sink;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final ArrayDeque<Incident> resolvedOrder = new ArrayDeque<>();
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final IncidentTimelines timelines;

    /**
     * @param config the escalation configuration, or null: incidents and acknowledgements without escalation
     * @param maxResolved how many resolved incidents are kept for queries
     */
    public IncidentTracker(@Nullable EscalationConfig config, int maxResolved, Sink sink) {
        this(config, maxResolved, sink, sink, sink, new IncidentTimelines(sink::changed));
    }

    /**
     * As {@link #IncidentTracker(EscalationConfig, int, Sink)}, with escalation notifications going straight on to
     * {@code sender} (the outbox), the routing asked of {@code routing} (the engine) directly, and the timelines kept in
     * {@code timelines}, the record store the completion stage writes the deliveries into.
     */
    IncidentTracker(@Nullable EscalationConfig config, int maxResolved, Sender sender, Routing routing, Records records,
            IncidentTimelines timelines) {
        this.timelines = timelines;
        this.sender = sender;
        this.routing = routing;
        this.config = config;
        this.maxResolved = maxResolved;
        this.sink = records;
    }

    /** The escalation configuration, or null. */
    public @Nullable EscalationConfig config() {
        return config;
    }

    /** The incident of the alert with raw fingerprint {@code fingerprint}, or null. */
    public @Nullable Incident get(String fingerprint) {
        return incidents.get(fingerprint);
    }

    // ---- events from the dispatcher ----

    /**
     * An alert started firing (new, or again after it resolved).
     *
     * @param escalate whether its severity's policy applies (not for the dispatcher's own alerts)
     * @param suppression what suppresses it now, or null
     */
    public void fired(String fingerprint, Alert scrubbed, long startsAt, boolean escalate, @Nullable String suppression) {
        Incident incident = incidents.get(fingerprint);
        if (incident == null) {
            incident = new Incident(fingerprint, scrubbed, startsAt);
            incidents.put(fingerprint, incident);
        } else {
            // fires again: a new occurrence on the same timeline, escalation starts over
            incident.startsAt = startsAt;
            incident.endsAt = 0;
            incident.level = 0;
            incident.repeats = 0;
            incident.acknowledgement = null;
            incident.heldBy = null;
            incident.notifiedTargets.clear();
            resolvedOrder.remove(incident);
            setAlert(incident, scrubbed);
        }
        timelines.showAs(incident, incident.publicFingerprint);
        incident.policy = escalate && config != null ? config.policy(scrubbed.severity()) : null;
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.FIRED, Instant.ofEpochMilli(startsAt), 0, List.of(), "",
                suppression == null ? "" : suppression));
        EscalationPolicy policy = incident.policy;
        if (policy != null) {
            plan(incident, startsAt + policy.levels().get(0).delay().toMillis());
        } else {
            plan(incident, Long.MAX_VALUE);
        }
        publish(incident);
        // at once: a restart must find the incident of every alert it restores, or it would start its escalation over
        sink.changed(incident, true);
    }

    /** A firing alert's texts changed: its incident shows the latest version. */
    public void updated(String fingerprint, Alert scrubbed) {
        Incident incident = incidents.get(fingerprint);
        if (incident != null && !incident.alert.equals(scrubbed)) {
            setAlert(incident, scrubbed);
            publish(incident);
            sink.changed(incident, false);
        }
    }

    private void setAlert(Incident incident, Alert scrubbed) {
        if (!incident.publicFingerprint.equals(scrubbed.fingerprint())) {
            timelines.showAs(incident, scrubbed.fingerprint());
        }
        incident.alert = scrubbed;
    }

    /** Someone acknowledged the alert: escalation stops, the notified escalation targets are told. */
    public void acknowledged(String fingerprint, AlertAcknowledgement acknowledgement, long now) {
        Incident incident = incidents.get(fingerprint);
        if (incident == null || !incident.isFiring()) {
            return;
        }
        incident.acknowledgement = acknowledgement;
        incident.heldBy = null;
        plan(incident, Long.MAX_VALUE);
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.ACKNOWLEDGED, acknowledgement.at(), incident.level, List.of(),
                acknowledgement.by(), acknowledgement.comment()));
        followUp(incident, now);
        publish(incident);
        sink.changed(incident, true);
    }

    /** A silence matching the firing alert was added by {@code actor}: a timeline entry, kept with the incident. */
    public void silenced(String fingerprint, Instant at, String actor, String detail) {
        Incident incident = incidents.get(fingerprint);
        if (incident == null || !incident.isFiring()) {
            return;
        }
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.SILENCED, at, incident.level, List.of(), actor, detail));
        publish(incident);
        sink.changed(incident, true);
    }

    /** {@code actor} expired a silence that matched the firing alert. */
    public void silenceExpired(String fingerprint, Instant at, String actor, String detail) {
        Incident incident = incidents.get(fingerprint);
        if (incident == null || !incident.isFiring()) {
            return;
        }
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.SILENCE_EXPIRED, at, incident.level, List.of(), actor,
                detail));
        publish(incident);
        sink.changed(incident, true);
    }

    /** The alert resolved: escalation stops, the notified escalation targets are told. */
    public void resolved(String fingerprint, long endsAt) {
        resolved(fingerprint, endsAt, "", "");
    }

    /** The alert resolved, by {@code actor} with {@code detail} when resolved by hand ({@code ""} otherwise). */
    public void resolved(String fingerprint, long endsAt, String actor, String detail) {
        Incident incident = incidents.get(fingerprint);
        if (incident == null || !incident.isFiring()) {
            return;
        }
        incident.endsAt = Math.max(endsAt, incident.startsAt);
        incident.heldBy = null;
        plan(incident, Long.MAX_VALUE);
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.RESOLVED, Instant.ofEpochMilli(incident.endsAt),
                incident.level, List.of(), actor, detail));
        followUp(incident, endsAt);
        publish(incident);
        sink.changed(incident, true);
        resolvedOrder.addLast(incident);
        while (resolvedOrder.size() > maxResolved) {
            forget(resolvedOrder.pollFirst());
        }
    }

    private void forget(Incident incident) {
        incidents.remove(incident.fingerprint);
        timelines.forget(incident);
        sink.removed(incident);
    }

    // ---- escalation ----

    /** When {@link #tick} next has work (epoch millis), or {@link Long#MAX_VALUE}. */
    public long nextDeadline() {
        while (!due.isEmpty()) {
            Due next = due.peek();
            if (next.version == next.incident.version && incidents.get(next.incident.fingerprint) == next.incident) {
                return next.at;
            }
            due.poll();
        }
        return Long.MAX_VALUE;
    }

    /** Reaches every level (or repeat) due at {@code now}, in order. */
    public void tick(long now) {
        while (!due.isEmpty() && due.peek().at <= now) {
            Due next = due.poll();
            Incident incident = next.incident;
            if (next.version != incident.version || incidents.get(incident.fingerprint) != incident) {
                continue;
            }
            step(incident, next.at, now);
        }
    }

    private void step(Incident incident, long planned, long now) {
        EscalationPolicy policy = incident.policy;
        if (policy == null || !incident.isFiring() || incident.acknowledgement != null) {
            plan(incident, Long.MAX_VALUE);
            return;
        }
        String suppression = routing.suppression(incident.fingerprint, now);
        if (suppression != null) {
            if (!suppression.equals(incident.heldBy)) {
                incident.heldBy = suppression;
                add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.HELD, Instant.ofEpochMilli(now),
                        Math.min(incident.level + 1, policy.levels().size()), List.of(), "", suppression));
                publish(incident);
                sink.changed(incident, true);
            }
            plan(incident, now + HOLD_RECHECK_MILLIS);
            return;
        }
        if (incident.heldBy != null) {
            // released from a hold: the levels after this one count from now, not from the last check
            incident.heldBy = null;
            planned = now;
        }
        List<EscalationLevel> levels = policy.levels();
        Duration repeat = policy.repeatInterval();
        if (incident.level < levels.size()) {
            incident.level++;
            reach(incident, incident.level, 0, now);
            if (incident.level < levels.size()) {
                plan(incident, planned + levels.get(incident.level).delay().toMillis());
            } else if (repeat != null) {
                plan(incident, planned + repeat.toMillis());
            } else {
                plan(incident, Long.MAX_VALUE);
            }
        } else if (repeat != null && incident.repeats < policy.maxRepeats()) {
            incident.repeats++;
            reach(incident, incident.level, incident.repeats, now);
            long next = planned + repeat.toMillis();
            // repeats missed while the dispatcher was down are not made up
            plan(incident, incident.repeats < policy.maxRepeats() ? (next > now ? next : now + repeat.toMillis()) : Long.MAX_VALUE);
        } else {
            plan(incident, Long.MAX_VALUE);
        }
        publish(incident);
        sink.changed(incident, true);
    }

    /** Notifies the targets of {@code level}; {@code repeat} > 0 for a repeat of the last level. */
    private void reach(Incident incident, int level, int repeat, long now) {
        EscalationConfig escalation = config;
        EscalationPolicy policy = incident.policy;
        if (escalation == null || policy == null) {
            return;
        }
        EscalationLevel current = policy.levels().get(level - 1);
        boolean routed = false;
        List<String> channels = new ArrayList<>();
        List<String> actors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        // one notification per channel and recipient list
        Map<String, List<String>> onCall = new LinkedHashMap<>();
        Set<String> plain = new LinkedHashSet<>();
        for (EscalationTarget target : current.targets()) {
            switch (target.kind()) {
                case ROUTE -> routed = true;
                case CHANNEL -> plain.add(target.channel());
                case ON_CALL -> {
                    String channel = target.channel();
                    String scheduleName = target.schedule();
                    OnCallSchedule schedule = scheduleName == null ? null : escalation.schedule(scheduleName);
                    Optional<String> responder = schedule == null ? Optional.empty() : schedule.onCallAt(Instant.ofEpochMilli(now));
                    if (channel == null) {
                        continue;
                    }
                    if (responder.isPresent()) {
                        List<String> recipients = onCall.computeIfAbsent(channel, c -> new ArrayList<>());
                        if (!recipients.contains(responder.get())) {
                            recipients.add(responder.get());
                            actors.add(sink.personName(responder.get()));
                        }
                    } else {
                        // nobody is on call: the channel's own recipients are better than nobody
                        notes.add("nobody on call in schedule " + scheduleName);
                        plain.add(channel);
                    }
                }
            }
        }
        for (String channel : routing.escalate(incident.fingerprint, level, routed, now)) {
            if (routed && !channels.contains(channel)) {
                channels.add(channel);
            }
        }
        for (String channel : plain) {
            incident.notifiedTargets.add(new Incident.NotifiedTarget(channel, ""));
            sender.send(channel, EscalationNotifications.of(incident, policy, level, List.of(), now, sink.newId(), STALE_AFTER_MILLIS));
            if (!channels.contains(channel)) {
                channels.add(channel);
            }
        }
        for (Map.Entry<String, List<String>> entry : onCall.entrySet()) {
            for (String responder : entry.getValue()) {
                incident.notifiedTargets.add(new Incident.NotifiedTarget(entry.getKey(), responder));
            }
            sender.send(entry.getKey(), EscalationNotifications.of(incident, policy, level, entry.getValue(), now, sink.newId(),
                    STALE_AFTER_MILLIS));
            if (!channels.contains(entry.getKey())) {
                channels.add(entry.getKey());
            }
        }
        if (repeat > 0) {
            notes.add(0, "repeat " + repeat);
        }
        add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.ESCALATED, Instant.ofEpochMilli(now), level, channels,
                String.join(", ", actors), String.join("; ", notes)));
        sink.escalated(incident, level, now);
    }

    /** Tells every escalation target that was notified about the acknowledgement or resolution. */
    private void followUp(Incident incident, long now) {
        EscalationPolicy policy = incident.policy;
        if (policy == null || incident.notifiedTargets.isEmpty()) {
            return;
        }
        Map<String, List<String>> byChannel = new LinkedHashMap<>();
        for (Incident.NotifiedTarget target : incident.notifiedTargets) {
            List<String> recipients = byChannel.computeIfAbsent(target.channel(), c -> new ArrayList<>());
            if (!target.responder().isEmpty()) {
                recipients.add(target.responder());
            }
        }
        Set<String> plainToo = new LinkedHashSet<>();
        for (Incident.NotifiedTarget target : incident.notifiedTargets) {
            if (target.responder().isEmpty()) {
                plainToo.add(target.channel());
            }
        }
        for (Map.Entry<String, List<String>> entry : byChannel.entrySet()) {
            if (!entry.getValue().isEmpty()) {
                sender.send(entry.getKey(), EscalationNotifications.of(incident, policy, incident.level, entry.getValue(), now,
                        sink.newId(), STALE_AFTER_MILLIS));
            }
            if (plainToo.contains(entry.getKey())) {
                sender.send(entry.getKey(), EscalationNotifications.of(incident, policy, incident.level, List.of(), now, sink.newId(),
                        STALE_AFTER_MILLIS));
            }
        }
    }

    private void plan(Incident incident, long at) {
        incident.version++;
        incident.nextAt = at;
        if (at != Long.MAX_VALUE) {
            due.add(new Due(at, incident, incident.version));
        }
    }

    // ---- restart ----

    /**
     * Puts back an incident from the journal.
     *
     * @param firing whether the alert is still held and firing (else a firing incident is closed now)
     */
    public void restore(StateCodec.StoredIncident stored, boolean firing, long now) {
        Incident incident = new Incident(stored.fingerprint(), stored.alert(), stored.startsAt());
        incident.publicFingerprint = stored.publicFingerprint();
        incident.endsAt = stored.endsAt();
        incident.level = stored.level();
        incident.repeats = stored.repeats();
        incident.acknowledgement = stored.acknowledgement();
        incident.heldBy = stored.heldBy();
        incident.notifiedTargets.addAll(stored.notifiedTargets());
        incident.timeline.addAll(stored.timeline());
        incident.omitted = stored.omitted();
        EscalationConfig escalation = config;
        if (escalation != null && !stored.policy().isEmpty()) {
            EscalationPolicy policy = escalation.policy(stored.alert().severity());
            incident.policy = policy;
            incident.level = Math.min(incident.level, policy.levels().size());
        }
        incidents.put(incident.fingerprint, incident);
        timelines.showAs(incident, incident.publicFingerprint);
        if (incident.isFiring() && !firing) {
            // its alert is gone from the journal: it resolved without the incident learning when
            incident.endsAt = Math.max(now, incident.startsAt);
            add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.RESOLVED, Instant.ofEpochMilli(incident.endsAt),
                    incident.level, List.of(), "", "no longer held after a restart"));
            sink.changed(incident, true);
        }
        if (incident.isFiring()) {
            plan(incident, incident.acknowledgement == null && incident.policy != null ? stored.nextAt() : Long.MAX_VALUE);
        } else {
            plan(incident, Long.MAX_VALUE);
            resolvedOrder.addLast(incident);
        }
        publish(incident);
    }

    /** After restoring: drops the oldest resolved incidents beyond the bound. */
    public void restored() {
        while (resolvedOrder.size() > maxResolved) {
            forget(resolvedOrder.pollFirst());
        }
    }

    // ---- queries, from any thread ----

    private void publish(Incident incident) {
        timelines.publish(incident);
    }

    private void add(Incident incident, AlertTimelineEntry entry) {
        timelines.add(incident, entry);
    }

    /** Every incident kept, most recently changed first. */
    public List<AlertIncident> snapshot() {
        return timelines.snapshot();
    }

    /** The incident of the alert with this raw or public fingerprint, or empty. */
    public Optional<AlertIncident> find(String fingerprint) {
        return timelines.find(fingerprint);
    }

    /** The number of incidents kept. */
    public int size() {
        return incidents.size();
    }
}
