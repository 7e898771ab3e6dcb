package dev.monitor.spring.alert;

import dev.monitor.alert.AlertSeverity;
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
 * The alert dispatcher, under {@code monitor.alerts}: its state, routing and security-event alerts. The channels'
 * properties, {@code monitor.alerts.<type>.<setting>} for every setting core describes
 * ({@link dev.monitor.alert.channel.AlertChannels#describe(String)}), are not fields here: they are bound from the
 * environment when the channels are built and validated by core's channel factory, which names the property in its
 * messages. A channel is switched on by its URL or key property, or by its documented environment variable
 * ({@code ALERT_WEBHOOK_URL}, {@code SLACK_WEBHOOK_URL}, ...); the log channel is on by default.
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
