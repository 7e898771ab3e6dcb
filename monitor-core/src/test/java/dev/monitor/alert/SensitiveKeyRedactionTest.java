package dev.monitor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
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
import dev.monitor.alert.support.MailText;
import dev.monitor.alert.support.RecordingChannel;
import dev.monitor.pii.Scrubber;
import dev.monitor.pii.testing.LeakIndex;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue "Never lies, never leaks": the value of a label or annotation whose name marks a secret ({@code password},
 * {@code client_secret}, {@code token}, {@code apiKey}, {@code authorization}…) never leaves, on any channel, in
 * preview(), history, incidents, events, logs or the journal on disk; while routing, grouping, deduplication,
 * inhibition and silences keep working on the values as fired.
 */
class SensitiveKeyRedactionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SEED = Long.getLong("monitor.test.seed", 0x5EEDL);
    private static final int CASES = 40;
    private static final String SMS_TO = "+4915112345678";

    @TempDir
    Path state;

    private final LoopbackHttpServer server = LoopbackHttpServer.start().defaultReply(LoopbackHttpServer.Reply.status(202)
            .body("{\"status\":\"ok\"}"));
    private final GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final List<AlertDispatcher> dispatchers = new ArrayList<>();

    @BeforeEach
    void start() {
        mail.start();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(AlertDispatcher::close);
        root.detachAppender(logs);
        mail.stop();
        server.close();
    }

    private List<AlertChannel> everyChannel() {
        return List.of(
                WebhookChannel.builder().url(server.url("/webhook")).build(),
                SlackChannel.builder().webhookUrl(server.url("/slack")).build(),
                DiscordChannel.builder().webhookUrl(server.url("/discord")).build(),
                TeamsChannel.builder().webhookUrl(server.url("/teams")).build(),
                PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef").endpoint(server.url("/pagerduty"))
                        .build(),
                AlertmanagerChannel.builder().url(server.url("/alertmanager")).build(),
                SmsChannel.builder().accountSid("AC0123456789abcdef0123456789abcdef").authToken("f0e1d2c3b4a5968778695a4b3c2d1e0f")
                        .from("+15005550006").to(SMS_TO).endpoint(server.url("")).build(),
                EmailChannel.builder().server("127.0.0.1", mail.getSmtp().getPort()).security(EmailChannel.Security.NONE)
                        .from("alerts@example.com").to("ops@example.com").build(),
                LogChannel.create());
    }

    @Test
    void aSensitiveKeysValueNeverLeavesThroughAnyChannelPreviewApiLogOrTheJournal() throws Exception {
        assertThat(PiiSamples.SENSITIVE_LABEL_KEYS).as("precondition: the scrubber knows these keys")
                .allMatch(Scrubber.defaults()::isSensitiveKey);
        System.out.println("SensitiveKeyRedactionTest: " + CASES + " cases, seed " + SEED);
        Random random = new Random(SEED);
        PiiSamples samples = new PiiSamples(random);
        LeakIndex leaks = new LeakIndex();
        List<AlertEvent> events = new CopyOnWriteArrayList<>();
        AlertDispatcher.Builder builder = AlertDispatcher.builder()
                // grouped by a secret label: group keys, group labels and titles carry it
                .route(AlertRoute.builder().groupBy("alertname", "token").groupWait(Duration.ofMillis(50))
                        .groupInterval(Duration.ofMillis(200)).build())
                .listener(events::add)
                .stateDirectory(state)
                .historySize(1000);
        for (AlertChannel channel : everyChannel()) {
            builder.channel(channel, DeliveryPolicy.builder().rateLimit(1000, Duration.ofSeconds(1)).build());
        }
        AlertDispatcher dispatcher = builder.build();
        dispatchers.add(dispatcher);

        List<AlertHandle> handles = new ArrayList<>();
        for (int c = 0; c < CASES; c++) {
            Alert alert = plantedAlert(c, random, samples, leaks, "seed " + SEED + " case " + c);
            leaks.assertNoneIn("preview() of case " + c, AlertDumps.dump(dispatcher.preview(alert)));
            handles.add(dispatcher.fire(alert));
        }
        Await.until(WAIT, () -> dispatcher.incidents().size() >= CASES && notifiedEverywhere(dispatcher),
                () -> "every channel notified: " + dispatcher.stats());
        // acknowledge some (a comment with personal data), resolve others: more notifications of every kind
        for (int c = 0; c < CASES; c += 3) {
            String comment = "called " + plant(leaks, samples.email(), "seed " + SEED + " case " + c
                    + " acknowledgement comment");
            AlertIncident incident = dispatcher.incidents().get(c);
            dispatcher.acknowledge(incident.fingerprint(), "alice", comment);
        }
        for (int c = 1; c < CASES; c += 3) {
            handles.get(c).resolve();
        }
        Await.until(WAIT, () -> dispatcher.stats().resolved() >= CASES / 3, "resolved");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();
        Await.until(WAIT, () -> mail.getReceivedMessages().length > 0, "an e-mail");

        leaks.assertNoneIn("history, incidents and events", AlertDumps.dump(dispatcher.recentAlerts(), dispatcher.incidents(),
                events));
        for (LoopbackHttpServer.Request request : server.requests()) {
            String body = String.valueOf(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded")
                    ? URLDecoder.decode(request.body(), StandardCharsets.UTF_8) : request.body();
            leaks.assertNoneIn("the request to " + request.path(), request.path() + "?" + request.query() + "\n"
                    + request.headers() + "\n" + body);
        }
        for (MimeMessage message : mail.getReceivedMessages()) {
            leaks.assertNoneIn("an e-mail", MailText.of(message));
        }
        dispatcher.close();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            leaks.assertNoneIn("a log line", event.getFormattedMessage());
        }
        try (Stream<Path> files = Files.walk(state)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                leaks.assertNoneIn("the journal file " + file.getFileName(),
                        new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        assertThat(server.requests()).extracting(LoopbackHttpServer.Request::path)
                .contains("/webhook", "/slack", "/discord", "/teams", "/pagerduty", "/alertmanager/api/v2/alerts");
        assertThat(server.requests().stream().filter(r -> r.path().equals("/webhook")).map(LoopbackHttpServer.Request::body))
                .as("the marker the scrubber produces replaces the value").anyMatch(body -> body.contains("\"token\":\"[secret]\""));
    }

    /**
     * An alert with secrets under sensitive label and annotation keys (also inline, in summary and description), personal
     * data of every family in values, each planted in {@code leaks}.
     */
    private static Alert plantedAlert(int c, Random random, PiiSamples samples, LeakIndex leaks, String where) {
        Alert.Builder alert = Alert.builder("Case" + c).severity(AlertSeverity.values()[random.nextInt(5)])
                .label("service", "svc" + random.nextInt(1000))
                .label("token", plant(leaks, samples.secret(), where + " label token"));
        for (int i = random.nextInt(3); i >= 0; i--) {
            String key = samples.sensitiveLabelKey();
            alert.label(key, plant(leaks, samples.secret(), where + " label " + key));
        }
        for (int i = random.nextInt(3); i >= 0; i--) {
            String key = samples.sensitiveLabelKey();
            alert.annotation(key, plant(leaks, samples.secret(), where + " annotation " + key));
        }
        if (random.nextBoolean()) {
            alert.label("customer", plant(leaks, samples.email(), where + " label customer"));
        }
        alert.annotation("note", "charge " + plant(leaks, samples.nth(c), where + " annotation note") + " declined");
        alert.summary("login failed with password=" + plant(leaks, samples.secret(), where + " summary password")
                + " for " + plant(leaks, samples.email(), where + " summary email"));
        alert.description(PiiSamples.filler(random.nextInt(200)) + " card " + plant(leaks, samples.card(),
                where + " description card") + " apiKey: " + plant(leaks, samples.secret(), where + " description apiKey"));
        if (random.nextBoolean()) {
            alert.runbookUrl("https://runbooks.example/svc" + random.nextInt(1000));
        }
        return alert.build();
    }

    /** Remembers {@code plant} as planted by {@code where}; returns its text. */
    private static String plant(LeakIndex leaks, Plant plant, String where) {
        leaks.add(plant, where);
        return plant.text();
    }

    private boolean notifiedEverywhere(AlertDispatcher dispatcher) {
        AlertStats stats = dispatcher.stats();
        for (String channel : List.of("webhook", "slack", "discord", "teams", "pagerduty", "alertmanager", "sms", "email", "log")) {
            if (stats.channel(channel).delivered() == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void alertsDifferingOnlyInASecretStayApartForRoutingGroupingDedupInhibitionAndSilences() {
        RecordingChannel chat = new RecordingChannel("chat");
        RecordingChannel pager = new RecordingChannel("pager");
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).channel(pager)
                .route(AlertRoute.builder().channels("chat").groupBy("alertname", "token").groupWait(Duration.ofMillis(20))
                        .groupInterval(Duration.ofMillis(100))
                        // routing on the value as fired
                        .route(AlertRoute.builder().name("paging").match(AlertMatcher.name("Login"),
                                        AlertMatcher.equal("token", "b-secret-value"))
                                .channels("pager").groupBy("token").groupWait(Duration.ofMillis(20)).build())
                        .build())
                // the source mutes targets with the same token (compared as fired)
                .inhibit(InhibitRule.builder().source(AlertMatcher.name("Outage")).target(AlertMatcher.name("Symptom"))
                        .equal("token").build())
                .build();
        dispatchers.add(dispatcher);
        dispatcher.silence(Silence.builder().match(AlertMatcher.equal("token", "c-secret-value"))
                .endsAt(Instant.now().plus(Duration.ofHours(1))).build());

        Alert a = Alert.builder("Login").label("token", "a-secret-value").build();
        Alert b = Alert.builder("Login").label("token", "b-secret-value").build();
        Alert c = Alert.builder("Login").label("token", "c-secret-value").build();
        dispatcher.fire(a);
        dispatcher.fire(a); // a repeat of a, not of b
        dispatcher.fire(b);
        dispatcher.fire(c);
        dispatcher.fire(Alert.builder("Outage").label("token", "a-secret-value").build());
        dispatcher.fire(Alert.builder("Symptom").label("token", "a-secret-value").build()); // inhibited by the outage
        dispatcher.fire(Alert.builder("Symptom").label("token", "b-secret-value").build()); // not inhibited
        Await.until(WAIT, () -> chat.delivered().size() >= 3 && pager.delivered().size() >= 1, "notified");
        assertThat(dispatcher.awaitIdle(WAIT)).isTrue();

        AlertStats stats = dispatcher.stats();
        assertThat(stats.fired()).as("a, b, c, Outage and two Symptoms are six alerts").isEqualTo(6);
        assertThat(stats.deduplicated()).as("only the second fire of a").isEqualTo(1);
        assertThat(stats.suppressed()).as("c is silenced, Symptom{token=a} inhibited").isEqualTo(2);
        List<AlertNotification> toChat = chat.delivered();
        List<AlertNotification> toPager = pager.delivered();
        assertThat(toPager).hasSize(1);
        assertThat(toPager.get(0).alerts()).hasSize(1);
        assertThat(toPager.get(0).alerts().get(0).alert().labels()).containsEntry("token", "[secret]");
        // Login{a} and Login{b} are two groups: b went to the pager route, a to chat; Outage and Symptom{b} to chat
        Map<String, AlertNotification> byGroup = new LinkedHashMap<>();
        for (AlertNotification notification : toChat) {
            byGroup.put(notification.groupKey(), notification);
            assertThat(notification.groupLabels()).containsEntry("token", "[secret]");
            assertThat(notification.groupKey()).doesNotContain("secret-value").contains("token=\"[secret]\"").contains("#");
        }
        assertThat(byGroup).as("Login{a}, Outage{a}, Symptom{b}: one group each").hasSize(3);
        List<String> fingerprints = new ArrayList<>();
        for (AlertNotification notification : toChat) {
            for (NotifiedAlert shown : notification.alerts()) {
                fingerprints.add(shown.fingerprint());
                assertThat(shown.alert().labels()).containsEntry("token", "[secret]").containsKey("redaction_id");
            }
        }
        fingerprints.add(toPager.get(0).alerts().get(0).fingerprint());
        assertThat(fingerprints).as("alerts shown alike stay distinct outside").doesNotHaveDuplicates();
        assertThat(dispatcher.recentAlerts()).hasSize(6).extracting(AlertHistoryEntry::fingerprint).doesNotHaveDuplicates();

        // resolving a leaves b firing; the group keys told apart in notifications address their own group
        dispatcher.resolve(a);
        Await.until(WAIT, () -> dispatcher.stats().resolved() == 1, "a resolved");
        assertThat(dispatcher.activeAlerts()).extracting(e -> e.alert().name()).contains("Login", "Outage", "Symptom");
        AlertNotification outage = toChat.stream().filter(n -> n.alerts().get(0).alert().name().equals("Outage")).findFirst()
                .orElseThrow();
        assertThat(dispatcher.acknowledgeGroup(outage.groupKey(), "alice", "")).isEqualTo(1);
    }

    @Test
    void aSilenceOnASecretValueWorksButIsNeverWrittenToDisk() throws IOException {
        RecordingChannel chat = new RecordingChannel("chat");
        AlertDispatcher dispatcher = AlertDispatcher.builder().channel(chat).stateDirectory(state)
                .route(AlertRoute.builder().groupWait(Duration.ofMillis(20)).build()).build();
        dispatchers.add(dispatcher);
        dispatcher.silence(Silence.builder().match(AlertMatcher.equal("password", "hunter2-Tr0ub4dor"))
                .endsAt(Instant.now().plus(Duration.ofHours(1))).comment("mute " + "maria.garcia@example.com").build());
        dispatcher.silence(Silence.builder().match(AlertMatcher.equal("service", "search"))
                .endsAt(Instant.now().plus(Duration.ofHours(1))).comment("reindexing, ask maria.garcia@example.com")
                .createdBy("maria.garcia@example.com").build());
        dispatcher.fire(Alert.builder("Login").label("password", "hunter2-Tr0ub4dor").build());
        Await.until(WAIT, () -> dispatcher.stats().suppressed() == 1, "silenced on the value as fired");
        dispatcher.close();
        String journal;
        try (Stream<Path> files = Files.walk(state)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
            journal = all.toString();
        }
        assertThat(journal).doesNotContain("hunter2").doesNotContain("maria.garcia").contains("service").contains("search");
    }
}
