package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.health.CheckOptions;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthRegistry;
import dev.monitor.health.HealthResult;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health-driven alerts over a real health registry, on a controllable clock, through a real dispatcher. */
class HealthAlertRuleTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);
    /** Run at every report; the deadline only guards against a hang, a busy machine never reaches it. */
    private static final CheckOptions FRESH = CheckOptions.builder().cacheTtl(Duration.ZERO).timeout(Duration.ofMinutes(1))
            .build();

    private final ManualScheduler time = new ManualScheduler();
    private final HealthRegistry health = HealthRegistry.builder().clock(time.clock()).reportTimeout(Duration.ofMinutes(1))
            .build();
    private final AlertCapture alerts = new AlertCapture();
    private final List<RuleTransition> transitions = new CopyOnWriteArrayList<>();
    private final RuleEngine engine = RuleEngine.builder().dispatcher(alerts.dispatcher()).clock(time.clock()).scheduler(time)
            .interval(INTERVAL).listener(alerts).listener(transitions::add).build();
    private final AtomicBoolean databaseUp = new AtomicBoolean(true);

    @AfterEach
    void close() {
        engine.close();
        alerts.close();
        health.close();
    }

    private HealthAlertRule.Builder rule() {
        return HealthAlertRule.builder(health).refreshChecks(false).startupGrace(Duration.ZERO);
    }

    private void registerDatabase(CheckOptions options) {
        health.register("database", () -> databaseUp.get() ? HealthResult.pass() : HealthResult.fail("connection refused"),
                options);
    }

    /** Runs the checks as a probe calling /health would, then lets the engine process what they published. */
    private void probe() {
        health.report();
        time.runDue();
    }

    @Test
    void aCheckFiresAfterItsFailureThresholdAndResolvesAfterItsSuccessThreshold() {
        registerDatabase(CheckOptions.from(FRESH).failureThreshold(3).successThreshold(2).build());
        engine.add(rule().build());
        databaseUp.set(false);
        probe();
        probe();
        assertThat(alerts.events()).isEmpty(); // two failures: the check still reports pass
        probe();
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}");
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("health check database is failing: connection refused");

        databaseUp.set(true);
        probe();
        assertThat(alerts.events()).hasSize(1); // one success of the two needed
        probe();
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}",
                "RESOLVED HealthCheckFailing{check=database}");
    }

    @Test
    void aPendingDurationWaitsForTheCheckToFailThatLong() {
        registerDatabase(FRESH);
        engine.add(rule().pendingFor(Duration.ofMinutes(2)).build());
        databaseUp.set(false);
        probe();
        time.advance(Duration.ofMinutes(1).plusSeconds(30));
        assertThat(alerts.events()).isEmpty();
        assertThat(transitions).extracting(t -> t.to()).containsExactly(RuleState.PENDING);
        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}");

        databaseUp.set(true);
        probe();
        assertThat(alerts.events()).hasSize(2);
    }

    @Test
    void aCheckRecoveringWithinThePendingDurationNeverFires() {
        registerDatabase(FRESH);
        engine.add(rule().pendingFor(Duration.ofMinutes(2)).build());
        databaseUp.set(false);
        probe();
        time.advance(Duration.ofMinutes(1));
        databaseUp.set(true);
        probe();
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).isEmpty();
        assertThat(transitions).extracting(t -> t.to()).containsExactly(RuleState.PENDING, RuleState.INACTIVE);
    }

    @Test
    void nothingFiresDuringTheStartupGraceAndAStillFailingCheckFiresWhenItEnds() {
        registerDatabase(FRESH);
        engine.add(rule().startupGrace(Duration.ofMinutes(2)).build());
        databaseUp.set(false);
        probe();
        time.advance(Duration.ofMinutes(1).plusSeconds(30));
        assertThat(alerts.events()).isEmpty();

        time.advance(INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}");
    }

    @Test
    void aCheckThatFailsAndRecoversDuringTheStartupGraceNeverFires() {
        registerDatabase(FRESH);
        engine.add(rule().startupGrace(Duration.ofMinutes(2)).build());
        databaseUp.set(false);
        probe();
        time.advance(Duration.ofMinutes(1));
        databaseUp.set(true);
        probe();
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).isEmpty();
    }

    @Test
    void noAlertFiresWhileTheApplicationShutsDownButFiringOnesResolveWhenTheirCheckPasses() {
        registerDatabase(FRESH);
        health.register("cache", () -> databaseUp.get() ? HealthResult.pass() : HealthResult.fail("evicted"), FRESH);
        engine.add(rule().build());
        databaseUp.set(false);
        probe();
        assertThat(alerts.events()).containsExactlyInAnyOrder("FIRED HealthCheckFailing{check=database}",
                "FIRED HealthCheckFailing{check=cache}");

        databaseUp.set(true);
        probe();
        health.markShuttingDown();
        databaseUp.set(false); // dependencies close during shutdown
        probe();
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).hasSize(4).filteredOn(e -> e.startsWith("FIRED")).hasSize(2);
    }

    @Test
    void nonCriticalChecksFireWithTheirOwnSeverityOrNotAtAllWhenCriticalOnly() {
        registerDatabase(FRESH);
        health.register("recommendations", () -> HealthResult.fail("timeout"), CheckOptions.from(FRESH).critical(false).build());
        engine.add(rule().build());
        probe();
        assertThat(alerts.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.alert().labels()).containsEntry("check", "recommendations");
            assertThat(seen.alert().severity()).isEqualTo(AlertSeverity.MEDIUM);
            assertThat(seen.alert().annotations()).containsEntry("critical", "false");
        });

        HealthRegistry other = HealthRegistry.builder().clock(time.clock()).reportTimeout(Duration.ofMinutes(1)).build();
        try (AlertCapture criticalOnly = new AlertCapture();
                RuleEngine strict = RuleEngine.builder().dispatcher(criticalOnly.dispatcher()).clock(time.clock()).scheduler(time)
                        .listener(criticalOnly).build()) {
            other.register("recommendations", () -> HealthResult.fail("timeout"), CheckOptions.from(FRESH).critical(false).build());
            strict.add(HealthAlertRule.builder(other).refreshChecks(false).startupGrace(Duration.ZERO).criticalOnly(true).build());
            other.report();
            time.advance(Duration.ofMinutes(5));
            assertThat(criticalOnly.events()).isEmpty();
        } finally {
            other.close();
        }
    }

    @Test
    void onRequestChecksRunAtEveryIntervalSoAFailureIsSeenWithoutAnyProbe() {
        registerDatabase(FRESH);
        engine.add(HealthAlertRule.builder(health).startupGrace(Duration.ZERO).build());
        time.runDue();
        databaseUp.set(false);
        // At every interval the rule asks for a report and the check runs on the registry's threads (a run
        // still in flight from the previous interval is joined, so the failure may show one interval later).
        Await.until(Duration.ofSeconds(30), () -> {
            time.advance(INTERVAL);
            return !alerts.seen().isEmpty();
        }, "the failing check to fire");
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}");
    }

    @Test
    void aCheckThatStartsFailingWithoutATransitionIsFoundInTheReport() {
        health.register("database", () -> HealthResult.fail("never up"),
                CheckOptions.from(FRESH).initialStatus(CheckStatus.FAIL).build());
        engine.add(HealthAlertRule.builder(health).startupGrace(Duration.ZERO).build());

        Await.until(Duration.ofSeconds(30), () -> {
            time.advance(INTERVAL);
            return !alerts.seen().isEmpty();
        }, "the failing check to fire");
        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}");
    }

    @Test
    void anUnregisteredCheckResolvesItsAlert() {
        registerDatabase(FRESH);
        engine.add(rule().build());
        databaseUp.set(false);
        probe();
        health.unregister("database");
        time.advance(INTERVAL);

        assertThat(alerts.events()).containsExactly("FIRED HealthCheckFailing{check=database}",
                "RESOLVED HealthCheckFailing{check=database}");
        assertThat(transitions.get(1).reason()).isEqualTo("check_removed");
        assertThat(engine.statuses()).isEmpty();
    }

    @Test
    void statusesListEveryCheckSeen() {
        registerDatabase(FRESH);
        engine.add(rule().label("service", "orders").summary("{{labels.service}}: {{check}} down ({{error}}) for {{for}}").build());
        databaseUp.set(false);
        probe();

        assertThat(engine.statuses()).singleElement().satisfies(status -> {
            assertThat(status.labels()).containsEntry("check", "database").containsEntry("service", "orders");
            assertThat(status.state()).isEqualTo(RuleState.FIRING);
            assertThat(status.lastProblem()).isEqualTo("connection refused");
        });
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("orders: database down (connection refused) for 0s");
    }

    @Test
    void theBuilderRejectsBadSettings() {
        assertThatThrownBy(() -> HealthAlertRule.builder(health).label("check", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 'check' is set by the rule to the check's name");
        assertThatThrownBy(() -> HealthAlertRule.builder(health).pendingFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pendingFor must be 0 or more, was PT-1S");
        assertThatThrownBy(() -> HealthAlertRule.builder(health).summary("{{value}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("summary: unknown placeholder {{value}}; use one of [check, error, for, name, severity] or labels.NAME");
        assertThatThrownBy(() -> HealthAlertRule.builder(health).interval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be at least PT1S, was PT0S");
        engine.add(rule().build());
        assertThatThrownBy(() -> engine.add(rule().build())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a rule named 'HealthCheckFailing' with the same labels is already added");
    }
}
