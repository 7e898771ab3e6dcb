package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.escalation.EscalationPolicy;
import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The mutable state of one incident; owned by the dispatcher thread. {@link IncidentTracker} (the decision stage)
 * keeps its escalation state; its timeline is appended to through {@link IncidentTimelines}, by the decision stage and
 * by the completion stage alike. What leaves the dispatcher is the immutable {@link dev.monitor.alert.AlertIncident}
 * published after each change.
 */
public final class Incident {

    /** An escalation target that was notified: the channel and the responder ({@code ""}: the channel's own recipients). */
    public record NotifiedTarget(String channel, String responder) {
    }

    final String fingerprint;
    String publicFingerprint;
    Alert alert;
    @Nullable EscalationPolicy policy;
    long startsAt;
    long endsAt;
    int level;
    int repeats;
    long nextAt = Long.MAX_VALUE;
    long version;
    @Nullable AlertAcknowledgement acknowledgement;
    @Nullable String heldBy;
    final Set<NotifiedTarget> notifiedTargets = new LinkedHashSet<>();
    final ArrayDeque<AlertTimelineEntry> timeline = new ArrayDeque<>();
    int omitted;

    Incident(String fingerprint, Alert alert, long startsAt) {
        this.fingerprint = fingerprint;
        this.publicFingerprint = alert.fingerprint();
        this.alert = alert;
        this.startsAt = startsAt;
    }

    /** The raw fingerprint (the engine's key). */
    public String fingerprint() {
        return fingerprint;
    }

    boolean isFiring() {
        return endsAt == 0;
    }
}
