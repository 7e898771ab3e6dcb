/**
 * Alert channels: the {@link dev.monitor.alert.channel.AlertChannel} SPI (render a notification, send the
 * payload, classify the result) and the built-in channels (log, webhook, Slack, Discord, Microsoft Teams,
 * PagerDuty, Alertmanager, email), each with its provider's wire format and limits.
 */
@NullMarked
package dev.monitor.alert.channel;

import org.jspecify.annotations.NullMarked;
