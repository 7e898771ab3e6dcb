package dev.monitor.alert.channel;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.internal.ChannelEndpoints;
import dev.monitor.alert.channel.internal.ChannelHttpSender;
import dev.monitor.alert.channel.internal.AlertJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
public final class AlertmanagerChannel implements AlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "ALERTMANAGER_URL";

    private final String name;
    private final URI alertsUri;
    private final Map<String, String> headers;
    private final String generatorUrl;
    private final ChannelHttpSender sender;

    private AlertmanagerChannel(Builder builder, URI base) {
        this.name = builder.name;
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        this.alertsUri = URI.create(text + "/api/v2/alerts");
        this.headers = Map.copyOf(builder.headers);
        this.generatorUrl = builder.generatorUrl;
        List<String> secrets = new ArrayList<>(headers.values());
        if (base.getRawUserInfo() != null) {
            secrets.add(base.getRawUserInfo());
        }
        this.sender = new ChannelHttpSender(name, secrets);
    }

    /** A builder; the Alertmanager URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ArrayNode alerts = AlertJson.MAPPER.createArrayNode();
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

    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        return sender.post(alertsUri, payload.contentType(), payload.body(), headers, context.timeout());
    }

    /** Ten requests per second. */
    @Override
    public DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.builder().rateLimit(10, Duration.ofSeconds(1)).build();
    }

    @Override
    public String toString() {
        return "AlertmanagerChannel{" + name + ", " + alertsUri.getHost() + ":" + alertsUri.getPort() + '}';
    }

    /** Builds an {@link AlertmanagerChannel}. */
    public static final class Builder {
        private String name = "alertmanager";
        private String url = "";
        private String urlSetting = "url";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String generatorUrl = "";

        private Builder() {
        }

        /** The channel name (default {@code alertmanager}). */
        public Builder name(String name) {
            this.name = ChannelNames.check(name);
            return this;
        }

        /** Alertmanager's base URL, e.g. {@code http://alertmanager:9093}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            this.urlSetting = "url";
            return this;
        }

        /** Reads the base URL from {@code ALERTMANAGER_URL} in {@code environment}. */
        public Builder fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            this.url = environment.getOrDefault(URL_VARIABLE, "");
            this.urlSetting = URL_VARIABLE;
            return this;
        }

        /** Adds a header sent with every request (e.g. {@code Authorization}); its value is treated as a secret. */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "header name");
            Objects.requireNonNull(value, "header value");
            if (name.isBlank() || name.indexOf(':') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header '" + name + "' must be a token with a single-line value");
            }
            headers.put(name, value);
            return this;
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
        public AlertmanagerChannel build() {
            return new AlertmanagerChannel(this, ChannelEndpoints.url(urlSetting, url, false, false));
        }
    }
}
