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
import dev.monitor.alert.support.AlertDumps;
import dev.monitor.alert.support.Await;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.pii.testing.LeakIndex;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue "Never lies, never leaks": text is scrubbed before it is cut, so a card number or an e-mail address is never
 * cut in half where the scrubber can no longer recognise it. Values of every detector family, and secrets written
 * inline under every secret key ({@code token=…}, {@code cookie=…}), are planted at every position around the alert's
 * own output limits and each channel's, in every text, and must not survive, whole or in part (a run of 6 of their
 * characters), in any channel's payload, preview, request or log line; only the documented e-mail mask
 * ({@code j***@domain}) may show. {@code -Dmonitor.test.seed=N} replays a run.
 */
class ScrubBeforeCutTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    /** Output limits of the alert (summary, annotation, description) and of the channels' fields. */
    private static final int[] LIMITS = {150, 200, 255, 256, 300, 500, 1024, 1500, 1600, 2000, 3000, 4096, 6000, 8192,
            16_384};
    private static final int CASES = 600;
    private static final int SENT = 24;
    /** Alert.MAX_TEXT_INPUT_LENGTH: the most an alert keeps of a text (a literal, so this test also runs on older code). */
    private static final int INPUT_LIMIT = 65_536;

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
        System.out.println("ScrubBeforeCutTest: " + CASES + " cases, seed " + SEED);
        Random random = new Random(SEED);
        PiiSamples samples = new PiiSamples(random);
        AlertDispatcher previews = dispatcher(everyChannel());
        AlertDispatcher sending = dispatcher(httpChannels());
        LeakIndex leaks = new LeakIndex();
        LeakIndex sent = new LeakIndex();
        for (int c = 0; c < CASES; c++) {
            leaks.clear();
            String field = List.of("summary", "description", "annotation", "label", "source").get(random.nextInt(5));
            int limit = LIMITS[random.nextInt(LIMITS.length)];
            // every detector family in turn, and a secret written inline under each secret key ("cookie=…" included)
            Plant value = c % 2 == 0 ? samples.nth(c / 2) : inlineSecret(samples);
            // every position from the value ending just before the limit to it starting just after
            int length = value.text().length();
            int start = limit - length - 2 + random.nextInt(length + 5);
            String where = "seed " + SEED + " case " + c + ": " + field + " with '" + value.text() + "' at " + start
                    + " around limit " + limit;
            leaks.add(value, where);
            Alert alert = alertWith(c, field, PiiSamples.filler(Math.max(0, start - 1)) + " " + value.text() + " "
                    + PiiSamples.filler(40 + random.nextInt(200)));
            AlertPreview preview = previews.preview(alert);
            assertThat(preview.renderErrors()).as(where).isEmpty();
            leaks.assertNoneIn("preview() of " + where, AlertDumps.dump(preview));
            if (c < SENT) {
                sent.add(value, where);
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
            sent.assertNoneIn("a log line", event.getFormattedMessage());
        }
    }

    /** {@code key=value} with a secret key and a value that looks like nothing: only the key rule can catch it. */
    private static Plant inlineSecret(PiiSamples samples) {
        Plant secret = samples.secret();
        return new Plant("secret_pair", samples.sensitiveKey() + "=" + secret.text(), secret.secrets());
    }

    /** An alert named for its case, with {@code text} in {@code field} (label values are at most 1024 long). */
    private static Alert alertWith(int c, String field, String text) {
        Alert.Builder alert = Alert.builder("Planted" + c).label("service", "orders");
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
        int cases = 12;
        System.out.println("ScrubBeforeCutTest input limit: " + cases + " cases, seed " + SEED);
        Random random = new Random(SEED);
        PiiSamples samples = new PiiSamples(random);
        AlertDispatcher previews = dispatcher(everyChannel());
        for (int c = 0; c < cases; c++) {
            // tokens that scrub to a short marker: 64 KiB shrink to a few KiB, and the end comes within every limit
            StringBuilder text = new StringBuilder();
            while (text.length() < INPUT_LIMIT - 200) {
                text.append(samples.privateKey().text()).append(' ');
            }
            Plant value = samples.nth(c);
            int length = value.text().length();
            int start = INPUT_LIMIT - length + 1 + random.nextInt(Math.max(1, length - 2));
            text.setLength(Math.min(text.length(), start));
            while (text.length() < start) {
                text.append(' ');
            }
            text.append(value.text()).append(" and more");
            String where = "seed " + SEED + " case " + c + ": '" + value.text() + "' cut by the input limit at "
                    + (INPUT_LIMIT - start);
            LeakIndex leaks = new LeakIndex().add(value, where);
            Alert alert = Alert.builder("Planted").summary(text.toString()).description(text.toString())
                    .annotation("details", text.toString()).source(text.toString()).build();
            AlertPreview preview = previews.preview(alert);
            leaks.assertNoneIn("preview() of " + where, AlertDumps.dump(preview));
            assertThat(preview.alert().description()).as(where).endsWith("…").contains("[private_key]");
        }
    }

    @Test
    void aProviderErrorIsScrubbedBeforeItIsCutForTheLog() {
        int cases = 40;
        System.out.println("ScrubBeforeCutTest provider errors: " + cases + " cases, seed " + SEED);
        Random random = new Random(SEED);
        PiiSamples samples = new PiiSamples(random);
        AlertDispatcher dispatcher = dispatcher(List.of(WebhookChannel.builder().url(server.url("/webhook")).build()));
        LeakIndex leaks = new LeakIndex();
        for (int c = 0; c < cases; c++) {
            Plant value = samples.nth(c);
            int length = value.text().length();
            int limit = random.nextBoolean() ? 300 : 500; // the old cut of a detail, the cut of a log line
            int start = Math.max(1, limit - "HTTP 400: ".length() - length + random.nextInt(length + 2));
            leaks.add(value, "seed " + SEED + " case " + c + ": '" + value.text() + "' at " + start
                    + " of the error body, around " + limit);
            server.reply(LoopbackHttpServer.Reply.status(400).body(PiiSamples.filler(start - 1) + " " + value.text()
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
