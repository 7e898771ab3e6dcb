package dev.monitor.alert;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A node of the routing tree: which alerts it takes (matchers), where they go (channels), and how
 * they are grouped and repeated. Works like an Alertmanager route: an alert enters at the root and
 * descends into the first child whose matchers all hold; it continues with the next siblings only
 * when that child has {@link Builder#continueMatching(boolean) continueMatching}; when no child
 * takes it, the node itself does. Unset settings are inherited from the parent; the root's unset
 * settings take the defaults: every channel, grouped by {@code alertname}, group wait 30 s, group
 * interval 5 min, repeat interval 4 h, resolved notifications on.
 *
 * <pre>{@code
 * AlertRoute root = AlertRoute.builder()
 *         .channels("slack")
 *         .groupBy("alertname", "service")
 *         .route(AlertRoute.builder().name("pager")
 *                 .match(AlertMatcher.severity(AlertSeverity.CRITICAL))
 *                 .channels("pagerduty")
 *                 .continueMatching(true)
 *                 .build())
 *         .build();
 * }</pre>
 */
public final class AlertRoute {

    /** A {@link Builder#groupBy(String...)} value that puts every alert in its own group. */
    public static final String EACH_ALERT = "...";

    /** Default time a new group waits for more alerts before its first notification. */
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    /** Default time between notifications of a group whose alerts changed. */
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    /** Default time after which an unchanged, still firing group is notified again. */
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    private final @Nullable String name;
    private final List<AlertMatcher> matchers;
    private final @Nullable List<String> channels;
    private final @Nullable List<String> groupBy;
    private final @Nullable Duration groupWait;
    private final @Nullable Duration groupInterval;
    private final @Nullable Duration repeatInterval;
    private final @Nullable Boolean sendResolved;
    private final boolean continueMatching;
    private final List<AlertRoute> routes;

    private AlertRoute(Builder builder) {
        this.name = builder.name;
        this.matchers = List.copyOf(builder.matchers);
        this.channels = builder.channels == null ? null : List.copyOf(builder.channels);
        this.groupBy = builder.groupBy == null ? null : List.copyOf(builder.groupBy);
        this.groupWait = builder.groupWait;
        this.groupInterval = builder.groupInterval;
        this.repeatInterval = builder.repeatInterval;
        this.sendResolved = builder.sendResolved;
        this.continueMatching = builder.continueMatching;
        this.routes = Collections.unmodifiableList(new ArrayList<>(builder.routes));
    }

    /** A builder with nothing set: matches every alert and inherits every setting. */
    public static Builder builder() {
        return new Builder();
    }

    /** The name shown as the receiver in payloads; {@code null} to use the route's position. */
    public @Nullable String name() {
        return name;
    }

    /** The matchers that must all hold for an alert to enter this route. */
    public List<AlertMatcher> matchers() {
        return matchers;
    }

    /** The channel names, or {@code null} to inherit. */
    public @Nullable List<String> channels() {
        return channels;
    }

    /** The grouping labels, or {@code null} to inherit; {@code [...]} means one group per alert. */
    public @Nullable List<String> groupBy() {
        return groupBy;
    }

    /** The group wait, or {@code null} to inherit. */
    public @Nullable Duration groupWait() {
        return groupWait;
    }

    /** The group interval, or {@code null} to inherit. */
    public @Nullable Duration groupInterval() {
        return groupInterval;
    }

    /** The repeat interval, or {@code null} to inherit. */
    public @Nullable Duration repeatInterval() {
        return repeatInterval;
    }

    /** Whether resolved notifications are sent, or {@code null} to inherit. */
    public @Nullable Boolean sendResolved() {
        return sendResolved;
    }

    /** Whether matching continues with the next sibling after this route took an alert. */
    public boolean continueMatching() {
        return continueMatching;
    }

    /** The child routes, in matching order. */
    public List<AlertRoute> routes() {
        return routes;
    }

    /** Whether every matcher holds for {@code alert}. */
    public boolean matches(Alert alert) {
        for (AlertMatcher matcher : matchers) {
            if (!matcher.test(alert)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "AlertRoute{" + (name != null ? name + ", " : "") + "matchers=" + matchers + ", channels=" + channels
                + ", routes=" + routes.size() + '}';
    }

    /** Builds a {@link AlertRoute}; every setter validates its argument. */
    public static final class Builder {
        private @Nullable String name;
        private final List<AlertMatcher> matchers = new ArrayList<>();
        private @Nullable List<String> channels;
        private @Nullable List<String> groupBy;
        private @Nullable Duration groupWait;
        private @Nullable Duration groupInterval;
        private @Nullable Duration repeatInterval;
        private @Nullable Boolean sendResolved;
        private boolean continueMatching;
        private final List<AlertRoute> routes = new ArrayList<>();

        private Builder() {
        }

        /**
         * A name for this route, shown as the receiver in payloads (default: its position, e.g. {@code /0/1}).
         *
         * @throws IllegalArgumentException if it does not follow {@link Names#requireName the name rule}
         */
        public Builder name(String name) {
            this.name = Names.requireName("route name", name);
            return this;
        }

        /** Adds matchers; all must hold. */
        public Builder match(AlertMatcher... matchers) {
            Objects.requireNonNull(matchers, "matchers");
            for (AlertMatcher matcher : matchers) {
                this.matchers.add(Objects.requireNonNull(matcher, "matchers must not contain null"));
            }
            return this;
        }

        /** The channels (by {@link dev.monitor.alert.channel.AlertChannel#name() name}) this route notifies. */
        public Builder channels(String... channels) {
            Objects.requireNonNull(channels, "channels");
            List<String> list = new ArrayList<>();
            for (String channel : channels) {
                list.add(Names.requireName("channel name", channel));
            }
            this.channels = list;
            return this;
        }

        /**
         * The labels whose values define a group (default {@code alertname}); {@link #EACH_ALERT} for one group per alert.
         * Groups are formed on the values as fired; a value under a name that marks a secret ({@code token}) still tells
         * groups apart, and leaves redacted.
         *
         * @throws IllegalArgumentException if a label does not follow {@link Names#requireLabelKey the label-key rule}
         */
        public Builder groupBy(String... labels) {
            Objects.requireNonNull(labels, "labels");
            List<String> list = new ArrayList<>();
            for (String label : labels) {
                Objects.requireNonNull(label, "groupBy labels must not contain null");
                list.add(EACH_ALERT.equals(label) ? label : Names.requireLabelKey("groupBy label", label));
            }
            if (list.contains(EACH_ALERT) && list.size() > 1) {
                throw new IllegalArgumentException("groupBy " + EACH_ALERT + " cannot be combined with other labels, was " + list);
            }
            this.groupBy = list;
            return this;
        }

        /** Puts every alert in its own group (Alertmanager's {@code group_by: ['...']}). */
        public Builder groupByEachAlert() {
            return groupBy(EACH_ALERT);
        }

        /** How long a new group waits for more alerts before notifying (default 30 s); 0 to 366 days. */
        public Builder groupWait(Duration groupWait) {
            this.groupWait = DurationLimits.requirePeriodOrZero("groupWait", groupWait);
            return this;
        }

        /** How long to wait before notifying a group whose alerts changed (default 5 min); greater than 0, at most 366 days. */
        public Builder groupInterval(Duration groupInterval) {
            this.groupInterval = DurationLimits.requirePeriod("groupInterval", groupInterval);
            return this;
        }

        /**
         * How long before an unchanged, still firing group is notified again (default 4 h); greater than 0, at most 366
         * days.
         */
        public Builder repeatInterval(Duration repeatInterval) {
            this.repeatInterval = DurationLimits.requirePeriod("repeatInterval", repeatInterval);
            return this;
        }

        /** Whether to notify when alerts resolve (default true). */
        public Builder sendResolved(boolean sendResolved) {
            this.sendResolved = sendResolved;
            return this;
        }

        /** Whether matching continues with the next sibling after this route took an alert (default false). */
        public Builder continueMatching(boolean continueMatching) {
            this.continueMatching = continueMatching;
            return this;
        }

        /** Adds a child route; children are tried in the order added. */
        public Builder route(AlertRoute child) {
            routes.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Builds the route. */
        public AlertRoute build() {
            return new AlertRoute(this);
        }
    }
}
