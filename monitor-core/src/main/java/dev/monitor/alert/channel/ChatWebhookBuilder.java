package dev.monitor.alert.channel;

import java.time.Duration;

/**
 * What the builders of the chat channels (Slack, Discord, Teams) share: a webhook URL as their one endpoint, and one
 * message per second, the limit of the chat providers' incoming webhooks.
 */
abstract class ChatWebhookBuilder<B extends ChatWebhookBuilder<B>> extends HttpAlertChannel.Builder<B> {

    ChatWebhookBuilder(String defaultName, String urlVariable) {
        super(defaultName, urlVariable, DeliveryPolicy.builder().rateLimit(1, Duration.ofSeconds(1)).build());
    }

    /** The webhook URL (a secret). */
    public B webhookUrl(String url) {
        return endpoint("webhookUrl", url);
    }
}
