package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts notifications to a Discord webhook: the title (and "+N more") as {@code content}, one embed
 * per alert with its severity colour, summary, description, a title linking to its runbook, and fields for
 * the response target, escalation level, who acknowledged it and its labels. Discord's limits are
 * respected: content 2,000 characters, 10 embeds, embed title 256, description 4,096, 25 fields of
 * 256/1,024, and 6,000 characters over all embeds of a message. {@code allowed_mentions} is empty, so
 * alert text can never ping {@code @everyone}.
 *
 * <p>The webhook URL is a secret: from the builder or {@code DISCORD_WEBHOOK_URL}, https only, never
 * logged. A 429 is retried after Discord's {@code retry_after} (JSON body, seconds) or
 * {@code Retry-After} header.
 */
public final class DiscordChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "DISCORD_WEBHOOK_URL";

    static final int CONTENT_LIMIT = 2000;
    static final int MAX_EMBEDS = 10;
    static final int TITLE_LIMIT = 256;
    static final int DESCRIPTION_LIMIT = 4096;
    static final int MAX_FIELDS = 25;
    static final int FIELD_NAME_LIMIT = 256;
    static final int FIELD_VALUE_LIMIT = 1024;
    static final int TOTAL_LIMIT = 6000;

    private DiscordChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
    }

    /** A builder; the webhook URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ObjectNode root = AlertJson.object();
        ArrayNode embeds = AlertJson.array();
        int budget = TOTAL_LIMIT;
        int shown = 0;
        for (NotifiedAlert alert : notification.alerts()) {
            if (embeds.size() >= MAX_EMBEDS) {
                break;
            }
            ObjectNode embed = embed(alert);
            int size = embedSize(embed);
            if (size > budget) {
                break;
            }
            budget -= size;
            embeds.add(embed);
            shown++;
        }
        String more = NotificationText.more(notification, shown);
        String content = NotificationText.title(notification) + (more.isEmpty() ? "" : "\n" + more);
        root.put("content", ChannelTexts.truncate(content, CONTENT_LIMIT));
        root.set("embeds", embeds);
        root.putObject("allowed_mentions").putArray("parse");
        return ChannelPayload.json(AlertJson.write(root));
    }

    private static ObjectNode embed(NotifiedAlert shown) {
        Alert alert = shown.alert();
        ObjectNode embed = AlertJson.object();
        embed.put("title", ChannelTexts.truncate(ChannelTexts.oneLine(NotificationText.emoji(shown) + " ["
                + (shown.isFiring() ? alert.severity().name() : "RESOLVED") + "] " + alert.name()), TITLE_LIMIT));
        String description = alert.summary().equals(alert.name()) ? "" : alert.summary();
        if (!alert.description().isEmpty()) {
            description = description.isEmpty() ? alert.description() : description + "\n" + alert.description();
        }
        if (!description.isEmpty()) {
            embed.put("description", ChannelTexts.truncate(description, Math.min(DESCRIPTION_LIMIT, 1500)));
        }
        embed.put("color", shown.isFiring() ? NotificationText.color(alert.severity()) : 0x2EB67D);
        embed.put("timestamp", AlertJson.time(shown.endsAt() != null ? shown.endsAt() : shown.startsAt()));
        String runbook = NotificationText.runbookUrl(alert);
        if (!runbook.isEmpty()) {
            embed.put("url", runbook); // the title links to the runbook
        }
        ArrayNode fields = AlertJson.array();
        if (!runbook.isEmpty()) {
            field(fields, "Runbook", "[Open runbook](" + runbook + ")", false);
        }
        String target = NotificationText.responseTarget(shown);
        if (!target.isEmpty()) {
            field(fields, "Response target", target, true);
        }
        if (shown.escalationLevel() > 1 && shown.isFiring() && !shown.isAcknowledged()) {
            field(fields, "Escalation level", Integer.toString(shown.escalationLevel()), true);
        }
        AlertAcknowledgement acknowledgement = shown.acknowledgement();
        if (acknowledgement != null) {
            field(fields, "Acknowledged", ChannelTexts.truncate(NotificationText.acknowledged(acknowledgement), FIELD_VALUE_LIMIT),
                    false);
        }
        if (!alert.labels().isEmpty() || !fields.isEmpty()) {
            embed.set("fields", fields);
            for (Map.Entry<String, String> label : alert.labels().entrySet()) {
                if (fields.size() >= Math.min(MAX_FIELDS, 10)) {
                    break;
                }
                ObjectNode field = fields.addObject();
                field.put("name", ChannelTexts.truncate(label.getKey(), FIELD_NAME_LIMIT));
                field.put("value", ChannelTexts.truncate(label.getValue().isEmpty() ? "(empty)" : label.getValue(), 256));
                field.put("inline", true);
            }
        }
        return embed;
    }

    private static void field(ArrayNode fields, String name, String value, boolean inline) {
        ObjectNode field = fields.addObject();
        field.put("name", name);
        field.put("value", value);
        field.put("inline", inline);
    }

    private static int embedSize(ObjectNode embed) {
        int size = embed.path("title").asString("").length() + embed.path("description").asString("").length();
        for (tools.jackson.databind.JsonNode field : embed.path("fields")) {
            size += field.path("name").asString("").length() + field.path("value").asString("").length();
        }
        return size;
    }

    /**
     * Builds a {@link DiscordChannel}: name {@code discord}, one message per second (under Discord's per-webhook
     * limit), and the delivery defaults otherwise.
     */
    public static final class Builder extends ChatWebhookBuilder<Builder> {

        private Builder() {
            super("discord", URL_VARIABLE);
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the URL is missing, invalid or not https
         */
        @Override
        public DiscordChannel build() {
            return new DiscordChannel(this, secretEndpoint(true));
        }
    }
}
