package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts notifications to a Microsoft Teams workflow webhook ("Post to a channel when a webhook request
 * is received") as an Adaptive Card (schema 1.4) inside a {@code message} with one attachment: a title
 * block coloured by status, then per alert a heading, its runbook link and a fact set (response target,
 * escalation level, who acknowledged it, labels), then "+N more".
 * Alerts are left out from the end until the message fits Teams' 28 KB limit.
 *
 * <p>The workflow URL is a secret (its {@code sig} parameter): from the builder or
 * {@code TEAMS_WEBHOOK_URL}, https only, never logged. Workflows answer 202 Accepted.
 */
public final class TeamsChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "TEAMS_WEBHOOK_URL";

    static final int MAX_BYTES = 28 * 1024 - 1024; // 28 KB, with room for the envelope Teams adds

    private final int maxAlerts;

    private TeamsChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.maxAlerts = builder.maxAlerts;
    }

    /** A builder; the workflow URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        int shown = Math.min(maxAlerts, notification.alerts().size());
        while (true) {
            String body = AlertJson.write(message(notification, shown));
            if (shown == 0 || body.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES) {
                return ChannelPayload.json(body);
            }
            shown--;
        }
    }

    private static ObjectNode message(AlertNotification notification, int shown) {
        ObjectNode root = AlertJson.object();
        root.put("type", "message");
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.putObject("msteams").put("width", "Full");
        ArrayNode body = card.putArray("body");
        ObjectNode title = body.addObject();
        title.put("type", "TextBlock");
        title.put("text", ChannelTexts.truncate(NotificationText.title(notification), 500));
        title.put("size", "Large");
        title.put("weight", "Bolder");
        title.put("color", notification.firingCount() > 0 ? "Attention" : "Good");
        title.put("wrap", true);
        for (int i = 0; i < shown; i++) {
            NotifiedAlert alertShown = notification.alerts().get(i);
            Alert alert = alertShown.alert();
            ObjectNode container = body.addObject();
            container.put("type", "Container");
            container.put("separator", true);
            ArrayNode items = container.putArray("items");
            ObjectNode heading = items.addObject();
            heading.put("type", "TextBlock");
            heading.put("text", ChannelTexts.truncate(ChannelTexts.oneLine(NotificationText.emoji(alertShown) + " **["
                    + (alertShown.isFiring() ? alert.severity().name() : "RESOLVED") + "] " + alert.name() + "**"
                    + (alert.summary().equals(alert.name()) ? "" : ": " + alert.summary())), 1000));
            heading.put("wrap", true);
            if (!alert.description().isEmpty()) {
                ObjectNode description = items.addObject();
                description.put("type", "TextBlock");
                description.put("text", ChannelTexts.truncate(alert.description(), 2000));
                description.put("wrap", true);
                description.put("isSubtle", true);
            }
            String runbook = NotificationText.runbookUrl(alert);
            if (!runbook.isEmpty()) {
                ObjectNode link = items.addObject();
                link.put("type", "TextBlock");
                link.put("text", "[Runbook](" + runbook + ")");
                link.put("wrap", true);
            }
            String target = NotificationText.responseTarget(alertShown);
            boolean escalated = alertShown.escalationLevel() > 1 && alertShown.isFiring() && !alertShown.isAcknowledged();
            AlertAcknowledgement acknowledgement = alertShown.acknowledgement();
            if (!alert.labels().isEmpty() || !target.isEmpty() || escalated || acknowledgement != null) {
                ObjectNode facts = items.addObject();
                facts.put("type", "FactSet");
                ArrayNode list = facts.putArray("facts");
                if (!target.isEmpty()) {
                    fact(list, "Response target", target);
                }
                if (escalated) {
                    fact(list, "Escalation level", Integer.toString(alertShown.escalationLevel()));
                }
                if (acknowledgement != null) {
                    fact(list, "Acknowledged", ChannelTexts.truncate(NotificationText.acknowledged(acknowledgement)
                            .substring("Acknowledged ".length()), 300));
                }
                for (Map.Entry<String, String> label : alert.labels().entrySet()) {
                    fact(list, ChannelTexts.truncate(label.getKey(), 100), ChannelTexts.truncate(label.getValue(), 300));
                }
            }
        }
        String more = NotificationText.more(notification, shown);
        if (!more.isEmpty()) {
            ObjectNode moreBlock = body.addObject();
            moreBlock.put("type", "TextBlock");
            moreBlock.put("text", more);
            moreBlock.put("isSubtle", true);
            moreBlock.put("wrap", true);
        }
        return root;
    }

    private static void fact(ArrayNode list, String title, String value) {
        ObjectNode fact = list.addObject();
        fact.put("title", title);
        fact.put("value", value);
    }

    /** Builds a {@link TeamsChannel}: name {@code teams}, one message per second, the delivery defaults otherwise. */
    public static final class Builder extends ChatWebhookBuilder<Builder> {
        private int maxAlerts = 10;

        private Builder() {
            super("teams", URL_VARIABLE);
        }

        /** How many alerts a card shows before "+N more" (default 10). */
        public Builder maxAlerts(int maxAlerts) {
            this.maxAlerts = ChannelSettings.maxAlerts(maxAlerts, 50);
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the URL is missing, invalid or not https
         */
        @Override
        public TeamsChannel build() {
            return new TeamsChannel(this, secretEndpoint(true));
        }
    }
}
