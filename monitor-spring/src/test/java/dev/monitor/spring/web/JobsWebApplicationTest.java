package dev.monitor.spring.web;

import static dev.monitor.spring.Conditions.await;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertEventListener;
import dev.monitor.health.HealthRegistry;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobOutcome;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.JobState;
import dev.monitor.spring.job.MonitoredJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter in a real Spring Boot application on embedded Tomcat with {@code @EnableScheduling}: every
 * {@code @Scheduled} method is a monitored job that checks in by itself (a throwing run fails with a scrubbed message),
 * an opted-out method is not monitored, and external jobs declared as properties check in over HTTP with a token, with
 * the standard error bodies, and with a {@code /fail} body whose planted PII reaches neither the snapshot, the alerts,
 * the logs nor the response.
 */
@SpringBootTest(classes = JobsWebApplicationTest.Application.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "monitor.health.disk.enabled=false",
            "spring.autoconfigure.exclude=" + StarterWebApplicationTest.SECURITY_AUTO_CONFIGURATIONS,
            "monitor.jobs.token=" + JobsWebApplicationTest.TOKEN,
            "monitor.jobs.external.nightly-backup.cron=0 3 * * *",
            "monitor.jobs.external.nightly-backup.time-zone=Europe/Berlin",
            "monitor.jobs.external.nightly-backup.grace=30m",
            "monitor.jobs.external.nightly-backup.token=" + JobsWebApplicationTest.BACKUP_TOKEN,
            "monitor.jobs.external.stock-import.interval=15m", "monitor.status.enabled=true"})
class JobsWebApplicationTest {

    static final String TOKEN = "global-token-0123456789abcdef";
    static final String BACKUP_TOKEN = "backup-token-0123456789abcdef";
    static final String OPERATOR_HEADER = "X-Test-Operator";
    private static final String EMAIL = "jane.doe@example.com";
    private static final String CARD = "4111 1111 1111 1111";
    private static final String PASSWORD = "hunter2-Secret!";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private static Level monitorLevel;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    @LocalServerPort
    int port;

    @Autowired
    JobMonitor jobs;

    @Autowired
    HealthRegistry health;

    @Autowired
    Carts carts;

    @Autowired
    List<AlertEvent> alertEvents;

    @BeforeAll
    static void captureLogs() {
        LOGS.start();
        Logger monitor = (Logger) LoggerFactory.getLogger("dev.monitor");
        monitorLevel = monitor.getLevel();
        monitor.setLevel(Level.DEBUG);
        monitor.addAppender(LOGS);
    }

    @AfterAll
    static void stopCapturing() {
        Logger monitor = (Logger) LoggerFactory.getLogger("dev.monitor");
        monitor.detachAppender(LOGS);
        monitor.setLevel(monitorLevel);
    }

    @Test
    void everyScheduledMethodIsAJobNamedByBeanAndMethodWithItsScheduleAndTheOptedOutOneIsNot() {
        assertThat(jobs.jobs()).extracting(job -> job.name()).contains("carts.expireStaleCarts", "carts.syncStock",
                "nightly-export", "nightly-backup", "stock-import").doesNotContain("carts.pollQueue");
        assertThat(jobs.job("carts.expireStaleCarts").definition().schedule().interval()).isEqualTo(Duration.ofMillis(50));
        assertThat(jobs.job("carts.syncStock").definition().schedule().interval()).isEqualTo(Duration.ofSeconds(1));
        var export = jobs.job("nightly-export").definition();
        assertThat(export.schedule().cronExpression()).isEqualTo("0 0 3 * * *");
        assertThat(export.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(export.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(export.maxRuntime()).isEqualTo(Duration.ofHours(2));
        var backup = jobs.job("nightly-backup").definition();
        assertThat(backup.schedule().cronExpression()).isEqualTo("0 3 * * *");
        assertThat(backup.schedule().zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(backup.grace()).isEqualTo(Duration.ofMinutes(30));
        assertThat(health.names()).contains("job-carts.expireStaleCarts", "job-nightly-backup");
    }

    @Test
    void theStatusPageShowsEachJobAsOneRow() throws Exception {
        // the internal view (a signed-in operator) shows the jobs; the public page only its public components
        HttpResponse<String> page = send("GET", "/status?format=json", null, null, OPERATOR_HEADER, "ops");
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> jobRows = new java.util.ArrayList<>();
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode component : JSON.readTree(page.body()).get("components")) {
            names.add(component.get("name").asString());
            if (component.get("kind").asString().equals(dev.monitor.status.StatusComponent.Kind.SCHEDULED_JOB.jsonValue())) {
                jobRows.add(component.get("name").asString());
            }
        }
        assertThat(jobRows).contains("carts.expireStaleCarts", "nightly-backup").doesNotContain("carts.pollQueue");
        assertThat(names).doesNotContain("job-carts.expireStaleCarts"); // not twice
    }

    @Test
    void theScheduledRunsCheckInSuccessesAndAThrowingRunFailsWithAScrubbedMessage() {
        await(() -> jobs.snapshot("carts.expireStaleCarts").lastSuccess() != null);
        JobSnapshot expiring = jobs.snapshot("carts.expireStaleCarts");
        assertThat(expiring.state()).isEqualTo(JobState.UP);
        assertThat(expiring.lastSuccess().duration()).isNotNull(); // a start came before it

        await(() -> jobs.snapshot("carts.syncStock").lastFailure() != null);
        JobRun failure = jobs.snapshot("carts.syncStock").lastFailure();
        assertThat(failure.outcome()).isEqualTo(JobOutcome.FAILURE);
        assertThat(failure.message()).contains("IllegalStateException", "stock sync failed").doesNotContain(EMAIL, CARD);

        await(() -> carts.polls.get() > 0); // the opted-out method runs, unmonitored
        assertThat(jobs.job("carts.pollQueue")).isNull();
    }

    @Test
    void aValidTokenChecksInAnExternalJobAndAJobsOwnTokenOpensOnlyThatJob() throws Exception {
        HttpResponse<String> started = send("POST", "/monitor/jobs/stock-import/start", null, TOKEN);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(started.body()).get("check_in").asString()).isEqualTo("start");
        assertThat(send("GET", "/monitor/jobs/stock-import?token=" + TOKEN, null, null).statusCode()).isEqualTo(200);
        JobSnapshot imported = jobs.snapshot("stock-import");
        assertThat(imported.state()).isEqualTo(JobState.UP);
        assertThat(imported.lastSuccess().duration()).isNotNull();

        assertThat(send("POST", "/monitor/jobs/nightly-backup/success", null, BACKUP_TOKEN).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/monitor/jobs/stock-import/success", null, BACKUP_TOKEN).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIs401AlikeForKnownAndUnknownJobsAndAnUnknownJobIs404AfterTheGlobalToken() throws Exception {
        HttpResponse<String> known = send("POST", "/monitor/jobs/stock-import/success", null, "wrong-token-0123456789");
        HttpResponse<String> unknown = send("POST", "/monitor/jobs/no-such-job/success", null, "wrong-token-0123456789");
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
        assertThat(withoutIdAndTime(unknown.body())).isEqualTo(withoutIdAndTime(known.body()));
        assertStandardError(unknown, "UNAUTHORIZED");
        assertThat(send("POST", "/monitor/jobs/stock-import/success", null, null).statusCode()).isEqualTo(401);

        HttpResponse<String> notFound = send("POST", "/monitor/jobs/no-such-job/success", null, TOKEN);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertStandardError(notFound, "NOT_FOUND");
    }

    @Test
    void aFailBodyWithPlantedPiiLeaksNeitherIntoTheSnapshotTheAlertsTheLogsNorTheResponse() throws Exception {
        String output = "backing up orders\n"
                + "customer " + EMAIL + " paid with " + CARD + "\n"
                + "pg_dump: connecting with password=" + PASSWORD + "\n"
                + "pg_dump: error: connection refused\n";
        // curl --data-binary sends a form content type: the body must still be read as it is
        HttpResponse<String> response = send("POST", "/monitor/jobs/nightly-backup/fail", output, TOKEN,
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(response.statusCode()).isEqualTo(200);

        JobRun failure = jobs.snapshot("nightly-backup").lastFailure();
        assertThat(failure.message()).contains("backing up orders", "pg_dump: error: connection refused");
        await(() -> alertEvents.stream().anyMatch(event -> event.type() == AlertEvent.Type.FIRED && event.alert() != null
                && event.alert().name().equals(JobMonitor.FAILED_ALERT)
                && "nightly-backup".equals(event.alert().labels().get("job"))));
        String alerts = alertEvents.stream().filter(event -> event.alert() != null).map(event -> event.alert().summary()
                + " " + event.alert().description() + " " + event.alert().annotations()).collect(Collectors.joining("\n"));
        assertThat(alerts).contains("connection refused");
        String logged = LOGS.list.stream().map(event -> event.getFormattedMessage() + " " + event.getThrowableProxy())
                .collect(Collectors.joining("\n"));
        for (String text : List.of(failure.message(), alerts, logged, response.body())) {
            assertThat(text).doesNotContain(EMAIL, CARD, CARD.replace(" ", ""), PASSWORD, TOKEN);
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String token, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStandardError(HttpResponse<String> response, String code) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo(code);
        assertThat(error.get("request_id").asString()).isEqualTo(response.headers().firstValue("X-Request-ID").orElseThrow());
        assertThat(error.get("timestamp").asString()).endsWith("Z");
    }

    private static String withoutIdAndTime(String body) {
        return body.replaceAll("\"request_id\":\"[^\"]*\"", "").replaceAll("\"timestamp\":\"[^\"]*\"", "");
    }


    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableScheduling
    @Import(Carts.class)
    static class Application {

        /** Signs in a request that carries {@value #OPERATOR_HEADER}, as the application's security would. */
        @Bean
        org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> operatorSignIn() {
            jakarta.servlet.Filter filter = (request, response, chain) -> {
                jakarta.servlet.http.HttpServletRequest http = (jakarta.servlet.http.HttpServletRequest) request;
                String operator = http.getHeader(OPERATOR_HEADER);
                chain.doFilter(operator == null ? request : new jakarta.servlet.http.HttpServletRequestWrapper(http) {
                    @Override
                    public java.security.Principal getUserPrincipal() {
                        return () -> operator;
                    }
                }, response);
            };
            org.springframework.boot.web.servlet.FilterRegistrationBean<jakarta.servlet.Filter> registration =
                    new org.springframework.boot.web.servlet.FilterRegistrationBean<>(filter);
            registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        @Bean
        List<AlertEvent> alertEvents() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        AlertEventListener recordingAlertListener(List<AlertEvent> alertEvents) {
            return alertEvents::add;
        }
    }

    /** A bean with scheduled methods, as an orders service would have. */
    @org.springframework.stereotype.Component("carts")
    static class Carts {

        final AtomicInteger polls = new AtomicInteger();

        @Scheduled(fixedRate = 50)
        void expireStaleCarts() {
        }

        @Scheduled(fixedDelay = 1000) // Spring logs every failed run
        void syncStock() {
            throw new IllegalStateException("stock sync failed for " + EMAIL + " paying with " + CARD);
        }

        @Scheduled(fixedRate = 50)
        @MonitoredJob(enabled = false)
        void pollQueue() {
            polls.incrementAndGet();
        }

        @Scheduled(cron = "0 0 3 * * *", zone = "Europe/Berlin")
        @MonitoredJob(name = "nightly-export", grace = "30m", maxRuntime = "PT2H")
        void exportOrders() {
        }
    }
}
