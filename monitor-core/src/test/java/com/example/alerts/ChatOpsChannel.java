package com.example.alerts;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.channel.AlertJson;
import dev.monitor.alert.channel.ChannelEndpoint;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.HttpAlertChannel;
import dev.monitor.alert.channel.NotificationText;
import java.time.Duration;

/** The custom channel of docs/alerts.md, "Writing a channel", exactly as it stands there: only public API. */
public final class ChatOpsChannel extends HttpAlertChannel {
    private ChatOpsChannel(Builder builder, ChannelEndpoint endpoint) {
        super(builder, endpoint);
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        return ChannelPayload.json(AlertJson.write(AlertJson.object()
                .put("title", NotificationText.title(notification))
                .put("text", NotificationText.plain(notification, 10))));
    }

    public static final class Builder extends HttpAlertChannel.Builder<Builder> {
        public Builder() {
            super("chatops", "CHATOPS_WEBHOOK_URL", DeliveryPolicy.builder().rateLimit(1, Duration.ofSeconds(1)).build());
        }
        public Builder url(String url) { return endpoint("url", url); }
        @Override public ChatOpsChannel build() { return new ChatOpsChannel(this, secretEndpoint(true)); }
    }
}
