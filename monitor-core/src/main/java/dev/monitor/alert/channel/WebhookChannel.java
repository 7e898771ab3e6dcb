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
public final class WebhookChannel implements AlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "ALERT_WEBHOOK_URL";

    private static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private final String name;
    private final URI url;
    private final Map<String, String> headers;
    private final String externalUrl;
    private final ChannelHttpSender sender;

    private WebhookChannel(Builder builder, URI url) {
        this.name = builder.name;
        this.url = url;
        this.headers = Map.copyOf(builder.headers);
        this.externalUrl = builder.externalUrl;
        List<String> secrets = new ArrayList<>(headers.values());
        secrets.add(url.toString());
        if (url.getRawQuery() != null) {
            secrets.add(url.getRawQuery());
        }
        this.sender = new ChannelHttpSender(name, secrets);
    }

    /** A builder; the URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
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

    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        return sender.post(url, payload.contentType(), payload.body(), headers, context.timeout());
    }

    /** 10 notifications per second. */
    @Override
    public DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.builder().rateLimit(10, Duration.ofSeconds(1)).build();
    }

    @Override
    public String toString() {
        return "WebhookChannel{" + name + ", host=" + url.getHost() + '}';
    }

    /** Builds a {@link WebhookChannel}. */
    public static final class Builder {
        private String name = "webhook";
        private String url = "";
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String externalUrl = "";
        private String urlSetting = "url";

        private Builder() {
        }

        /** The channel name (default {@code webhook}). */
        public Builder name(String name) {
            this.name = ChannelNames.check(name);
            return this;
        }

        /** The URL to POST to; http or https. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            this.urlSetting = "url";
            return this;
        }

        /** Reads the URL from {@code ALERT_WEBHOOK_URL} in {@code environment} (e.g. {@code System.getenv()}). */
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
            if (name.isBlank() || name.indexOf(':') >= 0 || name.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header name must be a non-blank token, was '" + name + "'");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("value of header '" + name + "' must not contain line breaks");
            }
            headers.put(name, value);
            return this;
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
        public WebhookChannel build() {
            return new WebhookChannel(this, ChannelEndpoints.url(urlSetting, url, true, false));
        }
    }
}
