package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * POSTs notifications as JSON shaped like Alertmanager's webhook (version 4), so existing
 * receivers of Alertmanager webhooks accept them unchanged:
 *
 * <pre>{@code
 * {"version":"4","groupKey":"…","truncatedAlerts":0,"status":"firing","receiver":"/",
 *  "groupLabels":{…},"commonLabels":{…},"commonAnnotations":{…},"externalURL":"",
 *  "alerts":[{"status":"firing","labels":{"alertname":"…","severity":"high",…},
 *             "annotations":{"summary":"…",…},"startsAt":"…","endsAt":"0001-01-01T00:00:00Z",
 *             "generatorURL":"","fingerprint":"…"}]}
 * }</pre>
 *
 * <p>Annotations carry the runbook ({@code runbook_url}) and response target ({@code response_target}) as
 * the alert has them, and {@code acknowledged_by}, {@code acknowledged_at}, {@code acknowledgement_comment}
 * and {@code escalation_level} when they apply.
 *
 * <p>The URL comes from the builder or {@code ALERT_WEBHOOK_URL}; extra headers (e.g. an
 * {@code Authorization} token) are sent but never logged.
 */
public final class WebhookChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "ALERT_WEBHOOK_URL";

    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String externalUrl;

    private WebhookChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.externalUrl = builder.externalUrl;
    }

    /** A builder; the URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ObjectNode root = AlertJson.object();
        root.put("version", "4");
        root.put("groupKey", notification.groupKey());
        root.put("truncatedAlerts", notification.omittedCount());
        root.put("status", notification.status().label());
        root.put("receiver", notification.receiver());
        root.set("groupLabels", AlertJson.object(notification.groupLabels()));
        root.set("commonLabels", AlertJson.object(notification.commonLabels()));
        root.set("commonAnnotations", AlertJson.object(notification.commonAnnotations()));
        root.put("externalURL", externalUrl);
        ArrayNode alerts = root.putArray("alerts");
        for (NotifiedAlert shown : notification.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.put("status", shown.status().label());
            alert.set("labels", AlertJson.object(AlertJson.labels(shown.alert())));
            alert.set("annotations", AlertJson.object(AlertJson.annotations(shown)));
            alert.put("startsAt", AlertJson.time(shown.startsAt()));
            alert.put("endsAt", shown.endsAt() == null ? ZERO_TIME : AlertJson.time(shown.endsAt()));
            alert.put("generatorURL", AlertJson.generatorUrl(shown.alert()));
            alert.put("fingerprint", shown.fingerprint());
        }
        return ChannelPayload.json(AlertJson.write(root));
    }

    /** Builds a {@link WebhookChannel}: name {@code webhook}, 10 notifications per second, the delivery defaults otherwise. */
    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        private String externalUrl = "";

        private Builder() {
            super("webhook", URL_VARIABLE, DeliveryPolicy.builder().rateLimit(10, Duration.ofSeconds(1)).build());
        }

        /** The URL to POST to; http or https. */
        public Builder url(String url) {
            return endpoint("url", url);
        }


        /** The {@code externalURL} field (e.g. a link to your service's alert page); default empty. */
        public Builder externalUrl(String externalUrl) {
            this.externalUrl = Objects.requireNonNull(externalUrl, "externalUrl");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the URL is missing or invalid
         */
        @Override
        public WebhookChannel build() {
            return new WebhookChannel(this, secretEndpoint(false));
        }
    }
}
