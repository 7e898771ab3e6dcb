package dev.monitor.alert.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.escalation.EscalationConfig;
import dev.monitor.alert.escalation.EscalationPolicy;
import dev.monitor.alert.escalation.EscalationTarget;
import dev.monitor.alert.escalation.OnCallResponder;
import dev.monitor.alert.escalation.OnCallSchedule;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.alert.support.LoopbackHttpServer.Reply;
import dev.monitor.alert.support.LoopbackHttpServer.Request;
import dev.monitor.alert.support.ManualClock;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.alert.support.SampleNotifications;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The SMS channel against a Twilio-compatible loopback server: wire format, retries, limits and phone-number privacy. */
class SmsChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a hang guard only
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "f0e1d2c3b4a5968778695a4b3c2d1e0f";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    private static final String ALICE = "+4915112345678";
    private static final String BOB = "+4915187654321";
    private static final DeliveryContext CONTEXT = new DeliveryContext("n-1", 1, Duration.ofSeconds(5));

    private final LoopbackHttpServer server = LoopbackHttpServer.start().defaultReply(Reply.status(201)
            .body("{\"sid\":\"SM0123\",\"status\":\"queued\"}"));
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        server.close();
    }

    private SmsChannel.Builder channel() {
        return SmsChannel.builder().accountSid(SID).authToken(TOKEN).from("+15005550006").endpoint(server.url(""));
    }

    @Test
    void aMessageIsAFormEncodedPostWithBasicAuthToTheMessagesResourceOfTheAccount() {
        SmsChannel sms = channel().build();
        AlertNotification notification = SampleNotifications.group().withRecipients(List.of(ALICE));
        ChannelPayload payload = sms.render(notification);
        assertThat(sms.send(payload, CONTEXT).isDelivered()).isTrue();

        Request request = server.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(PATH);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + "QUMwMTIzNDU2Nzg5YWJjZGVmMDEyMzQ1Njc4OWFiY2RlZjpmMGUxZDJjM2I0YTU5Njg3Nzg2OTVhNGIzYzJkMWUwZg==");
        assertThat(new String(Base64.getDecoder().decode(request.header("Authorization").substring(6)), StandardCharsets.UTF_8))
                .isEqualTo(SID + ":" + TOKEN);
        assertThat(request.body()).isEqualTo("To=%2B4915112345678&From=%2B15005550006&Body="
                + "%5BFIRING%3A1%5D+orders%0A"
                + "%5BCRITICAL%5D+DatabaseDown%3A+primary+database+unreachable+%28instance%3Ddb-1%2C+service%3Dorders%29%0A"
                + "%5BRESOLVED%5D+HighLatency%3A+p95+above+2+s+%28service%3Dorders%29");
        assertThat(payload.body()).doesNotContain(TOKEN).doesNotContain(SID);
    }

    @Test
    void aMessagingServiceReplacesTheSenderNumber() {
        SmsChannel sms = SmsChannel.builder().accountSid(SID).authToken(TOKEN).messagingServiceSid("MG0123456789abcdef0123456789abcdef")
                .to(ALICE).endpoint(server.url("/")).build();
        assertThat(sms.send(sms.render(SampleNotifications.resolvedGroup()), CONTEXT).isDelivered()).isTrue();
        assertThat(server.requests().get(0).path()).isEqualTo(PATH);
        assertThat(server.requests().get(0).body()).isEqualTo("To=%2B4915112345678&MessagingServiceSid=MG0123456789abcdef0123456789abcdef"
                + "&Body=%5BRESOLVED%5D+orders%0A%5BRESOLVED%5D+DatabaseDown%3A+primary+database+unreachable+%28service%3Dorders%29");
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterAndThenDelivered() {
        server.reply(Reply.status(429).header("Retry-After", "1").body("{\"code\":20429,\"message\":\"Too Many Requests\"}"));
        SmsChannel sms = channel().to(ALICE).build();
        ManualClock clock = new ManualClock(Instant.parse("2026-03-02T10:00:00Z")); // the wait is the dispatcher's
        AlertDispatcher dispatcher = AlertDispatcher.builder().clock(clock)
                .channel(sms, DeliveryPolicy.from(sms.defaultPolicy()).rateLimit(100, Duration.ofSeconds(1))
                        .backoff(Duration.ofMillis(50), 2, Duration.ofMillis(400)).jitter(0).build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).closeTimeout(Duration.ZERO).build();
        closeables.add(dispatcher);
        dispatcher.fire(Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).summary("orders answers 503").build());
        Await.until(WAIT, () -> dispatcher.stats().channel("sms").failedAttempts("http_429") == 1, "the 429");

        clock.advance(Duration.ofMillis(999));
        Await.dispatcherRound(dispatcher);
        assertThat(server.requests()).as("waits for Retry-After: 1, not the 50 ms backoff").hasSize(1);
        clock.advance(Duration.ofMillis(1));
        Await.dispatcherRound(dispatcher);
        Await.until(WAIT, () -> dispatcher.stats().channel("sms").delivered() == 1, "delivered after the 429");
        List<Request> requests = server.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body()).startsWith("To=%2B4915112345678&From=");
        assertThat(dispatcher.stats().channel("sms").failedAttempts("http_429")).isEqualTo(1);
    }

    @Test
    void aRejectedNumberIsNotRetriedAndItsDetailShowsNoNumber() {
        server.defaultReply(Reply.status(400).body("{\"code\":21211,\"message\":\"The 'To' number +4915112345678 is not a "
                + "valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\",\"status\":400}"));
        SmsChannel sms = channel().build();
        DeliveryResult result = sms.send(sms.render(SampleNotifications.group().withRecipients(List.of(ALICE))), CONTEXT);
        assertThat(result.isRetryable()).isFalse();
        assertThat(result.reason()).isEqualTo("http_400");
        assertThat(result.detail()).contains("21211").doesNotContain("4915112345678").doesNotContain("15112345678");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aRetryAfterAPartialFailureTextsOnlyThoseNotReachedYet() {
        server.reply(Reply.status(201), Reply.status(503).body("busy"));
        SmsChannel sms = channel().build();
        ChannelPayload payload = sms.render(SampleNotifications.group().withRecipients(List.of(ALICE, BOB)));
        DeliveryResult first = sms.send(payload, CONTEXT);
        assertThat(first.isRetryable()).isTrue();
        DeliveryResult second = sms.send(payload, new DeliveryContext("n-1", 2, Duration.ofSeconds(5)));
        assertThat(second.isDelivered()).isTrue();
        assertThat(server.requests()).extracting(r -> r.body().substring(0, r.body().indexOf('&')))
                .containsExactly("To=%2B4915112345678", "To=%2B4915187654321", "To=%2B4915187654321");
    }

    @Test
    void theBodyIsCutToTwilios1600Characters() {
        List<NotifiedAlert> alerts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            alerts.add(new NotifiedAlert(Alert.builder("Check" + i).severity(AlertSeverity.HIGH).summary("s".repeat(900))
                    .build(), AlertStatus.FIRING, SampleNotifications.STARTS, null));
        }
        AlertNotification big = new AlertNotification("n-big", "/", "/:{}", Map.of(), alerts, 5, 0, 1, SampleNotifications.CREATED,
                SampleNotifications.STALE, 0, List.of(ALICE));
        SmsChannel sms = channel().build();
        ChannelPayload payload = sms.render(big);
        assertThat(payload.body()).hasSize(SmsChannel.BODY_LIMIT).endsWith("…");
        assertThat(sms.send(payload, CONTEXT).isDelivered()).isTrue();
        String form = server.requests().get(0).body();
        String body = URLDecoder.decode(form.substring(form.indexOf("&Body=") + 6), StandardCharsets.UTF_8);
        assertThat(body).hasSize(SmsChannel.BODY_LIMIT);
    }

    @Test
    void aNotificationWithoutAnyRecipientIsAPermanentFailure() {
        SmsChannel sms = channel().build();
        DeliveryResult result = sms.send(sms.render(SampleNotifications.group()), CONTEXT);
        assertThat(result.reason()).isEqualTo("no_recipient");
        assertThat(result.isRetryable()).isFalse();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void theLogNeverContainsAFullPhoneNumber() {
        // every level of the dispatcher's and the channels' loggers, while escalation texts alice and bob and the
        // gateway answers 429 (echoing the number), then 400 (echoing it), then accepts
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger monitor = (Logger) LoggerFactory.getLogger("dev.monitor");
        Level previous = monitor.getLevel();
        monitor.setLevel(Level.DEBUG);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            server.reply(Reply.status(429).header("Retry-After", "0").body("{\"message\":\"rate limit for To=" + ALICE + "\"}"),
                    Reply.status(400).body("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient "
                            + BOB + "\"}"));
            SmsChannel sms = channel().build();
            List<AlertEvent> events = new CopyOnWriteArrayList<>();
            RecordingChannel chat = new RecordingChannel("chat");
            AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat)
                    .channel(sms, DeliveryPolicy.from(sms.defaultPolicy()).rateLimit(100, Duration.ofSeconds(1))
                            .backoff(Duration.ofMillis(20), 2, Duration.ofMillis(100)).build())
                    .route(AlertRoute.builder().channels("chat").groupByEachAlert().groupWait(Duration.ZERO).build())
                    .escalation(EscalationConfig.builder()
                            .policy(AlertSeverity.CRITICAL, EscalationPolicy.builder("critical")
                                    .level(Duration.ZERO, EscalationTarget.route(), EscalationTarget.onCall("primary", "sms"),
                                            EscalationTarget.onCall("secondary", "sms"))
                                    .noRepeat().build())
                            .schedule(OnCallSchedule.builder("primary").zone(ZoneId.of("UTC")).daily(LocalTime.MIDNIGHT)
                                    .startingOn(LocalDate.of(2026, 1, 1)).responders("alice").build())
                            .schedule(OnCallSchedule.builder("secondary").zone(ZoneId.of("UTC")).daily(LocalTime.MIDNIGHT)
                                    .startingOn(LocalDate.of(2026, 1, 1)).responders("bob").build())
                            .responder(OnCallResponder.builder("alice").contact("sms", ALICE).build())
                            .responder(OnCallResponder.builder("bob").contact("sms", BOB).build())
                            .build())
                    .listener(events::add).build();
            closeables.add(dispatcher);
            Alert alert = Alert.builder("ApiDown").severity(AlertSeverity.CRITICAL).summary("orders answers 503").build();
            dispatcher.fire(alert);
            Await.until(WAIT, () -> server.requests().size() >= 3 && dispatcher.stats().channel("sms").failed() == 1,
                    () -> "the gateway saw " + server.requests().size() + " requests; " + dispatcher.stats().channel("sms"));
            assertThat(dispatcher.acknowledge(alert.fingerprint(), "alice")).isTrue();
            Await.until(WAIT, () -> server.requests().size() >= 5, "the acknowledgement texted to both");
            assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
            assertThat(server.requests()).extracting(Request::body).anyMatch(b -> b.startsWith("To=%2B4915112345678"))
                    .anyMatch(b -> b.startsWith("To=%2B4915187654321"));
            assertThat(appender.list).as("the dispatcher logged the failures").anyMatch(e -> e.getFormattedMessage().contains("http_429"))
                    .anyMatch(e -> e.getFormattedMessage().contains("http_400"));

            for (ILoggingEvent event : appender.list) {
                assertThat(text(event)).as("log line: %s", event.getFormattedMessage())
                        .doesNotContain("4915112345678", "15112345678", "4915187654321", "15187654321", "15005550006");
            }
            for (AlertEvent event : events) {
                assertThat(String.valueOf(event)).doesNotContain("15112345678", "15187654321");
            }
            assertThat(String.valueOf(dispatcher.incidents())).doesNotContain("15112345678", "15187654321");
            assertThat(sms.toString()).doesNotContain("15005550006").doesNotContain(TOKEN);
        } finally {
            root.detachAppender(appender);
            monitor.setLevel(previous);
        }
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        for (IThrowableProxy throwable = event.getThrowableProxy(); throwable != null; throwable = throwable.getCause()) {
            text.append(' ').append(throwable.getMessage());
        }
        return text.toString();
    }

    @Test
    void theBuilderNamesWhatIsWrongWithoutRepeatingANumber() {
        assertThatThrownBy(() -> SmsChannel.builder().authToken(TOKEN).from("+15005550006").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("accountSid is not set");
        assertThatThrownBy(() -> SmsChannel.builder().accountSid(SID).from("+15005550006").build())
                .hasMessageStartingWith("authToken is not set");
        assertThatThrownBy(() -> SmsChannel.builder().accountSid(SID).authToken(TOKEN).build())
                .hasMessageStartingWith("the sender is not set");
        assertThatThrownBy(() -> SmsChannel.builder().to("0151 12345678"))
                .hasMessageContaining("E.164").hasMessageNotContaining("12345678");
        assertThatThrownBy(() -> SmsChannel.builder().from("+49 151 12345678"))
                .hasMessageContaining("E.164").hasMessageNotContaining("12345678");
        assertThatThrownBy(() -> SmsChannel.builder().accountSid(SID).authToken(TOKEN).from("+15005550006")
                .endpoint("http://sms-gateway.example").build()).hasMessageContaining("must use https");
        assertThatThrownBy(() -> channel().build().checkRecipient("+4915112345678x"))
                .hasMessageContaining("E.164").hasMessageNotContaining("15112345678");
        assertThat(SmsChannel.builder().accountSid(SID).authToken(TOKEN).from("Monitor").build().toString())
                .isEqualTo("SmsChannel{sms, host=api.twilio.com, 0 default recipients}");
    }

    @Test
    void theEnvironmentConfiguresTheChannelAndNamesABadVariable() {
        SmsChannel sms = SmsChannel.builder().fromEnvironment(Map.of(SmsChannel.ACCOUNT_SID_VARIABLE, SID,
                SmsChannel.AUTH_TOKEN_VARIABLE, TOKEN, SmsChannel.FROM_VARIABLE, "+15005550006",
                SmsChannel.TO_VARIABLE, ALICE + ", " + BOB, SmsChannel.ENDPOINT_VARIABLE, server.url(""))).build();
        assertThat(sms.toString()).contains("2 default recipients");
        assertThat(sms.send(sms.render(SampleNotifications.group()), CONTEXT).isDelivered()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThatThrownBy(() -> SmsChannel.builder().fromEnvironment(Map.of(SmsChannel.ACCOUNT_SID_VARIABLE, SID,
                SmsChannel.AUTH_TOKEN_VARIABLE, TOKEN, SmsChannel.FROM_VARIABLE, "+15005550006", SmsChannel.TO_VARIABLE, "12345678")))
                .hasMessageStartingWith("ALERT_SMS_TO: ").hasMessageNotContaining("12345678");
        assertThat(AlertChannels.fromEnvironment(Map.of(SmsChannel.ACCOUNT_SID_VARIABLE, SID, SmsChannel.AUTH_TOKEN_VARIABLE, TOKEN,
                SmsChannel.MESSAGING_SERVICE_VARIABLE, "MG0123"))).extracting(AlertChannel::name).containsExactly("sms");
    }
}
