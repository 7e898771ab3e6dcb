package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertmanagerChannel;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DiscordChannel;
import dev.monitor.alert.channel.EmailChannel;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.alert.channel.SlackChannel;
import dev.monitor.alert.channel.SmsChannel;
import dev.monitor.alert.channel.TeamsChannel;
import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.Leaks;
import dev.monitor.alert.support.LoopbackHttpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue "Never lies, never leaks": text is scrubbed before it is cut, so a card number or an e-mail address is never
 * cut in half where the scrubber can no longer recognise it. Values are planted at every position around the alert's
 * own output limits and each channel's, in every text, and must not survive, whole or in part (a run of 6 of their
 * characters), in any channel's payload, preview, request or log line; only the documented e-mail mask
 * ({@code j***@domain}) may show.
 */
class ScrubBeforeCutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Output limits of the alert (summary, annotation, description) and of the channels' fields. */
    private static final int[] LIMITS = {150, 200, 255, 256, 300, 500, 1024, 1500, 1600, 2000, 3000, 4096, 6000, 8192,
            16_384};
    private static final int CASES = 600;
    private static final int SENT = 24;
    /** Alert.MAX_TEXT_INPUT_LENGTH: the most an alert keeps of a text (a literal, so this test also runs on older code). */
    private static final int INPUT_LIMIT = 65_536;
    /**
     * Secret keys as written inline in free text ({@code token=…}). Not {@code cookie}: the PII engine redacts a cookie's
     * value under a {@code cookie} key or header, not after {@code cookie=} in free text.
     */
    private static final List<String> INLINE_KEYS = Leaks.SECRET_KEYS.stream().filter(key -> !key.equals("cookie")).toList();

    private final LoopbackHttpServer server = LoopbackHttpServer.start().defaultReply(LoopbackHttpServer.Reply.status(202));
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void start() {
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::close);
        root.detachAppender(logs);
        server.close();
    }

    private AlertDispatcher dispatcher(List<AlertChannel> channels) {
        AlertDispatcher.Builder builder = AlertDispatcher.builder()
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ofMillis(20)).build());
        for (AlertChannel channel : channels) {
            builder.channel(channel, DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).maxAttempts(1)
                    .circuitBreaker(100, 1000, 1000, Duration.ofSeconds(1)).build());
        }
        AlertDispatcher dispatcher = builder.build();
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private List<AlertChannel> httpChannels() {
        return List.of(
                WebhookChannel.builder().url(server.url("/webhook")).build(),
                SlackChannel.builder().webhookUrl(server.url("/slack")).build(),
                DiscordChannel.builder().webhookUrl(server.url("/discord")).build(),
                TeamsChannel.builder().webhookUrl(server.url("/teams")).build(),
                PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").endpoint(server.url("/pagerduty"))
                        .build(),
                AlertmanagerChannel.builder().url(server.url("/alertmanager")).build());
    }

    private List<AlertChannel> everyChannel() {
        List<AlertChannel> channels = new ArrayList<>(httpChannels());
        channels.add(SmsChannel.builder().accountSid("AC0123456789abcdef0123456789abcdef")
                .authToken("f0e1d2c3b4a5968778695a4b3c2d1e0f").from("+15005550006").to("+4915112345678")
                .endpoint(server.url("/sms")).build());
        channels.add(EmailChannel.builder().server("127.0.0.1", 9).security(EmailChannel.Security.NONE)
                .from("alerts@example.com").to("ops@example.com").build());
        channels.add(LogChannel.create());
        return channels;
    }

    @Test
    void noPartOfAValueLeavesWhereverItStraddlesATruncationLimit() {
        long seed = System.nanoTime();
        System.out.println("ScrubBeforeCutTest: " + CASES + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        AlertDispatcher previews = dispatcher(everyChannel());
        AlertDispatcher sending = dispatcher(httpChannels());
        Leaks leaks = new Leaks(seed);
        Leaks sent = new Leaks(seed);
        for (int c = 0; c < CASES; c++) {
            leaks.clear();
            String field = List.of("summary", "description", "annotation", "label", "source").get(random.nextInt(5));
            int limit = LIMITS[random.nextInt(LIMITS.length)];
            int kind = random.nextInt(3);
            String secret = Leaks.secret(random);
            // a card number, an e-mail address, or a secret written inline under a secret key
            String value = kind == 0 ? Leaks.card(random) : kind == 1 ? Leaks.email(random)
                    : INLINE_KEYS.get(random.nextInt(INLINE_KEYS.size())) + "=" + secret;
            String plantedValue = kind == 2 ? secret : value;
            // every position from the value ending just before the limit to it starting just after
            int start = limit - value.length() - 2 + random.nextInt(value.length() + 5);
            String where = "case " + c + ": " + field + " with '" + value + "' at " + start + " around limit " + limit;
            leaks.plant(plantedValue, where);
            Alert alert = alertWith(field, Leaks.filler(random, Math.max(0, start - 1)) + " " + value + " "
                    + Leaks.filler(random, 40 + random.nextInt(200)), random);
            AlertPreview preview = previews.preview(alert);
            assertThat(preview.renderErrors()).as(where).isEmpty();
            leaks.assertNoneIn("preview() of " + where, Leaks.dump(preview));
            if (c < SENT) {
                sent.plant(plantedValue, where);
                sending.fire(alert);
            }
        }
        Await.until(WAIT, () -> sending.stats().channel("webhook").alertsDelivered() >= SENT
                && sending.stats().channel("teams").alertsDelivered() >= SENT, () -> "sent: " + sending.stats());
        assertThat(sending.awaitIdle(WAIT)).isTrue();
        for (LoopbackHttpServer.Request request : server.requests()) {
            sent.assertNoneIn("the request to " + request.path(), request.body());
        }
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            leaks.assertNoneIn("a log line", event.getFormattedMessage());
        }
    }

    /** An alert named like the rest, with {@code text} in {@code field} (label values are at most 1024 long). */
    private static Alert alertWith(String field, String text, SplittableRandom random) {
        Alert.Builder alert = Alert.builder("Planted" + Leaks.letters(random, 8)).label("service", "orders");
        switch (field) {
            case "summary" -> alert.summary(text);
            case "description" -> alert.description(text);
            case "annotation" -> alert.annotation("details", text);
            case "label" -> alert.label("customer", text.length() <= Alert.MAX_LABEL_VALUE_LENGTH ? text
                    : text.substring(text.length() - Alert.MAX_LABEL_VALUE_LENGTH));
            default -> alert.source(text);
        }
        return alert.build();
    }

    @Test
    void aValueStraddlingTheInputLimitNeverLeavesEvenWhenMarkersShortenTheRest() {
        long seed = System.nanoTime();
        int cases = 12;
        System.out.println("ScrubBeforeCutTest input limit: " + cases + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        AlertDispatcher previews = dispatcher(everyChannel());
        for (int c = 0; c < cases; c++) {
            // tokens that scrub to a short marker: 64 KiB shrink to a few KiB, and the end comes within every limit
            StringBuilder text = new StringBuilder();
            while (text.length() < INPUT_LIMIT - 200) {
                text.append(Leaks.privateKey(random)).append(' ');
            }
            String value = random.nextBoolean() ? Leaks.card(random) : Leaks.email(random);
            int start = INPUT_LIMIT - value.length() + 1 + random.nextInt(value.length() - 2);
            text.setLength(Math.min(text.length(), start));
            while (text.length() < start) {
                text.append(' ');
            }
            text.append(value).append(" and more");
            Leaks leaks = new Leaks(seed);
            String where = "case " + c + ": '" + value + "' cut by the input limit at " + (INPUT_LIMIT - start);
            leaks.plant(value, where);
            Alert alert = Alert.builder("Planted").summary(text.toString()).description(text.toString())
                    .annotation("details", text.toString()).source(text.toString()).build();
            AlertPreview preview = previews.preview(alert);
            leaks.assertNoneIn("preview() of " + where, Leaks.dump(preview));
            assertThat(preview.alert().description()).as(where).endsWith("…").contains("[private_key]");
        }
    }

    @Test
    void aProviderErrorIsScrubbedBeforeItIsCutForTheLog() {
        long seed = System.nanoTime();
        int cases = 40;
        System.out.println("ScrubBeforeCutTest provider errors: " + cases + " cases, seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        AlertDispatcher dispatcher = dispatcher(List.of(WebhookChannel.builder().url(server.url("/webhook")).build()));
        Leaks leaks = new Leaks(seed);
        for (int c = 0; c < cases; c++) {
            String value = random.nextBoolean() ? Leaks.card(random) : Leaks.email(random);
            int limit = random.nextBoolean() ? 300 : 500; // the old cut of a detail, the cut of a log line
            int start = limit - "HTTP 400: ".length() - value.length() + random.nextInt(value.length() + 2);
            leaks.plant(value, "case " + c + ": '" + value + "' at " + start + " of the error body, around " + limit);
            server.reply(LoopbackHttpServer.Reply.status(400).body(Leaks.filler(random, start - 1) + " " + value
                    + " was rejected"));
            long failedBefore = dispatcher.stats().channel("webhook").failed();
            dispatcher.fire(Alert.builder("Rejected" + c).build());
            Await.until(WAIT, () -> dispatcher.stats().channel("webhook").failed() > failedBefore, "rejected");
        }
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).as("the failures are logged").filteredOn(line -> line.contains("could not deliver")).hasSize(cases);
        for (String line : lines) {
            leaks.assertNoneIn("a log line", line);
        }
    }
}
