package dev.monitor.spring.alert;

import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertmanagerChannel;
import dev.monitor.alert.channel.DiscordChannel;
import dev.monitor.alert.channel.EmailChannel;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.alert.channel.SlackChannel;
import dev.monitor.alert.channel.TeamsChannel;
import dev.monitor.alert.channel.WebhookChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * Builds the channels switched on by {@code monitor.alerts.*} properties or, when a channel's property is not set, by
 * its documented environment variable. The channel builders validate; their messages name a builder setting, which is
 * replaced here by the full property name, e.g. {@code "monitor.alerts.slack.webhook-url must use https ..."}. The
 * builders never repeat a secret (webhook URLs, keys, header values, passwords), and neither does this class.
 */
final class ConfiguredAlertChannels {

    /** The environment variables the channels read, as documented by each channel. */
    static final List<String> VARIABLES = List.of(WebhookChannel.URL_VARIABLE, SlackChannel.URL_VARIABLE,
            DiscordChannel.URL_VARIABLE, TeamsChannel.URL_VARIABLE, PagerDutyChannel.ROUTING_KEY_VARIABLE,
            AlertmanagerChannel.URL_VARIABLE, EmailChannel.HOST_VARIABLE, EmailChannel.PORT_VARIABLE,
            EmailChannel.USERNAME_VARIABLE, EmailChannel.PASSWORD_VARIABLE, EmailChannel.FROM_VARIABLE,
            EmailChannel.TO_VARIABLE, EmailChannel.SECURITY_VARIABLE);

    private static final String PREFIX = "monitor.alerts.";

    private final MonitorAlertsProperties properties;
    private final Map<String, String> environment;
    private final @Nullable ClassLoader classLoader;

    /**
     * @param variables the value of an environment variable by name (the application's {@code Environment}, so
     *     system environment variables and properties of that name both count)
     */
    ConfiguredAlertChannels(MonitorAlertsProperties properties, UnaryOperator<@Nullable String> variables,
            @Nullable ClassLoader classLoader) {
        this.properties = properties;
        this.classLoader = classLoader;
        Map<String, String> environment = new LinkedHashMap<>();
        if (properties.isEnvironmentVariables()) {
            for (String variable : VARIABLES) {
                String value = variables.apply(variable);
                if (value != null) {
                    environment.put(variable, value);
                }
            }
        }
        this.environment = Map.copyOf(environment);
    }

    /** The channels switched on, in a fixed order: log, webhook, slack, discord, teams, pagerduty, alertmanager, email. */
    List<AlertChannel> build() {
        List<AlertChannel> channels = new ArrayList<>();
        MonitorAlertsProperties.Log log = properties.getLog();
        if (log.isEnabled()) {
            LogChannel.Builder builder = LogChannel.builder();
            if (log.getLogger() != null) {
                builder.logger(log.getLogger());
            }
            channels.add(builder.build());
        }
        webhook(channels);
        slack(channels);
        discord(channels);
        teams(channels);
        pagerDuty(channels);
        alertmanager(channels);
        email(channels);
        return channels;
    }

    private void webhook(List<AlertChannel> channels) {
        MonitorAlertsProperties.Webhook webhook = properties.getWebhook();
        if (isSet(webhook.getUrl())) {
            channels.add(translated("webhook", Map.of("url", "url", "header", "headers"), () -> {
                WebhookChannel.Builder builder = WebhookChannel.builder().url(webhook.getUrl());
                webhook.getHeaders().forEach(builder::header);
                if (webhook.getExternalUrl() != null) {
                    builder.externalUrl(webhook.getExternalUrl());
                }
                return builder.build();
            }));
        } else if (isSet(environment.get(WebhookChannel.URL_VARIABLE))) {
            channels.add(WebhookChannel.builder().fromEnvironment(environment).build());
        }
    }

    private void slack(List<AlertChannel> channels) {
        String url = properties.getSlack().getWebhookUrl();
        if (isSet(url)) {
            channels.add(translated("slack", Map.of("webhookUrl", "webhook-url"),
                    () -> SlackChannel.builder().webhookUrl(url).build()));
        } else if (isSet(environment.get(SlackChannel.URL_VARIABLE))) {
            channels.add(SlackChannel.builder().fromEnvironment(environment).build());
        }
    }

    private void discord(List<AlertChannel> channels) {
        String url = properties.getDiscord().getWebhookUrl();
        if (isSet(url)) {
            channels.add(translated("discord", Map.of("webhookUrl", "webhook-url"),
                    () -> DiscordChannel.builder().webhookUrl(url).build()));
        } else if (isSet(environment.get(DiscordChannel.URL_VARIABLE))) {
            channels.add(DiscordChannel.builder().fromEnvironment(environment).build());
        }
    }

    private void teams(List<AlertChannel> channels) {
        String url = properties.getTeams().getWebhookUrl();
        if (isSet(url)) {
            channels.add(translated("teams", Map.of("webhookUrl", "webhook-url"),
                    () -> TeamsChannel.builder().webhookUrl(url).build()));
        } else if (isSet(environment.get(TeamsChannel.URL_VARIABLE))) {
            channels.add(TeamsChannel.builder().fromEnvironment(environment).build());
        }
    }

    private void pagerDuty(List<AlertChannel> channels) {
        MonitorAlertsProperties.PagerDuty pagerDuty = properties.getPagerduty();
        PagerDutyChannel.Builder builder;
        String property;
        if (isSet(pagerDuty.getRoutingKey())) {
            builder = PagerDutyChannel.builder().routingKey(pagerDuty.getRoutingKey());
            property = "pagerduty";
        } else if (isSet(environment.get(PagerDutyChannel.ROUTING_KEY_VARIABLE))) {
            builder = PagerDutyChannel.builder().fromEnvironment(environment);
            property = null;
        } else {
            return;
        }
        channels.add(translated(property != null ? property : "pagerduty",
                Map.of("routingKey", "routing-key", "endpoint", "endpoint", "clientUrl", "client-url"), () -> {
                    if (pagerDuty.getEndpoint() != null) {
                        builder.endpoint(pagerDuty.getEndpoint());
                    }
                    if (pagerDuty.getClientUrl() != null) {
                        builder.clientUrl(pagerDuty.getClientUrl());
                    }
                    return builder.build();
                }));
    }

    private void alertmanager(List<AlertChannel> channels) {
        MonitorAlertsProperties.Alertmanager alertmanager = properties.getAlertmanager();
        AlertmanagerChannel.Builder builder;
        if (isSet(alertmanager.getUrl())) {
            builder = AlertmanagerChannel.builder().url(alertmanager.getUrl());
        } else if (isSet(environment.get(AlertmanagerChannel.URL_VARIABLE))) {
            builder = AlertmanagerChannel.builder().fromEnvironment(environment);
        } else {
            return;
        }
        channels.add(translated("alertmanager", Map.of("url", "url", "header", "headers", "generatorUrl", "generator-url"),
                () -> {
                    alertmanager.getHeaders().forEach(builder::header);
                    if (alertmanager.getGeneratorUrl() != null) {
                        builder.generatorUrl(alertmanager.getGeneratorUrl());
                    }
                    return builder.build();
                }));
    }

    private void email(List<AlertChannel> channels) {
        MonitorAlertsProperties.Email email = properties.getEmail();
        boolean fromProperties = isSet(email.getHost());
        if (!fromProperties && !isSet(environment.get(EmailChannel.HOST_VARIABLE))) {
            return;
        }
        if (!ClassUtils.isPresent("jakarta.mail.Session", classLoader)
                || !ClassUtils.isPresent("org.eclipse.angus.mail.smtp.SMTPTransport", classLoader)) {
            throw new IllegalStateException((fromProperties ? PREFIX + "email.host" : EmailChannel.HOST_VARIABLE)
                    + " is set, but the e-mail channel needs Jakarta Mail on the class path: add "
                    + "org.springframework.boot:spring-boot-starter-mail (or jakarta.mail:jakarta.mail-api and "
                    + "org.eclipse.angus:angus-mail)"
                    + (fromProperties ? "" : ", or set monitor.alerts.environment-variables=false"));
        }
        if (!fromProperties) {
            channels.add(EmailChannel.builder().fromEnvironment(environment).build());
            return;
        }
        if (!isSet(email.getFrom())) {
            throw new IllegalArgumentException(PREFIX + "email.from must be set to the sender address when "
                    + PREFIX + "email.host is set");
        }
        if (email.getTo().isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "email.to must name at least one recipient when "
                    + PREFIX + "email.host is set");
        }
        if (isSet(email.getUsername()) && email.getPassword() == null) {
            throw new IllegalArgumentException(PREFIX + "email.password must be set when " + PREFIX
                    + "email.username is (or leave both unset)");
        }
        channels.add(translated("email", Map.of("host", "host", "port", "port", "username", "username", "from", "from",
                "to", "to", "maxAlerts", "max-alerts"), () -> {
                    int port = email.getPort() != null ? email.getPort()
                            : email.getSecurity() == EmailChannel.Security.SMTPS ? 465 : 587;
                    EmailChannel.Builder builder = EmailChannel.builder().server(email.getHost(), port)
                            .security(email.getSecurity()).from(email.getFrom())
                            .to(email.getTo().toArray(String[]::new));
                    if (isSet(email.getUsername())) {
                        builder.credentials(email.getUsername(), email.getPassword());
                    }
                    if (email.getSubjectPrefix() != null) {
                        builder.subjectPrefix(email.getSubjectPrefix());
                    }
                    return builder.build();
                }));
    }

    /**
     * Runs {@code build}; a validation failure is rethrown with the builder setting that starts its message replaced by
     * the property, e.g. {@code webhookUrl ...} → {@code monitor.alerts.slack.webhook-url ...}.
     */
    private static AlertChannel translated(String channel, Map<String, String> settings, Supplier<AlertChannel> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(propertyMessage(PREFIX + channel, settings, String.valueOf(e.getMessage())),
                    e);
        }
    }

    /** {@code message} with its leading builder setting replaced by the property it was set from. */
    static String propertyMessage(String prefix, Map<String, String> settings, String message) {
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String name = setting.getKey();
            if (message.startsWith(name + " ") || message.startsWith(name + ":")) {
                return prefix + "." + setting.getValue() + message.substring(name.length());
            }
        }
        if (message.startsWith("value of header ") || message.startsWith("header name ")) {
            return prefix + ".headers: " + message;
        }
        return prefix + ": " + message;
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
