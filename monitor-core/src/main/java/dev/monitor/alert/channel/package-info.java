/**
 * Alert channels, a public SPI: {@link dev.monitor.alert.channel.AlertChannel} (render a notification, send the payload,
 * classify the result), the base of HTTP channels {@link dev.monitor.alert.channel.HttpAlertChannel} (endpoint, send,
 * classification, delivery configuration) with its {@link dev.monitor.alert.channel.ChannelEndpoint}, the helpers
 * channels render with ({@link dev.monitor.alert.channel.NotificationText}, {@link dev.monitor.alert.channel.AlertJson},
 * {@link dev.monitor.alert.channel.ChannelTexts}), {@link dev.monitor.alert.channel.AlertChannels} that builds every
 * built-in channel from environment variables or settings, and the built-in channels (log, webhook, Slack, Discord,
 * Microsoft Teams, PagerDuty, Alertmanager, SMS, e-mail), each with its provider's wire format and limits.
 */
@NullMarked
package dev.monitor.alert.channel;

import org.jspecify.annotations.NullMarked;
