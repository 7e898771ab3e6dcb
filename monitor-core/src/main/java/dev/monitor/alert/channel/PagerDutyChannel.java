package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.internal.ChannelEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends notifications to the PagerDuty Events API v2: a {@code trigger} while any alert of the group
 * fires, an {@code acknowledge} once every firing alert of it is acknowledged, a {@code resolve} once all
 * have resolved, all with the same {@code dedup_key} derived from the group, so one incident follows the
 * group. Runbooks become the event's {@code links}; the response target, the escalation level and who
 * acknowledged go into {@code custom_details}. Severity maps CRITICAL→{@code critical},
 * HIGH→{@code error}, MEDIUM→{@code warning}, LOW and INFO→{@code info}; the summary is cut to
 * PagerDuty's 1,024 characters; {@code custom_details} lists the alerts. PagerDuty answers 202; a
 * 400 (invalid event) is not retried, a 429 or 5xx is.
 *
 * <p>A digest (several groups merged during a storm) triggers one incident keyed to this channel's
 * storm, and a digest in which everything resolved resolves it.
 *
 * <p>The routing key is a secret: from the builder or {@code PAGERDUTY_ROUTING_KEY}, added to the
 * request when sending, never part of the rendered payload and never logged.
 */
public final class PagerDutyChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String ROUTING_KEY_VARIABLE = "PAGERDUTY_ROUTING_KEY";
    /** The Events API v2 endpoint. */
    public static final String DEFAULT_ENDPOINT = "https://events.pagerduty.com/v2/enqueue";

    static final int SUMMARY_LIMIT = 1024;
    static final int MAX_DETAILED_ALERTS = 20;
    static final int MAX_LINKS = 5;

    private final String routingKey;
    private final String source;
    private final String clientUrl;

    private PagerDutyChannel(Builder builder, String routingKey, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.routingKey = routingKey;
        this.source = builder.source;
        this.clientUrl = builder.clientUrl;
    }

    /** A builder; the routing key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The PagerDuty severity for {@code severity}. */
    public static String severity(AlertSeverity severity) {
        return switch (severity) {
            case CRITICAL -> "critical";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "info";
        };
    }

    /** The {@code dedup_key} of a group: {@code monitor-} and 16 hex digits of a hash of the group key. */
    public static String dedupKey(String groupKey) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < groupKey.length(); i++) {
            hash = (hash ^ groupKey.charAt(i)) * 0x100000001b3L;
        }
        String hex = Long.toHexString(hash);
        return "monitor-" + "0".repeat(16 - hex.length()) + hex;
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ObjectNode root = AlertJson.object();
        String dedupKey = dedupKey(notification.groupKey());
        if (notification.firingCount() == 0) {
            root.put("event_action", "resolve");
            root.put("dedup_key", dedupKey);
            return new ChannelPayload("application/json", AlertJson.write(root), Map.of("event_action", "resolve"));
        }
        if (notification.isAcknowledged()) {
            // the Events API takes no author for an acknowledgement; PagerDuty shows it as acknowledged by the integration
            root.put("event_action", "acknowledge");
            root.put("dedup_key", dedupKey);
            return new ChannelPayload("application/json", AlertJson.write(root), Map.of("event_action", "acknowledge"));
        }
        root.put("event_action", "trigger");
        root.put("dedup_key", dedupKey);
        ObjectNode payload = root.putObject("payload");
        String title = NotificationText.title(notification);
        List<NotifiedAlert> firing = notification.firing();
        String summary = title;
        if (!notification.isDigest() && !firing.isEmpty()) {
            summary = title + ": " + firing.get(0).alert().summary();
        }
        payload.put("summary", ChannelTexts.truncate(ChannelTexts.oneLine(summary), SUMMARY_LIMIT));
        Map<String, String> common = notification.commonLabels();
        String eventSource = !source.isEmpty() ? source
                : common.getOrDefault("instance", common.getOrDefault("service", notification.receiver()));
        payload.put("source", ChannelTexts.truncate(eventSource, 255));
        payload.put("severity", severity(notification.highestSeverity()));
        payload.put("timestamp", AlertJson.time(notification.createdAt()));
        if (common.containsKey("service")) {
            payload.put("component", ChannelTexts.truncate(common.get("service"), 255));
        }
        payload.put("group", ChannelTexts.truncate(notification.receiver(), 255));
        if (common.containsKey("alertname")) {
            payload.put("class", ChannelTexts.truncate(common.get("alertname"), 255));
        }
        ObjectNode details = payload.putObject("custom_details");
        AlertJson.putSummary(details, notification, MAX_DETAILED_ALERTS);
        details.set("common_labels", AlertJson.object(common));
        ArrayNode acknowledged = null;
        List<String> runbooks = new ArrayList<>();
        int escalationLevel = 0;
        String responseTarget = "";
        for (NotifiedAlert alert : notification.alerts()) {
            String runbook = NotificationText.runbookUrl(alert.alert());
            if (!runbook.isEmpty() && !runbooks.contains(runbook) && runbooks.size() < MAX_LINKS) {
                runbooks.add(runbook);
            }
            if (alert.isFiring() && alert.acknowledgement() != null) {
                if (acknowledged == null) {
                    acknowledged = details.putArray("acknowledged");
                }
                if (acknowledged.size() < MAX_DETAILED_ALERTS) {
                    acknowledged.add(ChannelTexts.truncate(alert.alert().name() + ": "
                            + NotificationText.acknowledged(alert.acknowledgement()), 500));
                }
            }
            if (alert.isFiring() && !alert.isAcknowledged()) {
                escalationLevel = Math.max(escalationLevel, alert.escalationLevel());
                if (responseTarget.isEmpty()) {
                    responseTarget = NotificationText.responseTarget(alert);
                }
            }
        }
        if (!responseTarget.isEmpty()) {
            details.put("response_target", responseTarget);
        }
        if (escalationLevel > 1) {
            details.put("escalation_level", escalationLevel);
        }
        if (!runbooks.isEmpty()) {
            ArrayNode links = root.putArray("links");
            for (int i = 0; i < runbooks.size(); i++) {
                links.addObject().put("href", runbooks.get(i)).put("text", runbooks.size() == 1 ? "Runbook" : "Runbook " + (i + 1));
            }
        }
        root.put("client", "monitor");
        if (!clientUrl.isEmpty()) {
            root.put("client_url", clientUrl);
        }
        return new ChannelPayload("application/json", AlertJson.write(root), Map.of("event_action", "trigger"));
    }

    /** The routing key joins the body only here, so previews and logs never see it. */
    @Override
    protected ChannelPayload request(ChannelPayload rendered) {
        String body = rendered.body();
        String withKey = "{\"routing_key\":" + AlertJson.string(routingKey) + (body.length() > 2 ? "," : "") + body.substring(1);
        return new ChannelPayload(rendered.contentType(), withKey, Map.of());
    }

    /**
     * Builds a {@link PagerDutyChannel}: name {@code pagerduty}, two events per second, the delivery defaults otherwise.
     */
    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        private String routingKey = "";
        private String keySetting = "routingKey";
        private String source = "";
        private String clientUrl = "";

        private Builder() {
            super("pagerduty", null, DeliveryPolicy.builder().rateLimit(2, Duration.ofSeconds(1)).build());
            endpoint("endpoint", DEFAULT_ENDPOINT);
        }

        /** The integration's routing key (a secret). */
        public Builder routingKey(String routingKey) {
            this.routingKey = Objects.requireNonNull(routingKey, "routingKey");
            this.keySetting = "routingKey";
            return this;
        }

        /** Reads the routing key from {@code PAGERDUTY_ROUTING_KEY} in {@code environment}. */
        @Override
        public Builder fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            this.routingKey = environment.getOrDefault(ROUTING_KEY_VARIABLE, "");
            this.keySetting = ROUTING_KEY_VARIABLE;
            return this;
        }

        /** The Events API endpoint (default {@value PagerDutyChannel#DEFAULT_ENDPOINT}); https unless loopback. */
        public Builder endpoint(String endpoint) {
            return endpoint("endpoint", endpoint);
        }

        /** The event's {@code source} (default: the alerts' common {@code instance} or {@code service} label). */
        public Builder source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** A link shown with the incident ({@code client_url}), e.g. your service's dashboard. */
        public Builder clientUrl(String clientUrl) {
            this.clientUrl = Objects.requireNonNull(clientUrl, "clientUrl");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the routing key is missing or not 32 letters and digits, or the
         *     endpoint is invalid
         */
        @Override
        public PagerDutyChannel build() {
            String key = ChannelEndpoints.required(keySetting, routingKey,
                    "set it to the 32-character integration key of a PagerDuty Events API v2 integration");
            boolean valid = key.length() == 32;
            for (int i = 0; valid && i < key.length(); i++) {
                valid = Character.isLetterOrDigit(key.charAt(i)) && key.charAt(i) < 128;
            }
            if (!valid) {
                throw new IllegalArgumentException(keySetting + " must be the 32-character integration key (letters and "
                        + "digits) of a PagerDuty Events API v2 integration, was a value of " + key.length() + " characters");
            }
            return new PagerDutyChannel(this, key, serviceEndpoint(true).withSecret(key));
        }
    }
}
