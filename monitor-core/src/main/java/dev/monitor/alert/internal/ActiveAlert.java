package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The engine's state of one alert; owned by the dispatcher thread. */
public final class ActiveAlert {

    final String fingerprint;
    Alert raw;
    Alert scrubbed;
    long startsAt;
    long endsAt; // 0 while firing
    volatile long fireCount = 1; // written by the dispatcher thread only; read by history snapshots
    boolean notified;
    @Nullable String suppressedBy;
    @Nullable AlertAcknowledgement acknowledgement;
    int escalationLevel; // 0: not escalated
    final List<AggregationGroup> groups = new ArrayList<>(1);
    @Nullable String[] inhibitKeys; // per inhibit rule: the equal-label key it is counted under as a source, or null

    ActiveAlert(String fingerprint, Alert raw, Alert scrubbed, long startsAt, int inhibitRules) {
        this.fingerprint = fingerprint;
        this.raw = raw;
        this.scrubbed = scrubbed;
        this.startsAt = startsAt;
        this.inhibitKeys = new String[inhibitRules];
    }

    /** The fingerprint of the alert as fired (before scrubbing). */
    public String fingerprint() {
        return fingerprint;
    }

    /** The alert as fired; kept in memory only. */
    public Alert raw() {
        return raw;
    }

    /** The scrubbed alert, the only version that leaves the process. */
    public Alert scrubbed() {
        return scrubbed;
    }

    /** Start time in epoch millis. */
    public long startsAt() {
        return startsAt;
    }

    /** Resolve time in epoch millis, 0 while firing. */
    public long endsAt() {
        return endsAt;
    }

    /** Whether the alert fires. */
    public boolean isFiring() {
        return endsAt == 0;
    }

    /** Fires since it started, including deduplicated repeats. */
    public long fireCount() {
        return fireCount;
    }

    /** Whether a notification listed it as firing. */
    public boolean notified() {
        return notified;
    }

    /** Who acknowledged it, or null. */
    public @Nullable AlertAcknowledgement acknowledgement() {
        return acknowledgement;
    }

    /** The escalation level notifications show for it, 0 if none. */
    public int escalationLevel() {
        return escalationLevel;
    }

    /** The suppression found when it started, or null. */
    public @Nullable String suppressedBy() {
        return suppressedBy;
    }
}
