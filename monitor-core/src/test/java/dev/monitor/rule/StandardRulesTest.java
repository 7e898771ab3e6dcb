package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.jdbc.MonitoredDataSource;
import dev.monitor.request.RequestMonitor;
import dev.monitor.request.TrackedRequest;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import dev.monitor.rule.support.TestCertificates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule of the standard pack, enabled by its one call, driven over its threshold and back with the
 * real component that feeds its meter (request monitor, JDBC data source over H2 and HikariCP, health
 * registry, HTTPS server, backup directory; gauges of the names Micrometer's JVM binders register for heap
 * and disk), on a controllable clock, through a real alert dispatcher.
 */
class StandardRulesTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, time.micrometerClock());
    private final AlertCapture alerts = new AlertCapture();
    private final List<RuleTransition> transitions = new ArrayList<>();
    private final RuleEngine engine = RuleEngine.builder()
            .dispatcher(alerts.dispatcher())
            .meterRegistry(registry)
            .clock(time.clock())
            .scheduler(time)
            .interval(INTERVAL)
            .listener(alerts)
            .listener(transitions::add)
            .build();
    private final RequestMonitor requests = RequestMonitor.builder().meterRegistry(registry).clock(time.micrometerClock())
            .slowRequestThreshold(Duration.ofMinutes(1)).build();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @TempDir
    Path temp;

    @AfterEach
    void close() throws Exception {
        engine.close();
        alerts.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    /** Repeats {@code step} (which lets time pass) until {@code duration} has passed. */
    private void during(Duration duration, Runnable step) {
        Instant end = time.now().plus(duration);
        while (time.now().isBefore(end)) {
            step.run();
        }
    }

    private void serve(int count, int errors, Duration latency, String route) {
        List<TrackedRequest> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TrackedRequest request = requests.start("GET", null, null);
            request.route(route);
            started.add(request);
        }
        time.advance(latency);
        for (int i = 0; i < count; i++) {
            started.get(i).end(i < errors ? 500 : 200);
        }
    }

    private boolean fired(String name) {
        return transitions.stream().anyMatch(t -> t.rule().equals(name) && t.to() == RuleState.FIRING);
    }

    @Test
    void highErrorRateFiresAfterFiveMinutesAboveFivePercentAndResolvesBelowFour() {
        engine.add(StandardRules.highErrorRate());
        during(Duration.ofMinutes(4).plusSeconds(30), () -> {
            serve(100, 10, Duration.ZERO, "/orders"); // 10 % errors
            time.advance(INTERVAL);
        });
        assertThat(fired("HighErrorRate")).isFalse();
        during(Duration.ofMinutes(1), () -> {
            serve(100, 10, Duration.ZERO, "/orders");
            time.advance(INTERVAL);
        });
        assertThat(alerts.events()).containsExactly("FIRED HighErrorRate");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("10% of requests fail with 5xx (threshold 5% for 5m)");

        during(Duration.ofMinutes(2), () -> {
            serve(100, 0, Duration.ZERO, "/orders");
            time.advance(INTERVAL);
        });
        assertThat(alerts.events()).containsExactly("FIRED HighErrorRate", "RESOLVED HighErrorRate");
    }

    @Test
    void highLatencyP95FiresAfterTenMinutesAboveOneSecondAndResolvesWhenRequestsAreFastAgain() {
        engine.add(StandardRules.highLatencyP95());
        engine.add(StandardRules.highLatencyP99());
        during(Duration.ofMinutes(10).plusSeconds(30), () -> {
            serve(20, 0, Duration.ofMillis(1500), "/search");
            time.advance(INTERVAL.minusMillis(1500));
        });
        assertThat(alerts.events()).containsExactly("FIRED HighLatencyP95"); // 1.5 s is under the p99 threshold of 2 s
        assertThat(alerts.seen().get(0).alert().summary()).matches("p95 latency 1[45]\\d\\d ms \\(threshold 1000 ms for 10m\\)");

        during(Duration.ofMinutes(4), () -> {
            serve(20, 0, Duration.ofMillis(20), "/search");
            time.advance(INTERVAL.minusMillis(20));
        });
        assertThat(alerts.events()).containsExactly("FIRED HighLatencyP95", "RESOLVED HighLatencyP95");
    }

    @Test
    void highLatencyP99FiresAboveTwoSecondsAndResolves() {
        engine.add(StandardRules.highLatencyP99());
        during(Duration.ofMinutes(9), () -> {
            serve(50, 0, Duration.ofMillis(20), "/search");
            serve(2, 0, Duration.ofMillis(2500), "/export"); // 2 of 52 requests: only the p99 sees them
            time.advance(INTERVAL.minusMillis(2520));
        });
        assertThat(fired("HighLatencyP99")).isFalse();
        during(Duration.ofMinutes(2), () -> {
            serve(50, 0, Duration.ofMillis(20), "/search");
            serve(2, 0, Duration.ofMillis(2500), "/export");
            time.advance(INTERVAL.minusMillis(2520));
        });
        assertThat(alerts.events()).containsExactly("FIRED HighLatencyP99");

        during(Duration.ofMinutes(4), () -> {
            serve(50, 0, Duration.ofMillis(20), "/search");
            serve(2, 0, Duration.ofMillis(20), "/export");
            time.advance(INTERVAL.minusMillis(40));
        });
        assertThat(alerts.events()).containsExactly("FIRED HighLatencyP99", "RESOLVED HighLatencyP99");
    }

    @Test
    void heapUsageFiresAfterFifteenMinutesAboveEightyPercentAndResolvesBelowSeventyFive() {
        AtomicLong oldGenUsed = new AtomicLong();
        AtomicLong edenUsed = new AtomicLong();
        heapPool("G1 Old Gen", oldGenUsed, 1000);
        heapPool("G1 Eden Space", edenUsed, -1); // the JVM reports -1 for pools without a maximum
        Gauge.builder("jvm.memory.used", () -> 500).tags("area", "nonheap", "id", "Metaspace").register(registry);
        engine.add(StandardRules.heapUsage());

        oldGenUsed.set(700);
        edenUsed.set(150);
        time.advance(Duration.ofMinutes(14).plusSeconds(30));
        assertThat(fired("HighHeapUsage")).isFalse();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighHeapUsage");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("heap 85.1% used (threshold 80% for 15m)");

        edenUsed.set(70); // 77 %: between the thresholds, still firing
        time.advance(Duration.ofMinutes(5));
        assertThat(alerts.events()).containsExactly("FIRED HighHeapUsage");
        oldGenUsed.set(600);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighHeapUsage", "RESOLVED HighHeapUsage");
    }

    private void heapPool(String id, AtomicLong used, long max) {
        Gauge.builder("jvm.memory.used", used, AtomicLong::get).tags("area", "heap", "id", id).register(registry);
        Gauge.builder("jvm.memory.max", () -> max).tags("area", "heap", "id", id).register(registry);
    }

    @Test
    void diskUsageFiresForTheFullestPathAfterFiveMinutesAndResolvesBelowEightyFive() {
        AtomicLong dataFree = new AtomicLong(500);
        disk("/data", dataFree, 1000);
        disk("/logs", new AtomicLong(900), 1000);
        engine.add(StandardRules.diskUsage());

        dataFree.set(40); // 96 % used
        time.advance(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(fired("HighDiskUsage")).isFalse();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighDiskUsage");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("disk 96% full (threshold 90% for 5m)");

        dataFree.set(400);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HighDiskUsage", "RESOLVED HighDiskUsage");
    }

    private void disk(String path, AtomicLong free, long total) {
        Gauge.builder("disk.free", free, AtomicLong::get).tag("path", path).register(registry);
        Gauge.builder("disk.total", () -> total).tag("path", path).register(registry);
    }

    @Test
    void connectionPoolSaturationFiresWhileEveryConnectionOfARealHikariPoolIsLentOut() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:rules-pool;DB_CLOSE_DELAY=-1");
        config.setPoolName("orders-pool");
        config.setMaximumPoolSize(2);
        HikariDataSource hikari = new HikariDataSource(config);
        resources.add(hikari);
        MonitoredDataSource dataSource = MonitoredDataSource.builder(hikari).meterRegistry(registry).build();
        engine.add(StandardRules.connectionPoolSaturation());

        Connection first = dataSource.getConnection();
        Connection second = dataSource.getConnection();
        time.advance(Duration.ofMinutes(4).plusSeconds(30));
        assertThat(fired("ConnectionPoolSaturated")).isFalse();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED ConnectionPoolSaturated");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("connection pool 100% in use (threshold 80% for 5m)");

        first.close();
        second.close();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED ConnectionPoolSaturated", "RESOLVED ConnectionPoolSaturated");
    }

    @Test
    void slowQueriesFireAfterFiveMinutesOfMoreThanFiveAMinuteAndResolveWhenTheyStop() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:rules-slow;DB_CLOSE_DELAY=-1");
        MonitoredDataSource dataSource = MonitoredDataSource.builder(h2).name("orders").meterRegistry(registry)
                .slowThreshold(Duration.ofNanos(1)) // every statement counts as slow
                .build();
        engine.add(StandardRules.slowQueries());
        time.runDue(); // the first evaluation samples the count before any query
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // The first evaluation only samples; the second sees 30 s of queries (4); from the third on a full
            // minute (8): pending from 1:00, firing at 6:00.
            during(Duration.ofMinutes(5).plusSeconds(30), () -> {
                query(statement, 4); // 8 a minute
                time.advance(INTERVAL);
            });
            assertThat(fired("SlowQueries")).isFalse();
            query(statement, 4);
            time.advance(INTERVAL);
            assertThat(alerts.events()).containsExactly("FIRED SlowQueries");
            assertThat(alerts.seen().get(0).alert().summary())
                    .isEqualTo("8 slow queries in the last minute (threshold 5 for 5m)");
            during(Duration.ofMinutes(2), () -> {
                query(statement, 1); // 2 a minute
                time.advance(INTERVAL);
            });
        }
        assertThat(alerts.events()).containsExactly("FIRED SlowQueries", "RESOLVED SlowQueries");
    }

    private static void query(Statement statement, int times) {
        try {
            for (int i = 0; i < times; i++) {
                statement.executeQuery("SELECT 1").close();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void failedLoginsFireAboveTenAMinuteAndResolveWhenTheyStop() {
        engine.add(StandardRules.failedLogins());
        time.runDue();
        loginFailures(10);
        time.advance(INTERVAL);
        assertThat(fired("FailedLogins")).isFalse();
        loginFailures(2);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED FailedLogins");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("12 failed logins in the last minute (threshold 10)");

        time.advance(Duration.ofMinutes(1));
        assertThat(alerts.events()).containsExactly("FIRED FailedLogins", "RESOLVED FailedLogins");
    }

    private void loginFailures(int count) {
        for (int i = 0; i < count; i++) {
            TrackedRequest request = requests.start("POST", null, null);
            request.route("/login");
            request.clientAddress("198.51.100." + (i % 3 + 1));
            request.end(401);
        }
    }

    @Test
    void healthCheckDownFiresWhenACriticalCheckFailsForTwoMinutesAndResolvesWhenItPasses() {
        // deadlines that only guard against a hang: a busy machine never turns a pass into a timeout
        HealthRegistry health = HealthRegistry.builder().clock(time.clock()).reportTimeout(Duration.ofMinutes(1)).build();
        resources.add(health);
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        CheckOptions fresh = CheckOptions.builder().cacheTtl(Duration.ZERO).timeout(Duration.ofMinutes(1)).build();
        health.register("database", () -> databaseUp.get() ? HealthResult.pass() : HealthResult.fail("connection refused"), fresh);
        health.register("recommendations", () -> HealthResult.fail("always down"),
                CheckOptions.from(fresh).critical(false).build());
        engine.add(StandardRules.healthCheckDown(health));
        time.advance(Duration.ofMinutes(2)); // past the startup grace

        databaseUp.set(false);
        awaitReported(health, CheckStatus.FAIL);
        time.advance(Duration.ofMinutes(1).plusSeconds(30));
        assertThat(fired("HealthCheckDown")).isFalse();
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckDown{check=database}");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("critical health check database failing for more than 2m: connection refused");

        databaseUp.set(true);
        awaitReported(health, CheckStatus.PASS);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckDown{check=database}",
                "RESOLVED HealthCheckDown{check=database}"); // the failing non-critical check never fired
    }

    /** Reports until the database check's reported status is {@code status} (a run already in flight may be older). */
    private static void awaitReported(HealthRegistry health, CheckStatus status) {
        Await.until(Duration.ofSeconds(30), () -> health.report().checks().get("database").status() == status,
                "database reported " + status);
    }

    @Test
    void tlsCertificateExpiringFiresWhenTheServerPresentsACertificateWithTenDaysLeftAndResolvesWhenRenewed() throws Exception {
        TestCertificates.Certificate longLived = TestCertificates.generate(temp, "long", 400);
        TestCertificates.Certificate expiring = TestCertificates.generate(temp, "short", 10);
        TestCertificates.Server server = TestCertificates.Server.start(longLived, exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        resources.add(server);
        engine.add(StandardRules.tlsCertificateExpiring(server.uri("/")));
        time.runDue();
        assertThat(engine.statuses().get(0).lastValue()).isBetween(398.0, 400.0);

        server.present(expiring);
        time.advance(Duration.ofHours(1));
        assertThat(alerts.events()).containsExactly("FIRED TlsCertificateExpiring{target=127.0.0.1:" + server.port() + "}");
        assertThat(alerts.seen().get(0).alert().summary())
                .matches("TLS certificate of 127\\.0\\.0\\.1:\\d+ expires in (9|10) days \\(threshold 30\\)");

        server.present(longLived);
        time.advance(Duration.ofHours(1));
        assertThat(alerts.events()).hasSize(2).last().asString().startsWith("RESOLVED TlsCertificateExpiring");
    }

    @Test
    void backupTooOldFiresWhenTheNewestBackupIsOlderThanADayAndResolvesWhenAFreshOneAppears() throws Exception {
        Path backups = Files.createDirectories(temp.resolve("orders-backups"));
        Path nightly = Files.writeString(backups.resolve("orders-1.sql.gz"), "backup");
        Files.setLastModifiedTime(nightly, FileTime.from(time.now().minus(Duration.ofHours(2))));
        engine.add(StandardRules.backupTooOld(backups, "orders-*.sql.gz"));
        time.runDue();
        assertThat(engine.statuses().get(0).lastValue()).isEqualTo(2.0);

        Files.setLastModifiedTime(nightly, FileTime.from(time.now().minus(Duration.ofHours(30))));
        time.advance(Duration.ofMinutes(5));
        assertThat(alerts.events()).containsExactly("FIRED BackupTooOld{backup=orders-backups}");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("newest backup in orders-backups is 30 hours old (threshold 24 h)");

        Path fresh = Files.writeString(backups.resolve("orders-2.sql.gz"), "backup");
        Files.setLastModifiedTime(fresh, FileTime.from(time.now()));
        time.advance(Duration.ofMinutes(5));
        assertThat(alerts.events()).containsExactly("FIRED BackupTooOld{backup=orders-backups}",
                "RESOLVED BackupTooOld{backup=orders-backups}");
    }

    @Test
    void backupTooOldAlsoFiresWhenThereIsNoBackupAtAll() throws Exception {
        Path backups = Files.createDirectories(temp.resolve("empty"));
        engine.add(StandardRules.backupTooOld(backups));
        time.runDue();

        assertThat(alerts.events()).containsExactly("FIRED BackupTooOld{backup=empty}");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("BackupTooOld: evaluating age of the newest backup in "
                + "hours failed: IllegalStateException: no backup file matching '*' found");
    }

    @Test
    void theEightMetricRulesStayQuietWithoutTheirMeters() {
        StandardRules.metricRules().forEach(engine::add);
        time.advance(Duration.ofMinutes(30));

        assertThat(alerts.events()).isEmpty();
        assertThat(engine.statuses()).hasSize(8).allSatisfy(status -> assertThat(status.state()).isEqualTo(RuleState.INACTIVE));
    }
}
