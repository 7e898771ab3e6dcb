package dev.monitor.sentry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.pii.Scrubber;
import io.sentry.Breadcrumb;
import io.sentry.ISpan;
import io.sentry.ITransaction;
import io.sentry.Sentry;
import io.sentry.SentryAttribute;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.SentryAttributes;
import io.sentry.SentryLogLevel;
import io.sentry.logger.SentryLogParameters;
import io.sentry.protocol.Request;
import io.sentry.protocol.Response;
import io.sentry.protocol.User;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue "Never lies, never leaks", Sentry part: the value under a key that marks a secret ({@code password},
 * {@code client_secret}, {@code token}, {@code apiKey}, {@code authorization}…) never reaches Sentry, wherever the pair
 * travels: the SDK's tags, contexts, user, request headers and data, breadcrumb data, transaction tags and data, spans;
 * and the Sentry alert channel's message, tags and extras. Random secrets are planted under random secret keys; neither
 * them nor any run of 6 of their characters may arrive at the loopback envelope receiver.
 */
class SensitiveKeysNeverReachSentryTest {

    private static final List<String> SECRET_KEYS = List.of("password", "client_secret", "token", "apiKey", "authorization",
            "api_key", "access_token", "secret", "private_key", "db_password", "authToken", "refresh_token", "credentials",
            "session");
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{16,}");
    private static final int RUN = 6;

    private EnvelopeReceiver receiver;
    private SentryMonitoring sentry;
    private AlertDispatcher dispatcher;
    private final Map<String, String> planted = new HashMap<>();

    @BeforeEach
    void start() {
        receiver = EnvelopeReceiver.start();
    }

    @AfterEach
    void stop() {
        if (dispatcher != null) {
            dispatcher.close();
        }
        if (sentry != null) {
            sentry.close();
        }
        Sentry.close();
        receiver.close();
    }

    @Test
    void sensitiveKeysInTagsContextsUserRequestBreadcrumbsTransactionsAndSpansNeverArrive() {
        assertThat(SECRET_KEYS).allMatch(Scrubber.defaults()::isSensitiveKey);
        long seed = System.nanoTime();
        int cases = 12;
        System.out.println("SensitiveKeysNeverReachSentryTest SDK: " + cases + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        sentry = SentryMonitoring.builder()
                .fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn(), "SENTRY_TRACES_SAMPLE_RATE", "1.0"))
                .options(options -> options.getLogs().setEnabled(true)).init();
        for (int c = 0; c < cases; c++) {
            String where = "case " + c;
            Sentry.configureScope(scope -> {
                scope.setTag(key(random), plant(random, where + " scope tag"));
                Map<String, Object> context = new LinkedHashMap<>();
                context.put(key(random), plant(random, where + " context value"));
                context.put("nested", Map.of(key(random), plant(random, where + " nested context value")));
                context.put("list", List.of(Map.of(key(random), plant(random, where + " context list value"))));
                scope.setContexts("checkout", context);
                scope.setContexts(key(random), plant(random, where + " context named like a secret"));
                Request request = new Request();
                request.setMethod("POST");
                request.setUrl("https://shop.example/pay");
                request.setQueryString(key(random) + "=" + plant(random, where + " query"));
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Authorization", "Token " + plant(random, where + " authorization header"));
                headers.put("X-Api-Key", plant(random, where + " api key header"));
                headers.put(key(random), plant(random, where + " header"));
                request.setHeaders(headers);
                request.setData(random.nextBoolean() ? Map.of(key(random), plant(random, where + " request data"))
                        : "{\"" + key(random) + "\":\"" + plant(random, where + " request json") + "\",\"amount\":12}");
                request.setOthers(Map.of(key(random), plant(random, where + " request others")));
                request.setCookies(key(random) + "=" + plant(random, where + " cookie"));
                request.setEnvs(Map.of(key(random), plant(random, where + " env")));
                scope.setRequest(request);
                Response response = new Response();
                response.setHeaders(Map.of("Set-Cookie", "session=" + plant(random, where + " set-cookie"),
                        key(random), plant(random, where + " response header")));
                response.setData(Map.of(key(random), plant(random, where + " response data")));
                scope.getContexts().setResponse(response);
                User user = new User();
                user.setId("customer-" + where.length());
                user.setUsername(plant(random, where + " username"));
                user.setData(Map.of(key(random), plant(random, where + " user data")));
                scope.setUser(user);
            });
            Breadcrumb breadcrumb = new Breadcrumb("payment");
            breadcrumb.setData(key(random), plant(random, where + " breadcrumb data"));
            breadcrumb.setData("details", Map.of(key(random), plant(random, where + " nested breadcrumb data")));
            Sentry.addBreadcrumb(breadcrumb);
            sentry.captureException(new IllegalStateException("payment failed"),
                    Map.of(key(random), plant(random, where + " extra")));
            // a message sent with its template and parameters beside the formatted text
            String messageKey = key(random);
            String parameter = plant(random, where + " message parameter");
            SentryEvent message = new SentryEvent();
            Message text = new Message();
            text.setMessage("retried with " + messageKey + "=%s after %s");
            text.setParams(List.of(parameter, "timeout"));
            text.setFormatted("retried with " + messageKey + "=" + parameter + " after timeout");
            message.setMessage(text);
            Sentry.captureEvent(message);

            ITransaction transaction = Sentry.startTransaction("checkout", "http.server");
            transaction.setTag(key(random), plant(random, where + " transaction tag"));
            transaction.setData(key(random), plant(random, where + " transaction data"));
            ISpan span = transaction.startChild("http.client", "POST https://psp.example/charge?" + key(random) + "="
                    + plant(random, where + " span description"));
            span.setTag(key(random), plant(random, where + " span tag"));
            span.setData(key(random), plant(random, where + " span data"));
            span.setData("request", Map.of(key(random), plant(random, where + " nested span data")));
            span.finish();
            transaction.finish();
            Sentry.logger().log(SentryLogLevel.WARN, SentryLogParameters.create(SentryAttributes.of(
                    SentryAttribute.stringAttribute(key(random), plant(random, where + " log attribute")))),
                    "payment retried with " + key(random) + "=%s", plant(random, where + " log parameter"));
            Sentry.configureScope(scope -> scope.clear());
            sentry.flush(Duration.ofSeconds(10)); // the SDK's queue is bounded: a case at a time
        }
        sentry.flush(Duration.ofSeconds(10));

        assertThat(receiver.items("event").size()).as("exceptions and messages").isGreaterThan(cases);
        assertThat(receiver.items("event").stream().filter(item -> item.json().has("message")).count())
                .as("messages with their parameters").isPositive();
        assertThat(receiver.items("transaction").size()).isEqualTo(cases);
        assertNoneArrived(seed);
        JsonNode event = receiver.items("event").get(0).json();
        assertThat(event.path("request").path("headers").path("X-Api-Key").asString()).isEqualTo("[secret]");
        assertThat(event.path("contexts").path("checkout").toString()).contains("[secret]");
    }

    @Test
    void theSentryAlertChannelNeverSendsTheValueOfASensitiveKey() {
        long seed = System.nanoTime();
        int cases = 20;
        System.out.println("SensitiveKeysNeverReachSentryTest alert channel: " + cases + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        dispatcher = AlertDispatcher.builder()
                .channel(SentryAlertChannel.builder().dsn(receiver.dsn()).build(),
                        DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).digestAfter(10_000).build())
                // grouped by a secret label: titles, tags and the group's fingerprint carry it
                .route(AlertRoute.builder().groupBy("alertname", "token").groupWait(Duration.ofMillis(20)).build())
                .build();
        for (int c = 0; c < cases; c++) {
            String where = "case " + c;
            String token = plant(random, where + " label token");
            Alert.Builder alert = Alert.builder("Leak" + c).severity(AlertSeverity.values()[random.nextInt(5)])
                    .label("token", token)
                    .label(key(random), plant(random, where + " label"))
                    .annotation(key(random), plant(random, where + " annotation"))
                    .summary("rejected with password=" + plant(random, where + " inline summary"))
                    .description("client_secret: " + plant(random, where + " inline description"));
            dispatcher.fire(alert.build());
            if (random.nextBoolean()) {
                // a second alert of the same group: the notification shows common labels as tags
                dispatcher.fire(Alert.builder("Leak" + c).label("token", token).label("instance", "b").build());
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (receiver.items("event").size() < cases && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(dispatcher.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(receiver.items("event").size()).isGreaterThanOrEqualTo(cases);
        assertNoneArrived(seed);
        assertThat(receiver.items("event").get(0).json().path("tags").path("token").asString()).isEqualTo("[secret]");
    }

    @Test
    void theChannelNameAndTheFlushTimeoutAreChecked() {
        assertThat(catchThrowable(() -> SentryAlertChannel.builder().name("sentry alerts")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("channel name must be 1-64 characters");
        sentry = SentryMonitoring.builder().fromEnvironment(Map.of("SENTRY_DSN", receiver.dsn())).init();
        assertThat(catchThrowable(() -> sentry.flush(Duration.ofDays(1000)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flush timeout must be at most PT1H (1 hour), was PT24000H");
        assertThat(catchThrowable(() -> sentry.flush(Duration.ofSeconds(-1)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flush timeout must be greater than 0, was PT-1S");
    }

    // ---- planting and checking ----

    private static String key(SplittableRandom random) {
        return SECRET_KEYS.get(random.nextInt(SECRET_KEYS.size()));
    }

    private String plant(SplittableRandom random, String where) {
        int length = 12 + random.nextInt(21);
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        planted.put(secret.toString(), where);
        return secret.toString();
    }

    /** No planted value, nor a run of 6 of its characters, in the raw envelopes or their decoded JSON. */
    private void assertNoneArrived(long seed) {
        Map<String, String> runs = new HashMap<>();
        for (String value : planted.keySet()) {
            for (int i = 0; i + RUN <= value.length(); i++) {
                runs.putIfAbsent(value.substring(i, i + RUN), value);
            }
        }
        List<String> texts = new ArrayList<>();
        texts.add(receiver.allText());
        for (EnvelopeReceiver.Received received : receiver.received()) {
            texts.add(received.header().toString());
            for (EnvelopeReceiver.Item item : received.items()) {
                texts.add(item.json().toString());
            }
        }
        for (String text : texts) {
            for (Map.Entry<String, String> value : planted.entrySet()) {
                if (text.contains(value.getKey())) {
                    throw new AssertionError("seed " + seed + ", " + value.getValue() + ": '" + value.getKey()
                            + "' reached Sentry: …" + around(text, text.indexOf(value.getKey())) + "…");
                }
            }
            String checked = HEX.matcher(text).replaceAll("<hex>");
            for (int i = 0; i + RUN <= checked.length(); i++) {
                String value = runs.get(checked.substring(i, i + RUN));
                if (value != null) {
                    throw new AssertionError("seed " + seed + ", " + planted.get(value) + ": part of '" + value
                            + "' reached Sentry: …" + around(checked, i) + "…");
                }
            }
        }
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + 150));
    }
}
