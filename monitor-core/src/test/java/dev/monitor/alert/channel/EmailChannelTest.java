package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.ScriptedSmtpServer;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The e-mail channel against a real SMTP server (GreenMail) and a scripted one for the failure modes. */
class EmailChannelTest {

    /** Waits up to 60 s for the GreenMail server to start: a hang guard (its 2 s default is not one on a busy machine). */
    private static ServerSetup patient(ServerSetup setup) {
        setup.setServerStartupTimeout(60_000);
        return setup;
    }

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(30);

    private GreenMail greenMail;
    private AlertDispatcher dispatcher;

    @BeforeEach
    void startMailServer() {
        greenMail = new GreenMail(patient(ServerSetupTest.SMTP.dynamicPort()));
        greenMail.start();
        greenMail.setUser("alerts@example.com", "alerts", "correct-password");
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        greenMail.stop();
    }

    private int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private AlertDispatcher dispatcher(EmailChannel email, AlertChannel... others) {
        return dispatcher(email, Clock.systemUTC(), others);
    }

    /**
     * An attempt has 30 s, longer than any SMTP exchange on loopback takes however busy the machine: only a
     * server that never answers times out, at the dispatcher's deadline for the attempt (on {@code clock}).
     */
    private AlertDispatcher dispatcher(EmailChannel email, Clock clock, AlertChannel... others) {
        DeliveryPolicy policy = DeliveryPolicy.from(email.defaultPolicy()).rateLimit(100, Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(50), 2, Duration.ofMillis(400)).attemptTimeout(ATTEMPT_TIMEOUT).build();
        AlertDispatcher.Builder builder = AlertDispatcher.builder().channel(email, policy).clock(clock)
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).closeTimeout(Duration.ZERO);
        for (AlertChannel other : others) {
            builder.channel(other);
        }
        return builder.build();
    }

    private static Alert alert() {
        return Alert.builder("DatabaseDown").severity(AlertSeverity.CRITICAL).label("service", "orders")
                .summary("primary <db> unreachable").build();
    }

    @Test
    void deliversATextAndHtmlMessageOverAuthenticatedSmtp() throws Exception {
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtpPort()).security(EmailChannel.Security.NONE)
                .credentials("alerts", "correct-password").from("alerts@example.com").to("ops@example.com", "oncall@example.com")
                .subjectPrefix("[orders] ").build();
        dispatcher = dispatcher(email);
        dispatcher.fire(alert());

        Await.until(WAIT, () -> greenMail.getReceivedMessages().length == 2, "one message per recipient");
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getSubject()).isEqualTo("[orders] [FIRING:1] DatabaseDown orders");
        assertThat(message.getFrom()[0].toString()).isEqualTo("alerts@example.com");
        assertThat(message.getAllRecipients()).extracting(Object::toString)
                .containsExactly("ops@example.com", "oncall@example.com");
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain; charset=UTF-8");
        assertThat((String) text.getContent()).contains("[CRITICAL] DatabaseDown: primary <db> unreachable (service=orders)");
        assertThat(html.getContentType()).startsWith("text/html; charset=UTF-8");
        assertThat((String) html.getContent()).contains("primary &lt;db&gt; unreachable").doesNotContain("<db>");
        Await.until(WAIT, () -> dispatcher.stats().channel("email").delivered() == 1, "counted");
    }

    @Test
    void startTlsIsRequiredByDefaultSoCredentialsNeverCrossInClearText() {
        // GreenMail does not offer STARTTLS: the default setting refuses to send, permanently
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtpPort())
                .credentials("alerts", "correct-password").from("alerts@example.com").to("ops@example.com").build();
        dispatcher = dispatcher(email);
        dispatcher.fire(alert());

        Await.until(WAIT, () -> dispatcher.stats().channel("email").failed() == 1, "rejected");
        assertThat(dispatcher.stats().channel("email").failedAttempts("smtp_starttls")).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongCredentialsAreAPermanentFailureAndThePasswordIsNeverShown() {
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtpPort()).security(EmailChannel.Security.NONE)
                .credentials("alerts", "wrong-password-xyz").from("alerts@example.com").to("ops@example.com").build();
        DeliveryResult result = email.send(email.render(dev.monitor.alert.support.SampleNotifications.group()),
                new DeliveryContext("n", 1, Duration.ofSeconds(5)));
        assertThat(result.reason()).isEqualTo("smtp_auth");
        assertThat(result.isRetryable()).isFalse();
        assertThat(result.detail()).doesNotContain("wrong-password-xyz");
    }

    @Test
    void aTemporaryRejectionIsRetriedAndThenDelivered() {
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.failingFirst(1)) {
            EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtp.port()).security(EmailChannel.Security.NONE)
                    .from("alerts@example.com").to("ops@example.com").build();
            dispatcher = dispatcher(email);
            dispatcher.fire(alert());

            Await.until(WAIT, () -> dispatcher.stats().channel("email").delivered() == 1, "delivered on the second attempt");
            assertThat(dispatcher.stats().channel("email").failedAttempts("smtp_451")).isEqualTo(1);
            assertThat(smtp.connections()).isEqualTo(2);
            assertThat(smtp.messages()).hasSize(1);
            assertThat(smtp.messages().get(0)).contains("Subject: [FIRING:1] DatabaseDown orders");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithoutHoldingTheCallerOrOtherChannels() {
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.silent()) {
            EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtp.port()).security(EmailChannel.Security.NONE)
                    .from("alerts@example.com").to("ops@example.com").build();
            RecordingChannel pager = new RecordingChannel("pager");
            ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z"));
            dispatcher = dispatcher(email, clock, pager);
            dispatcher.fire(Alert.builder("Down").label("service", "first").build());
            Await.until(WAIT, () -> smtp.connections() == 1, "the silent server holds the email channel");

            // a fire() that waited for the channel would wait its 30 s: the bound is a hang guard, not a speed limit
            assertTimeoutPreemptively(WAIT, () -> {
                for (int i = 0; i < 1000; i++) {
                    dispatcher.fire(Alert.builder("Down").label("service", "s" + i).build());
                }
            });
            Await.advancingUntil(clock, dispatcher, Duration.ofMillis(100), 100,
                    () -> dispatcher.stats().channel("pager").alertsDelivered() == 1001,
                    () -> "a slow SMTP server does not delay the other channel: " + dispatcher.stats().channel("pager"));
            clock.advance(ATTEMPT_TIMEOUT.plusSeconds(1));
            Await.dispatcherRound(dispatcher);
            Await.until(WAIT, () -> dispatcher.stats().channel("email").failedAttempts("timeout") >= 1, "the attempt timed out");
            assertThat(dispatcher.stats().channel("email").delivered()).isZero();
        }
    }

    @Test
    void aRefusedConnectionIsRetryable() {
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", 1).security(EmailChannel.Security.NONE)
                .from("alerts@example.com").to("ops@example.com").build();
        DeliveryResult result = email.send(email.render(dev.monitor.alert.support.SampleNotifications.group()),
                new DeliveryContext("n", 1, ATTEMPT_TIMEOUT)); // refused at once: the timeout is not what answers
        assertThat(result.isRetryable()).isTrue();
        assertThat(result.reason()).isEqualTo("connect");
    }

    @Test
    void anEscalationToWhoeverIsOnCallMailsTheirAddressInsteadOfTheConfiguredOnes() throws Exception {
        EmailChannel email = EmailChannel.builder().server("127.0.0.1", smtpPort()).security(EmailChannel.Security.NONE)
                .credentials("alerts", "correct-password").from("alerts@example.com").to("ops@example.com").build();
        RecordingChannel chat = new RecordingChannel("chat");
        dispatcher = AlertDispatcher.builder().channel(email).channel(chat)
                .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO).build())
                .escalation(dev.monitor.alert.escalation.EscalationConfig.builder()
                        .policy(AlertSeverity.CRITICAL, dev.monitor.alert.escalation.EscalationPolicy.builder("mail-on-call")
                                .level(Duration.ZERO, dev.monitor.alert.escalation.EscalationTarget.route(),
                                        dev.monitor.alert.escalation.EscalationTarget.onCall("primary", "email"))
                                .noRepeat().build())
                        .schedule(dev.monitor.alert.escalation.OnCallSchedule.builder("primary").zone(java.time.ZoneId.of("UTC"))
                                .daily(java.time.LocalTime.MIDNIGHT).startingOn(java.time.LocalDate.of(2026, 1, 1)).responders("alice")
                                .build())
                        .responder(dev.monitor.alert.escalation.OnCallResponder.builder("alice").contact("email", "alice@example.com")
                                .build())
                        .build())
                .build();
        dispatcher.fire(alert());
        Await.until(WAIT, () -> greenMail.getReceivedMessages().length == 1, "the on-call's mail");
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertThat(message.getAllRecipients()).extracting(Object::toString).containsExactly("alice@example.com");
        assertThat(message.getSubject()).isEqualTo("[FIRING:1] DatabaseDown");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> email.checkRecipient("alice.example.com"))
                .hasMessageContaining("must look like name@example.com").hasMessageNotContaining("alice");
    }
}
