package dev.monitor.alert.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The channels configured by environment variables, as the seeds' cron scripts read them:
 * {@code SLACK_WEBHOOK_URL}, {@code ALERT_WEBHOOK_URL}, {@code DISCORD_WEBHOOK_URL},
 * {@code TEAMS_WEBHOOK_URL}, {@code PAGERDUTY_ROUTING_KEY}, {@code ALERTMANAGER_URL},
 * {@code SMTP_HOST} with the other SMTP settings of {@link EmailChannel}, and {@code TWILIO_ACCOUNT_SID} with
 * the other Twilio settings of {@link SmsChannel}. Route only what should wake someone to the SMS channel
 * (e.g. CRITICAL), or reach it through escalation policies only.
 *
 * <pre>{@code
 * AlertDispatcher.Builder builder = AlertDispatcher.builder().channel(LogChannel.create());
 * AlertChannels.fromEnvironment(System.getenv()).forEach(builder::channel);
 * }</pre>
 */
public final class AlertChannels {

    private AlertChannels() {
    }

    /**
     * One channel for each provider whose variable is set (non-blank) in {@code environment}, with the
     * default names ({@code slack}, {@code webhook}, {@code discord}, {@code teams}, {@code pagerduty},
     * {@code alertmanager}, {@code email}, {@code sms}).
     *
     * @throws IllegalArgumentException naming the variable whose value is invalid
     * @throws IllegalStateException if {@code SMTP_HOST} is set but Jakarta Mail is not on the classpath
     */
    public static List<AlertChannel> fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        List<AlertChannel> channels = new ArrayList<>();
        if (isSet(environment, SlackChannel.URL_VARIABLE)) {
            channels.add(SlackChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, WebhookChannel.URL_VARIABLE)) {
            channels.add(WebhookChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, DiscordChannel.URL_VARIABLE)) {
            channels.add(DiscordChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, TeamsChannel.URL_VARIABLE)) {
            channels.add(TeamsChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, PagerDutyChannel.ROUTING_KEY_VARIABLE)) {
            channels.add(PagerDutyChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, AlertmanagerChannel.URL_VARIABLE)) {
            channels.add(AlertmanagerChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, EmailChannel.HOST_VARIABLE)) {
            channels.add(EmailChannel.builder().fromEnvironment(environment).build());
        }
        if (isSet(environment, SmsChannel.ACCOUNT_SID_VARIABLE)) {
            channels.add(SmsChannel.builder().fromEnvironment(environment).build());
        }
        return channels;
    }

    private static boolean isSet(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }
}
