package dev.monitor.alert.channel.internal;

import dev.monitor.alert.channel.DeliveryResult;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Sends e-mail over SMTP with Jakarta Mail (Angus): STARTTLS (required or opportunistic), implicit TLS,
 * or plain; optional authentication; a multipart/alternative message with text and HTML parts. SMTP
 * 5xx answers and authentication failures are permanent, 4xx answers, connection failures and
 * timeouts retryable. Loaded only when Jakarta Mail is on the classpath.
 */
public final class SmtpAlertSender implements AlertMailSender {

    /** How the connection is secured. */
    public enum Security { STARTTLS_REQUIRED, STARTTLS_IF_OFFERED, SMTPS, NONE }

    private final String host;
    private final int port;
    private final @Nullable String username;
    private final @Nullable String password;
    private final InternetAddress from;
    private final InternetAddress[] to;
    private final Security security;
    private final @Nullable String sslTrust;
    private final List<String> secrets = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if an address is invalid
     */
    public SmtpAlertSender(String host, int port, @Nullable String username, @Nullable String password, String from,
            List<String> to, Security security, @Nullable String sslTrust) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.from = address("from", from);
        this.to = new InternetAddress[to.size()];
        for (int i = 0; i < to.size(); i++) {
            this.to[i] = address("to", to.get(i));
        }
        this.security = security;
        this.sslTrust = sslTrust;
        if (password != null) {
            secrets.add(password);
        }
    }

    /**
     * Checks an e-mail address.
     *
     * @throws IllegalArgumentException if it is not one
     */
    public static void check(String value) {
        address("address", value);
    }

    private static InternetAddress address(String setting, String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new IllegalArgumentException(setting + " is not a valid e-mail address: " + e.getMessage());
        }
    }

    @Override
    public DeliveryResult send(String subject, String text, String html, List<String> recipients, Duration timeout) {
        InternetAddress[] addresses = to;
        if (!recipients.isEmpty()) {
            addresses = new InternetAddress[recipients.size()];
            for (int i = 0; i < addresses.length; i++) {
                try {
                    addresses[i] = address("recipient", recipients.get(i));
                } catch (IllegalArgumentException e) {
                    return DeliveryResult.permanent("invalid_recipient", detail(e.getMessage()));
                }
            }
        }
        String protocol = security == Security.SMTPS ? "smtps" : "smtp";
        Properties properties = new Properties();
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", host);
        properties.put(prefix + "port", Integer.toString(port));
        properties.put(prefix + "auth", Boolean.toString(username != null));
        String millis = Long.toString(Math.max(1, timeout.toMillis()));
        properties.put(prefix + "connectiontimeout", millis);
        properties.put(prefix + "timeout", millis);
        properties.put(prefix + "writetimeout", millis);
        properties.put(prefix + "ssl.checkserveridentity", "true");
        if (sslTrust != null) {
            properties.put(prefix + "ssl.trust", sslTrust);
        }
        if (security == Security.STARTTLS_REQUIRED || security == Security.STARTTLS_IF_OFFERED) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", Boolean.toString(security == Security.STARTTLS_REQUIRED));
        }
        try {
            Session session = Session.getInstance(properties);
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipients(Message.RecipientType.TO, addresses);
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            MimeBodyPart textPart = new MimeBodyPart();
            textPart.setText(text, "UTF-8");
            MimeBodyPart htmlPart = new MimeBodyPart();
            htmlPart.setContent(html, "text/html; charset=UTF-8");
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart);
            alternative.addBodyPart(htmlPart);
            message.setContent(alternative);
            message.saveChanges();
            if (username != null) {
                Transport.send(message, username, password == null ? "" : password);
            } else {
                Transport.send(message);
            }
            return DeliveryResult.delivered();
        } catch (AuthenticationFailedException e) {
            return DeliveryResult.permanent("smtp_auth", detail("authentication failed: " + e.getMessage()));
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private DeliveryResult classify(MessagingException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("STARTTLS")) {
            return DeliveryResult.permanent("smtp_starttls", detail(message + "; the server does not offer STARTTLS, "
                    + "use another security setting only if the connection is trusted"));
        }
        for (Throwable cause = e; cause != null; cause = cause instanceof MessagingException m ? m.getNextException()
                : cause.getCause()) {
            if (cause instanceof SMTPSendFailedException failed) {
                return reply(failed.getReturnCode(), failed.getMessage());
            }
            if (cause instanceof SMTPAddressFailedException failed) {
                return reply(failed.getReturnCode(), failed.getMessage());
            }
            if (cause instanceof MailConnectException) {
                return DeliveryResult.retryable("connect", detail("cannot connect to the SMTP server: " + cause.getMessage()));
            }
            if (cause instanceof SocketTimeoutException) {
                return DeliveryResult.retryable("timeout", detail("SMTP server did not answer in time"));
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        if (e instanceof SendFailedException failed) {
            Address[] invalid = failed.getInvalidAddresses();
            if (invalid != null && invalid.length > 0) {
                return DeliveryResult.permanent("smtp_recipient", detail("recipient rejected: " + message));
            }
        }
        return DeliveryResult.retryable("smtp", detail(e.getClass().getSimpleName() + ": " + message));
    }

    private DeliveryResult reply(int code, @Nullable String text) {
        String detail = detail("SMTP " + code + ": " + text);
        return code >= 500 ? DeliveryResult.permanent("smtp_" + code, detail) : DeliveryResult.retryable("smtp_" + code, detail);
    }

    /** The channel's secrets replaced; not cut here (the dispatcher scrubs it before it cuts it for the log). */
    private String detail(String text) {
        return FailureDetails.of(text, secrets);
    }
}
