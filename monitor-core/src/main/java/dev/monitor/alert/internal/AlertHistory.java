package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The most recent alerts, bounded, for status pages: a record store that two stages write into, each forward. The
 * decision stage writes fires, changes and resolutions ({@link #fired}, {@link #updated}, {@link #resolved}); the
 * completion stage the time of the last delivered notification ({@link #notified}). It decides nothing and calls no
 * stage. Written by the dispatcher thread, read by any; the lock is never taken on the thread that fires alerts. Keyed
 * by the scrubbed fingerprint, the only one that leaves the dispatcher.
 */
final class AlertHistory {

    private static final class Row {
        @Nullable ActiveAlert live; // while held, counts are read from the alert itself: repeats take no lock
        Alert alert;
        AlertStatus status = AlertStatus.FIRING;
        long startsAt;
        long endsAt;
        long fireCount = 1;
        @Nullable String suppressedBy;
        long lastNotifiedAt;

        Row(Alert alert, long startsAt) {
            this.alert = alert;
            this.startsAt = startsAt;
        }
    }

    private final int capacity;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    AlertHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void fired(ActiveAlert alert) {
        String key = alert.scrubbed.fingerprint();
        Row row = rows.remove(key);
        if (row == null) {
            row = new Row(alert.scrubbed, alert.startsAt);
        }
        row.alert = alert.scrubbed;
        row.status = AlertStatus.FIRING;
        row.startsAt = alert.startsAt;
        row.endsAt = 0;
        row.fireCount = alert.fireCount;
        row.suppressedBy = alert.suppressedBy;
        row.live = alert;
        rows.put(key, row);
        evict();
    }

    /** A changed alert (new annotations or texts) that repeats: its latest version is shown. */
    synchronized void updated(ActiveAlert alert) {
        Row row = rows.get(alert.scrubbed.fingerprint());
        if (row != null) {
            row.alert = alert.scrubbed;
        }
    }

    synchronized void resolved(ActiveAlert alert) {
        Row row = rows.get(alert.scrubbed.fingerprint());
        if (row != null) {
            row.status = AlertStatus.RESOLVED;
            row.endsAt = alert.endsAt;
            row.fireCount = alert.fireCount;
            row.live = null;
        }
    }

    /** A notification showing the alert was delivered at {@code at} (the completion stage). */
    synchronized void notified(String scrubbedFingerprint, long at) {
        Row row = rows.get(scrubbedFingerprint);
        if (row != null) {
            row.lastNotifiedAt = at;
        }
    }

    private void evict() {
        while (rows.size() > capacity) {
            Iterator<Row> it = rows.values().iterator();
            boolean removed = false;
            while (it.hasNext()) {
                if (it.next().status == AlertStatus.RESOLVED) {
                    it.remove();
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                rows.remove(rows.keySet().iterator().next());
            }
        }
    }

    synchronized List<AlertHistoryEntry> snapshot() {
        List<AlertHistoryEntry> entries = new ArrayList<>(rows.size());
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            Row row = entry.getValue();
            ActiveAlert live = row.live;
            long fireCount = live != null ? live.fireCount : row.fireCount;
            entries.add(new AlertHistoryEntry(entry.getKey(), row.alert, row.status, Instant.ofEpochMilli(row.startsAt),
                    row.endsAt == 0 ? null : Instant.ofEpochMilli(row.endsAt), fireCount, row.suppressedBy,
                    row.lastNotifiedAt == 0 ? null : Instant.ofEpochMilli(row.lastNotifiedAt)));
        }
        // newest first
        java.util.Collections.reverse(entries);
        return entries;
    }
}
