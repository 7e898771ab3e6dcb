package dev.monitor.sentry;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.AlertJson;
import dev.monitor.alert.channel.ChannelEndpoint;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.ChannelTexts;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.HttpAlertChannel;
import dev.monitor.alert.channel.NotificationText;
import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.sentry.internal.SentryDsn;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends alert notifications to Sentry as events, so alerts show up beside the errors they are about. Severity maps
 * to the event level (CRITICAL→{@code fatal}, HIGH→{@code error}, MEDIUM→{@code warning}, LOW and INFO→{@code info};
 * a resolved notification is {@code info}); the alert's fingerprint becomes the Sentry fingerprint, so every repeat
 * of an alert groups into one Sentry issue (a notification of several alerts uses its group, a storm digest one
 * fingerprint per channel).
 *
 * <p>Delivery posts an envelope to the project's envelope endpoint directly, not through the Sentry SDK: the
 * dispatcher then sees Sentry's real answer (delivered, 429 with {@code Retry-After}, 4xx, 5xx) and applies its
 * retries, circuit breaker and durable outbox, which the SDK's fire-and-forget queue would hide; and alerts still
 * arrive when the SDK is not initialised or reports to another project. The event id derives from the notification
 * id, so a retried notification is stored once. Texts arrive already scrubbed by the dispatcher, key-aware: the value
 * of a label or annotation whose name marks a secret ({@code token}, {@code password}…) reads {@code [secret]} in the
 * message, the tags (common labels) and the extras; texts are cut to Sentry's limits only after that.
 *
 * <pre>{@code
 * AlertDispatcher.builder()
 *         .channel(SentryAlertChannel.builder().fromEnvironment(System.getenv()).build())   // SENTRY_DSN
 *         ...
 * }</pre>
 *
 * <p>The DSN holds the project key: it is added when sending, never part of the rendered payload, and never logged.
 * Built on the public {@link HttpAlertChannel} base, like the core channels: its builder takes the same delivery
 * settings (rate limit, retries, circuit breaker, timeout, fallback).
 */
public final class SentryAlertChannel extends HttpAlertChannel {

    static final int MESSAGE_LIMIT = 8192;
    static final int MAX_DETAILED_ALERTS = 20;
    private static final int TAG_VALUE_LIMIT = 200;
    private static final int TAG_KEY_LIMIT = 32;
    private static final String EVENT_ID = "event_id";
    private static final String CLIENT = "dev.monitor.alerts/1";

    private final SentryDsn dsn;
    private final @Nullable String environment;
    private final @Nullable String release;

    private SentryAlertChannel(Builder builder, String rawDsn, SentryDsn dsn) {
        super(builder, endpoint(rawDsn, dsn));
        this.dsn = dsn;
        this.environment = builder.environment;
        this.release = builder.release;
    }

    /** The envelope endpoint with the auth header; the DSN and its keys kept secret. */
    private static ChannelEndpoint endpoint(String rawDsn, SentryDsn dsn) {
        ChannelEndpoint endpoint = ChannelEndpoint.serviceUrl("dsn", dsn.envelopeUri().toString(), false)
                .withHeader("X-Sentry-Auth", dsn.authHeader(CLIENT)).withSecret(rawDsn).withSecret(dsn.publicKey());
        return dsn.secretKey() == null ? endpoint : endpoint.withSecret(dsn.secretKey());
    }

    /** A builder; the DSN is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Sentry level for {@code severity}. */
    public static String level(AlertSeverity severity) {
        Objects.requireNonNull(severity, "severity");
        return switch (severity) {
            case CRITICAL -> "fatal";
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "info";
        };
    }

    /**
     * The Sentry fingerprint of {@code notification}: {@code ["monitor-alert", <alert fingerprint>]} for one alert,
     * {@code ["monitor-alert-group", <group hash>]} for a group of several, {@code ["monitor-alert-digest", <channel>]}
     * for a storm digest.
     */
    public List<String> fingerprint(AlertNotification notification) {
        Objects.requireNonNull(notification, "notification");
        if (notification.isDigest()) {
            return List.of("monitor-alert-digest", name());
        }
        if (notification.firingCount() + notification.resolvedCount() == 1 && notification.alerts().size() == 1) {
            return List.of("monitor-alert", notification.alerts().get(0).fingerprint());
        }
        return List.of("monitor-alert-group", PagerDutyChannel.dedupKey(notification.groupKey()));
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        String eventId = eventId(notification.id());
        ObjectNode event = AlertJson.object();
        event.put(EVENT_ID, eventId);
        event.put("timestamp", AlertJson.time(notification.createdAt()));
        event.put("platform", "java");
        boolean firing = notification.firingCount() > 0;
        event.put("level", firing ? level(notification.highestSeverity()) : "info");
        event.put("logger", "dev.monitor.alert");
        if (environment != null) {
            event.put("environment", environment);
        }
        if (release != null) {
            event.put("release", release);
        }
        String title = NotificationText.title(notification);
        List<NotifiedAlert> shown = firing ? notification.firing() : notification.resolved();
        String text = title;
        if (!notification.isDigest() && !shown.isEmpty()) {
            Alert first = shown.get(0).alert();
            if (!first.summary().equals(first.name())) {
                text = title + ": " + first.summary();
            }
        }
        event.putObject("message").put("formatted", ChannelTexts.truncate(ChannelTexts.oneLine(text), MESSAGE_LIMIT));
        ArrayNode fingerprint = event.putArray("fingerprint");
        fingerprint(notification).forEach(fingerprint::add);

        ObjectNode tags = event.putObject("tags");
        Map<String, String> common = notification.commonLabels();
        common.forEach((key, value) -> tag(tags, key, value));
        tags.put("alert.status", notification.status().label());
        if (notification.alerts().size() == 1) {
            tags.put("alert.fingerprint", notification.alerts().get(0).fingerprint());
        }
        tags.put("alert.receiver", ChannelTexts.truncate(ChannelTexts.oneLine(notification.receiver()),
                TAG_VALUE_LIMIT));

        ObjectNode extra = event.putObject("extra");
        AlertJson.putSummary(extra, notification, MAX_DETAILED_ALERTS);
        if (!notification.isDigest() && notification.alerts().size() == 1) {
            Alert alert = notification.alerts().get(0).alert();
            if (!alert.description().isEmpty()) {
                extra.put("description", ChannelTexts.truncate(alert.description(), MESSAGE_LIMIT));
            }
            if (!alert.source().isEmpty()) {
                extra.put("source", alert.source());
            }
        }
        extra.set("labels", AlertJson.object(common));
        Map<String, String> annotations = notification.commonAnnotations();
        if (!annotations.isEmpty()) {
            extra.set("annotations", AlertJson.object(annotations));
        }
        event.putObject("sdk").put("name", "dev.monitor.alerts").put("version", "1");
        return new ChannelPayload("application/json", AlertJson.write(event), Map.of(EVENT_ID, eventId));
    }

    /** The event in Sentry's envelope; the key travels only in the endpoint's header, so previews and logs never see it. */
    @Override
    protected ChannelPayload request(ChannelPayload rendered) {
        String body = rendered.body();
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        String envelope = "{\"event_id\":\"" + rendered.field(EVENT_ID) + "\",\"sent_at\":\"" + AlertJson.time(Instant.now())
                + "\"}\n{\"type\":\"event\",\"length\":" + length + ",\"content_type\":\"application/json\"}\n"
                + body + "\n";
        return new ChannelPayload("application/x-sentry-envelope", envelope, Map.of());
    }

    @Override
    public String toString() {
        return "SentryAlertChannel{" + name() + ", " + dsn.redacted() + '}';
    }

    private static void tag(ObjectNode tags, String key, String value) {
        if (key.isEmpty() || key.length() > TAG_KEY_LIMIT || value.isEmpty()) {
            return;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '.' && c != ':' && c != '-') {
                return;
            }
        }
        tags.put(key, ChannelTexts.truncate(ChannelTexts.oneLine(value), TAG_VALUE_LIMIT));
    }

    /** 32 hex digits derived from the notification id: the same notification is the same Sentry event. */
    static String eventId(String notificationId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(notificationId.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                hex.append(Character.forDigit((hash[i] >> 4) & 0xF, 16)).append(Character.forDigit(hash[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Builds a {@link SentryAlertChannel}: name {@code sentry}, the delivery defaults. */
    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        private @Nullable String environment;
        private @Nullable String release;

        private Builder() {
            super("sentry", null, DeliveryPolicy.defaults());
            endpoint("dsn", "");
        }

        /** The project's DSN, {@code https://PUBLIC_KEY@HOST/PROJECT_ID}. */
        public Builder dsn(String dsn) {
            return endpoint("dsn", dsn);
        }

        /**
         * Reads the DSN, environment and release from {@code environment} like {@link SentrySettings#fromEnvironment}:
         * {@code SENTRY_DSN}, {@code SENTRY_ENVIRONMENT}/{@code ENVIRONMENT}/{@code ENV},
         * {@code SENTRY_RELEASE}/{@code RELEASE_VERSION}/{@code VERSION}.
         */
        @Override
        public Builder fromEnvironment(Map<String, String> environment) {
            SentrySettings settings = SentrySettings.fromEnvironment(environment);
            endpoint(SentrySettings.DSN, settings.dsn() == null ? "" : settings.dsn());
            if (settings.environment() != null) {
                this.environment = settings.environment();
            }
            if (settings.release() != null) {
                this.release = settings.release();
            }
            return this;
        }

        /** The environment of the events, e.g. {@code production}. */
        public Builder environment(String environment) {
            Objects.requireNonNull(environment, "environment");
            if (environment.isBlank()) {
                throw new IllegalArgumentException("environment must not be blank");
            }
            this.environment = environment.trim();
            return this;
        }

        /** The release of the events. */
        public Builder release(String release) {
            Objects.requireNonNull(release, "release");
            if (release.isBlank()) {
                throw new IllegalArgumentException("release must not be blank");
            }
            this.release = release.trim();
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException when the DSN is missing or invalid (its value is not repeated)
         */
        @Override
        public SentryAlertChannel build() {
            String dsn = endpointValue();
            if (dsn.isBlank()) {
                throw new IllegalArgumentException(endpointSetting() + " is required: set it to the project's DSN "
                        + "(https://PUBLIC_KEY@HOST/PROJECT_ID, from the project's Client Keys settings)");
            }
            return new SentryAlertChannel(this, dsn.trim(), SentryDsn.parse(endpointSetting(), dsn));
        }
    }
}
