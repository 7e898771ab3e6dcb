package dev.monitor.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.health.CheckStatus;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.jdbc.QueryListener;
import dev.monitor.jdbc.RepeatedQuery;
import dev.monitor.jdbc.SlowQuery;
import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeMonitor;
import dev.monitor.uptime.UptimeTarget;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The example on a random port, as a client sees it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SpringBootExampleApplicationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> jdbcLog = new ListAppender<>();

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    dev.monitor.job.JobMonitor jobs;

    @Autowired
    StaleCartCleanup cleanup;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    List<SlowQuery> slowQueries;

    @Autowired
    List<RepeatedQuery> repeatedQueries;

    @BeforeEach
    void captureTheJdbcLog() {
        jdbcLog.start();
        ((Logger) LoggerFactory.getLogger(MonitoredDataSource.class)).addAppender(jdbcLog);
    }

    @AfterEach
    void releaseTheJdbcLog() {
        ((Logger) LoggerFactory.getLogger(MonitoredDataSource.class)).detachAppender(jdbcLog);
    }

    @Test
    void healthAnswersTheContractAndTheFailingOptionalDependencyOnlyDegradesTheService() throws Exception {
        HttpResponse<String> health = get("/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode report = JSON.readTree(health.body());
        assertThat(report.get("status").asString()).isEqualTo("degraded");
        assertThat(report.get("service").asString()).isEqualTo("orders");
        assertThat(report.get("environment").asString()).isEqualTo("development");
        assertThat(report.get("timestamp").asString()).endsWith("Z");
        assertThat(report.get("uptime_seconds").isIntegralNumber()).isTrue();
        assertThat(report.get("duration_ms").isIntegralNumber()).isTrue();
        JsonNode checks = report.get("checks");
        // the demo's uptime targets are health checks too (non-critical, group "uptime"), added when it was ready
        assertThat(checks.propertyNames()).containsExactlyInAnyOrder("database", "disk", "liveness-state",
                "readiness-state", "payment-provider", "job-staleCartCleanup.expireStaleCarts", "job-nightly-report",
                "job-ordersBackup.backUp", "job-orders-backup",
                "uptime-orders-api", "uptime-orders-port", "uptime-order-lookup");
        assertThat(checks.get("database").get("status").asString()).isEqualTo("pass");
        assertThat(checks.get("database").get("critical").asBoolean()).isTrue();
        assertThat(checks.get("database").get("details").get("pool_max").asInt()).isPositive();
        JsonNode payments = checks.get("payment-provider");
        assertThat(payments.get("status").asString()).isEqualTo("fail");
        assertThat(payments.get("critical").asBoolean()).isFalse();
        assertThat(payments.get("error").asString()).isNotBlank();
        assertThat(report.get("errors").get(0).asString()).startsWith("payment-provider: ");
        assertThat(health.body()).doesNotContain("\"status\":\"healthy\"");

        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/started", null).statusCode()).isEqualTo(200);
        HttpResponse<String> draft = client.send(HttpRequest.newBuilder(uri("/health"))
                .header("Accept", "application/health+json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(draft.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/health+json"));
        assertThat(JSON.readTree(draft.body()).get("status").asString()).isEqualTo("warn");
    }

    @Test
    void everyAnswerCarriesTheRequestIdAndAValidInboundOneIsEchoed() throws Exception {
        HttpResponse<String> echoed = get("/orders", "checkout-42");
        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.headers().allValues("X-Request-ID")).containsExactly("checkout-42");

        HttpResponse<String> replaced = get("/orders/2", "bad id with spaces");
        assertThat(JSON.readTree(replaced.body()).get("total_cents").asLong()).isEqualTo(2500);
        assertThat(replaced.headers().firstValue("X-Request-ID")).hasValueSatisfying(id ->
                assertThat(id).isNotBlank().isNotEqualTo("bad id with spaces"));
        assertThat(get("/orders/99", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aSlowRepositoryCallIsReportedWithSanitizedSqlAndTheRequestId() throws Exception {
        HttpResponse<String> response = get("/orders/slow", "slow-1");

        assertThat(JSON.readTree(response.body()).get("large_orders").asLong()).isEqualTo(8);
        assertThat(slowQueries).anySatisfy(query -> {
            assertThat(query.sql()).isEqualTo("SELECT (SELECT COUNT(*) FROM orders WHERE total_cents > ?), SLEEP_MS(?)");
            assertThat(query.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
            assertThat(query.dataSource()).isEqualTo("dataSource");
        });
        assertThat(meters.get("monitor.jdbc.query.slow").tag("datasource", "dataSource").timer().count()).isPositive();
        assertThat(jdbcLog.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).startsWith("Slow query: ").contains("SLEEP_MS(?)");
            assertThat(event.getMDCPropertyMap()).containsEntry("request_id", "slow-1"); // once, from the MDC
        });
    }

    @Test
    void theNPlusOneEndpointIsReportedOncePerRequest() throws Exception {
        assertThat(get("/orders/report", "report-1").statusCode()).isEqualTo(200);

        assertThat(repeatedQueries).filteredOn(query -> query.scope().contains("report-1")).singleElement()
                .satisfies(query -> {
                    assertThat(query.count()).isEqualTo(12);
                    assertThat(query.sql()).isEqualTo("SELECT COUNT(*) FROM order_lines WHERE order_id = ?");
                });
    }

    @Test
    void anUnhandledExceptionReturnsTheStandardErrorBody() throws Exception {
        HttpResponse<String> failed = get("/orders/fail", "fail-1");

        assertThat(failed.statusCode()).isEqualTo(500);
        JsonNode error = JSON.readTree(failed.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.get("message").asString()).isEqualTo("Internal server error");
        assertThat(error.get("request_id").asString()).isEqualTo("fail-1");
        assertThat(failed.body()).doesNotContain("alice").doesNotContain("inventory");
        // the timer is recorded when the request ends, which may be just after the client has read the answer
        await(() -> meters.find("http.server.requests").tag("uri", "/orders/fail").tag("status", "500").timer() != null);
        assertThat(meters.get("http.server.requests").tag("uri", "/orders/fail").tag("status", "500").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("http.server.requests").tag("uri", "/orders/fail").tag("status", "500").timer().getId()
                .getTag("exception")).isEqualTo("IllegalStateException");
    }

    @Test
    void anUnknownPathAnswersTheStandardErrorBodyWithTheRequestId() throws Exception {
        HttpResponse<String> missing = get("/nope", "nope-1");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(missing.headers().firstValue("X-Request-ID")).hasValue("nope-1");
        JsonNode error = JSON.readTree(missing.body()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(error.get("request_id").asString()).isEqualTo("nope-1");
        assertThat(error.get("timestamp").asString()).endsWith("Z");

        HttpResponse<String> noCheck = get("/health/checks/nope", "nope-2");
        assertThat(noCheck.statusCode()).isEqualTo(404);
        JsonNode checkError = JSON.readTree(noCheck.body()).get("error");
        assertThat(checkError.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(checkError.get("request_id").asString()).isEqualTo("nope-2");
        assertThat(checkError.get("timestamp").asString()).endsWith("Z");
    }

    @Test
    void theOptionalPaymentProviderAloneAgreesWithTheWholeHealthReport() throws Exception {
        HttpResponse<String> health = get("/health", null);
        HttpResponse<String> payment = get("/health/checks/payment-provider", null);

        JsonNode whole = JSON.readTree(health.body());
        JsonNode alone = JSON.readTree(payment.body());
        assertThat(whole.get("checks").get("payment-provider").get("critical").asBoolean()).isFalse();
        assertThat(alone.get("checks").get("payment-provider").get("critical").asBoolean()).isFalse();
        assertThat(alone.get("checks").get("payment-provider").get("status").asString()).isEqualTo("fail");
        assertThat(alone.get("status").asString()).isEqualTo("degraded");
        assertThat(payment.statusCode()).isEqualTo(200);
        assertThat(health.statusCode()).isEqualTo(200);
        // both are tagged with their route, not UNKNOWN
        await(() -> meters.find("http.server.requests").tag("uri", "/health/checks/{name}").timer() != null
                && meters.find("http.server.requests").tag("uri", "/health").timer() != null);
    }

    @Test
    void actuatorsHealthIncludesMonitorsChecks() throws Exception {
        HttpResponse<String> actuator = get("/actuator/health", null);

        assertThat(actuator.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(actuator.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode monitor = health.get("components").get("monitor").get("components");
        assertThat(monitor.propertyNames()).contains("database", "disk", "payment-provider")
                .doesNotContain("liveness-state", "readiness-state");
        assertThat(monitor.get("database").get("status").asString()).isEqualTo("UP");
        assertThat(monitor.get("payment-provider").get("details").get("check_status").asString()).isEqualTo("fail");
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theScheduledCartCleanupIsAMonitoredJobOnTheStatusPageAndDeletesStaleCarts() throws Exception {
        assertThat(jobs.job("staleCartCleanup.expireStaleCarts")).isNotNull();
        assertThat(jobs.job("staleCartCleanup.expireStaleCarts").definition().schedule().toString())
                .isEqualTo("cron 0 * * * * * UTC");
        // customers see the job as the public component that stands for it, not by its name
        assertThat(get("/status", null).body()).contains("Order housekeeping").doesNotContain("expireStaleCarts");
        assertThat(cleanup.expireStaleCarts()).isEqualTo(2); // the two carts untouched for hours
    }

    @Test
    void theDatabaseIsBackedUpAtStartAndTheBackupVerifiedByRestoringItAsAMonitoredJobOnTheStatusPage() throws Exception {
        OrdersBackup backups = context.getBean(OrdersBackup.class);
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(backups.directory())) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anySatisfy(name -> assertThat(name).startsWith("orders-").endsWith(".sql.gz"));
        }
        assertThat(jobs.job("ordersBackup.backUp")).isNotNull(); // the nightly @Scheduled backup, monitored itself

        dev.monitor.job.backup.BackupJob verification = context.getBean(dev.monitor.job.backup.BackupJob.class);
        assertThat(verification.job().definition().schedule().toString()).isEqualTo("cron 30 3 * * * Z");
        dev.monitor.job.JobSnapshot verified = jobs.snapshot("orders-backup");
        assertThat(verified.lastSuccess()).as("%s", verified).isNotNull();
        assertThat(verified.lastFailure()).isNull();
        dev.monitor.job.backup.BackupReport report = verification.lastReport();
        assertThat(report).isNotNull();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.restoreFigures().get("orders")).as("%s", report).isPositive();

        // customers see the verification as the public component "Nightly backups", not by its job name
        assertThat(get("/status", null).body()).contains("Nightly backups").doesNotContain("job-orders-backup");
    }

    @Test
    void aCrontabScriptChecksInOverHttpWithTheToken() throws Exception {
        HttpRequest checkIn = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor/jobs/nightly-report/success"))
                .header("Authorization", "Bearer orders-demo-checkin-token").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(client.send(checkIn, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(jobs.snapshot("nightly-report").lastSuccess()).isNotNull();

        HttpRequest wrong = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/monitor/jobs/nightly-report/success"))
                .header("Authorization", "Bearer not-the-token-0123456789").POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(client.send(wrong, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void operatorsUseTheActuatorEndpointsWithTheDemoTokenAndNobodyWithoutIt() throws Exception {
        HttpRequest.Builder jobsList = HttpRequest.newBuilder(uri("/actuator/jobs")).timeout(Duration.ofSeconds(20));
        HttpResponse<String> listed = client.send(jobsList.copy().header("Authorization", "Bearer orders-demo-operator-token")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body()).findValuesAsString("name")).contains("nightly-report");
        assertThat(client.send(jobsList.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        HttpRequest silence = HttpRequest.newBuilder(uri("/actuator/silences")).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer orders-demo-operator-token").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"matchers\":[{\"name\":\"service\",\"value\":\"orders\"}],"
                        + "\"duration\":\"5m\",\"comment\":\"demo\"}")).build();
        HttpResponse<String> created = client.send(silence, HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String id = JSON.readTree(created.body()).get("silenceID").asString();
        HttpRequest expire = HttpRequest.newBuilder(uri("/actuator/silences/" + id)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer orders-demo-operator-token").DELETE().build();
        assertThat(client.send(expire, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void theStatusPageShowsCustomersThePublicComponentsAndNoInternals() throws Exception {
        HttpResponse<String> status = get("/status", null);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(status.body()).contains("<title>Orders status</title>").doesNotContain("Orders status status")
                .contains("Ordering").contains("Payments").contains("Placing, paying for and tracking orders")
                .contains("Scheduled maintenance").contains("Database maintenance")
                .doesNotContain("payment-provider").doesNotContain("liveness-state").doesNotContain("readiness-state")
                .doesNotContain("disk").doesNotContain("Exception");
        HttpResponse<String> summary = get("/status/api/v2/summary.json", null);
        assertThat(summary.statusCode()).isEqualTo(200);
        assertThat(summary.body()).contains("\"name\":\"Ordering\"").contains("\"scheduled_maintenances\":[{")
                .doesNotContain("payment-provider")
                .doesNotContain("Exception");
        assertThat(get("/status/feed.atom", null).body()).startsWith("<?xml").contains("http://www.w3.org/2005/Atom");
    }

    @Test
    void theServiceWatchesItselfWithAnHttpTargetATcpTargetAndATwoStepScenario() throws Exception {
        UptimeMonitor uptime = context.getBean(UptimeMonitor.class);
        // added once the application is ready; the first check of each runs at once (a hang guard, not a speed limit)
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> names = List.of("orders-api", "orders-port", "order-lookup");
        while (!names.stream().allMatch(name -> uptime.targets().stream().anyMatch(t -> t.name().equals(name))
                && uptime.summary(name).lastResult() != null)) {
            assertThat(System.nanoTime()).as("the three targets checked within 60 s").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(uptime.targets()).extracting(UptimeTarget::kind).containsExactly(UptimeTarget.Kind.HTTP,
                UptimeTarget.Kind.TCP, UptimeTarget.Kind.SCENARIO);
        assertThat(uptime.targets().get(1).port()).isEqualTo(port);
        for (String name : names) {
            UptimeCheckResult result = uptime.summary(name).lastResult();
            assertThat(result.status()).as(name + ": " + result.error()).isNotEqualTo(CheckStatus.FAIL);
        }

        // customers see the targets through the public components that stand for them (Ordering: orders-api and
        // orders-port; Order tracking: order-lookup), not by their internal names
        HttpResponse<String> status = get("/status", null);
        assertThat(status.body()).contains("Ordering").contains("Order tracking").contains("% uptime")
                .doesNotContain("orders-api").doesNotContain("orders-port").doesNotContain("order-lookup");
        assertThat(uptime.days("order-lookup", 90, hour -> false)).isNotEmpty();
    }

    /** Returns once {@code condition} holds; fails after 60 s, a guard against a hang, not a speed limit. */
    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 60 s").isNegative();
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    private HttpResponse<String> get(String path, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
        if (requestId != null) {
            request.header("X-Request-ID", requestId);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Recorders {

        @Bean
        List<SlowQuery> slowQueries() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        List<RepeatedQuery> repeatedQueries() {
            return new CopyOnWriteArrayList<>();
        }

        @Bean
        QueryListener recordingListener(List<SlowQuery> slowQueries, List<RepeatedQuery> repeatedQueries) {
            return new QueryListener() {
                @Override
                public void onSlowQuery(SlowQuery query) {
                    slowQueries.add(query);
                }

                @Override
                public void onRepeatedQuery(RepeatedQuery repeated) {
                    repeatedQueries.add(repeated);
                }
            };
        }
    }
}
