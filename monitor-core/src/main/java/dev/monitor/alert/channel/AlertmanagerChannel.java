package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hands alerts to a Prometheus Alertmanager through its API v2 ({@code POST /api/v2/alerts}): the
 * hand-off for services running many replicas, since Alertmanager deduplicates alerts with the same
 * labels from every replica into one. Each alert is posted with its labels ({@code alertname},
 * {@code severity} and the alert's labels), annotations ({@code summary}, {@code description}, the
 * alert's annotations), {@code startsAt}, and {@code endsAt}: the resolve time once resolved, and while
 * firing the notification's {@link AlertNotification#staleAfter() staleAfter}, so Alertmanager keeps the
 * alert firing until the next repeat re-sends it and resolves it by itself if the service disappears.
 * Acknowledgements and escalation levels travel as annotations ({@code acknowledged_by},
 * {@code acknowledged_at}, {@code escalation_level}), as in {@link WebhookChannel}.
 *
 * <p>AlertRoute this channel with {@code AlertRoute.builder().groupByEachAlert()} and a short
 * {@code repeatInterval} (e.g. 1 min) so that every alert is posted and re-sent individually; let
 * Alertmanager do the grouping. The URL comes from the builder or {@code ALERTMANAGER_URL}.
 */
public final class AlertmanagerChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "ALERTMANAGER_URL";

    private final String generatorUrl;

    private AlertmanagerChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.generatorUrl = builder.generatorUrl;
    }

    /** A builder; the Alertmanager URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ArrayNode alerts = AlertJson.array();
        for (NotifiedAlert shown : notification.alerts()) {
            ObjectNode alert = alerts.addObject();
            alert.set("labels", AlertJson.object(AlertJson.labels(shown.alert())));
            alert.set("annotations", AlertJson.object(AlertJson.annotations(shown)));
            alert.put("startsAt", AlertJson.time(shown.startsAt()));
            alert.put("endsAt", AlertJson.time(shown.endsAt() != null ? shown.endsAt() : notification.staleAfter()));
            String url = AlertJson.generatorUrl(shown.alert());
            alert.put("generatorURL", url.isEmpty() ? generatorUrl : url);
        }
        return ChannelPayload.json(AlertJson.write(alerts));
    }

    /** Builds an {@link AlertmanagerChannel}: name {@code alertmanager}, ten requests per second, the delivery defaults otherwise. */
    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        private String generatorUrl = "";

        private Builder() {
            super("alertmanager", URL_VARIABLE, DeliveryPolicy.builder().rateLimit(10, Duration.ofSeconds(1)).build());
        }

        /** Alertmanager's base URL, e.g. {@code http://alertmanager:9093}. */
        public Builder url(String url) {
            return endpoint("url", url);
        }


        /** The {@code generatorURL} of alerts whose source is not a URL (default empty). */
        public Builder generatorUrl(String generatorUrl) {
            this.generatorUrl = Objects.requireNonNull(generatorUrl, "generatorUrl");
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the URL is missing or invalid
         */
        @Override
        public AlertmanagerChannel build() {
            return new AlertmanagerChannel(this, serviceEndpoint(false).resolve("/api/v2/alerts"));
        }
    }
}
