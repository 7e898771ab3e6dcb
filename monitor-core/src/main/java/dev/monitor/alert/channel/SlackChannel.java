package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts notifications to a Slack incoming webhook as Block Kit messages: a header with the title,
 * one section per alert (severity, name, summary, description, labels, runbook link, response target,
 * escalation level, who acknowledged it), and a context line
 * "12 alerts, +9 more" for what does not fit. Slack's limits are respected: header text 150
 * characters, section text 3,000, at most 50 blocks, and the {@code text} fallback (shown in
 * notifications) 3,000. Texts are escaped for Slack's mrkdwn ({@code & < >}), so alert text cannot
 * inject mentions or links.
 *
 * <p>The webhook URL is a secret: from the builder or {@code SLACK_WEBHOOK_URL}, https only, never
 * logged. Default rate: 1 message per second, Slack's limit for incoming webhooks; a 429 is retried
 * after its {@code Retry-After}.
 */
public final class SlackChannel extends HttpAlertChannel {

    /** The environment variable read by {@link Builder#fromEnvironment(Map)}. */
    public static final String URL_VARIABLE = "SLACK_WEBHOOK_URL";

    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;
    static final int TEXT_LIMIT = 3000;
    static final int MAX_BLOCKS = 50;

    private final int maxAlerts;

    private SlackChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
        this.maxAlerts = builder.maxAlerts;
    }

    /** A builder; the webhook URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        ObjectNode root = AlertJson.object();
        String title = NotificationText.title(notification);
        ArrayNode blocks = AlertJson.array();
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        ObjectNode headerText = header.putObject("text");
        headerText.put("type", "plain_text");
        headerText.put("text", ChannelTexts.truncate(title, HEADER_LIMIT));
        headerText.put("emoji", true);
        int shown = 0;
        for (NotifiedAlert alert : notification.alerts()) {
            // keep room for the header and the "+N more" context block
            if (shown >= maxAlerts || blocks.size() >= MAX_BLOCKS - 1) {
                break;
            }
            ObjectNode section = blocks.addObject();
            section.put("type", "section");
            ObjectNode text = section.putObject("text");
            text.put("type", "mrkdwn");
            text.put("text", ChannelTexts.truncate(section(alert), SECTION_LIMIT));
            shown++;
        }
        String more = NotificationText.more(notification, shown);
        if (!more.isEmpty()) {
            ObjectNode context = blocks.addObject();
            context.put("type", "context");
            ObjectNode element = context.putArray("elements").addObject();
            element.put("type", "mrkdwn");
            element.put("text", ChannelTexts.slackEscape(more));
        }
        root.put("text", ChannelTexts.truncate(ChannelTexts.slackEscape(title) + (more.isEmpty() ? "" : " (" + more + ")"), TEXT_LIMIT));
        root.set("blocks", blocks);
        return ChannelPayload.json(AlertJson.write(root));
    }

    private static String section(NotifiedAlert shown) {
        Alert alert = shown.alert();
        StringBuilder text = new StringBuilder()
                .append(NotificationText.emoji(shown)).append(" *")
                .append(shown.isFiring() ? alert.severity().name() : "RESOLVED").append("* ")
                .append('*').append(ChannelTexts.slackEscape(ChannelTexts.oneLine(alert.name()))).append('*');
        if (!alert.summary().equals(alert.name())) {
            text.append(": ").append(ChannelTexts.slackEscape(ChannelTexts.oneLine(alert.summary())));
        }
        if (!alert.description().isEmpty()) {
            text.append('\n').append(ChannelTexts.slackEscape(ChannelTexts.truncate(alert.description(), 1500)));
        }
        if (!alert.labels().isEmpty()) {
            text.append("\n`").append(ChannelTexts.slackEscape(ChannelTexts.oneLine(NotificationText.labels(alert.labels())))
                    .replace("`", "'")).append('`');
        }
        List<String> extras = new ArrayList<>(3);
        String runbook = NotificationText.runbookUrl(alert);
        if (!runbook.isEmpty()) {
            extras.add("<" + runbook.replace("&", "&amp;") + "|Runbook>");
        }
        String target = NotificationText.responseTarget(shown);
        if (!target.isEmpty()) {
            extras.add("Response target: " + ChannelTexts.slackEscape(target));
        }
        if (shown.escalationLevel() > 1 && shown.isFiring() && !shown.isAcknowledged()) {
            extras.add("Escalation level " + shown.escalationLevel());
        }
        if (!extras.isEmpty()) {
            text.append('\n').append(String.join(" \u00b7 ", extras));
        }
        AlertAcknowledgement acknowledgement = shown.acknowledgement();
        if (acknowledgement != null) {
            text.append("\n:eyes: ").append(ChannelTexts.slackEscape(NotificationText.acknowledged(acknowledgement)));
        }
        return text.toString();
    }

    /**
     * Builds a {@link SlackChannel}: name {@code slack}, one message per second (Slack's incoming-webhook limit), and
     * the delivery defaults otherwise.
     */
    public static final class Builder extends ChatWebhookBuilder<Builder> {
        private int maxAlerts = 10;

        private Builder() {
            super("slack", URL_VARIABLE);
        }

        /** How many alerts a message shows before "+N more" (default 10, at most 48). */
        public Builder maxAlerts(int maxAlerts) {
            this.maxAlerts = ChannelSettings.maxAlerts(maxAlerts, MAX_BLOCKS - 2);
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalArgumentException if the URL is missing, invalid or not https
         */
        @Override
        public SlackChannel build() {
            return new SlackChannel(this, secretEndpoint(true));
        }
    }
}
