package dev.monitor.alert.channel.internal;

import dev.monitor.alert.channel.DeliveryResult;
import java.time.Duration;
import java.util.List;

/** Sends one e-mail; implemented over Jakarta Mail by {@link SmtpAlertSender}, kept free of mail types so that the
 * e-mail channel loads without Jakarta Mail on the classpath. */
public interface AlertMailSender {

    /** Sends a text + HTML e-mail and classifies the outcome. */
    DeliveryResult send(String subject, String text, String html, List<String> recipients, Duration timeout);
}
