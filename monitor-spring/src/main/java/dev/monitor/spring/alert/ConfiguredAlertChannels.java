package dev.monitor.spring.alert;

import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertChannels;
import dev.monitor.alert.channel.EmailChannel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.util.ClassUtils;

/**
 * Builds the channels switched on by {@code monitor.alerts.*} properties or, when a channel's property is not set, by
 * its documented environment variable, through core's channel factory ({@link AlertChannels#fromSettings}): each
 * setting of each core channel type is read from the property {@code monitor.alerts.<type>.<setting>}, so Spring keeps
 * no list of its own. The factory validates and names the property in its messages, e.g.
 * {@code "monitor.alerts.slack.webhook-url must use https ..."}, never repeating a secret.
 */
final class ConfiguredAlertChannels {

    private static final String PREFIX = "monitor.alerts.";

    private final MonitorAlertsProperties properties;
    private final UnaryOperator<@Nullable String> variables;
    private final @Nullable ClassLoader classLoader;

    /**
     * @param variables the value of an environment variable by name (the application's {@code Environment}, so
     *     system environment variables and properties of that name both count)
     */
    ConfiguredAlertChannels(MonitorAlertsProperties properties, UnaryOperator<@Nullable String> variables,
            @Nullable ClassLoader classLoader) {
        this.properties = properties;
        this.variables = variables;
        this.classLoader = classLoader;
    }

    /** The channels switched on, in the order of {@link AlertChannels#types()}: log, webhook, slack, … */
    List<AlertChannel> build() {
        Map<String, String> settings = settings(properties);
        Map<String, String> environment = new LinkedHashMap<>();
        if (properties.isEnvironmentVariables()) {
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
     * The factory's settings ({@code <type>.<setting>}) from the properties bound under {@code monitor.alerts}: lists
     * comma-separated, maps one entry per key, unset values left out.
     */
    static Map<String, String> settings(MonitorAlertsProperties properties) {
        BeanWrapper bean = new BeanWrapperImpl(properties);
        Map<String, String> settings = new LinkedHashMap<>();
        for (String type : AlertChannels.types()) {
            for (String setting : AlertChannels.settings(type)) {
                String name = setting.endsWith(".*") ? setting.substring(0, setting.length() - 2) : setting;
                String path = propertyPath(type, name);
                if (bean.isReadableProperty(path)) {
                    put(settings, type + "." + name, bean.getPropertyValue(path));
                }
            }
        }
        return settings;
    }

    /** The bean property path of a setting: {@code email.subject-prefix} → {@code email.subjectPrefix}. */
    static String propertyPath(String type, String setting) {
        StringBuilder path = new StringBuilder(type).append('.');
        String[] words = setting.split("-");
        path.append(words[0]);
        for (int i = 1; i < words.length; i++) {
            path.append(Character.toUpperCase(words[i].charAt(0))).append(words[i], 1, words[i].length());
        }
        return path.toString();
    }

    private static void put(Map<String, String> settings, String key, @Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((entry, text) -> settings.put(key + "." + entry, String.valueOf(text)));
        } else if (value instanceof Collection<?> list) {
            if (!list.isEmpty()) {
                settings.put(key, String.join(",", list.stream().map(String::valueOf).toList()));
            }
        } else if (value instanceof Enum<?> constant) {
            settings.put(key, constant.name());
        } else if (value != null) {
            settings.put(key, value.toString());
        }
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
