package dev.monitor.alert.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A {@link AlertRoute} with every inherited setting resolved, ready for matching. */
public final class AlertRouteNode {

    final String receiver;
    final List<AlertMatcher> matchers;
    final List<String> channels;
    final List<String> groupBy;
    final boolean groupByEachAlert;
    final long groupWaitMillis;
    final long groupIntervalMillis;
    final long repeatIntervalMillis;
    final boolean sendResolved;
    final boolean continueMatching;
    final List<AlertRouteNode> children = new ArrayList<>();

    private AlertRouteNode(AlertRoute route, @Nullable AlertRouteNode parent, String position, Collection<String> allChannels) {
        this.receiver = route.name() != null ? route.name() : position;
        this.matchers = route.matchers();
        List<String> channels = route.channels();
        this.channels = channels != null ? channels : parent != null ? parent.channels : List.copyOf(allChannels);
        List<String> groupBy = route.groupBy();
        this.groupBy = groupBy != null ? groupBy : parent != null ? parent.groupBy : List.of(Alert.ALERTNAME_LABEL);
        this.groupByEachAlert = this.groupBy.contains(AlertRoute.EACH_ALERT);
        this.groupWaitMillis = millis(route.groupWait(), parent != null ? parent.groupWaitMillis : AlertRoute.DEFAULT_GROUP_WAIT.toMillis());
        this.groupIntervalMillis = millis(route.groupInterval(),
                parent != null ? parent.groupIntervalMillis : AlertRoute.DEFAULT_GROUP_INTERVAL.toMillis());
        this.repeatIntervalMillis = millis(route.repeatInterval(),
                parent != null ? parent.repeatIntervalMillis : AlertRoute.DEFAULT_REPEAT_INTERVAL.toMillis());
        Boolean sendResolved = route.sendResolved();
        this.sendResolved = sendResolved != null ? sendResolved : parent == null || parent.sendResolved;
        this.continueMatching = route.continueMatching();
        List<AlertRoute> routes = route.routes();
        for (int i = 0; i < routes.size(); i++) {
            children.add(new AlertRouteNode(routes.get(i), this, position.equals("/") ? "/" + i : position + "/" + i, allChannels));
        }
    }

    /** Resolves the tree under {@code root}; channels left unset anywhere mean every channel. */
    public static AlertRouteNode resolve(AlertRoute root, Collection<String> allChannels) {
        return new AlertRouteNode(root, null, "/", allChannels);
    }

    /** Every node of the tree, depth first. */
    public List<AlertRouteNode> all() {
        List<AlertRouteNode> all = new ArrayList<>();
        collect(this, all);
        return all;
    }

    private static void collect(AlertRouteNode node, List<AlertRouteNode> into) {
        into.add(node);
        for (AlertRouteNode child : node.children) {
            collect(child, into);
        }
    }

    /** The receiver name (route name or position). */
    public String receiver() {
        return receiver;
    }

    /** The resolved channels. */
    public List<String> channels() {
        return channels;
    }

    /** The nodes that take {@code alert}, as Alertmanager's routing does. */
    public List<AlertRouteNode> match(Alert alert) {
        List<AlertRouteNode> matched = new ArrayList<>(2);
        matchInto(alert, matched);
        return matched;
    }

    private boolean matchInto(Alert alert, List<AlertRouteNode> matched) {
        for (AlertMatcher matcher : matchers) {
            if (!matcher.test(alert)) {
                return false;
            }
        }
        boolean taken = false;
        for (AlertRouteNode child : children) {
            if (child.matchInto(alert, matched)) {
                taken = true;
                if (!child.continueMatching) {
                    break;
                }
            }
        }
        if (!taken) {
            matched.add(this);
        }
        return true;
    }

    private static long millis(@Nullable Duration value, long inherited) {
        return value != null ? value.toMillis() : inherited;
    }

    @Override
    public String toString() {
        return "AlertRouteNode{" + receiver + ", channels=" + channels + '}';
    }
}
