package dev.monitor.alert.internal;

import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.escalation.EscalationPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record store of incidents as they are shown: each incident's bounded timeline, the immutable
 * {@link AlertIncident} published after every change, and the incidents by the fingerprint their notifications show.
 * Two stages write into it, each forward: the decision stage ({@link IncidentTracker}) its fires, escalation levels,
 * acknowledgements and resolutions; the completion stage ({@link Completion}) the deliveries and failed deliveries of
 * notifications ({@link #delivered}, {@link #failed}). Like the journal it decides nothing and calls no stage: a
 * changed incident is only marked for the journal ({@link Journal}). Written by the dispatcher thread; read
 * ({@link #snapshot()}, {@link #find}) from any thread without waiting for it.
 */
final class IncidentTimelines {

    /** Where changed incidents are kept across restarts. */
    interface Journal {

        /** The incident changed; {@code durable}: journal it now, else it may be written with the next batch. */
        void changed(Incident incident, boolean durable);
    }

    /** Timeline entries kept per incident; older ones are counted as omitted. */
    static final int MAX_TIMELINE = 32;

    private final Journal journal;
    private final Map<String, Incident> byPublic = new HashMap<>();
    private final Map<String, AlertIncident> published = new LinkedHashMap<>(); // guarded by itself

    IncidentTimelines(Journal journal) {
        this.journal = journal;
    }

    // ---- written by the decision stage ----

    /** Finds {@code incident} under {@code publicFingerprint} from now on (the fingerprint its notifications show). */
    void showAs(Incident incident, String publicFingerprint) {
        byPublic.remove(incident.publicFingerprint, incident);
        incident.publicFingerprint = publicFingerprint;
        byPublic.put(publicFingerprint, incident);
    }

    /** Appends {@code entry} to the incident's timeline, counting the oldest as omitted beyond {@link #MAX_TIMELINE}. */
    void add(Incident incident, AlertTimelineEntry entry) {
        if (incident.timeline.size() >= MAX_TIMELINE) {
            incident.timeline.pollFirst();
            incident.omitted++;
        }
        incident.timeline.addLast(entry);
    }

    /** Publishes the incident as it is now, for the readers. */
    void publish(Incident incident) {
        EscalationPolicy policy = incident.policy;
        AlertIncident snapshot = new AlertIncident(incident.publicFingerprint, incident.alert,
                incident.isFiring() ? AlertStatus.FIRING : AlertStatus.RESOLVED, Instant.ofEpochMilli(incident.startsAt),
                incident.isFiring() ? null : Instant.ofEpochMilli(incident.endsAt), incident.acknowledgement,
                policy == null ? "" : policy.name(), incident.level, policy == null ? 0 : policy.levels().size(),
                incident.nextAt == Long.MAX_VALUE ? null : Instant.ofEpochMilli(incident.nextAt), new ArrayList<>(incident.timeline),
                incident.omitted);
        synchronized (published) {
            published.remove(incident.fingerprint);
            published.put(incident.fingerprint, snapshot);
        }
    }

    /** The incident is forgotten: no longer found, shown or written to. */
    void forget(Incident incident) {
        byPublic.remove(incident.publicFingerprint, incident);
        synchronized (published) {
            published.remove(incident.fingerprint);
        }
    }

    // ---- written by the completion stage ----

    /** A notification reached {@code channel}: every alert it shows gets a timeline entry. */
    void delivered(String channel, AlertNotification notification, long now) {
        for (NotifiedAlert shown : notification.alerts()) {
            Incident incident = byPublic.get(shown.fingerprint());
            if (incident == null) {
                continue;
            }
            String what = !shown.isFiring() ? "resolved" : shown.isAcknowledged() ? "acknowledged" : "firing";
            add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.NOTIFIED, Instant.ofEpochMilli(now),
                    shown.escalationLevel(), List.of(channel), "", what));
            publish(incident);
            journal.changed(incident, false);
        }
    }

    /** An attempt to deliver a notification on {@code channel} failed: an escalation notification's alerts get an entry. */
    void failed(String channel, AlertNotification notification, String reason, boolean willRetry, long now) {
        if (!notification.receiver().startsWith(EscalationNotifications.RECEIVER_PREFIX)) {
            return;
        }
        for (NotifiedAlert shown : notification.alerts()) {
            Incident incident = byPublic.get(shown.fingerprint());
            if (incident != null) {
                add(incident, new AlertTimelineEntry(AlertTimelineEntry.Type.DELIVERY_FAILED, Instant.ofEpochMilli(now),
                        shown.escalationLevel(), List.of(channel), "", reason + (willRetry ? " (will retry)" : " (given up)")));
                publish(incident);
                journal.changed(incident, false);
            }
        }
    }

    // ---- read from any thread ----

    /** Every incident kept, most recently changed first. */
    List<AlertIncident> snapshot() {
        List<AlertIncident> list;
        synchronized (published) {
            list = new ArrayList<>(published.values());
        }
        Collections.reverse(list);
        return list;
    }

    /** The incident of the alert with this raw or public fingerprint, or empty. */
    Optional<AlertIncident> find(String fingerprint) {
        synchronized (published) {
            AlertIncident byRaw = published.get(fingerprint);
            if (byRaw != null) {
                return Optional.of(byRaw);
            }
            for (AlertIncident incident : published.values()) {
                if (incident.fingerprint().equals(fingerprint)) {
                    return Optional.of(incident);
                }
            }
        }
        return Optional.empty();
    }
}
