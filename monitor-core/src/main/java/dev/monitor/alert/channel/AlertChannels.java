package dev.monitor.alert.channel;

import static dev.monitor.alert.channel.ChannelSetting.text;

import dev.monitor.alert.channel.ChannelSetting.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The factory of the built-in channels: every one of them ({@link #types()}) built from a neutral description, a map
 * of settings and a map of environment variables, so that every way of configuring them (the environment, Spring
 * properties, your own configuration) reaches the same channels with the same validation.
 *
 * <ul>
 *   <li>{@link #fromEnvironment(Map)}: the channels configured by environment variables, as the seeds' cron scripts
 *       read them: {@code ALERT_WEBHOOK_URL}, {@code SLACK_WEBHOOK_URL}, {@code DISCORD_WEBHOOK_URL},
 *       {@code TEAMS_WEBHOOK_URL}, {@code PAGERDUTY_ROUTING_KEY}, {@code ALERTMANAGER_URL}, {@code SMTP_HOST} with the
 *       other SMTP settings of {@link EmailChannel}, and {@code TWILIO_ACCOUNT_SID} with the other Twilio settings of
 *       {@link SmsChannel}. Route only what should wake someone to the SMS channel (e.g. CRITICAL), or reach it through
 *       escalation policies only.</li>
 *   <li>{@link #fromSettings(String, Map, Map)}: the same from settings named {@code <type>.<setting>}
 *       ({@code slack.webhook-url}, {@code webhook.headers.Authorization}, {@code sms.to}, …; {@link #settings(String)}
 *       lists them), each channel's environment variables filling in for a channel whose settings do not switch it
 *       on.</li>
 * </ul>
 *
 * <p>{@link #describe(String)} gives each setting's kind, description and default, so that an adapter (the Spring
 * starter's properties and their IDE metadata) binds and documents every setting without a list of its own.
 *
 * <pre>{@code
 * AlertDispatcher.Builder builder = AlertDispatcher.builder().channel(LogChannel.create());
 * AlertChannels.fromEnvironment(System.getenv()).forEach(builder::channel);
 * }</pre>
 */
public final class AlertChannels {

    private static final String HEADERS = "Headers sent with every request, e.g. Authorization; their values are "
            + "treated as secrets.";

    private static final List<Type> TYPES = List.of(
            new Type("log", "The log channel (SLF4J).", "enabled", null, List.of(), List.of(
                    new ChannelSetting("enabled", Kind.BOOLEAN, "Whether alert notifications are logged (channel \"log\").",
                            null, List.of()),
                    text("logger", "SLF4J logger of the notifications.", LogChannel.DEFAULT_LOGGER)),
                    AlertChannels::log),
            new Type("webhook", "A generic webhook receiving Alertmanager's webhook JSON (version 4).", "url",
                    WebhookChannel.URL_VARIABLE, List.of(WebhookChannel.URL_VARIABLE), List.of(
                    text("url", "URL the notifications are POSTed to (channel \"webhook\"); http or https. Treated as a "
                            + "secret. Unset: the ALERT_WEBHOOK_URL environment variable, else no webhook."),
                    map("headers.*", HEADERS),
                    text("external-url", "The externalURL field of the payload, e.g. a link to the service's alert page.")),
                    AlertChannels::webhook),
            chat("slack", "Slack, through an incoming webhook.", SlackChannel.URL_VARIABLE, AlertChannels::slack),
            chat("discord", "Discord, through a channel webhook.", DiscordChannel.URL_VARIABLE, AlertChannels::discord),
            chat("teams", "Microsoft Teams, through a workflow webhook.", TeamsChannel.URL_VARIABLE, AlertChannels::teams),
            new Type("pagerduty", "PagerDuty Events API v2.", "routing-key", PagerDutyChannel.ROUTING_KEY_VARIABLE,
                    List.of(PagerDutyChannel.ROUTING_KEY_VARIABLE), List.of(
                    text("routing-key", "The 32-character integration key of an Events API v2 integration (channel "
                            + "\"pagerduty\"). A secret. Unset: the PAGERDUTY_ROUTING_KEY environment variable, else the "
                            + "channel is off."),
                    text("endpoint", "The Events API endpoint; https unless loopback.", PagerDutyChannel.DEFAULT_ENDPOINT),
                    text("client-url", "A link shown with the incident (client_url), e.g. the service's dashboard.")),
                    AlertChannels::pagerDuty),
            new Type("alertmanager", "Prometheus Alertmanager's API v2 (the hand-off when many replicas run).", "url",
                    AlertmanagerChannel.URL_VARIABLE, List.of(AlertmanagerChannel.URL_VARIABLE), List.of(
                    text("url", "Alertmanager's base URL, e.g. http://alertmanager:9093 (channel \"alertmanager\"). Unset: "
                            + "the ALERTMANAGER_URL environment variable, else the channel is off."),
                    map("headers.*", HEADERS),
                    text("generator-url", "The generatorURL of alerts whose source is not a URL.")),
                    AlertChannels::alertmanager),
            new Type("email", "E-mail over SMTP (needs Jakarta Mail and Angus Mail, e.g. spring-boot-starter-mail).", "host",
                    EmailChannel.HOST_VARIABLE, List.of(EmailChannel.HOST_VARIABLE, EmailChannel.PORT_VARIABLE,
                    EmailChannel.USERNAME_VARIABLE, EmailChannel.PASSWORD_VARIABLE, EmailChannel.FROM_VARIABLE,
                    EmailChannel.TO_VARIABLE, EmailChannel.SECURITY_VARIABLE), List.of(
                    text("host", "The SMTP server's host (channel \"email\"). Unset: the SMTP_HOST environment variable "
                            + "with the other SMTP_* variables and ALERT_EMAIL_TO, else the channel is off."),
                    new ChannelSetting("port", Kind.NUMBER, "The SMTP server's port. Unset: 587, or 465 with security smtps.",
                            null, List.of()),
                    text("username", "The SMTP user name; unset for a server without authentication."),
                    text("password", "The SMTP password (a secret, never logged)."),
                    text("from", "The sender address."),
                    new ChannelSetting("to", Kind.LIST, "The recipients of the alert e-mails.", null, List.of()),
                    new ChannelSetting("security", Kind.TEXT, "How the connection is secured: starttls (required, the "
                            + "default), starttls-if-offered, smtps (implicit TLS) or none (only for a trusted local relay).",
                            "starttls", List.of("starttls", "starttls-if-offered", "smtps", "none")),
                    text("subject-prefix", "A prefix for subjects, e.g. \"[orders] \".")),
                    AlertChannels::email),
            new Type("sms", "Text messages through the Twilio Messages API (or a compatible gateway).", "account-sid",
                    SmsChannel.ACCOUNT_SID_VARIABLE, List.of(SmsChannel.ACCOUNT_SID_VARIABLE, SmsChannel.AUTH_TOKEN_VARIABLE,
                    SmsChannel.FROM_VARIABLE, SmsChannel.MESSAGING_SERVICE_VARIABLE, SmsChannel.TO_VARIABLE,
                    SmsChannel.ENDPOINT_VARIABLE), List.of(
                    text("account-sid", "The Twilio account SID, AC... (channel \"sms\"). Unset: the TWILIO_ACCOUNT_SID "
                            + "environment variable with the other TWILIO_* variables and ALERT_SMS_TO, else the channel is "
                            + "off."),
                    text("auth-token", "The account's auth token (a secret, never logged)."),
                    text("from", "The sender: an E.164 number (+15005550006) or an alphanumeric sender id; or set "
                            + "messaging-service-sid."),
                    text("messaging-service-sid", "The messaging service SID (MG...) that picks the sender, instead of "
                            + "from."),
                    new ChannelSetting("to", Kind.LIST, "Default recipients, E.164 numbers, for notifications that name "
                            + "none; optional when escalation reaches people through on-call schedules. Phone numbers are "
                            + "personal data: never logged.", null, List.of()),
                    text("endpoint", "The API's base URL, for a Twilio-compatible gateway; https unless loopback.",
                            SmsChannel.DEFAULT_ENDPOINT)),
                    AlertChannels::sms));

    private AlertChannels() {
    }

    /**
     * One channel for each provider whose variable is set (non-blank) in {@code environment}, with the default names, in
     * the order of {@link #types()}.
     *
     * @throws IllegalArgumentException naming the variable whose value is invalid
     * @throws IllegalStateException if {@code SMTP_HOST} is set but Jakarta Mail is not on the classpath
     */
    public static List<AlertChannel> fromEnvironment(Map<String, String> environment) {
        return fromSettings("", Map.of(), environment);
    }

    /**
     * The channels switched on by {@code settings} or, for a type whose switching setting (the first of
     * {@link #settings(String)}: {@code slack.webhook-url}, {@code sms.account-sid}, {@code log.enabled=true}…) is not
     * set, by its environment variable in {@code environment}; the other settings of the type apply on top of its
     * variables. In the order of {@link #types()}, with the default names.
     *
     * <p>Values are text: lists comma-separated ({@code email.to}, {@code sms.to}), one entry per map key
     * ({@code webhook.headers.Authorization}); blank values count as unset.
     *
     * @param prefix put before a setting's name in messages, e.g. {@code monitor.alerts.}
     * @throws IllegalArgumentException naming the setting ({@code <prefix><type>.<setting>}) or the variable whose value
     *     is missing or invalid, never repeating a secret
     * @throws IllegalStateException if the e-mail channel is configured but Jakarta Mail is not on the classpath
     */
    public static List<AlertChannel> fromSettings(String prefix, Map<String, String> settings, Map<String, String> environment) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(environment, "environment");
        List<AlertChannel> channels = new ArrayList<>();
        for (Type type : TYPES) {
            Settings typed = new Settings(prefix, type, settings, environment);
            if (typed.switchedOn()) {
                channels.add(typed.create());
            }
        }
        return channels;
    }

    /** The built-in channel types, which are also their default names: {@code log}, {@code webhook}, {@code slack}, … */
    public static List<String> types() {
        return TYPES.stream().map(Type::name).toList();
    }

    /**
     * The settings of channel type {@code type}, the one that switches it on first; {@code headers.*} stands for one
     * setting per header name.
     *
     * @throws IllegalArgumentException if {@code type} is not one of {@link #types()}
     */
    public static List<String> settings(String type) {
        return type(type).settings();
    }

    /**
     * The environment variables read for channel type {@code type}, the one that switches it on first (none for
     * {@code log}).
     *
     * @throws IllegalArgumentException if {@code type} is not one of {@link #types()}
     */
    public static List<String> variables(String type) {
        return type(type).variables();
    }

    /**
     * The settings of channel type {@code type} as {@link #settings(String)} names them, each with its kind,
     * description and default: what an adapter needs to read and document them.
     *
     * @throws IllegalArgumentException if {@code type} is not one of {@link #types()}
     */
    public static List<ChannelSetting> describe(String type) {
        return type(type).described();
    }

    /**
     * One sentence on channel type {@code type}, e.g. {@code "Slack, through an incoming webhook."}.
     *
     * @throws IllegalArgumentException if {@code type} is not one of {@link #types()}
     */
    public static String description(String type) {
        return type(type).description();
    }

    private static Type type(String type) {
        Objects.requireNonNull(type, "type");
        return TYPES.stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "no channel type '" + type + "'; the types are " + types()));
    }

    private static AlertChannel log(Settings settings) {
        LogChannel.Builder builder = LogChannel.builder();
        settings.ifSet("logger", builder::logger);
        return builder.build();
    }

    private static AlertChannel webhook(Settings settings) {
        WebhookChannel.Builder builder = settings.usesEnvironment() ? WebhookChannel.builder().fromEnvironment(settings.environment)
                : WebhookChannel.builder().url(settings.key());
        settings.ifSet("external-url", builder::externalUrl);
        return settings.http(builder);
    }

    private static AlertChannel slack(Settings settings) {
        return settings.http(settings.usesEnvironment() ? SlackChannel.builder().fromEnvironment(settings.environment)
                : SlackChannel.builder().webhookUrl(settings.key()));
    }

    private static AlertChannel discord(Settings settings) {
        return settings.http(settings.usesEnvironment() ? DiscordChannel.builder().fromEnvironment(settings.environment)
                : DiscordChannel.builder().webhookUrl(settings.key()));
    }

    private static AlertChannel teams(Settings settings) {
        return settings.http(settings.usesEnvironment() ? TeamsChannel.builder().fromEnvironment(settings.environment)
                : TeamsChannel.builder().webhookUrl(settings.key()));
    }

    private static AlertChannel pagerDuty(Settings settings) {
        PagerDutyChannel.Builder builder = settings.usesEnvironment()
                ? PagerDutyChannel.builder().fromEnvironment(settings.environment) : PagerDutyChannel.builder().routingKey(settings.key());
        settings.ifSet("endpoint", builder::endpoint);
        settings.ifSet("client-url", builder::clientUrl);
        return settings.http(builder);
    }

    private static AlertChannel alertmanager(Settings settings) {
        AlertmanagerChannel.Builder builder = settings.usesEnvironment()
                ? AlertmanagerChannel.builder().fromEnvironment(settings.environment) : AlertmanagerChannel.builder().url(settings.key());
        settings.ifSet("generator-url", builder::generatorUrl);
        return settings.http(builder);
    }

    private static AlertChannel email(Settings settings) {
        EmailChannel.Builder builder = EmailChannel.builder();
        if (settings.usesEnvironment()) {
            builder.fromEnvironment(settings.environment);
        } else {
            String text = settings.value("security");
            EmailChannel.Security security = text == null ? EmailChannel.Security.STARTTLS
                    : EmailChannel.Security.parse("security", text);
            int port = settings.value("port") != null ? settings.number("port")
                    : security == EmailChannel.Security.SMTPS ? 465 : 587;
            builder.security(security).server(settings.key(), port)
                    .from(settings.required("from", "must be set to the sender address when " + settings.name("host")
                            + " is set"))
                    .to(settings.list("to", "must name at least one recipient when " + settings.name("host") + " is set"));
            String username = settings.value("username");
            if (username != null) {
                builder.credentials(username, settings.required("password", "must be set when " + settings.name("username")
                        + " is (or leave both unset)"));
            }
        }
        settings.ifSet("subject-prefix", builder::subjectPrefix);
        return builder.build();
    }

    private static AlertChannel sms(Settings settings) {
        SmsChannel.Builder builder = SmsChannel.builder();
        if (settings.usesEnvironment()) {
            builder.fromEnvironment(settings.environment);
        } else {
            builder.accountSid(settings.key());
            settings.ifSet("auth-token", builder::authToken);
            settings.ifSet("from", builder::from);
            settings.ifSet("messaging-service-sid", builder::messagingServiceSid);
        }
        if (settings.value("to") != null) {
            builder.to(settings.list("to", "must name at least one E.164 number"));
        }
        settings.ifSet("endpoint", builder::endpoint);
        return settings.http(builder);
    }

    /**
     * A channel type: its name, the setting and the variable that switch it on, every variable and setting it reads, and
     * how it is built.
     */
    private record Type(String name, String description, String keySetting, @Nullable String keyVariable,
            List<String> variables, List<ChannelSetting> described, Function<Settings, AlertChannel> factory) {

        /** The names of the settings, {@code headers.*} for a map. */
        List<String> settings() {
            return described.stream().map(ChannelSetting::name).toList();
        }
    }

    /** A chat provider reached through one webhook URL, its only setting. */
    private static Type chat(String name, String description, String variable, Function<Settings, AlertChannel> factory) {
        return new Type(name, description, "webhook-url", variable, List.of(variable), List.of(text("webhook-url",
                "The webhook URL; https (http only for loopback hosts). Treated as a secret. Unset: the " + variable
                        + " environment variable, else the channel is off.")), factory);
    }

    private static ChannelSetting map(String name, String description) {
        return new ChannelSetting(name, Kind.MAP, description, null, List.of());
    }

    /** The settings of one type, read by their short names; failures name the full setting. */
    private static final class Settings {
        private final String prefix;
        private final Type type;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> environment;

        Settings(String prefix, Type type, Map<String, String> all, Map<String, String> environment) {
            this.prefix = prefix;
            this.type = type;
            this.environment = environment;
            String start = type.name() + ".";
            all.forEach((key, value) -> {
                if (key.startsWith(start) && value != null && !value.isBlank()) {
                    String setting = key.substring(start.length());
                    boolean header = setting.startsWith("headers.") && type.settings().contains("headers.*");
                    if (!header && !type.settings().contains(setting)) {
                        throw new IllegalArgumentException(name(setting) + " is not a setting of the " + type.name()
                                + " channel; its settings are " + type.settings());
                    }
                    values.put(setting, value.trim());
                }
            });
        }

        boolean switchedOn() {
            if (type.keyVariable() == null) {
                return Boolean.parseBoolean(values.get(type.keySetting()));
            }
            return values.containsKey(type.keySetting()) || isSet(environment.get(type.keyVariable()));
        }

        /** Whether the type is switched on by its variable rather than by its setting. */
        boolean usesEnvironment() {
            return !values.containsKey(type.keySetting());
        }

        String key() {
            return values.getOrDefault(type.keySetting(), "");
        }

        @Nullable String value(String setting) {
            return values.get(setting);
        }

        String name(String setting) {
            return prefix + type.name() + "." + setting;
        }

        String required(String setting, String problem) {
            String value = values.get(setting);
            if (value == null) {
                throw new IllegalArgumentException(name(setting) + " " + problem);
            }
            return value;
        }

        void ifSet(String setting, Consumer<String> apply) {
            String value = values.get(setting);
            if (value != null) {
                apply.accept(value);
            }
        }

        int number(String setting) {
            String value = values.get(setting);
            try {
                return Integer.parseInt(Objects.requireNonNull(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name(setting) + " must be a whole number, was '" + value + "'");
            }
        }

        String[] list(String setting, String problem) {
            List<String> entries = new ArrayList<>();
            for (String entry : required(setting, problem).split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
            if (entries.isEmpty()) {
                throw new IllegalArgumentException(name(setting) + " " + problem);
            }
            return entries.toArray(String[]::new);
        }

        /** Applies the headers to an HTTP channel's builder and builds it. */
        AlertChannel http(HttpAlertChannel.Builder<?> builder) {
            values.forEach((setting, value) -> {
                if (setting.startsWith("headers.")) {
                    builder.header(setting.substring("headers.".length()), value);
                }
            });
            return builder.build();
        }

        /** Builds the channel; a builder's message naming a builder setting is rethrown naming the full setting. */
        AlertChannel create() {
            try {
                return type.factory().apply(this);
            } catch (IllegalArgumentException e) {
                String message = String.valueOf(e.getMessage());
                if (message.startsWith(name("")) || type.variables().stream().anyMatch(message::startsWith)) {
                    throw e;
                }
                throw new IllegalArgumentException(translate(message), e);
            }
        }

        /** {@code message} with its leading builder setting ({@code webhookUrl}) replaced by the setting it came from. */
        private String translate(String message) {
            for (String setting : type.settings()) {
                String builderName = camelCase(setting);
                if (message.startsWith(builderName + " ") || message.startsWith(builderName + ":")) {
                    return name(setting) + message.substring(builderName.length());
                }
            }
            if (message.startsWith("value of header ") || message.startsWith("header name ")) {
                return name("headers") + ": " + message;
            }
            return prefix + type.name() + ": " + message;
        }

        private static String camelCase(String setting) {
            StringBuilder name = new StringBuilder(setting.length());
            boolean upper = false;
            for (int i = 0; i < setting.length(); i++) {
                char c = setting.charAt(i);
                if (c == '-') {
                    upper = true;
                } else {
                    name.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return name.toString();
        }

        private static boolean isSet(@Nullable String value) {
            return value != null && !value.isBlank();
        }
    }
}
