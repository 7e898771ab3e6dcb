package dev.monitor.alert.channel;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.internal.ChannelEndpoints;
import dev.monitor.alert.channel.internal.AlertMailSender;
import dev.monitor.alert.channel.internal.SmtpAlertSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sends notifications by e-mail over SMTP (Jakarta Mail with Angus Mail): a {@code multipart/alternative}
 * message with a plain-text and an HTML part (all alert text HTML-escaped), subject
 * {@code [FIRING:3] HighErrorRate orders}. STARTTLS is required by default, so credentials never cross
 * the network in clear text; implicit TLS (SMTPS) or, for a trusted local relay, a plain connection can
 * be chosen.
 *
 * <p>Needs {@code jakarta.mail:jakarta.mail-api} and {@code org.eclipse.angus:angus-mail} on the
 * classpath (optional dependencies of monitor-core); without them {@link Builder#build()} fails with a
 * message saying so, and every other channel works. Settings come from the builder or the environment
 * ({@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD}, {@code SMTP_FROM},
 * {@code ALERT_EMAIL_TO} (comma-separated), {@code SMTP_SECURITY}: {@code starttls}, {@code starttls-optional},
 * {@code smtps} or {@code none}). The password is never logged.
 */
public final class EmailChannel implements AlertChannel {

    /** The SMTP server's host. */
    public static final String HOST_VARIABLE = "SMTP_HOST";
    /** The SMTP server's port. */
    public static final String PORT_VARIABLE = "SMTP_PORT";
    /** The SMTP user name. */
    public static final String USERNAME_VARIABLE = "SMTP_USERNAME";
    /** The SMTP password (a secret). */
    public static final String PASSWORD_VARIABLE = "SMTP_PASSWORD";
    /** The sender address. */
    public static final String FROM_VARIABLE = "SMTP_FROM";
    /** The recipients, comma-separated. */
    public static final String TO_VARIABLE = "ALERT_EMAIL_TO";
    /** The connection security: {@code starttls}, {@code starttls-optional}, {@code smtps} or {@code none}. */
    public static final String SECURITY_VARIABLE = "SMTP_SECURITY";

    static final int SUBJECT_LIMIT = 200;

    /** How the SMTP connection is secured. */
    public enum Security {
        /** Upgrade with STARTTLS and fail if the server does not offer it (default). */
        STARTTLS,
        /** Upgrade with STARTTLS when the server offers it, else continue in clear text. */
        STARTTLS_IF_OFFERED,
        /** Implicit TLS from the first byte (usually port 465). */
        SMTPS,
        /** No encryption: only for a trusted local relay. */
        NONE;

        /**
         * The security named by {@code text}: {@code starttls}, {@code starttls-optional} (or
         * {@code starttls-if-offered}), {@code smtps} (or {@code ssl}, {@code tls}) or {@code none}, in any case, with
         * {@code -} or {@code _}.
         *
         * @param setting the setting's name for the message
         * @throws IllegalArgumentException naming {@code setting} and the accepted values
         */
        public static Security parse(String setting, String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
                case "starttls" -> STARTTLS;
                case "starttls-optional", "starttls-if-offered" -> STARTTLS_IF_OFFERED;
                case "smtps", "ssl", "tls" -> SMTPS;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException(setting
                        + " must be one of starttls, starttls-optional, smtps, none, was '" + text + "'");
            };
        }
    }

    private final String name;
    private final String subjectPrefix;
    private final int maxAlerts;
    private final AlertMailSender sender;

    private EmailChannel(Builder builder, AlertMailSender sender) {
        this.name = builder.name;
        this.subjectPrefix = builder.subjectPrefix;
        this.maxAlerts = builder.maxAlerts;
        this.sender = sender;
    }

    /** A builder; host, sender and recipients are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether Jakarta Mail and Angus Mail are on the classpath. */
    public static boolean isAvailable() {
        ClassLoader loader = EmailChannel.class.getClassLoader();
        try {
            Class.forName("jakarta.mail.Session", false, loader);
            Class.forName("org.eclipse.angus.mail.smtp.SMTPTransport", false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelPayload render(AlertNotification notification) {
        String subject = ChannelTexts.truncate(ChannelTexts.oneLine(subjectPrefix + NotificationText.title(notification)), SUBJECT_LIMIT);
        String text = NotificationText.plain(notification, maxAlerts);
        return new ChannelPayload("multipart/alternative", text, Map.of("subject", subject, "html", html(notification),
                "to", String.join(",", notification.recipients())));
    }

    private String html(AlertNotification notification) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        html.append("<h2 style=\"color:#").append(String.format(Locale.ROOT, "%06x", NotificationText.color(notification)))
                .append("\">").append(ChannelTexts.html(NotificationText.title(notification))).append("</h2>");
        html.append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">");
        int shown = 0;
        for (NotifiedAlert alertShown : notification.alerts()) {
            if (shown >= maxAlerts) {
                break;
            }
            Alert alert = alertShown.alert();
            html.append("<tr style=\"border-top:1px solid #ddd\"><td><b>")
                    .append(alertShown.isFiring() ? alert.severity().name() : "RESOLVED").append("</b></td><td><b>")
                    .append(ChannelTexts.html(alert.name())).append("</b>");
            if (!alert.summary().equals(alert.name())) {
                html.append(": ").append(ChannelTexts.html(alert.summary()));
            }
            if (!alert.description().isEmpty()) {
                html.append("<br><span style=\"color:#555\">").append(ChannelTexts.html(alert.description())).append("</span>");
            }
            if (!alert.labels().isEmpty()) {
                html.append("<br><code>").append(ChannelTexts.html(NotificationText.labels(alert.labels()))).append("</code>");
            }
            String runbook = NotificationText.runbookUrl(alert);
            if (!runbook.isEmpty()) {
                html.append("<br><a href=\"").append(ChannelTexts.html(runbook)).append("\">Runbook</a>");
            }
            String target = NotificationText.responseTarget(alertShown);
            if (!target.isEmpty()) {
                html.append("<br>Response target: ").append(ChannelTexts.html(target));
            }
            if (alertShown.escalationLevel() > 1 && alertShown.isFiring() && !alertShown.isAcknowledged()) {
                html.append("<br>Escalation level ").append(alertShown.escalationLevel());
            }
            if (alertShown.acknowledgement() != null) {
                html.append("<br><b>").append(ChannelTexts.html(NotificationText.acknowledged(alertShown.acknowledgement())))
                        .append("</b>");
            }
            html.append("<br><small>since ").append(alertShown.startsAt());
            if (alertShown.endsAt() != null) {
                html.append(", resolved ").append(alertShown.endsAt());
            }
            html.append("</small></td></tr>");
            shown++;
        }
        html.append("</table>");
        String more = NotificationText.more(notification, shown);
        if (!more.isEmpty()) {
            html.append("<p>").append(ChannelTexts.html(more)).append("</p>");
        }
        return html.append("</body></html>").toString();
    }

    @Override
    public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
        String to = payload.field("to");
        return sender.send(payload.field("subject"), payload.body(), payload.field("html"),
                to.isEmpty() ? List.of() : List.of(to.split(",")), context.timeout());
    }

    /** E-mail can address the on-call person: a notification's recipients replace the configured ones. */
    @Override
    public boolean supportsRecipients() {
        return true;
    }

    /** Checks that {@code recipient} is an e-mail address. */
    @Override
    public void checkRecipient(String recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (!isAvailable()) {
            return;
        }
        int at = recipient.indexOf('@');
        if (at <= 0 || at == recipient.length() - 1 || recipient.indexOf(',') >= 0) {
            throw new IllegalArgumentException("an e-mail recipient must look like name@example.com, was a value of "
                    + recipient.length() + " characters" + (at < 0 ? " without '@'" : ""));
        }
        try {
            SmtpAlertSender.check(recipient);
        } catch (IllegalArgumentException e) {
            // not chained: the cause's message repeats the address, which is personal data
            throw new IllegalArgumentException("an e-mail recipient is not a valid address (" + recipient.length()
                    + " characters)");
        }
    }

    /** One e-mail per second, 30 s per attempt (SMTP servers can be slow to greet). */
    @Override
    public DeliveryPolicy defaultPolicy() {
        return DeliveryPolicy.builder().rateLimit(1, Duration.ofSeconds(1)).attemptTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public String toString() {
        return "EmailChannel{" + name + '}';
    }

    /** Builds an {@link EmailChannel}. */
    public static final class Builder {
        private String name = "email";
        private @Nullable String host;
        private int port;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable String from;
        private final List<String> to = new ArrayList<>();
        private Security security = Security.STARTTLS;
        private @Nullable String sslTrust;
        private String subjectPrefix = "";
        private int maxAlerts = 50;

        private Builder() {
        }

        /** The channel name (default {@code email}). */
        public Builder name(String name) {
            this.name = ChannelSettings.name(name);
            return this;
        }

        /** The SMTP server and port (default port: 587, or 465 with {@link Security#SMTPS}). */
        public Builder server(String host, int port) {
            this.host = ChannelEndpoints.required("host", host, "set the SMTP server's host name");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Authenticates as {@code username} with {@code password} (a secret). */
        public Builder credentials(String username, String password) {
            this.username = ChannelEndpoints.required("username", username, "set the SMTP user name");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The sender address. */
        public Builder from(String from) {
            this.from = ChannelEndpoints.required("from", from, "set the sender address");
            return this;
        }

        /** Adds recipients. */
        public Builder to(String... recipients) {
            Objects.requireNonNull(recipients, "recipients");
            for (String recipient : recipients) {
                to.add(ChannelEndpoints.required("to", recipient, "recipients must not be blank"));
            }
            return this;
        }

        /** How the connection is secured (default {@link Security#STARTTLS}, required). */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Hosts whose TLS certificates are trusted without validation ({@code mail.smtp.ssl.trust}); for private CAs. */
        public Builder sslTrust(String hosts) {
            this.sslTrust = ChannelEndpoints.required("sslTrust", hosts, "name the trusted hosts");
            return this;
        }

        /** A prefix for subjects, e.g. {@code "[orders] "}. */
        public Builder subjectPrefix(String subjectPrefix) {
            this.subjectPrefix = Objects.requireNonNull(subjectPrefix, "subjectPrefix");
            return this;
        }

        /** How many alerts an e-mail lists before "+N more" (default 50). */
        public Builder maxAlerts(int maxAlerts) {
            this.maxAlerts = ChannelSettings.maxAlerts(maxAlerts, Integer.MAX_VALUE);
            return this;
        }

        /**
         * Reads {@code SMTP_HOST}, {@code SMTP_PORT}, {@code SMTP_USERNAME}, {@code SMTP_PASSWORD},
         * {@code SMTP_FROM}, {@code ALERT_EMAIL_TO} and {@code SMTP_SECURITY} from {@code environment}.
         *
         * @throws IllegalArgumentException naming the variable that is missing or invalid
         */
        public Builder fromEnvironment(Map<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            String security = environment.get(SECURITY_VARIABLE);
            if (security != null && !security.isBlank()) {
                this.security = Security.parse(SECURITY_VARIABLE, security);
            }
            String host = ChannelEndpoints.required(HOST_VARIABLE, environment.get(HOST_VARIABLE), "set it to the SMTP server's host");
            int port = 0;
            String portText = environment.get(PORT_VARIABLE);
            if (portText != null && !portText.isBlank()) {
                try {
                    port = Integer.parseInt(portText.trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(PORT_VARIABLE + " must be a port number, was '" + portText + "'");
                }
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException(PORT_VARIABLE + " must be between 1 and 65535, was " + port);
                }
            }
            this.host = host;
            this.port = port;
            String user = environment.get(USERNAME_VARIABLE);
            if (user != null && !user.isBlank()) {
                String secret = environment.get(PASSWORD_VARIABLE);
                if (secret == null) {
                    throw new IllegalArgumentException(PASSWORD_VARIABLE + " is not set but " + USERNAME_VARIABLE
                            + " is; set both or neither");
                }
                this.username = user.trim();
                this.password = secret;
            }
            this.from = ChannelEndpoints.required(FROM_VARIABLE, environment.get(FROM_VARIABLE), "set it to the sender address");
            String recipients = ChannelEndpoints.required(TO_VARIABLE, environment.get(TO_VARIABLE),
                    "set it to the recipients, comma-separated");
            to.clear();
            for (String recipient : recipients.split(",")) {
                if (!recipient.isBlank()) {
                    to.add(recipient.trim());
                }
            }
            return this;
        }

        /**
         * Builds the channel.
         *
         * @throws IllegalStateException if Jakarta Mail or Angus Mail is not on the classpath
         * @throws IllegalArgumentException if the server, sender or recipients are missing or invalid
         */
        public EmailChannel build() {
            if (!isAvailable()) {
                throw new IllegalStateException("the e-mail alert channel needs Jakarta Mail on the classpath: add the "
                        + "dependencies jakarta.mail:jakarta.mail-api and org.eclipse.angus:angus-mail");
            }
            if (host == null) {
                throw new IllegalArgumentException("the SMTP server is not set; use server(host, port) or fromEnvironment(...)");
            }
            if (from == null) {
                throw new IllegalArgumentException("the sender is not set; use from(...)");
            }
            if (to.isEmpty()) {
                throw new IllegalArgumentException("no recipients; use to(...)");
            }
            int effectivePort = port != 0 ? port : security == Security.SMTPS ? 465 : 587;
            SmtpAlertSender.Security mode = switch (security) {
                case STARTTLS -> SmtpAlertSender.Security.STARTTLS_REQUIRED;
                case STARTTLS_IF_OFFERED -> SmtpAlertSender.Security.STARTTLS_IF_OFFERED;
                case SMTPS -> SmtpAlertSender.Security.SMTPS;
                case NONE -> SmtpAlertSender.Security.NONE;
            };
            return new EmailChannel(this, new SmtpAlertSender(host, effectivePort, username, password, from, to, mode, sslTrust));
        }
    }
}
