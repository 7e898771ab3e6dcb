package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.InhibitRule;
import dev.monitor.alert.MaintenanceWindow;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.Silence;
import dev.monitor.pii.Scrubber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The routing, grouping and suppression state machine, single-threaded and driven by explicit times
 * (epoch millis), so that its time-based behaviour (group wait and interval, repeat interval,
 * silences, maintenance windows) is tested without real waiting. Semantics follow Alertmanager:
 * a new group waits {@code groupWait}, then is flushed every {@code groupInterval}; a flush notifies
 * when a firing alert was not in the last notification, when a notified alert resolved (if resolved
 * notifications are on), or when {@code repeatInterval} has passed; suppressed alerts are left out.
 * Beyond Alertmanager: an acknowledged alert is notified once more at once (so every channel shows who
 * took it) and no longer counts for repeats, and an escalation can ask for a group's notification now.
 *
 * <p>Routing, grouping, inhibition and silences read the alert as fired; notifications show only the scrubbed alert.
 * A group's public key and labels (in notifications, {@link #groupAlerts(String)}) are formed from the scrubbed
 * values; when scrubbing changed one of them, the key ends in {@code #} and a keyed pseudonym of the group's own key,
 * so groups that differ only in redacted values ({@code token=a}, {@code token=b}) keep distinct public keys (and
 * distinct PagerDuty incidents).
 */
public final class AlertEngine implements IncidentTracker.Routing {

    /** Where the engine's notifications go, forward: the outbox. */
    @FunctionalInterface
    public interface Notifications {
        /** A notification for {@code channels}. */
        void notification(List<String> channels, AlertNotification notification);
    }

    /** Where the engine's state changes go, to be kept. */
    public interface Records {
        /** An alert was created or changed in a way worth persisting. */
        void alertChanged(ActiveAlert alert);

        /** An alert is done: resolved and reported (or never notified). */
        void alertRetired(ActiveAlert alert);

        /** A silence ended. */
        void silenceExpired(String id);
    }

    /** Both, in one object (tests). */
    public interface Sink extends Notifications, Records {
    }

    /** What {@link #fire} did. */
    public enum FireOutcome {
        /** A new alert, or one that fires again after it resolved. */
        FIRED,
        /** The alert already fired. */
        DEDUPLICATED,
        /** The engine holds its maximum of alerts; this new one was not taken. */
        LIMIT
    }

    private record SilenceEntry(String id, Silence silence, long startsAt, long endsAt) {
    }

    private record Flush(long at, AggregationGroup group, long version) {
    }

    private final AlertRouteNode root;
    private final List<InhibitRule> inhibitRules;
    private final List<Map<String, Integer>> inhibitSources = new ArrayList<>();
    private final List<MaintenanceWindow> maintenanceWindows;
    private final int maxActive;
    private final int maxAlertsPerNotification;
    private final Notifications notifications;
    private final Records sink;
    private final Supplier<String> ids;
    private final Map<String, ActiveAlert> active = new HashMap<>();
    private final Map<String, AggregationGroup> groups = new HashMap<>();
    private final Map<String, AggregationGroup> groupsByPublicKey = new HashMap<>();
    private final UnaryOperator<String> pseudonyms;
    private final PriorityQueue<Flush> flushes = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Map<String, SilenceEntry> silences = new LinkedHashMap<>();

    /**
     * @param maxActive the most alerts held at once (firing, or resolved and not yet reported)
     * @param maxAlertsPerNotification the most alerts listed in detail in one notification
     * @param ids source of unique notification ids
     */
    public AlertEngine(AlertRouteNode root, List<InhibitRule> inhibitRules, List<MaintenanceWindow> maintenanceWindows,
            int maxActive, int maxAlertsPerNotification, Sink sink, Supplier<String> ids) {
        this(root, inhibitRules, maintenanceWindows, maxActive, maxAlertsPerNotification, sink, ids,
                new AlertRedaction(Scrubber.defaults())::pseudonym);
    }

    /**
     * As {@link #AlertEngine(AlertRouteNode, List, List, int, int, Sink, Supplier)}.
     *
     * @param pseudonyms the keyed pseudonym of a group's key, appended to its public key when scrubbing changed it
     */
    public AlertEngine(AlertRouteNode root, List<InhibitRule> inhibitRules, List<MaintenanceWindow> maintenanceWindows,
            int maxActive, int maxAlertsPerNotification, Sink sink, Supplier<String> ids, UnaryOperator<String> pseudonyms) {
        this(root, inhibitRules, maintenanceWindows, maxActive, maxAlertsPerNotification, sink, sink, ids, pseudonyms);
    }

    /**
     * As {@link #AlertEngine(AlertRouteNode, List, List, int, int, Sink, Supplier, UnaryOperator)}, with the
     * notifications going straight on to {@code notifications} (the outbox) and the state changes to {@code records}.
     */
    public AlertEngine(AlertRouteNode root, List<InhibitRule> inhibitRules, List<MaintenanceWindow> maintenanceWindows,
            int maxActive, int maxAlertsPerNotification, Notifications notifications, Records records, Supplier<String> ids,
            UnaryOperator<String> pseudonyms) {
        this.notifications = notifications;
        this.pseudonyms = pseudonyms;
        this.root = root;
        this.inhibitRules = List.copyOf(inhibitRules);
        for (int i = 0; i < this.inhibitRules.size(); i++) {
            inhibitSources.add(new HashMap<>());
        }
        this.maintenanceWindows = List.copyOf(maintenanceWindows);
        this.maxActive = maxActive;
        this.maxAlertsPerNotification = maxAlertsPerNotification;
        this.sink = records;
        this.ids = ids;
    }

    /** The alert held under {@code fingerprint}, or null. */
    public @Nullable ActiveAlert get(String fingerprint) {
        return active.get(fingerprint);
    }

    /** The number of alerts held. */
    public int activeCount() {
        return active.size();
    }

    /** The alerts held. */
    public Collection<ActiveAlert> activeAlerts() {
        return active.values();
    }

    /**
     * Takes a fire of {@code raw} (already scrubbed as {@code scrubbed}) at {@code now}.
     *
     * @param fingerprint {@code raw.fingerprint()}
     */
    public FireOutcome fire(String fingerprint, Alert raw, Alert scrubbed, long now) {
        return fire(fingerprint, raw, scrubbed, now, false);
    }

    /**
     * As {@link #fire(String, Alert, Alert, long)}; with {@code exempt} the alert is taken even when the
     * engine holds its maximum (for the dispatcher's own few alerts, which report that very condition).
     */
    public FireOutcome fire(String fingerprint, Alert raw, Alert scrubbed, long now, boolean exempt) {
        ActiveAlert alert = active.get(fingerprint);
        if (alert != null) {
            if (alert.isFiring()) {
                alert.fireCount = alert.fireCount + 1; // single writer
                if (alert.raw != raw && !alert.raw.equals(raw)) {
                    update(alert, raw, scrubbed);
                }
                return FireOutcome.DEDUPLICATED;
            }
            // fires again before its resolution was reported: a new occurrence
            if (alert.raw != raw && !alert.raw.equals(raw)) {
                update(alert, raw, scrubbed);
            }
            alert.endsAt = 0;
            alert.startsAt = now;
            alert.fireCount = 1;
            alert.suppressedBy = null;
            alert.acknowledgement = null;
            alert.escalationLevel = 0;
            addInhibitSource(alert);
            sink.alertChanged(alert);
            return FireOutcome.FIRED;
        }
        if (active.size() >= maxActive && !exempt) {
            return FireOutcome.LIMIT;
        }
        alert = new ActiveAlert(fingerprint, raw, scrubbed, now, inhibitRules.size());
        active.put(fingerprint, alert);
        addInhibitSource(alert);
        for (AlertRouteNode route : root.match(raw)) {
            join(alert, route, now);
        }
        sink.alertChanged(alert);
        return FireOutcome.FIRED;
    }

    /**
     * Counts a fire of {@code raw} that only repeats an alert already firing, unchanged: the cheap path
     * of deduplication, which needs no scrubbing.
     *
     * @return the alert if it was such a repeat (and was counted), else null: then call {@link #fire}
     */
    public @Nullable ActiveAlert tryRepeat(Alert raw) {
        ActiveAlert alert = active.get(raw.fingerprint());
        if (alert != null && alert.isFiring() && (alert.raw == raw || alert.raw.equals(raw))) {
            alert.fireCount = alert.fireCount + 1; // single writer
            return alert;
        }
        return null;
    }

    private void update(ActiveAlert alert, Alert raw, Alert scrubbed) {
        removeInhibitSource(alert);
        alert.raw = raw;
        alert.scrubbed = scrubbed;
        if (alert.isFiring()) {
            addInhibitSource(alert);
        }
        sink.alertChanged(alert);
    }

    /**
     * Resolves the alert held under {@code fingerprint} at {@code now}.
     *
     * @return the alert, or null if none fires under that fingerprint
     */
    public @Nullable ActiveAlert resolve(String fingerprint, long now) {
        ActiveAlert alert = active.get(fingerprint);
        if (alert == null || !alert.isFiring()) {
            return null;
        }
        alert.endsAt = Math.max(now, alert.startsAt);
        removeInhibitSource(alert);
        if (alert.groups.isEmpty()) {
            retire(alert);
        } else {
            sink.alertChanged(alert);
        }
        return alert;
    }

    /**
     * Acknowledges the firing alert held under {@code fingerprint}: its groups that notified it are notified
     * again now (showing the acknowledgement), and it no longer makes its groups repeat.
     *
     * @return the alert, or null if no unacknowledged alert fires under that fingerprint
     */
    public @Nullable ActiveAlert acknowledge(String fingerprint, AlertAcknowledgement acknowledgement, long now) {
        ActiveAlert alert = active.get(fingerprint);
        if (alert == null || !alert.isFiring() || alert.acknowledgement != null) {
            return null;
        }
        alert.acknowledgement = acknowledgement;
        for (AggregationGroup group : alert.groups) {
            if (group.notifiedFiring.contains(fingerprint)) {
                schedule(group, now);
            }
        }
        return alert;
    }

    /**
     * Marks the firing alert under {@code fingerprint} as escalated to {@code level}; with {@code renotify}, every
     * group that already notified it is notified again now, changed or not (a group still in its group wait will
     * show the level in its first notification).
     *
     * @return the channels of the alert's groups, or an empty list if no such alert fires
     */
    @Override
    public List<String> escalate(String fingerprint, int level, boolean renotify, long now) {
        ActiveAlert alert = active.get(fingerprint);
        if (alert == null || !alert.isFiring()) {
            return List.of();
        }
        alert.escalationLevel = level;
        List<String> channels = new ArrayList<>();
        for (AggregationGroup group : alert.groups) {
            for (String channel : group.route.channels) {
                if (!channels.contains(channel)) {
                    channels.add(channel);
                }
            }
            if (renotify && group.notifiedFiring.contains(fingerprint)) {
                group.forced = true;
                schedule(group, now);
            }
        }
        return channels;
    }

    /** The firing alerts of the group {@code groupKey} (its public key, as in {@link AlertNotification#groupKey()}). */
    public List<ActiveAlert> groupAlerts(String groupKey) {
        AggregationGroup group = groupsByPublicKey.get(groupKey);
        if (group == null) {
            return List.of();
        }
        List<ActiveAlert> firing = new ArrayList<>();
        for (ActiveAlert alert : group.alerts.values()) {
            if (alert.isFiring()) {
                firing.add(alert);
            }
        }
        return firing;
    }

    /** Puts back an alert's acknowledgement and escalation level after a restart (after {@link #restore}). */
    public void restoreEscalation(String fingerprint, @Nullable AlertAcknowledgement acknowledgement, int level) {
        ActiveAlert alert = active.get(fingerprint);
        if (alert == null || !alert.isFiring()) {
            return;
        }
        alert.acknowledgement = acknowledgement;
        alert.escalationLevel = level;
        if (acknowledgement != null) {
            for (AggregationGroup group : alert.groups) {
                if (group.notifiedFiring.contains(fingerprint)) {
                    group.notifiedAcknowledged.add(fingerprint);
                }
            }
        }
    }

    /**
     * Puts back an alert from the journal after a restart.
     *
     * @param notified whether its firing had been notified before the restart
     */
    public void restore(String fingerprint, Alert scrubbed, long startsAt, long endsAt, boolean notified, long now) {
        if (active.containsKey(fingerprint)) {
            return;
        }
        ActiveAlert alert = new ActiveAlert(fingerprint, scrubbed, scrubbed, startsAt, inhibitRules.size());
        alert.endsAt = endsAt;
        alert.notified = notified;
        active.put(fingerprint, alert);
        if (alert.isFiring()) {
            addInhibitSource(alert);
        }
        for (AlertRouteNode route : root.match(scrubbed)) {
            AggregationGroup group = join(alert, route, now);
            if (notified) {
                group.notifiedFiring.add(fingerprint);
                group.lastNotifiedAt = now;
            }
        }
        if (alert.groups.isEmpty() && !alert.isFiring()) {
            retire(alert);
        }
    }

    private AggregationGroup join(ActiveAlert alert, AlertRouteNode route, long now) {
        // the group is the values as fired: token=a and token=b are two groups, though both read token=[secret]
        String rendered = render(groupLabels(alert.raw, route));
        String key = route.receiver + ":" + rendered;
        AggregationGroup group = groups.get(key);
        if (group == null) {
            Map<String, String> labels = groupLabels(alert.scrubbed, route);
            String shown = render(labels);
            String publicKey = route.receiver + ":" + shown + (shown.equals(rendered) ? "" : "#" + pseudonyms.apply(key));
            group = new AggregationGroup(route, key, publicKey, labels);
            groups.put(key, group);
            groupsByPublicKey.put(publicKey, group);
            schedule(group, now + route.groupWaitMillis);
        }
        group.alerts.put(alert.fingerprint, alert);
        alert.groups.add(group);
        return group;
    }

    private static Map<String, String> groupLabels(Alert alert, AlertRouteNode route) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (route.groupByEachAlert) {
            labels.put(Alert.ALERTNAME_LABEL, alert.name());
            labels.putAll(alert.labels());
            return labels;
        }
        for (String label : route.groupBy) {
            String value = alert.labelValue(label);
            if (!value.isEmpty()) {
                labels.put(label, value);
            }
        }
        return labels;
    }

    private static String render(Map<String, String> labels) {
        StringBuilder text = new StringBuilder("{");
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(label.getKey()).append("=\"").append(label.getValue().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        return text.append('}').toString();
    }

    private void schedule(AggregationGroup group, long at) {
        group.version++;
        group.nextFlushAt = at;
        flushes.add(new Flush(at, group, group.version));
    }

    /** When {@link #tick} next has work, in epoch millis; {@link Long#MAX_VALUE} if never. */
    public long nextDeadline() {
        while (!flushes.isEmpty()) {
            Flush next = flushes.peek();
            if (next.version == next.group.version && groups.get(next.group.key) == next.group) {
                return next.at;
            }
            flushes.poll();
        }
        return Long.MAX_VALUE;
    }

    /** Flushes every group that is due at {@code now}. */
    public void tick(long now) {
        pruneSilences(now);
        List<MaintenanceWindow> open = openWindows(now);
        while (!flushes.isEmpty() && flushes.peek().at <= now) {
            Flush due = flushes.poll();
            AggregationGroup group = due.group;
            if (due.version != group.version || groups.get(group.key) != group) {
                continue;
            }
            flush(group, now, open);
        }
    }

    /** Flushes every group now, whatever its schedule (used when closing). */
    public void flushAll(long now) {
        List<MaintenanceWindow> open = openWindows(now);
        for (AggregationGroup group : new ArrayList<>(groups.values())) {
            flush(group, now, open);
        }
    }

    private void flush(AggregationGroup group, long now, List<MaintenanceWindow> open) {
        List<ActiveAlert> firing = new ArrayList<>();
        List<ActiveAlert> resolved = new ArrayList<>();
        for (ActiveAlert alert : group.alerts.values()) {
            if (!alert.isFiring()) {
                resolved.add(alert);
            } else if (suppression(alert.raw, alert.fingerprint, now, open) == null) {
                firing.add(alert);
            }
        }
        boolean changed = false;
        boolean unacknowledged = false;
        for (ActiveAlert alert : firing) {
            if (!group.notifiedFiring.contains(alert.fingerprint)
                    || (alert.acknowledgement != null && !group.notifiedAcknowledged.contains(alert.fingerprint))) {
                changed = true;
            }
            if (alert.acknowledgement == null) {
                unacknowledged = true;
            }
        }
        List<ActiveAlert> resolvedToSend = new ArrayList<>();
        if (group.route.sendResolved) {
            for (ActiveAlert alert : resolved) {
                if (group.notifiedFiring.contains(alert.fingerprint)) {
                    resolvedToSend.add(alert);
                }
            }
        }
        // acknowledged alerts need no reminder: a group repeats only while one of its alerts is unacknowledged
        boolean repeat = unacknowledged && group.lastNotifiedAt != Long.MIN_VALUE
                && now - group.lastNotifiedAt >= group.route.repeatIntervalMillis;
        boolean forced = group.forced && !firing.isEmpty();
        group.forced = false;
        if (changed || !resolvedToSend.isEmpty() || repeat || forced) {
            notifications.notification(group.route.channels, notification(group, firing, resolvedToSend, now));
            Set<String> notified = new HashSet<>();
            Set<String> acknowledged = new HashSet<>();
            for (ActiveAlert alert : firing) {
                notified.add(alert.fingerprint);
                if (alert.acknowledgement != null) {
                    acknowledged.add(alert.fingerprint);
                }
                if (!alert.notified) {
                    alert.notified = true;
                    sink.alertChanged(alert);
                }
            }
            group.notifiedFiring = notified;
            group.notifiedAcknowledged = acknowledged;
            group.lastNotifiedAt = now;
        } else {
            for (ActiveAlert alert : resolved) {
                group.notifiedFiring.remove(alert.fingerprint);
                group.notifiedAcknowledged.remove(alert.fingerprint);
            }
        }
        for (ActiveAlert alert : resolved) {
            group.alerts.remove(alert.fingerprint);
            alert.groups.remove(group);
            if (alert.groups.isEmpty()) {
                retire(alert);
            }
        }
        if (group.alerts.isEmpty()) {
            groups.remove(group.key);
            groupsByPublicKey.remove(group.publicKey, group);
        } else {
            schedule(group, now + group.route.groupIntervalMillis);
        }
    }

    private AlertNotification notification(AggregationGroup group, List<ActiveAlert> firing, List<ActiveAlert> resolved, long now) {
        List<NotifiedAlert> shown = new ArrayList<>(Math.min(maxAlertsPerNotification, firing.size() + resolved.size()));
        int acknowledged = 0;
        for (ActiveAlert alert : firing) {
            if (alert.acknowledgement != null) {
                acknowledged++;
            }
            if (shown.size() < maxAlertsPerNotification) {
                shown.add(new NotifiedAlert(alert.scrubbed, AlertStatus.FIRING, Instant.ofEpochMilli(alert.startsAt), null,
                        alert.acknowledgement, alert.escalationLevel));
            }
        }
        for (ActiveAlert alert : resolved) {
            if (shown.size() >= maxAlertsPerNotification) {
                break;
            }
            shown.add(new NotifiedAlert(alert.scrubbed, AlertStatus.RESOLVED, Instant.ofEpochMilli(alert.startsAt),
                    Instant.ofEpochMilli(alert.endsAt), alert.acknowledgement, alert.escalationLevel));
        }
        AlertRouteNode route = group.route;
        long staleAfter = now + route.repeatIntervalMillis + 2 * route.groupIntervalMillis;
        return new AlertNotification(ids.get(), route.receiver, group.publicKey, group.labels, shown, firing.size(),
                resolved.size(), 1, Instant.ofEpochMilli(now), Instant.ofEpochMilli(staleAfter), acknowledged, List.of());
    }

    private void retire(ActiveAlert alert) {
        active.remove(alert.fingerprint);
        sink.alertRetired(alert);
    }

    /** Why the alert held under {@code fingerprint} is not notified at {@code now}, or null (also if none is held). */
    @Override
    public @Nullable String suppression(String fingerprint, long now) {
        ActiveAlert alert = active.get(fingerprint);
        return alert == null ? null : suppression(alert.raw, now);
    }

    /** Why {@code alert} is not notified at {@code now}, or null if it is. */
    public @Nullable String suppression(Alert alert, long now) {
        return suppression(alert, alert.fingerprint(), now, openWindows(now));
    }

    private @Nullable String suppression(Alert alert, String fingerprint, long now, List<MaintenanceWindow> open) {
        for (MaintenanceWindow window : open) {
            if (window.matches(alert)) {
                return "maintenance:" + window.name();
            }
        }
        for (SilenceEntry entry : silences.values()) {
            if (entry.startsAt <= now && now < entry.endsAt && entry.silence.matches(alert)) {
                return "silence:" + entry.id;
            }
        }
        for (int i = 0; i < inhibitRules.size(); i++) {
            InhibitRule rule = inhibitRules.get(i);
            if (rule.isTarget(alert)) {
                Integer sources = inhibitSources.get(i).get(equalKey(rule, alert));
                ActiveAlert self = active.get(fingerprint);
                int own = self != null && self.inhibitKeys[i] != null ? 1 : 0;
                if (sources != null && sources > own) {
                    return "inhibited";
                }
            }
        }
        return null;
    }

    private List<MaintenanceWindow> openWindows(long now) {
        if (maintenanceWindows.isEmpty()) {
            return List.of();
        }
        Instant instant = Instant.ofEpochMilli(now);
        List<MaintenanceWindow> open = new ArrayList<>(1);
        for (MaintenanceWindow window : maintenanceWindows) {
            if (window.isOpen(instant)) {
                open.add(window);
            }
        }
        return open;
    }

    private void addInhibitSource(ActiveAlert alert) {
        for (int i = 0; i < inhibitRules.size(); i++) {
            InhibitRule rule = inhibitRules.get(i);
            if (alert.inhibitKeys[i] == null && rule.isSource(alert.raw)) {
                String key = equalKey(rule, alert.raw);
                alert.inhibitKeys[i] = key;
                inhibitSources.get(i).merge(key, 1, Integer::sum);
            }
        }
    }

    private void removeInhibitSource(ActiveAlert alert) {
        for (int i = 0; i < inhibitRules.size(); i++) {
            String key = alert.inhibitKeys[i];
            if (key != null) {
                alert.inhibitKeys[i] = null;
                inhibitSources.get(i).computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
            }
        }
    }

    private static String equalKey(InhibitRule rule, Alert alert) {
        List<String> labels = rule.equalLabels();
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder key = new StringBuilder();
        for (String label : labels) {
            key.append(alert.labelValue(label)).append('\u0000');
        }
        return key.toString();
    }

    /** Adds a silence in force from {@code startsAt} to {@code endsAt} (epoch millis). */
    public void addSilence(String id, Silence silence, long startsAt, long endsAt) {
        silences.put(id, new SilenceEntry(id, silence, startsAt, endsAt));
    }

    /** The silence {@code id} if it is kept (in force or pending), else null. */
    public @Nullable Silence silence(String id) {
        SilenceEntry entry = silences.get(id);
        return entry == null ? null : entry.silence;
    }

    /** Ends a silence; returns whether it existed. */
    public boolean expireSilence(String id) {
        return silences.remove(id) != null;
    }

    /** The ids of silences not yet ended at {@code now}. */
    public List<String> silenceIds(long now) {
        pruneSilences(now);
        return new ArrayList<>(silences.keySet());
    }

    private void pruneSilences(long now) {
        for (Iterator<SilenceEntry> it = silences.values().iterator(); it.hasNext(); ) {
            SilenceEntry entry = it.next();
            if (entry.endsAt <= now) {
                it.remove();
                sink.silenceExpired(entry.id);
            }
        }
    }

    /** The receivers {@code alert} would enter. */
    public List<String> receivers(Alert alert) {
        List<String> receivers = new ArrayList<>();
        for (AlertRouteNode route : root.match(alert)) {
            receivers.add(route.receiver);
        }
        return receivers;
    }

    /** The channels {@code alert} would be notified on. */
    public List<String> channels(Alert alert) {
        List<String> channels = new ArrayList<>();
        for (AlertRouteNode route : root.match(alert)) {
            for (String channel : route.channels) {
                if (!channels.contains(channel)) {
                    channels.add(channel);
                }
            }
        }
        return channels;
    }

    /** The number of groups. */
    public int groupCount() {
        return groups.size();
    }
}
