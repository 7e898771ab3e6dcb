package dev.monitor.alert.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a channel sends for one notification, as rendered by {@link AlertChannel#render}: the body
 * in the provider's wire format (JSON for webhooks), and channel-specific fields that travel beside
 * it (an e-mail's subject and HTML part, a PagerDuty event action). Never contains secrets: endpoints
 * and keys stay in the channel and are added when sending, so a payload can be shown in a preview.
 *
 * @param contentType the body's media type, e.g. {@code application/json}
 * @param body the body
 * @param fields channel-specific extras, e.g. {@code subject}
 */
public record ChannelPayload(String contentType, String body, Map<String, String> fields) {

    /** Checks the arguments and copies the map. */
    public ChannelPayload {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /** A JSON body without extra fields. */
    public static ChannelPayload json(String body) {
        return new ChannelPayload("application/json", body, Map.of());
    }

    /** The field {@code name}, or {@code ""} when absent. */
    public String field(String name) {
        return fields.getOrDefault(name, "");
    }
}
