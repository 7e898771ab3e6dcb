package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.AlertStatus;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Sentry alert channel: through a real dispatcher to the loopback envelope receiver (repeats of an alert share
 * one fingerprint, so they group into one Sentry issue), the level mapping, and Sentry's answers classified.
 */
class SentryAlertChannelTest {

    private static final Instant NOW = Instant.parse("2026-02-08T12:00:00Z");

    private EnvelopeReceiver receiver;
    private AlertDispatcher dispatcher;

    @BeforeEach
    void start() {
        receiver = EnvelopeReceiver.start();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        receiver.close();
    }

    private SentryAlertChannel channel() {
        return SentryAlertChannel.builder().fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn(),
                "ENVIRONMENT", "production", "RELEASE_VERSION", "orders@1.4.2")).build();
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard only
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static Alert serviceDown(AlertSeverity severity) {
        return Alert.builder("ServiceDown").severity(severity).label("service", "orders")
                .summary("orders answers 503").description("since the deploy of 12:00").build();
    }

    @Test
    void repeatsOfAnAlertArriveAsEventsWithOneFingerprintSoTheyGroupIntoOneIssue() {
        SentryAlertChannel channel = channel();
        dispatcher = AlertDispatcher.builder()
                .channel(channel, DeliveryPolicy.from(channel.defaultPolicy()).rateLimit(100, Duration.ofSeconds(1))
                        .build())
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO)
                        .groupInterval(Duration.ofMillis(50)).build())
                .closeTimeout(Duration.ZERO)
                .build();
        Alert alert = serviceDown(AlertSeverity.CRITICAL);

        dispatcher.fire(alert);
        await(() -> receiver.items("event").size() == 1, "the firing alert arrived");
        dispatcher.resolve(alert);
        await(() -> receiver.items("event").size() == 2, "the resolution arrived");
        dispatcher.fire(alert);
        await(() -> receiver.items("event").size() == 3, "the repeat arrived");

        List<JsonNode> events = receiver.items("event").stream().map(EnvelopeReceiver.Item::json).toList();
        assertThat(events).extracting(e -> e.path("level").asString()).containsExactly("fatal", "info", "fatal");
        assertThat(events).extracting(e -> e.path("fingerprint").toString()).containsOnly(
                "[\"monitor-alert\",\"" + alert.fingerprint() + "\"]");
        assertThat(events).extracting(e -> e.path("event_id").asString()).doesNotHaveDuplicates();
        JsonNode first = events.get(0);
        assertThat(first.path("message").path("formatted").asString()).startsWith("[FIRING:1]")
                .endsWith(": orders answers 503");
        assertThat(first.path("tags").path("alertname").asString()).isEqualTo("ServiceDown");
        assertThat(first.path("tags").path("service").asString()).isEqualTo("orders");
        assertThat(first.path("tags").path("alert.status").asString()).isEqualTo("firing");
        assertThat(first.path("environment").asString()).isEqualTo("production");
        assertThat(first.path("release").asString()).isEqualTo("orders@1.4.2");
        assertThat(first.path("extra").path("description").asString()).isEqualTo("since the deploy of 12:00");
        assertThat(events.get(1).path("tags").path("alert.status").asString()).isEqualTo("resolved");

        EnvelopeReceiver.Received envelope = receiver.received().get(0);
        assertThat(envelope.contentType()).isEqualTo("application/x-sentry-envelope");
        assertThat(envelope.auth()).contains("sentry_key=0123456789abcdef0123456789abcdef");
        assertThat(envelope.header().path("event_id").asString()).isEqualTo(first.path("event_id").asString());
        // the receiver stores the envelope before it answers; the dispatcher counts the delivery after the answer
        await(() -> dispatcher.stats().channel("sentry").delivered() == 3, "the dispatcher counted three deliveries");
    }

    @Test
    void severityMapsToTheSentryLevel() {
        assertThat(SentryAlertChannel.level(AlertSeverity.CRITICAL)).isEqualTo("fatal");
        assertThat(SentryAlertChannel.level(AlertSeverity.HIGH)).isEqualTo("error");
        assertThat(SentryAlertChannel.level(AlertSeverity.MEDIUM)).isEqualTo("warning");
        assertThat(SentryAlertChannel.level(AlertSeverity.LOW)).isEqualTo("info");
        assertThat(SentryAlertChannel.level(AlertSeverity.INFO)).isEqualTo("info");

        JsonNode event = EnvelopeReceiver.JSON.readTree(channel().render(notification("n-1",
                new NotifiedAlert(serviceDown(AlertSeverity.MEDIUM), AlertStatus.FIRING, NOW, null))).body());
        assertThat(event.path("level").asString()).isEqualTo("warning");
    }

    @Test
    void aGroupOfSeveralAlertsUsesTheGroupsFingerprintAndARetriedNotificationKeepsItsEventId() {
        SentryAlertChannel channel = channel();
        Alert orders = serviceDown(AlertSeverity.HIGH);
        Alert billing = Alert.builder("ServiceDown").severity(AlertSeverity.CRITICAL).label("service", "billing")
                .summary("billing answers 503").build();
        AlertNotification group = notification("n-2", new NotifiedAlert(orders, AlertStatus.FIRING, NOW, null),
                new NotifiedAlert(billing, AlertStatus.FIRING, NOW, null));

        ChannelPayload first = channel.render(group);
        ChannelPayload again = channel.render(group);

        assertThat(channel.fingerprint(group)).first().isEqualTo("monitor-alert-group");
        assertThat(channel.fingerprint(group)).isEqualTo(channel.fingerprint(notification("n-3",
                new NotifiedAlert(orders, AlertStatus.FIRING, NOW, null),
                new NotifiedAlert(billing, AlertStatus.FIRING, NOW, null))));
        assertThat(again.body()).isEqualTo(first.body());
        JsonNode event = EnvelopeReceiver.JSON.readTree(first.body());
        assertThat(event.path("level").asString()).isEqualTo("fatal");
        assertThat(event.path("event_id").asString()).matches("[0-9a-f]{32}");
        assertThat(event.path("extra").path("alerts")).hasSize(2);
        assertThat(first.body()).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void sentrysAnswersAreClassifiedForTheDispatcher() {
        SentryAlertChannel channel = channel();
        ChannelPayload payload = channel.render(notification("n-4",
                new NotifiedAlert(serviceDown(AlertSeverity.CRITICAL), AlertStatus.FIRING, NOW, null)));
        DeliveryContext context = new DeliveryContext("n-4", 1, Duration.ofSeconds(5));
        receiver.reply(new EnvelopeReceiver.Reply(429, Map.of("Retry-After", "2", "X-Sentry-Rate-Limits", "2:error")))
                .reply(new EnvelopeReceiver.Reply(503, Map.of()))
                .reply(new EnvelopeReceiver.Reply(400, Map.of()));

        DeliveryResult limited = channel.send(payload, context);
        DeliveryResult unavailable = channel.send(payload, context);
        DeliveryResult rejected = channel.send(payload, context);
        DeliveryResult delivered = channel.send(payload, context);

        assertThat(limited.isRetryable()).isTrue();
        assertThat(limited.reason()).isEqualTo("http_429");
        assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(2));
        assertThat(unavailable.isRetryable()).isTrue();
        assertThat(rejected.outcome()).isEqualTo(DeliveryResult.Outcome.PERMANENT);
        assertThat(delivered.isDelivered()).isTrue();
        assertThat(receiver.received()).hasSize(4);
        assertThat(receiver.received().get(3).items()).singleElement().satisfies(item -> {
            assertThat(item.type()).isEqualTo("event");
            assertThat(item.payload()).isEqualTo(payload.body());
        });
        assertThat(limited.detail() + unavailable.detail() + rejected.detail())
                .doesNotContain("0123456789abcdef0123456789abcdef");
    }

    @Test
    void aMissingOrInvalidDsnIsAClearErrorThatNeverRepeatsTheKey() {
        assertThatThrownBy(() -> SentryAlertChannel.builder().fromEnvironment(Map.of()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SENTRY_DSN is required");
        assertThatThrownBy(() -> SentryAlertChannel.builder().dsn("ftp://secretkey42@sentry.example.com/7").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dsn must use http or https")
                .hasMessageNotContaining("secretkey42");
        assertThatThrownBy(() -> SentryAlertChannel.builder().dsn("https://sentry.example.com/7").build())
                .hasMessageStartingWith("dsn has no public key");
        assertThat(channel().toString()).doesNotContain("0123456789abcdef0123456789abcdef");
    }

    private static AlertNotification notification(String id, NotifiedAlert... alerts) {
        int firing = (int) java.util.Arrays.stream(alerts).filter(NotifiedAlert::isFiring).count();
        return new AlertNotification(id, "default", "{}:{alertname=\"ServiceDown\"}", Map.of("alertname", "ServiceDown"),
                List.of(alerts), firing, alerts.length - firing, 1, NOW, NOW.plus(Duration.ofMinutes(5)));
    }
}
