package dev.monitor.alert.internal;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Alerts of one route with the same group-label values (as fired), notified together; owned by the dispatcher thread.
 * {@link #key} is formed from the values as fired and never leaves the engine; notifications carry {@link #publicKey}
 * and {@link #labels}, formed from the scrubbed values (see {@link AlertEngine}).
 */
final class AggregationGroup {

    final AlertRouteNode route;
    final String key;
    final String publicKey;
    final Map<String, String> labels;
    final Map<String, ActiveAlert> alerts = new LinkedHashMap<>();
    Set<String> notifiedFiring = new HashSet<>();
    Set<String> notifiedAcknowledged = new HashSet<>();
    boolean forced; // an escalation asks for a notification even if nothing changed
    long lastNotifiedAt = Long.MIN_VALUE;
    long nextFlushAt;
    long version;

    AggregationGroup(AlertRouteNode route, String key, String publicKey, Map<String, String> labels) {
        this.route = route;
        this.key = key;
        this.publicKey = publicKey;
        this.labels = labels;
    }
}
