package dev.monitor.uptime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckReport;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthFormat;
import dev.monitor.health.HealthJsonWriter;
import dev.monitor.health.HealthRegistry;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import dev.monitor.status.StatusPage;
import dev.monitor.status.StatusSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Multi-step HTTP scenarios against a loopback accounts API: variables flowing from step to step, each kind of
 * assertion, budgets measured on a test ticker, a step that never answers, and no secret in any output.
 */
class ScenarioTargetTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String PASSWORD = "Planted-Pa55word-7f3a9";
    private static final String TOKEN = "tok-9Qe4LxV2mW8rT1yZ6nB3";

    private final ManualScheduler time = new ManualScheduler(Instant.now().truncatedTo(ChronoUnit.HOURS));
    private final AtomicLong nanos = new AtomicLong();
    private final AlertCapture alerts = new AlertCapture();
    private final UptimeMonitor monitor = UptimeMonitor.builder().dispatcher(alerts.dispatcher()).clock(time.clock())
            .scheduler(time).ticker(nanos::get).build();
    private final LoopbackAccountsApi api;
    private final List<AutoCloseable> resources = new ArrayList<>();

    ScenarioTargetTest() throws Exception {
        api = new LoopbackAccountsApi(nanos, TOKEN);
    }

    @AfterEach
    void close() throws Exception {
        monitor.close();
        alerts.close();
        api.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private List<String> events(int count) {
        Await.until(Duration.ofSeconds(30), () -> alerts.events().size() >= count, () -> "alerts: " + alerts.events());
        return alerts.events();
    }

    private ScenarioStep register() {
        return ScenarioStep.post("register", "${base}/users").header("Content-Type", "application/json")
                .body("{\"email\":\"${email}\",\"password\":\"${password}\"}")
                .expectStatus(201).expectHeader("Location").expectJsonPath("$.email", "${email}")
                .extractHeader("account", "Location").build();
    }

    private ScenarioStep logIn(String password) {
        return ScenarioStep.post("log-in", "${base}/sessions").header("Content-Type", "application/json")
                .body("{\"email\":\"${email}\",\"password\":\"" + password + "\"}")
                .expectStatus(200).expectJsonPath("$.user.email", "${email}").extractJsonPath("token", "$.token").build();
    }

    private Scenario.Builder signUp(String password, ScenarioStep last) {
        return Scenario.builder()
                .variable("base", api.base())
                .variable("email", "probe@example.com")
                .secret("password", PASSWORD)
                .step(register())
                .step(logIn(password))
                .step(last);
    }

    private ScenarioStep profile() {
        return ScenarioStep.get("profile", "${base}${account}").header("Authorization", "Bearer ${token}")
                .expectJsonPath("$.plan", "pro").expectJsonPath("$.id").build();
    }

    private UptimeTarget.Builder target(String name, Scenario scenario) {
        return UptimeTarget.scenario(name, scenario).interval(MINUTE).timeout(Duration.ofSeconds(30)).failureThreshold(1);
    }

    @Test
    void registerLogInAndFetchTheProfilePassWithVariablesFlowingFromStepToStep() {
        monitor.add(target("sign-up", signUp("${password}", profile()).build()).build());
        time.runDue();

        UptimeSummary summary = monitor.summary("sign-up");
        UptimeCheckResult result = summary.lastResult();
        assertThat(result.status()).as(String.valueOf(result.error())).isEqualTo(CheckStatus.PASS);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.step()).isNull();
        assertThat(summary.state()).isEqualTo(UptimeState.UP);
        // the Location header of step 1 and the token of step 2 built the request of step 3
        assertThat(api.authorizations()).containsExactly("Bearer " + TOKEN);
        assertThat(monitor.targets().get(0).kind()).isEqualTo(UptimeTarget.Kind.SCENARIO);
    }

    @Test
    void aFailingStepIsNamedInTheErrorTheAlertAndTheHealthCheck() {
        HealthRegistry health = HealthRegistry.builder().build();
        resources.add(health);
        monitor.register(health);
        monitor.add(target("sign-up", signUp("wrong-password", profile()).build()).build());
        time.runDue();

        UptimeCheckResult result = monitor.summary("sign-up").lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.step()).isEqualTo("log-in");
        assertThat(result.statusCode()).isEqualTo(201); // of the last step that answered as expected
        assertThat(result.error()).isEqualTo("step 'log-in': unexpected status 401, expected 200");
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=sign-up}");
        assertThat(alerts.seen().get(0).alert().annotations()).containsEntry("step", "log-in");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("sign-up is down: step 'log-in': unexpected status 401, expected 200 (1 failed checks in a row)");
        CheckReport check = health.report().checks().get("uptime-sign-up");
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.details()).containsEntry("step", "log-in");
    }

    @Test
    void statusHeaderAndJsonPathAssertionsFailTheirStep() {
        monitor.add(target("plan", signUp("${password}", ScenarioStep.get("profile", "${base}/me")
                .header("Authorization", "Bearer ${token}").expectJsonPath("$.plan", "enterprise").build()).build()).build());
        monitor.add(target("path", signUp("${password}", ScenarioStep.get("profile", "${base}/me")
                .header("Authorization", "Bearer ${token}").expectJsonPath("$.address.city").build()).build()).build());
        monitor.add(target("header", signUp("${password}", ScenarioStep.get("profile", "${base}/me")
                .header("Authorization", "Bearer ${token}").expectHeader("Content-Type", "text/html").build()).build()).build());
        monitor.add(target("missing", signUp("${password}", ScenarioStep.get("profile", "${base}/me")
                .header("Authorization", "Bearer ${token}").expectHeader("ETag").build()).build()).build());
        monitor.add(target("status", signUp("${password}", ScenarioStep.get("profile", "${base}/nowhere").build()).build()).build());
        time.runDue();

        assertThat(monitor.summary("plan").lastResult().error()).isEqualTo("step 'profile': $.plan is 'pro', expected 'enterprise'");
        assertThat(monitor.summary("path").lastResult().error()).isEqualTo("step 'profile': $.address.city not found in the response");
        assertThat(monitor.summary("header").lastResult().error())
                .isEqualTo("step 'profile': header 'Content-Type' is 'application/json', expected 'text/html'");
        assertThat(monitor.summary("missing").lastResult().error()).isEqualTo("step 'profile': header 'ETag' missing from the response");
        assertThat(monitor.summary("status").lastResult().error()).isEqualTo("step 'profile': unexpected status 404, expected 200-299");
        for (String name : List.of("plan", "path", "header", "missing", "status")) {
            assertThat(monitor.summary(name).lastResult().step()).as(name).isEqualTo("profile");
        }
    }

    @Test
    void aStepOverItsBudgetAndAScenarioOverItsTotalBudgetFail() {
        // the server moves the test ticker by 3 s while it answers /slow: measured, never waited for
        monitor.add(target("step-budget", Scenario.builder().variable("base", api.base())
                .step(ScenarioStep.get("slow", "${base}/slow").budget(Duration.ofSeconds(2)).build()).build()).build());
        monitor.add(target("total-budget", Scenario.builder().variable("base", api.base())
                .step(ScenarioStep.get("fast", "${base}/users/42").expectStatus(401).build())
                .step(ScenarioStep.get("slow", "${base}/slow").budget(Duration.ofSeconds(4)).build())
                .totalBudget(Duration.ofSeconds(2)).build()).build());
        monitor.add(target("degraded", Scenario.builder().variable("base", api.base())
                .step(ScenarioStep.get("slow", "${base}/slow").build()).build()).degradedAbove(Duration.ofSeconds(1)).build());
        time.runDue();

        UptimeCheckResult step = monitor.summary("step-budget").lastResult();
        assertThat(step.error()).isEqualTo("step 'slow': took 3000 ms, over its budget of 2000 ms");
        assertThat(step.step()).isEqualTo("slow");
        UptimeCheckResult total = monitor.summary("total-budget").lastResult();
        assertThat(total.error()).isEqualTo("the scenario took 3000 ms, over its total budget of 2000 ms");
        assertThat(total.step()).isNull();
        assertThat(total.responseTime()).isEqualTo(Duration.ofSeconds(3));
        UptimeCheckResult degraded = monitor.summary("degraded").lastResult();
        assertThat(degraded.status()).isEqualTo(CheckStatus.WARN);
        assertThat(degraded.error()).isEqualTo("slow scenario: 3000 ms (warn above 1000 ms)");
    }

    @Test
    void aStepThatNeverAnswersTimesOutWithinTheScenarioTimeout() {
        // one step only: a step before it could itself take the short timeout on a busy machine
        monitor.add(target("hang", Scenario.builder().variable("base", api.base())
                .step(ScenarioStep.get("stuck", "${base}/hang").build()).build())
                .timeout(Duration.ofMillis(500)).build());
        time.runDue();

        UptimeCheckResult result = monitor.summary("hang").lastResult();
        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.step()).isEqualTo("stuck");
        assertThat(result.error()).isEqualTo("step 'stuck': timed out (the scenario's timeout is 500 ms)");
        assertThat(events(1)).containsExactly("FIRED UptimeTargetDown{target=hang}");
    }

    @Test
    void aScenarioLeaksNoSecret() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        resources.add(() -> root.detachAppender(logs));
        HealthRegistry health = HealthRegistry.builder().build();
        resources.add(health);
        monitor.register(health);
        // each careless step makes an error text quote a secret: the echoed Authorization header, the echoed
        // password in the body and in a header, an expected value built from the password, a token in the URL
        monitor.add(target("echo-auth", signUp("${password}", ScenarioStep.get("echo", "${base}/echo")
                .header("Authorization", "Bearer ${token}").expectJsonPath("$.echo", "nothing").build()).build()).build());
        monitor.add(target("echo-body", signUp("${password}", ScenarioStep.post("echo", "${base}/echo")
                .body("{\"user\":\"probe\",\"password\":\"" + PASSWORD + "-literal\"}")
                .expectJsonPath("$.password", "nothing").build()).build()).build());
        monitor.add(target("echo-header", signUp("${password}", ScenarioStep.post("echo", "${base}/echo")
                .body("user=probe&password=${password}").expectHeader("X-Echo", "nothing").build()).build()).build());
        monitor.add(target("expected", signUp("${password}", ScenarioStep.get("profile", "${base}/me")
                .header("Authorization", "Bearer ${token}").expectJsonPath("$.plan", "${password}").build()).build()).build());
        monitor.add(target("token-url", signUp("${password}", ScenarioStep.get("profile", "${base}/me?t=${token}")
                .expectJsonPath("$.error", "${token}").expectStatus(401).build()).build()).build());
        time.runDue();

        List<String> outputs = new ArrayList<>();
        for (UptimeSummary summary : monitor.summaries()) {
            assertThat(summary.lastResult().status()).as(summary.target() + ": " + summary.lastResult().error())
                    .isEqualTo(CheckStatus.FAIL);
            assertThat(summary.lastResult().error()).as(summary.target()).contains("[secret]");
            System.out.println("aScenarioLeaksNoSecret: " + summary.target() + ": " + summary.lastResult().error());
            outputs.add(summary.toString());
            outputs.add(monitor.recentResults(summary.target()).toString());
        }
        outputs.add(events(5).toString());
        outputs.add(alerts.seen().toString());
        // what the channel rendered (the dispatcher may fold alerts that come together into fewer notifications)
        Await.until(Duration.ofSeconds(30), () -> !alerts.notifications().isEmpty(), () -> "a notification");
        outputs.add(alerts.notifications().toString());
        outputs.add(new String(HealthJsonWriter.write(health.report(), HealthFormat.NATIVE, true), StandardCharsets.UTF_8));
        StatusPage page = StatusPage.builder("Accounts").health(health).uptime(monitor).showDetails(true).build();
        StatusSnapshot snapshot = page.snapshot();
        outputs.add(new String(page.json(snapshot), StandardCharsets.UTF_8));
        outputs.add(page.html(snapshot));
        logs.list.forEach(event -> outputs.add(event.getFormattedMessage()));
        outputs.add(monitor.targets().toString());

        String all = String.join("\n", outputs);
        assertThat(all).contains("echo-auth").contains("uptime-echo-auth"); // the outputs were gathered
        for (String secret : List.of(PASSWORD, TOKEN, base64(PASSWORD), "Bearer " + TOKEN)) {
            assertThat(all).as("no output holds " + secret).doesNotContain(secret);
        }
        assertThat(all).doesNotContain("9Qe4LxV2mW8rT1yZ6nB3").doesNotContain("Pa55word");
    }

    @Test
    void scenariosRefuseUnknownVariablesBadPathsAndBadUrls() {
        assertThatThrownBy(() -> Scenario.builder().step(ScenarioStep.get("profile", "${base}/me").build()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step 'profile' uses ${base}, which is neither a variable of the scenario nor taken by an earlier step");
        assertThatThrownBy(() -> ScenarioStep.get("profile", "http://x/").expectJsonPath("$.[[["))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("JSON path of step 'profile' must be a JSON path such as '$.user.id', was '$.[[['");
        assertThatThrownBy(() -> ScenarioStep.get("profile", "ftp://admin:hunter2@files/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2")
                .hasMessage("url of step 'profile' must be an absolute http or https URL with a host, such as "
                        + "'https://shop.example.com/login' (it may use ${variable})");
        assertThatThrownBy(() -> ScenarioStep.get("profile", "http://x/").header("Host", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header 'Host' of step 'profile' is not a header name the JDK HTTP client sends");
        assertThatThrownBy(() -> Scenario.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a scenario needs at least one step");
        assertThatThrownBy(() -> UptimeTarget.scenario("flow", Scenario.builder().step(ScenarioStep.get("a", "http://x/").build())
                .build()).expectKeyword("ok")).isInstanceOf(IllegalStateException.class)
                .hasMessage("expectKeyword applies to http targets, not to the scenario target 'flow'");
        Scenario secret = Scenario.builder().secret("password", PASSWORD).step(ScenarioStep.get("a", "http://x/").build()).build();
        assertThat(secret.toString() + UptimeTarget.scenario("flow", secret).build()).doesNotContain(PASSWORD);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
