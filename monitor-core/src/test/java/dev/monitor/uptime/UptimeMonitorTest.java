package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthGroup;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthReport;
import dev.monitor.health.HealthStatus;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import dev.monitor.rule.support.TestCertificates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uptime checks against real loopback HTTP and HTTPS servers whose answers the test scripts, on a
 * controllable clock (each check is a real request; only the schedule's time is simulated), alerting
 * through a real dispatcher.
 */
class UptimeMonitorTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final AlertCapture alerts = new AlertCapture();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final UptimeMonitor monitor = UptimeMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).meterRegistry(registry).build();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ScriptedHttpServer server = track(newServer());

    @TempDir
    Path temp;

    @AfterEach
    void close() throws Exception {
        monitor.close();
        alerts.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static ScriptedHttpServer newServer() {
        try {
            return new ScriptedHttpServer();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private UptimeTarget.Builder shop() {
        return UptimeTarget.builder("shop", server.uri("/")).interval(MINUTE).timeout(Duration.ofSeconds(5));
    }

    /** Waits until the dispatcher has reported {@code count} fired and resolved alerts in all. */
    private List<String> events(int count) {
        Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count, () -> "alerts: " + alerts.events());
        return alerts.events();
    }

    @Test
    void threeFailedChecksFireTheAlertAndTheRecoveryThresholdResolvesIt() {
        monitor.add(shop().recoveryThreshold(2).build());
        time.runDue();
        assertThat(monitor.summary("shop").state()).isEqualTo(UptimeState.UP);

        server.answer(ScriptedHttpServer.Answer.status(503));
        time.advance(MINUTE, 2);
        assertThat(monitor.summary("shop").state()).isEqualTo(UptimeState.UP);
        assertThat(monitor.summary("shop").consecutiveFailures()).isEqualTo(2);
        assertThat(alerts.events()).isEmpty();

        time.advance(MINUTE);
        assertThat(monitor.summary("shop").state()).isEqualTo(UptimeState.DOWN);
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=shop}");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("shop is down: unexpected status 503, expected 200-399 (3 failed checks in a row)");

        server.answer(ScriptedHttpServer.Answer.ok("<button>Add to cart</button>"));
        time.advance(MINUTE);
        assertThat(monitor.summary("shop").state()).isEqualTo(UptimeState.DOWN); // one good check of the two needed
        time.advance(MINUTE);
        assertThat(monitor.summary("shop").state()).isEqualTo(UptimeState.UP);
        assertThat(events(2)).containsExactly("FIRED UptimeTargetDown{target=shop}", "RESOLVED UptimeTargetDown{target=shop}");
        assertThat(server.requests()).isEqualTo(6);
    }

    @Test
    void twoFailuresBetweenGoodChecksNeverAlert() {
        monitor.add(shop().build());
        time.runDue(); // first check: up
        for (int i = 0; i < 10; i++) {
            server.answer(i % 3 == 2 ? ScriptedHttpServer.Answer.ok("ok") : ScriptedHttpServer.Answer.status(500));
            time.advance(MINUTE);
        }
        assertThat(alerts.events()).isEmpty();
        assertThat(monitor.summary("shop").state()).isNotEqualTo(UptimeState.DOWN);
    }

    @Test
    void aMissingExpectedKeywordOrAPresentRejectedKeywordIsAFailure() {
        monitor.add(shop().expectKeyword("Add to cart").failureThreshold(1).build());
        monitor.add(UptimeTarget.builder("status", server.uri("/status")).interval(MINUTE).timeout(Duration.ofSeconds(5))
                .rejectKeyword("maintenance").failureThreshold(1).build());
        server.answer(ScriptedHttpServer.Answer.ok("<h1>Down for maintenance</h1>"));
        time.runDue();

        UptimeCheckResult shop = monitor.summary("shop").lastResult();
        assertThat(shop.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(shop.statusCode()).isEqualTo(200);
        assertThat(shop.error()).isEqualTo("expected keyword 'Add to cart' not found in the body");
        assertThat(monitor.summary("status").lastResult().error()).isEqualTo("forbidden keyword 'maintenance' found in the body");
        assertThat(events(2)).containsExactlyInAnyOrder("FIRED UptimeTargetDown{target=shop}",
                "FIRED UptimeTargetDown{target=status}");
    }

    @Test
    void anHttpsServerWhoseCertificateExpiresInTenDaysIsAWarning() throws Exception {
        TestCertificates.Certificate expiring = TestCertificates.generate(temp, "ten-days", 10);
        TestCertificates.Certificate renewed = TestCertificates.generate(temp, "renewed", 400);
        TestCertificates.Server https = track(TestCertificates.Server.start(expiring, exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        }));
        HttpClient trusting = HttpClient.newBuilder().sslContext(TestCertificates.trusting(expiring, renewed)).build();
        monitor.add(UptimeTarget.builder("secure", https.uri("/")).interval(MINUTE).timeout(Duration.ofSeconds(5))
                .httpClient(trusting).certificateCheckInterval(MINUTE).build());
        HealthRegistry health = track(HealthRegistry.builder().build());
        monitor.register(health);
        time.runDue();

        UptimeSummary summary = monitor.summary("secure");
        assertThat(summary.state()).isEqualTo(UptimeState.DEGRADED);
        UptimeCheckResult result = summary.lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.certificateDaysLeft()).isBetween(9L, 10L);
        assertThat(result.error()).isEqualTo("certificate expires in " + result.certificateDaysLeft()
                + " days (warns below 30 days)");
        assertThat(result.isUp()).isTrue();
        assertThat(summary.last24h().uptimePercent()).isEqualTo(100.0);
        assertThat(events(1)).containsExactly("FIRED UptimeCertificateExpiring{target=secure}");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.MEDIUM);
        CheckReport check = health.report().checks().get("uptime-secure");
        assertThat(check.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check.details()).containsEntry("certificate_days_left", result.certificateDaysLeft());

        https.present(renewed);
        time.advance(MINUTE);
        assertThat(monitor.summary("secure").state()).isEqualTo(UptimeState.UP);
        assertThat(events(2)).containsExactly("FIRED UptimeCertificateExpiring{target=secure}",
                "RESOLVED UptimeCertificateExpiring{target=secure}");
    }

    @Test
    void theUptimePercentageEqualsTheScriptedOutageShare() {
        monitor.add(shop().build());
        for (int check = 0; check < 100; check++) {
            server.answer(check >= 30 && check < 47 ? ScriptedHttpServer.Answer.status(502) : ScriptedHttpServer.Answer.ok("ok"));
            time.advance(check == 0 ? Duration.ZERO : MINUTE);
        }
        // 100 checks, 17 of them during the outage: 83 % up, in every window
        UptimeSummary summary = monitor.summary("shop");
        for (UptimeWindow window : List.of(summary.last24h(), summary.last7d(), summary.last30d())) {
            assertThat(window.checks()).isEqualTo(100);
            assertThat(window.upChecks()).isEqualTo(83);
            assertThat(window.uptimePercent()).isEqualTo(83.0);
        }
        assertThat(summary.last24h().p50()).isNotNull();
        assertThat(summary.last24h().p50()).isLessThanOrEqualTo(summary.last24h().p95());
        assertThat(summary.last24h().p95()).isLessThanOrEqualTo(summary.last24h().p99());
        assertThat(summary.days()).hasSize(30);
        long checksInBars = summary.days().stream().mapToLong(UptimeDay::checks).sum();
        long upInBars = summary.days().stream().mapToLong(UptimeDay::upChecks).sum();
        assertThat(checksInBars).isEqualTo(100);
        assertThat(upInBars).isEqualTo(83);
        assertThat(events(2)).containsExactly("FIRED UptimeTargetDown{target=shop}", "RESOLVED UptimeTargetDown{target=shop}");
        assertThat(registry.get("monitor.uptime.checks").tag("target", "shop").tag("outcome", "fail").counter().count())
                .isEqualTo(17);
    }

    @Test
    void aTargetThatDoesNotAnswerWithinTheTimeoutFails() {
        monitor.add(shop().timeout(Duration.ofMillis(300)).failureThreshold(1).build());
        server.answer(new ScriptedHttpServer.Answer(200, "late", Duration.ofSeconds(3)));
        time.runDue();

        UptimeCheckResult result = monitor.summary("shop").lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("timed out after 300 ms");
        assertThat(result.responseTime()).isNull();
        assertThat(result.statusCode()).isZero();
    }

    @Test
    void aRefusedConnectionFailsAndErrorTextsPassTheScrubber() throws Exception {
        ScriptedHttpServer gone = newServer();
        URI uri = gone.uri("/");
        gone.close();
        monitor.add(UptimeTarget.builder("gone", uri).interval(MINUTE).timeout(Duration.ofSeconds(5)).failureThreshold(1).build());
        monitor.add(shop().expectKeyword("owner: jane.roe@example.com").failureThreshold(1).build());
        time.runDue();

        assertThat(monitor.summary("gone").lastResult().error()).startsWith("cannot connect: ");
        assertThat(monitor.summary("shop").lastResult().error())
                .isEqualTo("expected keyword 'owner: j***@example.com' not found in the body");
        assertThat(events(2).toString()).doesNotContain("jane.roe");
        assertThat(alerts.seen().toString()).doesNotContain("jane.roe");
    }

    @Test
    void eachTargetIsANonCriticalHealthCheckThatFailsOnlyOnceTheTargetIsDown() {
        HealthRegistry health = track(HealthRegistry.builder().build());
        monitor.register(health);
        monitor.add(shop().build());
        time.runDue();
        assertThat(health.report().checks().get("uptime-shop").status()).isEqualTo(CheckStatus.PASS);

        server.answer(ScriptedHttpServer.Answer.status(500));
        time.advance(MINUTE, 2);
        assertThat(health.report().checks().get("uptime-shop").status()).isEqualTo(CheckStatus.PASS);
        time.advance(MINUTE);
        HealthReport report = health.report();
        CheckReport check = report.checks().get("uptime-shop");
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.critical()).isFalse();
        assertThat(check.error()).isEqualTo("unexpected status 500, expected 200-399");
        assertThat(check.details()).containsEntry("state", "down").containsEntry("consecutive_failures", 3);
        assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(health.report(HealthGroup.READY).checks()).doesNotContainKey("uptime-shop");

        assertThat(monitor.remove("shop")).isTrue();
        assertThat(health.contains("uptime-shop")).isFalse();
        assertThat(events(2)).containsExactly("FIRED UptimeTargetDown{target=shop}", "RESOLVED UptimeTargetDown{target=shop}");
    }

    @Test
    void theHistoryIsKeptInAStoreAndReadBackWhenTheTargetIsAddedAgain() {
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:uptime-store;DB_CLOSE_DELAY=-1");
        JdbcUptimeStore store = JdbcUptimeStore.builder(h2).build();
        try (UptimeMonitor first = UptimeMonitor.builder().store(store).clock(time.clock()).scheduler(time).build()) {
            first.add(shop().build());
            for (int check = 0; check < 10; check++) {
                server.answer(check < 4 ? ScriptedHttpServer.Answer.status(500) : ScriptedHttpServer.Answer.ok("ok"));
                time.advance(check == 0 ? Duration.ZERO : MINUTE);
            }
        }
        time.advance(Duration.ofHours(2));
        try (UptimeMonitor restarted = UptimeMonitor.builder().store(store).clock(time.clock()).scheduler(time).build()) {
            restarted.add(shop().interval(Duration.ofHours(1)).timeout(Duration.ofSeconds(5)).build());
            server.answer(ScriptedHttpServer.Answer.status(500));
            time.runDue(); // reads the stored history, then checks once
            UptimeSummary summary = restarted.summary("shop");
            assertThat(summary.last24h().checks()).isEqualTo(11);
            assertThat(summary.last24h().upChecks()).isEqualTo(6);
            assertThat(restarted.recentResults("shop")).hasSize(11);
        }
    }

    @Test
    void targetsAndTheMonitorRejectBadSettingsWithoutEchoingTheUrl() {
        URI secret = URI.create("ftp://admin:hunter2@files.example.com/");
        assertThatThrownBy(() -> UptimeTarget.builder("files", secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uri of target 'files' must be an absolute http or https URI with a host, such as "
                        + "'https://shop.example.com/'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> UptimeTarget.builder("a/b", server.uri("/"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("uptime target name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-', "
                        + "starting with a letter or digit, was 'a/b' (3 characters)");
        assertThatThrownBy(() -> shop().timeout(Duration.ofMinutes(2)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout (PT2M) of target 'shop' must be less than its interval (PT1M)");
        assertThatThrownBy(() -> shop().degradedAbove(Duration.ofSeconds(6)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degradedAbove (PT6S) of target 'shop' must be less than its timeout (PT5S)");
        assertThatThrownBy(() -> shop().failureThreshold(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failureThreshold must be between 1 and 100, was 0");
        assertThatThrownBy(() -> shop().certificateWarnDays(10).certificateFailDays(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("certificateFailDays (10) must be less than certificateWarnDays (10)");
        assertThatThrownBy(() -> shop().label("target", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 'target' is set to the target's name");
        assertThat(UptimeTarget.builder("api", URI.create("https://user:pw@api.example.com/?token=abc")).build().toString())
                .doesNotContain("pw").doesNotContain("abc");
        monitor.add(shop().build());
        assertThatThrownBy(() -> monitor.add(shop().build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an uptime target named 'shop' is already added");
        assertThatThrownBy(() -> monitor.summary("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no uptime target named 'nope'; targets are [shop]");
        assertThatThrownBy(() -> JdbcUptimeStore.builder(new org.h2.jdbcx.JdbcDataSource()).table("x; DROP TABLE y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("table must be letters, digits and '_'");
    }

    @Test
    void checkNowRunsAnExtraCheckOnTheMonitorsScheduler() throws Exception {
        monitor.add(shop().build());
        var future = monitor.checkNow("shop");
        time.runDue();
        assertThat(future.get().status()).isEqualTo(CheckStatus.PASS);
        assertThat(monitor.recentResults("shop")).hasSize(2); // the scheduled first check and the extra one
    }

    @Test
    void uptimeStoreCutsErrorTextsOnlyAfterScrubbing() throws Exception {
        long seed = 512_2026L;
        PiiSamples samples = new PiiSamples(new java.util.Random(seed));
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:mem:uptime-scrub-then-cut;DB_CLOSE_DELAY=-1");
        JdbcUptimeStore store = JdbcUptimeStore.builder(h2).table("uptime_cut").build();
        int limit = JdbcUptimeStore.MAX_ERROR_LENGTH;
        Instant t0 = Instant.parse("2026-02-01T10:00:00Z");
        List<Plant> planted = new ArrayList<>();
        int cases = 0;
        for (int value = 0; value < PiiSamples.families().size(); value++) {
            Plant next = samples.nth(value);
            for (int start : PiiSamples.positionsAround(limit, next.text().length())) {
                String error = PiiSamples.placed(next, start, limit + 40);
                // a result straight from another source: its error text was never scrubbed
                store.append(new UptimeCheckResult("shop", t0.plusSeconds(cases), CheckStatus.FAIL, null, 0, null, error));
                planted.add(next);
                cases++;
            }
        }
        List<UptimeCheckResult> loaded = new ArrayList<>();
        store.load("shop", t0, loaded::add);
        assertThat(loaded).hasSize(cases);
        List<String> stored = new ArrayList<>();
        try (java.sql.Connection connection = h2.getConnection();
                java.sql.ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT error FROM uptime_cut ORDER BY checked_at")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        for (int i = 0; i < cases; i++) {
            String context = "seed " + seed + " case " + i;
            assertThat(stored.get(i).length()).as(context).isLessThanOrEqualTo(limit);
            assertThat(Leaks.find(stored.get(i), planted.get(i))).as(context).isEmpty();
            assertThat(Leaks.find(String.valueOf(loaded.get(i).error()), planted.get(i))).as(context).isEmpty();
        }
        System.out.println("uptimeStoreCutsErrorTextsOnlyAfterScrubbing: " + cases + " cases, seed " + seed);
    }

    @Test
    void uptimeTargetNamesOutsideTheNameRuleAreRefusedNamingTheSetting() {
        for (String name : List.of("shop page", " shop", "shop:443", ".hidden", "café", "x".repeat(57))) {
            assertThatThrownBy(() -> UptimeTarget.builder(name, server.uri("/"))).as(name)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uptime target name must be");
        }
        assertThat(UptimeTarget.builder("x".repeat(UptimeTarget.MAX_NAME_LENGTH), server.uri("/")).build().name())
                .hasSize(56);
        assertThatThrownBy(() -> shop().label("owner-team", "payments")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label name of uptime target 'shop' must be 1-64 characters of ASCII letters, "
                        + "digits and '_'");
    }

    @Test
    void uptimeIntervalPastItsBoundIsRefusedNamingIt() {
        assertThatThrownBy(() -> shop().interval(Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be at most PT24H, was PT48H");
        assertThatThrownBy(() -> shop().interval(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("interval must be at most PT24H, was ");
        assertThatThrownBy(() -> shop().timeout(Duration.ofMinutes(6))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at most PT5M, was PT6M");
        assertThatThrownBy(() -> shop().degradedAbove(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("degradedAbove must be at least PT0.001S, was PT0S");
        assertThatThrownBy(() -> shop().certificateCheckInterval(Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("certificateCheckInterval must be at most PT168H, was PT192H");
        assertThatThrownBy(() -> shop().interval(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("interval must not be null");
    }
}
