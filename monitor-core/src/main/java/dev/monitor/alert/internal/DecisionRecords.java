package dev.monitor.alert.internal;

import dev.monitor.alert.AlertEvent;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * What the decision stage keeps: the state changes of {@link AlertEngine} and {@link IncidentTracker} written to the
 * {@link StateJournal} (alerts, silences, incidents), the scrubbed-to-raw fingerprints, the silences in force, the
 * escalation events and how people's names may leave the process. The engine and the tracker report here, never back
 * into {@link Decisions}; {@link IncidentTimelines} marks here, as its {@link IncidentTimelines.Journal}, the incidents
 * whose timelines the completion stage wrote to. Dispatcher thread only, except the silence list.
 */
final class DecisionRecords implements AlertEngine.Records, IncidentTracker.Records, IncidentTimelines.Journal {

    final Map<String, SilenceInfo> silences = new ConcurrentHashMap<>();
    private final StateJournal journal;
    private final DispatcherCounters counters;
    private final AlertEvents events;
    private final Ids ids;
    private final UnaryOperator<String> personNames;
    private final Set<Incident> dirtyIncidents = new LinkedHashSet<>();
    private final Map<String, String> rawByScrubbed = new HashMap<>();

    DecisionRecords(StateJournal journal, DispatcherCounters counters, AlertEvents events, Ids ids,
            UnaryOperator<String> personNames) {
        this.journal = journal;
        this.counters = counters;
        this.events = events;
        this.ids = ids;
        this.personNames = personNames;
    }

    /** Remembers that the alert fired as {@code raw} is shown as {@code scrubbed}. */
    void scrubbed(String scrubbed, String raw) {
        if (!scrubbed.equals(raw)) {
            rawByScrubbed.put(scrubbed, raw);
        }
    }

    /** The raw fingerprint of an alert shown under {@code fingerprint}, or null. */
    @Nullable String raw(String fingerprint) {
        return rawByScrubbed.get(fingerprint);
    }

    @Override
    public void alertChanged(ActiveAlert alert) {
        journal.put(StateCodec.ALERT_PREFIX + alert.fingerprint, StateCodec.encode(alert));
    }

    @Override
    public void alertRetired(ActiveAlert alert) {
        rawByScrubbed.remove(alert.scrubbed.fingerprint());
        journal.remove(StateCodec.ALERT_PREFIX + alert.fingerprint);
    }

    @Override
    public void silenceExpired(String id) {
        silences.remove(id);
        journal.remove(StateCodec.SILENCE_PREFIX + id);
    }

    @Override
    public void changed(Incident incident, boolean durable) {
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
    public void removed(Incident incident) {
        dirtyIncidents.remove(incident);
        journal.remove(StateCodec.INCIDENT_PREFIX + incident.fingerprint);
    }

    /** Whether incidents wait to be written with the next journal sync. */
    boolean hasDirtyIncidents() {
        return !dirtyIncidents.isEmpty();
    }

    /** Writes the incidents changed since the last sync that {@code tracker} still holds. */
    void writeDirtyIncidents(IncidentTracker tracker) {
        for (Incident incident : dirtyIncidents) {
            if (tracker.get(incident.fingerprint) == incident) {
                journal.put(StateCodec.INCIDENT_PREFIX + incident.fingerprint, StateCodec.encode(incident));
            }
        }
        dirtyIncidents.clear();
    }

    @Override
    public void escalated(Incident incident, int level, long now) {
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
}
