package dev.monitor.spring.health;

import dev.monitor.health.HealthCheck;
import dev.monitor.health.HealthResult;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Checks a {@link JavaMailSenderImpl} whose protocol is not plain SMTP (e.g. {@code smtps}) with
 * {@link JavaMailSenderImpl#testConnection()}: connects and authenticates, sends no mail. Plain SMTP senders are
 * checked with the lighter {@link dev.monitor.health.check.SmtpHealthCheck} instead.
 */
final class MailConnectionHealthCheck implements HealthCheck {

    private final JavaMailSenderImpl sender;

    MailConnectionHealthCheck(JavaMailSenderImpl sender) {
        this.sender = sender;
    }

    @Override
    public HealthResult check() throws Exception {
        sender.testConnection();
        return HealthResult.builder(dev.monitor.health.CheckStatus.PASS).detail("protocol",
                String.valueOf(sender.getProtocol())).build();
    }
}
