package dev.monitor.alert.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Alerts of one route with the same group-label values, notified together; owned by the dispatcher thread. */
final class AggregationGroup {

    final AlertRouteNode route;
    final String key;
    final Map<String, String> labels;
    final Map<String, ActiveAlert> alerts = new LinkedHashMap<>();
    Set<String> notifiedFiring = new HashSet<>();
    Set<String> notifiedAcknowledged = new HashSet<>();
    boolean forced; // an escalation asks for a notification even if nothing changed
    long lastNotifiedAt = Long.MIN_VALUE;
    long nextFlushAt;
    long version;

    AggregationGroup(AlertRouteNode route, String key, Map<String, String> labels) {
        this.route = route;
        this.key = key;
        this.labels = labels;
    }
}
