package dev.monitor.leaks;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.AlertmanagerChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DiscordChannel;
import dev.monitor.alert.channel.EmailChannel;
import dev.monitor.alert.channel.LogChannel;
import dev.monitor.alert.channel.PagerDutyChannel;
import dev.monitor.alert.channel.SlackChannel;
import dev.monitor.alert.channel.SmsChannel;
import dev.monitor.alert.channel.TeamsChannel;
import dev.monitor.alert.channel.WebhookChannel;
import dev.monitor.alert.support.LoopbackHttpServer;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.sentry.SentryAlertChannel;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Alerts through every channel: {@link AlertDispatcher#preview} of every case (the exact payload each channel would
 * get), and for a sample of the cases the real delivery, through each channel's own code, to loopback: webhook, Slack,
 * Discord, Teams, PagerDuty, the Alertmanager API v2 and Twilio (SMS) to loopback, the Sentry alert
 * channel's envelope too, e-mail to GreenMail, and the log channel's lines (see {@link LogCapture}). Fields: the name,
 * label and annotation names and channel names (refused unless they follow their rules), summary, description, label
 * and annotation values (also under a name that marks a secret), source, and the runbook URL.
 */
final class AlertSurface implements Surface {

    /** One case in this many is also delivered (every one is previewed). */
    static final int DELIVER_EVERY = 40;
    /** One delivered case in this many is also mailed (SMTP is the slowest channel by far). */
    static final int MAIL_EVERY = 4;
    /** The label routing an alert to every channel, e-mail included; previews carry it. */
    private static final String MAIL = "mail";

    static final Field NAME = Field.value("alert name").near(80);
    static final Field SUMMARY = Field.value("summary", Alert.MAX_SUMMARY_LENGTH).near(256, 500);
    static final Field DESCRIPTION = Field.value("description", Alert.MAX_DESCRIPTION_LENGTH).near(1500, 2000, 4096, 8192);
    /** Label values are never cut (a longer one is refused); channels cut them when they show them. */
    static final Field LABEL_VALUE = Field.value("label value").near(200, 255, 256, 300, Alert.MAX_LABEL_VALUE_LENGTH);
    static final Field SENSITIVE_LABEL = Field.value("label value under a sensitive label name").hidden();
    static final Field LABEL_NAME = Field.key("label name");
    static final Field ANNOTATION_VALUE = Field.value("annotation value", Alert.MAX_ANNOTATION_VALUE_LENGTH)
            .near(256, 300, 1024);
    static final Field SENSITIVE_ANNOTATION = Field.value("annotation value under a sensitive annotation name").hidden();
    static final Field ANNOTATION_NAME = Field.key("annotation name");
    /** Cut like an annotation value (every position around 4096 there). */
    static final Field SOURCE = Field.value("source").near(255, Alert.MAX_ANNOTATION_VALUE_LENGTH);
    /** Spaces become {@code +} (a URL has none), so most values get in; one with quotes is refused. */
    static final Field RUNBOOK = Field.value("runbook URL (query)").near(100);
    static final Field CHANNEL_NAME = Field.value("channel name").near(80);

    private final Loopback loopback;
    private final PiiSamples samples;
    private final AlertDispatcher dispatcher;
    private final List<String> channels;

    AlertSurface(Loopback loopback, Random random) {
        this.loopback = loopback;
        this.samples = new PiiSamples(random);
        LoopbackHttpServer receiver = loopback.receiver;
        List<AlertChannel> all = List.of(
                WebhookChannel.builder().url(receiver.url("/webhook")).build(),
                SlackChannel.builder().webhookUrl(receiver.url("/slack")).build(),
                DiscordChannel.builder().webhookUrl(receiver.url("/discord")).build(),
                TeamsChannel.builder().webhookUrl(receiver.url("/teams")).build(),
                PagerDutyChannel.builder().routingKey("0123456789abcdef0123456789abcdef")
                        .endpoint(receiver.url("/pagerduty")).build(),
                AlertmanagerChannel.builder().url(receiver.url("/alertmanager")).build(),
                SmsChannel.builder().accountSid("AC0123456789abcdef0123456789abcdef")
                        .authToken("f0e1d2c3b4a5968778695a4b3c2d1e0f").from("+15005550006").to("+4915112345678")
                        .endpoint(receiver.url("/sms")).build(),
                SentryAlertChannel.builder().dsn(receiver.url("/42").replace("http://",
                        "http://0123456789abcdef0123456789abcdef@")).build(),
                EmailChannel.builder().server("127.0.0.1", loopback.smtpPort()).security(EmailChannel.Security.NONE)
                        .from("alerts@example.com").to("ops@example.com").build(),
                LogChannel.create());
        List<String> names = all.stream().map(AlertChannel::name).toList();
        AlertDispatcher.Builder builder = AlertDispatcher.builder()
                .route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO)
                        .channels(names.stream().filter(name -> !name.equals("email")).toArray(String[]::new))
                        .route(AlertRoute.builder().match(AlertMatcher.equal(MAIL, "yes")).channels(names.toArray(String[]::new))
                                .build())
                        .build());
        for (AlertChannel channel : all) {
            builder.channel(channel, DeliveryPolicy.builder().rateLimit(10_000, Duration.ofSeconds(1)).maxAttempts(1)
                    .circuitBreaker(100, 10_000, 10_000, Duration.ofSeconds(1)).digestAfter(10_000).concurrency(4).build());
        }
        this.dispatcher = builder.build();
        this.channels = names;
    }

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public List<Field> fields() {
        return List.of(NAME, SUMMARY, DESCRIPTION, LABEL_VALUE, SENSITIVE_LABEL, LABEL_NAME, ANNOTATION_VALUE,
                SENSITIVE_ANNOTATION, ANNOTATION_NAME, SOURCE, RUNBOOK, CHANNEL_NAME);
    }

    @Override
    public int batchSize() {
        return 300; // deliveries of a batch are awaited together
    }

    @Override
    public Drive drive(List<Planting> batch) throws Exception {
        Drive drive = new Drive();
        long before = delivered();
        long expected = before;
        for (Planting planting : batch) {
            Alert alert;
            try {
                if (planting.field() == CHANNEL_NAME) {
                    AlertDispatcher.builder().channel(LogChannel.builder().name(planting.text()).build());
                    continue;
                }
                alert = alert(planting);
            } catch (IllegalArgumentException refused) {
                drive.refused(planting, refused);
                continue;
            }
            drive.output("preview() of case " + planting.index(), dump(dispatcher.preview(alert)));
            if (planting.index() % DELIVER_EVERY == 0) {
                boolean mail = planting.index() % (DELIVER_EVERY * MAIL_EVERY) == 0;
                dispatcher.fire(mail ? alert : Alert.from(alert).label(MAIL, "no").build());
                expected += mail ? channels.size() : channels.size() - 1;
            }
        }
        if (expected > before) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (delivered() < expected && System.nanoTime() < deadline) {
                dispatcher.awaitIdle(Duration.ofMillis(100));
            }
            dispatcher.awaitIdle(Duration.ofSeconds(10));
            if (delivered() < expected) {
                throw new AssertionError("only " + (delivered() - before) + " of " + (expected - before)
                        + " deliveries came through: " + dispatcher.stats());
            }
            loopback.takeRequests(drive);
            for (String mail : loopback.drainMails()) {
                drive.output("a mail", mail);
            }
        }
        return drive;
    }

    /** Deliveries and failures of every channel so far. */
    private long delivered() {
        long total = 0;
        for (String channel : channels) {
            total += dispatcher.stats().channel(channel).alertsDelivered() + dispatcher.stats().channel(channel).failed();
        }
        return total;
    }

    private Alert alert(Planting planting) {
        String text = planting.text();
        Field field = planting.field();
        Alert.Builder alert = Alert.builder(field == NAME ? text : "Leak" + planting.index()).label("service", "orders")
                .label(MAIL, "yes");
        if (field == SUMMARY) {
            alert.summary(text);
        } else if (field == DESCRIPTION) {
            alert.description(text);
        } else if (field == LABEL_VALUE) {
            alert.label("customer", text);
        } else if (field == SENSITIVE_LABEL) {
            alert.label(samples.sensitiveLabelKey(), text);
        } else if (field == LABEL_NAME) {
            alert.label(text, "on");
        } else if (field == ANNOTATION_VALUE) {
            alert.annotation("details", text);
        } else if (field == SENSITIVE_ANNOTATION) {
            alert.annotation(samples.sensitiveLabelKey(), text);
        } else if (field == ANNOTATION_NAME) {
            alert.annotation(text, "on");
        } else if (field == SOURCE) {
            alert.source(text);
        } else if (field == RUNBOOK) {
            alert.runbookUrl("https://runbooks.example/orders?note=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return alert.build();
    }

    /**
     * Every text of a preview: routes, suppression, render errors, each payload; and the alert as channels see it (its
     * texts are in the payloads, cut: only what is longer than that is added).
     */
    private static String dump(AlertPreview preview) {
        Alert alert = preview.alert();
        StringBuilder text = new StringBuilder(alert.name()).append('\n').append(alert.labels()).append('\n')
                .append(alert.annotations()).append('\n').append(alert.summary()).append('\n').append(alert.source())
                .append('\n').append(preview.routes()).append(preview.suppressedBy()).append(preview.renderErrors())
                .append('\n');
        if (alert.description().length() > Alert.MAX_DESCRIPTION_LENGTH) {
            text.append(alert.description()).append('\n');
        }
        for (Map.Entry<String, ChannelPayload> payload : preview.payloads().entrySet()) {
            text.append(payload.getKey()).append(": ").append(payload.getValue().body()).append('\n')
                    .append(payload.getValue().fields()).append('\n');
        }
        return text.toString();
    }
}
