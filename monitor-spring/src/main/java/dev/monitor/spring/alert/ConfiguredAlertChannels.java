package dev.monitor.spring.alert;

import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertChannels;
import dev.monitor.alert.channel.ChannelSetting;
import dev.monitor.alert.channel.EmailChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.ClassUtils;

/**
 * Builds the channels switched on by {@code monitor.alerts.*} properties or, when a channel's property is not set, by
 * its documented environment variable, through core's channel factory ({@link AlertChannels#fromSettings}): each
 * setting core describes for each channel type ({@link AlertChannels#describe}) is bound from the property
 * {@code monitor.alerts.<type>.<setting>} with Spring's {@link Binder}, so relaxed names ({@code webhookUrl},
 * {@code MONITOR_ALERTS_SLACK_WEBHOOKURL}), placeholders, comma-separated or indexed lists ({@code email.to[0]}) and
 * map entries ({@code webhook.headers.Authorization}) work as for any property, and a channel type added in core needs
 * no change here. The factory validates and names the property in its messages, e.g.
 * {@code "monitor.alerts.slack.webhook-url must use https ..."}, never repeating a secret.
 */
final class ConfiguredAlertChannels {

    static final String PREFIX = "monitor.alerts.";

    /** What the starter sets where core's factory has no default: the log channel is on unless switched off. */
    static final Map<String, String> DEFAULTS = Map.of("log.enabled", "true");

    private final Binder binder;
    private final boolean environmentVariables;
    private final UnaryOperator<@Nullable String> variables;
    private final @Nullable ClassLoader classLoader;

    /**
     * @param binder the application's properties
     * @param environmentVariables whether the channels' documented environment variables count
     * @param variables the value of an environment variable by name (the application's {@code Environment}, so
     *     system environment variables and properties of that name both count)
     */
    ConfiguredAlertChannels(Binder binder, boolean environmentVariables, UnaryOperator<@Nullable String> variables,
            @Nullable ClassLoader classLoader) {
        this.binder = binder;
        this.environmentVariables = environmentVariables;
        this.variables = variables;
        this.classLoader = classLoader;
    }

    /** The channels switched on, in the order of {@link AlertChannels#types()}: log, webhook, slack, … */
    List<AlertChannel> build() {
        Map<String, String> settings = settings(binder);
        Map<String, String> environment = new LinkedHashMap<>();
        if (environmentVariables) {
            for (String type : AlertChannels.types()) {
                for (String variable : AlertChannels.variables(type)) {
                    String value = variables.apply(variable);
                    if (value != null) {
                        environment.put(variable, value);
                    }
                }
            }
        }
        checkMail(settings, environment);
        return AlertChannels.fromSettings(PREFIX, settings, environment);
    }

    /**
     * The factory's settings ({@code <type>.<setting>}) bound from {@code monitor.alerts.<type>.<setting>}: lists
     * comma-separated, maps one entry per key, unset values left out (but for {@link #DEFAULTS}).
     */
    static Map<String, String> settings(Binder binder) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String type : AlertChannels.types()) {
            for (ChannelSetting setting : AlertChannels.describe(type)) {
                String key = type + "." + setting.prefix();
                String property = PREFIX + key;
                switch (setting.kind()) {
                    case MAP -> binder.bind(property, Bindable.mapOf(String.class, String.class))
                            .ifBound(map -> map.forEach((entry, value) -> settings.put(key + "." + entry, value)));
                    case LIST -> binder.bind(property, Bindable.listOf(String.class))
                            .ifBound(list -> settings.put(key, String.join(",", list)));
                    default -> {
                        String value = binder.bind(property, String.class).orElse(DEFAULTS.get(key));
                        if (value != null) {
                            settings.put(key, value);
                        }
                    }
                }
            }
        }
        return settings;
    }

    /** The e-mail channel needs Jakarta Mail; say which starter adds it, naming what switched the channel on. */
    private void checkMail(Map<String, String> settings, Map<String, String> environment) {
        boolean fromProperties = isSet(settings.get("email.host"));
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
    }

    private static boolean isSet(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
