package dev.monitor.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertRoute;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobOutcome;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.JobState;
import dev.monitor.job.http.JobCheckInEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job check-in servlet on real Jetty, on loopback, with a real job monitor and alert dispatcher. */
class JobCheckInServletTest {

    private static final String GLOBAL_TOKEN = "global-token-0123456789abcdef";
    private static final String EXPORT_TOKEN = "export-token-0123456789abcdef";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String PASSWORD = "hunter2-Secret!";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<AlertEvent> alertEvents = new CopyOnWriteArrayList<>();
    private final List<String> rendered = new CopyOnWriteArrayList<>();
    private final AlertDispatcher dispatcher = AlertDispatcher.builder().channel(new AlertChannel() {
        @Override
        public String name() {
            return "capture";
        }

        @Override
        public ChannelPayload render(AlertNotification notification) {
            rendered.add(notification.toString());
            return new ChannelPayload("application/json", "{}", Map.of());
        }

        @Override
        public DeliveryResult send(ChannelPayload payload, DeliveryContext context) {
            return DeliveryResult.delivered();
        }
    }).route(AlertRoute.builder().groupByEachAlert().groupWait(Duration.ZERO).build()).listener(alertEvents::add).build();
    private final JobMonitor jobs = JobMonitor.builder().dispatcher(dispatcher).build();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private Level monitorLevel;
    private Server server;
    private String base;

    @BeforeEach
    void start() throws Exception {
        logs.start();
        ((Logger) LoggerFactory.getLogger("org.eclipse.jetty")).setLevel(Level.INFO); // Jetty's debug log shows headers
        Logger monitorLogger = (Logger) LoggerFactory.getLogger("dev.monitor"); // everything the library logs
        monitorLogger.addAppender(logs);
        monitorLevel = monitorLogger.getLevel();
        monitorLogger.setLevel(Level.DEBUG);
        jobs.add(JobDefinition.builder("nightly-export").cron("0 3 * * *").build());
        jobs.add(JobDefinition.builder("stock-sync").every(Duration.ofMinutes(5)).build());
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new JobCheckInServlet(JobCheckInEndpoint.builder(jobs).token(GLOBAL_TOKEN)
                .jobToken("nightly-export", EXPORT_TOKEN).build())), "/monitor/jobs/*");
        // a limit no test reaches by accident: 3 per hour
        context.addServlet(new ServletHolder(new JobCheckInServlet(JobCheckInEndpoint.builder(jobs).token(GLOBAL_TOKEN)
                .rateLimit(3, Duration.ofHours(1)).build())), "/limited/jobs/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        jobs.close();
        dispatcher.close();
        Logger monitorLogger = (Logger) LoggerFactory.getLogger("dev.monitor");
        monitorLogger.detachAppender(logs);
        monitorLogger.setLevel(monitorLevel);
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void aValidTokenRecordsStartAndSuccessAndThePlainUrlIsASuccess() throws Exception {
        HttpResponse<String> started = send("POST", "/monitor/jobs/nightly-export/start", null, bearer(GLOBAL_TOKEN));
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(started.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode answer = JSON.readTree(started.body());
        assertThat(answer.get("job").asString()).isEqualTo("nightly-export");
        assertThat(answer.get("check_in").asString()).isEqualTo("start");
        assertThat(jobs.snapshot("nightly-export").runningSince()).isNotNull();

        assertThat(send("GET", "/monitor/jobs/nightly-export/success", null, bearer(EXPORT_TOKEN)).statusCode()).isEqualTo(200);
        JobSnapshot done = jobs.snapshot("nightly-export");
        assertThat(done.state()).isEqualTo(JobState.UP);
        assertThat(done.runningSince()).isNull();
        assertThat(done.lastSuccess()).isNotNull();
        assertThat(done.lastSuccess().duration()).isNotNull();

        // crontab convenience: the token in the query, and the bare URL as a success
        HttpResponse<String> plain = send("GET", "/monitor/jobs/stock-sync?token=" + GLOBAL_TOKEN, null);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(plain.body()).get("check_in").asString()).isEqualTo("success");
        assertThat(send("GET", "/monitor/jobs/stock-sync/ping", null, bearer(GLOBAL_TOKEN)).statusCode()).isEqualTo(200);
        assertThat(jobs.snapshot("stock-sync").state()).isEqualTo(JobState.UP);
    }

    @Test
    void aWrongOrMissingTokenIs401WithTheStandardErrorBodyAndRecordsNothing() throws Exception {
        for (HttpResponse<String> response : List.of(
                send("POST", "/monitor/jobs/nightly-export/start", null, bearer("wrong-token-0123456789abcdef")),
                send("POST", "/monitor/jobs/nightly-export/start", null),
                send("POST", "/monitor/jobs/nightly-export/start?token=wrong", null),
                // a job's own token opens that job only
                send("POST", "/monitor/jobs/stock-sync/start", null, bearer(EXPORT_TOKEN)))) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertStandardError(response, "UNAUTHORIZED");
        }
        assertThat(jobs.snapshot("nightly-export").state()).isEqualTo(JobState.NEW);
        assertThat(jobs.snapshot("nightly-export").runningSince()).isNull();
        assertThat(jobs.snapshot("stock-sync").runningSince()).isNull();
    }

    @Test
    void anUnknownJobWithAWrongTokenAnswersExactlyLikeAKnownOneAnd404OnlyAfterTheGlobalToken() throws Exception {
        HttpResponse<String> known = send("POST", "/monitor/jobs/nightly-export/success", null, bearer("wrong-token-0123456789"));
        HttpResponse<String> unknown = send("POST", "/monitor/jobs/no-such-job/success", null, bearer("wrong-token-0123456789"));
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(401);
        assertThat(withoutIdAndTime(unknown.body())).isEqualTo(withoutIdAndTime(known.body()));
        assertThat(unknown.headers().map().keySet()).isEqualTo(known.headers().map().keySet());

        // a job's own token does not reveal the other names either
        assertThat(send("POST", "/monitor/jobs/no-such-job/success", null, bearer(EXPORT_TOKEN)).statusCode()).isEqualTo(401);

        HttpResponse<String> notFound = send("POST", "/monitor/jobs/no-such-job/success", null, bearer(GLOBAL_TOKEN));
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertStandardError(notFound, "NOT_FOUND");
        assertThat(notFound.body()).doesNotContain("nightly-export", "stock-sync");

        HttpResponse<String> badAction = send("POST", "/monitor/jobs/nightly-export/explode", null, bearer(GLOBAL_TOKEN));
        assertThat(badAction.statusCode()).isEqualTo(404);
        assertStandardError(badAction, "NOT_FOUND");
        HttpResponse<String> put = send("PUT", "/monitor/jobs/nightly-export/start", null, bearer(GLOBAL_TOKEN));
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertStandardError(put, "METHOD_NOT_ALLOWED");
    }

    @Test
    void beyondTheRateLimitTheAnswerIs429WithRetryAfterAndNothingIsRecorded() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("GET", "/limited/jobs/stock-sync/ping", null, bearer(GLOBAL_TOKEN)).statusCode()).as("request %d", i)
                    .isEqualTo(200);
        }
        Instant lastCheckIn = jobs.snapshot("stock-sync").lastCheckIn();

        HttpResponse<String> limited = send("GET", "/limited/jobs/stock-sync/ping", null, bearer(GLOBAL_TOKEN));
        assertThat(limited.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        assertStandardError(limited, "TOO_MANY_REQUESTS");
        // the limit comes before the token: a guesser is limited too
        assertThat(send("GET", "/limited/jobs/stock-sync/ping", null, bearer("guess-0123456789abcdef")).statusCode())
                .isEqualTo(429);
        assertThat(jobs.snapshot("stock-sync").lastCheckIn()).isEqualTo(lastCheckIn);
        // the other endpoint has its own limit
        assertThat(send("GET", "/monitor/jobs/stock-sync/ping", null, bearer(GLOBAL_TOKEN)).statusCode()).isEqualTo(200);
    }

    @Test
    void aFailBodyWithPlantedPiiIsScrubbedInTheSnapshotTheAlertTheLogsAndTheResponse() throws Exception {
        String output = "exporting orders\n"
                + "customer " + EMAIL + " card " + CARD + "\n"
                + "connecting with password=" + PASSWORD + "\n"
                + "ERROR export failed: connection refused\n";
        HttpResponse<String> response = send("POST", "/monitor/jobs/nightly-export/fail", output,
                "Authorization", "Bearer " + GLOBAL_TOKEN, "Content-Type", "text/plain");
        assertThat(response.statusCode()).isEqualTo(200);

        JobRun failure = jobs.snapshot("nightly-export").lastFailure();
        assertThat(failure).isNotNull();
        assertThat(failure.outcome()).isEqualTo(JobOutcome.FAILURE);
        assertThat(failure.message()).contains("exporting orders", "ERROR export failed: connection refused");
        await(() -> alertEvents.stream().anyMatch(event -> event.type() == AlertEvent.Type.FIRED
                && event.alert() != null && event.alert().name().equals(JobMonitor.FAILED_ALERT)));
        await(() -> !rendered.isEmpty());
        String alerts = alertEvents.stream().filter(event -> event.alert() != null).map(event -> event.alert().summary()
                + " " + event.alert().description() + " " + event.alert().annotations() + " " + event.alert().labels())
                .collect(Collectors.joining("\n"));
        assertThat(alerts).contains("connection refused");
        String logged = logs.list.stream().map(event -> event.getFormattedMessage() + " " + event.getThrowableProxy())
                .collect(Collectors.joining("\n"));
        for (String leaked : List.of(failure.message(), alerts, String.join("\n", rendered), logged, response.body())) {
            assertThat(leaked).doesNotContain(EMAIL, CARD, CARD.replace(" ", ""), PASSWORD, GLOBAL_TOKEN);
        }
    }

    @Test
    void aLongFailBodyKeepsItsLastLinesWithinTheMessageLimit() throws Exception {
        String output = IntStream.range(0, 5000).mapToObj(i -> "line " + i + " of the export log")
                .collect(Collectors.joining("\n"));
        HttpResponse<String> response = send("POST", "/monitor/jobs/nightly-export/fail", output,
                "Authorization", "Bearer " + GLOBAL_TOKEN, "Content-Type", "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(200);

        String message = jobs.snapshot("nightly-export").lastFailure().message();
        assertThat(message.length()).isLessThanOrEqualTo(JobRun.MAX_MESSAGE_LENGTH);
        assertThat(message).endsWith("line 4999 of the export log").contains("line 4980 of the export log")
                .doesNotContain("line 4979 of", "line 0 of");
    }

    private static void assertStandardError(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("request_id").asString()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(error.get("timestamp").asString()).endsWith("Z");
    }

    private static String withoutIdAndTime(String body) {
        return body.replaceAll("\"request_id\":\"[^\"]*\"", "").replaceAll("\"timestamp\":\"[^\"]*\"", "");
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos(); // a hang guard
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 60 s").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
