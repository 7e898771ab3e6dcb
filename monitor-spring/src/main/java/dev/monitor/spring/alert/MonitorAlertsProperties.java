package dev.monitor.spring.alert;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.EmailChannel;
import dev.monitor.spring.internal.PropertyChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The alert dispatcher and its channels, under {@code monitor.alerts}. A channel is switched on by its URL or key
 * property, or by its documented environment variable ({@code ALERT_WEBHOOK_URL}, {@code SLACK_WEBHOOK_URL}, ...);
 * the log channel is on by default. Every built-in channel of core ({@link dev.monitor.alert.channel.AlertChannels#types()})
 * has its properties here, named {@code monitor.alerts.<type>.<setting>} after the core factory's settings.
 */
@ConfigurationProperties("monitor.alerts")
public class MonitorAlertsProperties implements Validator {

    /** Whether the alert dispatcher, its channels and the security-event alerts are configured. */
    private boolean enabled = true;

    /**
     * Whether a channel whose property is not set is switched on by its documented environment variable:
     * ALERT_WEBHOOK_URL, SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL, TEAMS_WEBHOOK_URL, PAGERDUTY_ROUTING_KEY,
     * ALERTMANAGER_URL, SMTP_HOST with SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, SMTP_FROM, ALERT_EMAIL_TO and
     * SMTP_SECURITY, and TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN, TWILIO_FROM_NUMBER or
     * TWILIO_MESSAGING_SERVICE_SID, ALERT_SMS_TO and TWILIO_API_URL.
     */
    private boolean environmentVariables = true;

    /**
     * Directory of the durable outbox: undelivered notifications, active alerts and silences are kept there and
     * survive a restart or a crash. One application instance per directory. Unset: memory only.
     */
    private @Nullable String stateDirectory;

    /** How many recent alerts are kept for the status page's incidents. */
    private int historySize = 200;

    /** How long closing the dispatcher at shutdown keeps delivering; what is left stays in the outbox, if any. */
    private Duration closeTimeout = Duration.ofSeconds(5);

    /** The log channel (SLF4J). */
    private final Log log = new Log();

    /** A generic webhook receiving Alertmanager's webhook JSON (version 4). */
    private final Webhook webhook = new Webhook();

    /** Slack, through an incoming webhook. */
    private final ChatWebhook slack = new ChatWebhook();

    /** Discord, through a channel webhook. */
    private final ChatWebhook discord = new ChatWebhook();

    /** Microsoft Teams, through a workflow webhook. */
    private final ChatWebhook teams = new ChatWebhook();

    /** PagerDuty Events API v2. */
    private final PagerDuty pagerduty = new PagerDuty();

    /** Prometheus Alertmanager's API v2 (the hand-off when many replicas run). */
    private final Alertmanager alertmanager = new Alertmanager();

    /** E-mail over SMTP (needs Jakarta Mail and Angus Mail, e.g. spring-boot-starter-mail). */
    private final Email email = new Email();

    /** Text messages through the Twilio Messages API (or a compatible gateway). */
    private final Sms sms = new Sms();

    /** Which alerts go to which channels, and when. */
    private final Routing routing = new Routing();

    /** Alerts for clients that repeatedly fail to authenticate (the request monitor's security events). */
    private final SecurityEvents securityEvents = new SecurityEvents();

    /** Whether alerts are configured. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether alerts are configured. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether the documented environment variables switch channels on. */
    public boolean isEnvironmentVariables() {
        return environmentVariables;
    }

    /** Sets whether the documented environment variables switch channels on. */
    public void setEnvironmentVariables(boolean environmentVariables) {
        this.environmentVariables = environmentVariables;
    }

    /** The outbox directory, or null for memory only. */
    public @Nullable String getStateDirectory() {
        return stateDirectory;
    }

    /** Sets the outbox directory. */
    public void setStateDirectory(@Nullable String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    /** Recent alerts kept. */
    public int getHistorySize() {
        return historySize;
    }

    /** Sets the recent alerts kept. */
    public void setHistorySize(int historySize) {
        this.historySize = historySize;
    }

    /** How long closing keeps delivering. */
    public Duration getCloseTimeout() {
        return closeTimeout;
    }

    /** Sets how long closing keeps delivering. */
    public void setCloseTimeout(Duration closeTimeout) {
        this.closeTimeout = closeTimeout;
    }

    /** The log channel. */
    public Log getLog() {
        return log;
    }

    /** The webhook channel. */
    public Webhook getWebhook() {
        return webhook;
    }

    /** The Slack channel. */
    public ChatWebhook getSlack() {
        return slack;
    }

    /** The Discord channel. */
    public ChatWebhook getDiscord() {
        return discord;
    }

    /** The Teams channel. */
    public ChatWebhook getTeams() {
        return teams;
    }

    /** The PagerDuty channel. */
    public PagerDuty getPagerduty() {
        return pagerduty;
    }

    /** The Alertmanager channel. */
    public Alertmanager getAlertmanager() {
        return alertmanager;
    }

    /** The e-mail channel. */
    public Email getEmail() {
        return email;
    }

    /** The SMS channel. */
    public Sms getSms() {
        return sms;
    }

    /** The routing. */
    public Routing getRouting() {
        return routing;
    }

    /** The security-event alerts. */
    public SecurityEvents getSecurityEvents() {
        return securityEvents;
    }

    /** Validates the bound values; a bad value fails startup with a message naming the property. */
    @Override
    public boolean supports(Class<?> type) {
        return MonitorAlertsProperties.class.isAssignableFrom(type);
    }

    /**
     * Validates the bound values; a bad value fails startup with a message naming the property. URLs, keys and
     * passwords are checked when the channels are built, with messages that name the property and never repeat
     * the value.
     */
    @Override
    public void validate(Object target, Errors errors) {
        MonitorAlertsProperties properties = (MonitorAlertsProperties) target;
        PropertyChecks checks = new PropertyChecks("monitor.alerts", errors);
        if (properties.stateDirectory != null && properties.stateDirectory.isBlank()) {
            checks.reject("stateDirectory", properties.stateDirectory, "must name a directory (leave it unset for memory only)");
        }
        if (properties.historySize < 1 || properties.historySize > 100_000) {
            checks.reject("historySize", properties.historySize, "must be between 1 and 100000");
        }
        checks.notNegative("closeTimeout", properties.closeTimeout);
        if (properties.log.logger != null && properties.log.logger.isBlank()) {
            checks.reject("log.logger", properties.log.logger, "must not be blank (leave it unset for the default)");
        }
        if (properties.email.port != null && (properties.email.port < 1 || properties.email.port > 65_535)) {
            checks.reject("email.port", properties.email.port, "must be between 1 and 65535");
        }
        if (properties.email.to == null) {
            checks.reject("email.to", null, "must not be null");
        } else {
            checks.noBlankEntries("email.to", properties.email.to);
        }
        if (properties.sms.to == null) {
            checks.reject("sms.to", null, "must not be null");
        } else {
            checks.noBlankEntries("sms.to", properties.sms.to);
        }
        Routing routing = properties.routing;
        if (routing.channels == null) {
            checks.reject("routing.channels", null, "must not be null (leave it empty for every channel)");
        } else {
            checks.noBlankEntries("routing.channels", routing.channels);
        }
        if (routing.groupBy == null || routing.groupBy.isEmpty()) {
            checks.reject("routing.groupBy", routing.groupBy, "must name at least one label, e.g. alertname (or '...' "
                    + "for one group per alert)");
        } else {
            checks.noBlankEntries("routing.groupBy", routing.groupBy);
        }
        checks.notNegative("routing.groupWait", routing.groupWait);
        checks.positive("routing.groupInterval", routing.groupInterval);
        checks.positive("routing.repeatInterval", routing.repeatInterval);
        if (routing.severity == null) {
            checks.reject("routing.severity", null, "must not be null");
        } else {
            routing.severity.forEach((severity, channels) -> {
                if (channels == null || channels.isEmpty() || channels.stream().anyMatch(c -> c == null || c.isBlank())) {
                    checks.rejectEntry("routing.severity", severity.label(), channels,
                            "must name at least one channel and no blank ones");
                }
            });
        }
        checks.positive("securityEvents.quietPeriod", properties.securityEvents.quietPeriod);
        checks.atLeast("securityEvents.maxClients", properties.securityEvents.maxClients, 1);
    }

    /** The log channel. */
    public static class Log {

        /** Whether alert notifications are logged (channel "log"). */
        private boolean enabled = true;

        /** SLF4J logger of the notifications. Unset: dev.monitor.alert.notifications. */
        private @Nullable String logger;

        /** Whether the log channel is on. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether the log channel is on. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The logger name, or null for the default. */
        public @Nullable String getLogger() {
            return logger;
        }

        /** Sets the logger name. */
        public void setLogger(@Nullable String logger) {
            this.logger = logger;
        }
    }

    /** A generic webhook. */
    public static class Webhook {

        /**
         * URL the notifications are POSTed to (channel "webhook"); http or https. Treated as a secret. Unset: the
         * ALERT_WEBHOOK_URL environment variable, else no webhook.
         */
        private @Nullable String url;

        /** Headers sent with every request, e.g. Authorization; their values are treated as secrets. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** The externalURL field of the payload, e.g. a link to the service's alert page. */
        private @Nullable String externalUrl;

        /** The URL, or null. */
        public @Nullable String getUrl() {
            return url;
        }

        /** Sets the URL. */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** The headers. */
        public Map<String, String> getHeaders() {
            return headers;
        }

        /** Sets the headers. */
        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        /** The external URL, or null. */
        public @Nullable String getExternalUrl() {
            return externalUrl;
        }

        /** Sets the external URL. */
        public void setExternalUrl(@Nullable String externalUrl) {
            this.externalUrl = externalUrl;
        }
    }

    /** A chat provider reached through a webhook URL (Slack, Discord, Teams). */
    public static class ChatWebhook {

        /**
         * The webhook URL; https (http only for loopback hosts). Treated as a secret. Unset: the provider's
         * environment variable (SLACK_WEBHOOK_URL, DISCORD_WEBHOOK_URL, TEAMS_WEBHOOK_URL), else the channel is off.
         */
        private @Nullable String webhookUrl;

        /** The webhook URL, or null. */
        public @Nullable String getWebhookUrl() {
            return webhookUrl;
        }

        /** Sets the webhook URL. */
        public void setWebhookUrl(@Nullable String webhookUrl) {
            this.webhookUrl = webhookUrl;
        }
    }

    /** PagerDuty. */
    public static class PagerDuty {

        /**
         * The 32-character integration key of an Events API v2 integration (channel "pagerduty"). A secret. Unset:
         * the PAGERDUTY_ROUTING_KEY environment variable, else the channel is off.
         */
        private @Nullable String routingKey;

        /** The Events API endpoint; https unless loopback. Unset: https://events.pagerduty.com/v2/enqueue. */
        private @Nullable String endpoint;

        /** A link shown with the incident (client_url), e.g. the service's dashboard. */
        private @Nullable String clientUrl;

        /** The routing key, or null. */
        public @Nullable String getRoutingKey() {
            return routingKey;
        }

        /** Sets the routing key. */
        public void setRoutingKey(@Nullable String routingKey) {
            this.routingKey = routingKey;
        }

        /** The endpoint, or null for PagerDuty's. */
        public @Nullable String getEndpoint() {
            return endpoint;
        }

        /** Sets the endpoint. */
        public void setEndpoint(@Nullable String endpoint) {
            this.endpoint = endpoint;
        }

        /** The client URL, or null. */
        public @Nullable String getClientUrl() {
            return clientUrl;
        }

        /** Sets the client URL. */
        public void setClientUrl(@Nullable String clientUrl) {
            this.clientUrl = clientUrl;
        }
    }

    /** Alertmanager. */
    public static class Alertmanager {

        /**
         * Alertmanager's base URL, e.g. http://alertmanager:9093 (channel "alertmanager"). Unset: the ALERTMANAGER_URL
         * environment variable, else the channel is off.
         */
        private @Nullable String url;

        /** Headers sent with every request, e.g. Authorization; their values are treated as secrets. */
        private Map<String, String> headers = new LinkedHashMap<>();

        /** The generatorURL of alerts whose source is not a URL. */
        private @Nullable String generatorUrl;

        /** The URL, or null. */
        public @Nullable String getUrl() {
            return url;
        }

        /** Sets the URL. */
        public void setUrl(@Nullable String url) {
            this.url = url;
        }

        /** The headers. */
        public Map<String, String> getHeaders() {
            return headers;
        }

        /** Sets the headers. */
        public void setHeaders(Map<String, String> headers) {
            this.headers = headers;
        }

        /** The generator URL, or null. */
        public @Nullable String getGeneratorUrl() {
            return generatorUrl;
        }

        /** Sets the generator URL. */
        public void setGeneratorUrl(@Nullable String generatorUrl) {
            this.generatorUrl = generatorUrl;
        }
    }

    /** E-mail over SMTP. */
    public static class Email {

        /**
         * The SMTP server's host (channel "email"). Unset: the SMTP_HOST environment variable with the other SMTP_*
         * variables and ALERT_EMAIL_TO, else the channel is off.
         */
        private @Nullable String host;

        /** The SMTP server's port. Unset: 587, or 465 with security smtps. */
        private @Nullable Integer port;

        /** The SMTP user name; unset for a server without authentication. */
        private @Nullable String username;

        /** The SMTP password (a secret, never logged). */
        private @Nullable String password;

        /** The sender address. */
        private @Nullable String from;

        /** The recipients of the alert e-mails. */
        private List<String> to = new ArrayList<>();

        /**
         * How the connection is secured: starttls (required, the default), starttls-if-offered, smtps (implicit TLS)
         * or none (only for a trusted local relay).
         */
        private EmailChannel.Security security = EmailChannel.Security.STARTTLS;

        /** A prefix for subjects, e.g. "[orders] ". */
        private @Nullable String subjectPrefix;

        /** The host, or null. */
        public @Nullable String getHost() {
            return host;
        }

        /** Sets the host. */
        public void setHost(@Nullable String host) {
            this.host = host;
        }

        /** The port, or null for the default. */
        public @Nullable Integer getPort() {
            return port;
        }

        /** Sets the port. */
        public void setPort(@Nullable Integer port) {
            this.port = port;
        }

        /** The user name, or null. */
        public @Nullable String getUsername() {
            return username;
        }

        /** Sets the user name. */
        public void setUsername(@Nullable String username) {
            this.username = username;
        }

        /** The password, or null. */
        public @Nullable String getPassword() {
            return password;
        }

        /** Sets the password. */
        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        /** The sender, or null. */
        public @Nullable String getFrom() {
            return from;
        }

        /** Sets the sender. */
        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        /** The recipients. */
        public List<String> getTo() {
            return to;
        }

        /** Sets the recipients. */
        public void setTo(List<String> to) {
            this.to = to;
        }

        /** The connection security. */
        public EmailChannel.Security getSecurity() {
            return security;
        }

        /** Sets the connection security. */
        public void setSecurity(EmailChannel.Security security) {
            this.security = security;
        }

        /** The subject prefix, or null. */
        public @Nullable String getSubjectPrefix() {
            return subjectPrefix;
        }

        /** Sets the subject prefix. */
        public void setSubjectPrefix(@Nullable String subjectPrefix) {
            this.subjectPrefix = subjectPrefix;
        }
    }

    /** Text messages (SMS) through the Twilio Messages API. */
    public static class Sms {

        /**
         * The Twilio account SID, AC... (channel "sms"). Unset: the TWILIO_ACCOUNT_SID environment variable with the other
         * TWILIO_* variables and ALERT_SMS_TO, else the channel is off.
         */
        private @Nullable String accountSid;

        /** The account's auth token (a secret, never logged). */
        private @Nullable String authToken;

        /** The sender: an E.164 number (+15005550006) or an alphanumeric sender id; or set messaging-service-sid. */
        private @Nullable String from;

        /** The messaging service SID (MG...) that picks the sender, instead of from. */
        private @Nullable String messagingServiceSid;

        /**
         * Default recipients, E.164 numbers, for notifications that name none; optional when escalation reaches people
         * through on-call schedules. Phone numbers are personal data: never logged.
         */
        private List<String> to = new ArrayList<>();

        /** The API's base URL, for a Twilio-compatible gateway; https unless loopback. Unset: https://api.twilio.com. */
        private @Nullable String endpoint;

        /** The account SID, or null. */
        public @Nullable String getAccountSid() {
            return accountSid;
        }

        /** Sets the account SID. */
        public void setAccountSid(@Nullable String accountSid) {
            this.accountSid = accountSid;
        }

        /** The auth token, or null. */
        public @Nullable String getAuthToken() {
            return authToken;
        }

        /** Sets the auth token. */
        public void setAuthToken(@Nullable String authToken) {
            this.authToken = authToken;
        }

        /** The sender, or null. */
        public @Nullable String getFrom() {
            return from;
        }

        /** Sets the sender. */
        public void setFrom(@Nullable String from) {
            this.from = from;
        }

        /** The messaging service SID, or null. */
        public @Nullable String getMessagingServiceSid() {
            return messagingServiceSid;
        }

        /** Sets the messaging service SID. */
        public void setMessagingServiceSid(@Nullable String messagingServiceSid) {
            this.messagingServiceSid = messagingServiceSid;
        }

        /** The default recipients. */
        public List<String> getTo() {
            return to;
        }

        /** Sets the default recipients. */
        public void setTo(List<String> to) {
            this.to = to;
        }

        /** The endpoint, or null for Twilio's. */
        public @Nullable String getEndpoint() {
            return endpoint;
        }

        /** Sets the endpoint. */
        public void setEndpoint(@Nullable String endpoint) {
            this.endpoint = endpoint;
        }
    }

    /** A simple routing: one root route, optionally other channels per severity. */
    public static class Routing {

        /** Channels (by name: log, webhook, slack, ...) every alert goes to. Empty: every configured channel. */
        private List<String> channels = new ArrayList<>();

        /**
         * Channels per severity, replacing the default channels for alerts of exactly that severity, e.g.
         * monitor.alerts.routing.severity.critical=pagerduty,slack.
         */
        private Map<AlertSeverity, List<String>> severity = new LinkedHashMap<>();

        /** Labels whose values define a group of alerts notified together; "..." for one group per alert. */
        private List<String> groupBy = new ArrayList<>(List.of("alertname"));

        /** How long a new group waits for more alerts before its first notification. */
        private Duration groupWait = Duration.ofSeconds(30);

        /** How long to wait before notifying a group whose alerts changed. */
        private Duration groupInterval = Duration.ofMinutes(5);

        /** How long before an unchanged group that still fires is notified again. */
        private Duration repeatInterval = Duration.ofHours(4);

        /** Whether channels are notified when alerts resolve. */
        private boolean sendResolved = true;

        /** The default channels; empty for every channel. */
        public List<String> getChannels() {
            return channels;
        }

        /** Sets the default channels. */
        public void setChannels(List<String> channels) {
            this.channels = channels;
        }

        /** Channels per severity. */
        public Map<AlertSeverity, List<String>> getSeverity() {
            return severity;
        }

        /** Sets the channels per severity. */
        public void setSeverity(Map<AlertSeverity, List<String>> severity) {
            this.severity = severity;
        }

        /** The grouping labels. */
        public List<String> getGroupBy() {
            return groupBy;
        }

        /** Sets the grouping labels. */
        public void setGroupBy(List<String> groupBy) {
            this.groupBy = groupBy;
        }

        /** The group wait. */
        public Duration getGroupWait() {
            return groupWait;
        }

        /** Sets the group wait. */
        public void setGroupWait(Duration groupWait) {
            this.groupWait = groupWait;
        }

        /** The group interval. */
        public Duration getGroupInterval() {
            return groupInterval;
        }

        /** Sets the group interval. */
        public void setGroupInterval(Duration groupInterval) {
            this.groupInterval = groupInterval;
        }

        /** The repeat interval. */
        public Duration getRepeatInterval() {
            return repeatInterval;
        }

        /** Sets the repeat interval. */
        public void setRepeatInterval(Duration repeatInterval) {
            this.repeatInterval = repeatInterval;
        }

        /** Whether resolutions are notified. */
        public boolean isSendResolved() {
            return sendResolved;
        }

        /** Sets whether resolutions are notified. */
        public void setSendResolved(boolean sendResolved) {
            this.sendResolved = sendResolved;
        }
    }

    /** Alerts for repeated failed authentications. */
    public static class SecurityEvents {

        /**
         * Whether a client crossing the request monitor's failed-authentication threshold
         * (monitor.request.auth-failures.*) fires RepeatedAuthenticationFailures, labelled with a keyed hash of its
         * address (never the address).
         */
        private boolean enabled = true;

        /** How long a client must be quiet before its alert resolves. */
        private Duration quietPeriod = Duration.ofMinutes(10);

        /** Severity of the alert. */
        private AlertSeverity severity = AlertSeverity.HIGH;

        /** Most clients tracked at once; beyond it the longest-quiet one is resolved early. */
        private int maxClients = 1000;

        /** Whether security events fire alerts. */
        public boolean isEnabled() {
            return enabled;
        }

        /** Sets whether security events fire alerts. */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** The quiet period. */
        public Duration getQuietPeriod() {
            return quietPeriod;
        }

        /** Sets the quiet period. */
        public void setQuietPeriod(Duration quietPeriod) {
            this.quietPeriod = quietPeriod;
        }

        /** The severity. */
        public AlertSeverity getSeverity() {
            return severity;
        }

        /** Sets the severity. */
        public void setSeverity(AlertSeverity severity) {
            this.severity = severity;
        }

        /** Most clients tracked. */
        public int getMaxClients() {
            return maxClients;
        }

        /** Sets the most clients tracked. */
        public void setMaxClients(int maxClients) {
            this.maxClients = maxClients;
        }
    }
}
