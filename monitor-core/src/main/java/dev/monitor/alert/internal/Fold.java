package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Notifications merged into one digest: the counts of all of them, and the first {@code max} alerts listed (firing
 * before resolved, the dispatcher's own alerts such as {@code AlertsDropped} always among them); the rest are the
 * digest's "and K more". Bounded: whatever is added, it holds at most {@code 2 * max} alerts.
 */
final class Fold {

    private final int max;
    private final List<NotifiedAlert> firing = new ArrayList<>();
    private final List<NotifiedAlert> resolved = new ArrayList<>();
    private int notifications;
    private int groups;
    private int firingCount;
    private int resolvedCount;
    private int acknowledgedCount;
    private long staleAfter;
    private long newestEntryAt = Long.MIN_VALUE;

    Fold(int max) {
        this.max = max;
    }

    /** Adds every alert and count of {@code entry}'s notification. */
    void add(OutboxEntry entry) {
        newestEntryAt = Math.max(newestEntryAt, entry.createdAt());
        add(entry.notification());
    }

    /** Adds every alert and count of {@code notification}. */
    void add(AlertNotification notification) {
        notifications++;
        firingCount += notification.firingCount();
        resolvedCount += notification.resolvedCount();
        acknowledgedCount += notification.acknowledgedCount();
        groups += notification.groupCount();
        staleAfter = Math.max(staleAfter, notification.staleAfter().toEpochMilli());
        for (NotifiedAlert alert : notification.alerts()) {
            list(alert.isFiring() ? firing : resolved, alert);
        }
    }

    private void list(List<NotifiedAlert> listed, NotifiedAlert alert) {
        if (listed.size() < max) {
            listed.add(alert);
            return;
        }
        if (!OwnAlerts.isOwn(alert.alert())) {
            return; // counted, not listed
        }
        for (int i = listed.size() - 1; i >= 0; i--) {
            if (!OwnAlerts.isOwn(listed.get(i).alert())) {
                listed.set(i, alert); // the one it replaces is now counted among "K more"
                return;
            }
        }
    }

    /** Whether nothing was added. */
    boolean isEmpty() {
        return notifications == 0;
    }

    /**
     * When the newest entry {@linkplain #add(OutboxEntry) added} entered the outbox (epoch millis): the fold's age
     * counts from here, so it expires only once everything in it is older than the channel's {@code maxAge}.
     */
    long newestEntryAt() {
        return newestEntryAt;
    }

    /** How many notifications were added. */
    int size() {
        return notifications;
    }

    /** The digest of what was added, for {@code recipients}; {@code channel} names its group. */
    AlertNotification digest(String id, String channel, long now, List<String> recipients) {
        List<NotifiedAlert> shown = new ArrayList<>(Math.min(max, firing.size() + resolved.size()));
        for (NotifiedAlert alert : firing) {
            if (shown.size() < max || OwnAlerts.isOwn(alert.alert())) {
                shown.add(alert);
            }
        }
        for (NotifiedAlert alert : resolved) {
            if (shown.size() < max) {
                shown.add(alert);
            }
        }
        while (shown.size() > max) {
            removeLastNotOwn(shown);
        }
        return new AlertNotification(id, "digest", "digest:" + channel, new LinkedHashMap<>(), shown, firingCount,
                resolvedCount, Math.max(groups, 2), Instant.ofEpochMilli(now), Instant.ofEpochMilli(Math.max(now, staleAfter)),
                acknowledgedCount, recipients);
    }

    private static void removeLastNotOwn(List<NotifiedAlert> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            if (!OwnAlerts.isOwn(shown.get(i).alert())) {
                shown.remove(i);
                return;
            }
        }
        shown.remove(shown.size() - 1);
    }
}
