package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.alert.support.Await;
import dev.monitor.pii.testing.Leaks;
import dev.monitor.pii.testing.PiiSamples;
import dev.monitor.pii.testing.Plant;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rule state machine on a controllable clock and a real {@link SimpleMeterRegistry} whose clock is the
 * same, with alerts going through a real dispatcher. Time only moves when the test advances it.
 */
class RuleEngineTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualScheduler time = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, time.micrometerClock());
    private final AlertCapture alerts = new AlertCapture();
    private final List<RuleTransition> transitions = new CopyOnWriteArrayList<>();
    private final RuleEngine engine = RuleEngine.builder()
            .dispatcher(alerts.dispatcher())
            .meterRegistry(registry)
            .clock(time.clock())
            .scheduler(time)
            .interval(INTERVAL)
            .listener(transitions::add)
            .listener(alerts)
            .build();
    private final AtomicReference<Double> value = new AtomicReference<>(0.0);

    @AfterEach
    void close() {
        engine.close();
        alerts.close();
    }

    private AlertRule.Builder valueRule() {
        return AlertRule.builder("QueueBacklog").signal(RuleSignal.supplier("queue depth", () -> value.get()));
    }

    /** Sets the value, then lets {@code duration} pass (evaluations every 30 s run on the way). */
    private void hold(double newValue, Duration duration) {
        value.set(newValue);
        time.advance(duration);
    }

    private List<String> states() {
        return transitions.stream().map(t -> t.from().label() + "->" + t.to().label()).toList();
    }

    @Test
    void aBreachShorterThanThePendingDurationNeverFires() {
        engine.add(valueRule().above(100).pendingFor(Duration.ofMinutes(5)).build());
        time.runDue();

        hold(150, Duration.ofMinutes(4)); // breaching at 0:00 ... 3:30, 4:00 is the next evaluation
        hold(50, Duration.ofMinutes(10));

        assertThat(states()).containsExactly("inactive->pending", "pending->inactive");
        assertThat(alerts.events()).isEmpty();
    }

    @Test
    void aBreachLongerThanThePendingDurationFiresOnce() {
        engine.add(valueRule().above(100).pendingFor(Duration.ofMinutes(5)).build());
        time.runDue();

        value.set(150.0);
        time.advance(INTERVAL);                       // first breaching evaluation: pending
        assertThat(states()).containsExactly("inactive->pending");
        time.advance(Duration.ofMinutes(4).plusSeconds(30)); // 4m30s of breach: still pending
        assertThat(states()).containsExactly("inactive->pending");
        time.advance(INTERVAL);                       // 5 minutes of breach: fires
        time.advance(Duration.ofMinutes(20));         // keeps breaching: no second fire

        assertThat(states()).containsExactly("inactive->pending", "pending->firing");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog");
        RuleTransition firing = transitions.get(1);
        assertThat(Duration.between(transitions.get(0).at(), firing.at())).isEqualTo(Duration.ofMinutes(5));
        assertThat(alerts.seen().get(0).alert().severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(alerts.seen().get(0).alert().annotations()).containsEntry("value", "150").containsEntry("threshold", "100");
    }

    @Test
    void recoveryWithKeepFiringResolvesOnlyAfterTheKeepWindow() {
        engine.add(valueRule().above(100).keepFiringFor(Duration.ofMinutes(3)).build());
        time.runDue();
        hold(150, INTERVAL);
        assertThat(states()).containsExactly("inactive->firing");

        value.set(10.0);
        time.advance(INTERVAL); // first clear evaluation: keep firing starts
        time.advance(Duration.ofMinutes(2).plusSeconds(30));
        assertThat(states()).containsExactly("inactive->firing");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog");

        time.advance(INTERVAL); // 3 minutes clear
        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
        assertThat(Duration.between(transitions.get(0).at(), transitions.get(1).at())).isEqualTo(Duration.ofMinutes(3).plus(INTERVAL));
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog");
    }

    @Test
    void aNewBreachDuringKeepFiringContinuesTheSameAlert() {
        engine.add(valueRule().above(100).keepFiringFor(Duration.ofMinutes(3)).build());
        time.runDue();
        hold(150, INTERVAL);
        hold(10, Duration.ofMinutes(2));   // clear for 2 minutes
        hold(150, INTERVAL);               // breach again within the keep window
        hold(10, Duration.ofMinutes(2));   // clear for 2 minutes: the keep window started again

        assertThat(states()).containsExactly("inactive->firing");
        hold(10, Duration.ofMinutes(2));
        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog");
    }

    @Test
    void flappingBetweenTheClearAndFireThresholdsDoesNotNotifyAgain() {
        engine.add(valueRule().above(100).clearBelow(80).build());
        time.runDue();
        hold(120, INTERVAL);
        for (int i = 0; i < 20; i++) { // wanders around the fire threshold, never below the clear threshold
            hold(i % 2 == 0 ? 95 : 105, INTERVAL);
        }
        assertThat(states()).containsExactly("inactive->firing");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog");
        Await.until(Duration.ofSeconds(30), () -> !alerts.notifications().isEmpty(), "a notification");
        assertThat(alerts.notifications()).hasSize(1);

        hold(79, INTERVAL);
        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog");
    }

    @Test
    void withoutAClearThresholdTheSameFlappingFiresAndResolvesEachTime() {
        engine.add(valueRule().above(100).build());
        time.runDue();
        for (int i = 0; i < 6; i++) {
            hold(i % 2 == 0 ? 105 : 95, INTERVAL);
        }
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog", "FIRED QueueBacklog",
                "RESOLVED QueueBacklog", "FIRED QueueBacklog", "RESOLVED QueueBacklog");
    }

    @Test
    void aRuleFiringBelowUsesTheClearAboveThreshold() {
        engine.add(AlertRule.builder("FewWorkers").signal(RuleSignal.supplier("workers", () -> value.get()))
                .below(3).clearAbove(5).build());
        hold(4, INTERVAL);
        hold(2, INTERVAL);
        hold(4, INTERVAL); // between the thresholds: still firing
        assertThat(states()).containsExactly("inactive->firing");
        hold(6, INTERVAL);
        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
    }

    @Test
    void mOfNFiresOnlyWhenEnoughOfTheRecentEvaluationsBreach() {
        engine.add(valueRule().above(100).breaches(3, 5).build());
        time.runDue(); // evaluation 0: value 0
        double[] spikes = {150, 10, 10, 150, 10, 10, 150, 10}; // never 3 breaches within any 5 evaluations
        for (double v : spikes) {
            hold(v, INTERVAL);
        }
        assertThat(states()).isEmpty();

        hold(150, INTERVAL); // last five: 10 10 150 10 150 → 2
        assertThat(states()).isEmpty();
        hold(150, INTERVAL); // last five: 10 150 10 150 150 → 3: fires
        assertThat(states()).containsExactly("inactive->firing");
        hold(10, INTERVAL);  // last five: 150 10 150 150 10 → 3: keeps firing
        assertThat(states()).containsExactly("inactive->firing");
        hold(10, INTERVAL);  // last five: 10 150 150 10 10 → 2: clears
        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog");
    }

    @Test
    void noDataCountsAsOkByDefault() {
        engine.add(valueRule().above(100).build());
        hold(150, INTERVAL);
        hold(Double.NaN, INTERVAL);

        assertThat(states()).containsExactly("inactive->firing", "firing->resolved");
        assertThat(transitions.get(1).reason()).isEqualTo("no_data");
        assertThat(engine.statuses().get(0).lastProblem()).isEqualTo("no data: the signal returned NaN");
    }

    @Test
    void noDataAlertingFiresAfterThePendingDurationSayingWhy() {
        engine.add(AlertRule.builder("NoOrders").signal(RuleSignal.gauge("orders.pending")).above(100)
                .pendingFor(Duration.ofMinutes(2)).onNoData(FallbackState.ALERTING).build());
        time.advance(Duration.ofMinutes(2));

        assertThat(states()).containsExactly("inactive->pending", "pending->firing");
        assertThat(alerts.seen().get(0).alert().summary())
                .isEqualTo("NoOrders: no data for orders.pending (no gauge orders.pending with a value)");

        registry.gauge("orders.pending", 5);
        time.advance(INTERVAL);
        assertThat(states()).containsExactly("inactive->pending", "pending->firing", "firing->resolved");
    }

    @Test
    void noDataKeepLastKeepsTheStateAndItsTimers() {
        engine.add(valueRule().above(100).pendingFor(Duration.ofMinutes(2)).onNoData(FallbackState.KEEP_LAST).build());
        hold(150, Duration.ofMinutes(1));            // pending since 0:00
        hold(Double.NaN, Duration.ofMinutes(1).plusSeconds(30)); // no data: still pending, the clock runs on
        assertThat(states()).containsExactly("inactive->pending");
        hold(150, INTERVAL);                          // 2:30 of pending, breaching again: fires
        assertThat(states()).containsExactly("inactive->pending", "pending->firing");
        hold(Double.NaN, Duration.ofMinutes(10));     // no data keeps it firing
        assertThat(states()).containsExactly("inactive->pending", "pending->firing");
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog");
    }

    @Test
    void errorsAlertByDefaultAndTheErrorTextIsScrubbed() {
        engine.add(AlertRule.builder("Broken").signal(RuleSignal.supplier("broken", () -> {
            throw new IllegalStateException("lookup failed for john.doe@example.com");
        })).above(1).build());
        time.runDue();

        assertThat(states()).containsExactly("inactive->firing");
        assertThat(transitions.get(0).reason()).isEqualTo("error");
        String summary = alerts.seen().get(0).alert().summary();
        assertThat(summary).startsWith("Broken: evaluating broken failed: IllegalStateException: lookup failed for ")
                .doesNotContain("john.doe").contains("j***@example.com");
        assertThat(engine.statuses().get(0).lastProblem()).doesNotContain("john.doe");
    }

    @Test
    void errorsCanCountAsOkOrBeIgnored() {
        AtomicReference<Boolean> failing = new AtomicReference<>(false);
        RuleSignal flaky = RuleSignal.supplier("flaky", () -> {
            if (failing.get()) {
                throw new IllegalStateException("down");
            }
            return value.get();
        });
        engine.add(AlertRule.builder("Ok").signal(flaky).above(100).onError(FallbackState.OK).build());
        engine.add(AlertRule.builder("Keep").signal(flaky).above(100).onError(FallbackState.KEEP_LAST).build());
        hold(150, INTERVAL);
        failing.set(true);
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).containsExactlyInAnyOrder("FIRED Ok", "FIRED Keep", "RESOLVED Ok");
    }

    @Test
    void ratesComeFromCounterDeltasBetweenEvaluationsOverTheWindow() {
        Counter orders = registry.counter("orders.created");
        AlertRule rule = AlertRule.builder("OrderSpike").signal(RuleSignal.rate("orders.created", Duration.ofMinutes(1)))
                .above(10).build();
        engine.add(rule);
        time.runDue();
        assertThat(engine.statuses().get(0).lastProblem()).startsWith("warming up");

        orders.increment(300); // 300 in the first 30 s
        time.advance(INTERVAL);
        assertThat(engine.statuses().get(0).lastValue()).isEqualTo(10.0); // 300 over the 30 s it has seen
        orders.increment(60);
        time.advance(INTERVAL);
        assertThat(engine.statuses().get(0).lastValue()).isEqualTo(6.0); // 360 over the full minute
        orders.increment(60);
        time.advance(INTERVAL);
        assertThat(engine.statuses().get(0).lastValue()).isEqualTo(2.0); // 120 over the last minute
        assertThat(alerts.events()).isEmpty();
    }

    @Test
    void aCounterThatRestartsStartsTheSamplesAgain() {
        Counter first = registry.counter("jobs.done");
        engine.add(AlertRule.builder("Jobs").signal(RuleSignal.increase("jobs.done", Duration.ofMinutes(1))).above(1000).build());
        first.increment(500);
        time.advance(INTERVAL);
        registry.remove(first);
        registry.counter("jobs.done").increment(3);
        time.advance(INTERVAL);
        assertThat(engine.statuses().get(0).lastProblem()).startsWith("warming up");
        registry.counter("jobs.done").increment(4);
        time.advance(INTERVAL);
        assertThat(engine.statuses().get(0).lastValue()).isEqualTo(4.0);
    }

    @Test
    void aRatioOverNoTrafficIsNoData() {
        engine.add(AlertRule.builder("Errors").signal(RuleSignal.ratio(
                RuleSignal.rate("calls.failed", Duration.ofMinutes(1)), RuleSignal.rate("calls", Duration.ofMinutes(1))))
                .above(0.5).onNoData(FallbackState.KEEP_LAST).build());
        registry.counter("calls").increment(10);
        time.advance(Duration.ofMinutes(2));

        assertThat(engine.statuses().get(0).lastProblem()).isEqualTo("no data: rate(calls[1m]) is 0");
    }

    @Test
    void aPercentileIsReadFromTheTimersPublishedPercentiles() {
        Timer timer = Timer.builder("checkout").publishPercentiles(0.95).register(registry);
        engine.add(AlertRule.builder("SlowCheckout").signal(RuleSignal.percentile("checkout", 0.95)).above(1).build());
        for (int i = 0; i < 100; i++) {
            timer.record(i < 90 ? 100 : 2000, TimeUnit.MILLISECONDS);
        }
        time.runDue();

        assertThat(engine.statuses().get(0).lastValue()).isBetween(1.9, 2.1);
        assertThat(alerts.events()).containsExactly("FIRED SlowCheckout");
    }

    @Test
    void aTimerWithoutThePercentileIsAnErrorNamingTheSetting() {
        Timer.builder("checkout").register(registry).record(1, TimeUnit.SECONDS);
        engine.add(AlertRule.builder("SlowCheckout").signal(RuleSignal.percentile("checkout", 0.95)).above(1)
                .onError(FallbackState.KEEP_LAST).build());
        time.runDue();

        assertThat(engine.statuses().get(0).lastProblem())
                .isEqualTo("error: IllegalStateException: checkout publishes no 0.95 percentile; build the meter with publishPercentiles(0.95)");
    }

    @Test
    void gaugesAreSummedOrTheHighestIsTaken() {
        registry.gauge("pool.usage", List.of(io.micrometer.core.instrument.Tag.of("pool", "a")), 0.2);
        registry.gauge("pool.usage", List.of(io.micrometer.core.instrument.Tag.of("pool", "b")), 0.7);
        engine.add(AlertRule.builder("Sum").signal(RuleSignal.gauge("pool.usage")).above(100).build());
        engine.add(AlertRule.builder("Max").signal(RuleSignal.gaugeMax("pool.usage")).above(100).build());
        engine.add(AlertRule.builder("One").signal(RuleSignal.gauge("pool.usage", "pool", "a")).above(100).build());
        time.runDue();

        assertThat(engine.statuses()).extracting(RuleStatus::lastValue)
                .satisfiesExactly(sum -> assertThat(sum).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-12)),
                        max -> assertThat(max).isEqualTo(0.7), one -> assertThat(one).isEqualTo(0.2));
    }

    @Test
    void theSummaryTemplateRendersValuesAndLabelsThroughTheScrubber() {
        engine.add(valueRule().above(0.05).label("owner", "jane.roe@example.com").label("service", "orders")
                .summary("{{labels.service}}: {{value|percent}} over {{threshold|percent}} ({{$value}}), ask {{labels.owner}}")
                .description("{{signal}} {{condition}} for {{for}}").build());
        hold(0.0625, INTERVAL);

        String expected = "orders: 6.3% over 5% (0.0625), ask j***@example.com";
        assertThat(transitions.get(0).summary()).isEqualTo(expected);
        assertThat(transitions.get(0).labels()).containsEntry("owner", "j***@example.com");
        assertThat(engine.statuses().get(0).labels()).containsEntry("owner", "j***@example.com");
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo(expected);
        assertThat(alerts.seen().get(0).alert().description()).isEqualTo("queue depth above 0.05 for 0s");
        assertThat(alerts.seen().get(0).alert().labels()).containsEntry("service", "orders");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheSchedule() {
        engine.addTransitionListener(t -> {
            throw new IllegalStateException("listener bug");
        });
        engine.add(valueRule().above(100).build());
        hold(150, INTERVAL);
        hold(10, INTERVAL);
        hold(150, INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog", "FIRED QueueBacklog");
    }

    @Test
    void aRestartedRuleResolvesTheAlertItLeftFiring() {
        engine.add(valueRule().above(100).build());
        hold(150, INTERVAL);
        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog");
        engine.close();
        assertThat(alerts.dispatcher().activeAlerts()).hasSize(1);

        try (RuleEngine restarted = RuleEngine.builder().dispatcher(alerts.dispatcher()).clock(time.clock()).scheduler(time).build()) {
            restarted.add(valueRule().above(100).build());
            hold(10, INTERVAL);
            alerts.dispatcher().awaitIdle(Duration.ofSeconds(10));
            assertThat(alerts.dispatcher().activeAlerts()).isEmpty();
        }
    }

    @Test
    void removingAFiringRuleResolvesItsAlert() {
        AlertRule rule = valueRule().above(100).build();
        engine.add(rule);
        hold(150, INTERVAL);
        assertThat(engine.remove(rule)).isTrue();
        time.advance(Duration.ofMinutes(5));

        assertThat(alerts.events()).containsExactly("FIRED QueueBacklog", "RESOLVED QueueBacklog");
        assertThat(engine.statuses()).isEmpty();
        assertThat(engine.remove(rule)).isFalse();
    }

    @Test
    void aRateKeepsAboutOneWindowOfSamples() {
        Counter counter = registry.counter("events");
        engine.add(AlertRule.builder("Events").signal(RuleSignal.rate("events", Duration.ofMinutes(5))).above(1e9).build());
        for (int i = 0; i < 200; i++) {
            counter.increment();
            time.advance(INTERVAL);
        }
        assertThat(engine.statuses().get(0).lastValue()).isCloseTo(1 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(registry.get("monitor.rules.evaluations").tag("outcome", "value").counter().count()).isEqualTo(200);
    }

    @Test
    void theEngineCountsEvaluationsAndFiringRules() {
        engine.add(valueRule().above(100).build());
        hold(150, INTERVAL);
        assertThat(registry.get("monitor.rules.firing").gauge().value()).isEqualTo(1);
        hold(10, INTERVAL);
        assertThat(registry.get("monitor.rules.firing").gauge().value()).isZero();
        assertThat(registry.get("monitor.rules.evaluations").tag("outcome", "value").counter().count()).isEqualTo(3);
    }

    @Test
    void addingRejectsWhatCannotWorkWithMessagesNamingIt() {
        engine.add(valueRule().above(1).build());
        assertThatThrownBy(() -> engine.add(valueRule().above(2).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a rule named 'QueueBacklog' with the same labels is already added");
        engine.add(valueRule().above(2).label("queue", "b").build()); // other labels: another rule

        assertThatThrownBy(() -> engine.add(AlertRule.builder("Fast").signal(RuleSignal.rate("x", Duration.ofSeconds(10)))
                .above(1).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'Fast': the window of rate(x[10s]) (10s) must be at least its evaluation interval (30s); "
                        + "lengthen the window or shorten the interval");

        try (RuleEngine withoutMeters = RuleEngine.builder().clock(time.clock()).scheduler(time).build()) {
            assertThatThrownBy(() -> withoutMeters.add(AlertRule.builder("Heap").signal(RuleSignal.gauge("jvm.memory.used"))
                    .above(1).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rule 'Heap' reads meters (jvm.memory.used); give the engine the application's registry "
                            + "with RuleEngine.builder().meterRegistry(...)");
        }
        engine.close();
        assertThatThrownBy(() -> engine.add(valueRule().above(3).label("queue", "c").build()))
                .isInstanceOf(IllegalStateException.class).hasMessage("the rule engine is closed");
    }

    @Test
    void aStepRegistryIsRejectedBecauseItsCountersRestartEveryStep() {
        io.micrometer.core.instrument.step.StepRegistryConfig config = new io.micrometer.core.instrument.step.StepRegistryConfig() {
            @Override
            public String prefix() {
                return "test";
            }

            @Override
            public String get(String key) {
                return null;
            }
        };
        io.micrometer.core.instrument.step.StepMeterRegistry step = new io.micrometer.core.instrument.step.StepMeterRegistry(
                config, io.micrometer.core.instrument.Clock.SYSTEM) {
            @Override
            protected void publish() {
            }

            @Override
            protected TimeUnit getBaseTimeUnit() {
                return TimeUnit.SECONDS;
            }
        };
        assertThatThrownBy(() -> RuleEngine.builder().meterRegistry(step))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a step registry whose counters restart every step");
        step.close();
    }

    @Test
    void aSecretLabelIsRedactedInTransitionsStatusesAndRenderedSummaries() {
        engine.add(valueRule().above(100)
                .label("api_key", "opaqueKey12345")
                .label("owner", "john.doe@example.com")
                .summary("{{labels.api_key}} of {{labels.owner}}: queue at {{value}}")
                .description("key {{ $labels.api_key }}, owner {{labels.owner}}")
                .build());
        hold(150, INTERVAL);

        assertThat(states()).containsExactly("inactive->firing");
        RuleTransition firing = transitions.get(0);
        assertThat(firing.labels()).containsEntry("api_key", "[secret]").containsEntry("owner", "j***@example.com");
        assertThat(firing.summary()).isEqualTo("[secret] of j***@example.com: queue at 150");
        assertThat(engine.statuses()).singleElement().satisfies(status ->
                assertThat(status.labels()).containsEntry("api_key", "[secret]").containsEntry("owner", "j***@example.com"));
        AlertCapture.Seen fired = alerts.seen().get(0);
        assertThat(fired.alert().summary()).isEqualTo("[secret] of j***@example.com: queue at 150");
        assertThat(fired.alert().description()).isEqualTo("key [secret], owner j***@example.com");
        assertThat(transitions.toString() + engine.statuses()).doesNotContain("opaqueKey12345", "john.doe");
    }

    @Test
    void ruleNamesAndLabelKeysOutsideTheNameRulesAreRefusedAtRegistration() {
        assertThatThrownBy(() -> AlertRule.builder("High error rate")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-'");
        assertThatThrownBy(() -> AlertRule.builder("x".repeat(65))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule name must be 1-64 characters");
        assertThatThrownBy(() -> valueRule().groupBy("uri", "status-code")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("groupBy key of rule 'QueueBacklog' must be 1-64 characters of ASCII letters, "
                        + "digits and '_'");
        assertThatThrownBy(() -> valueRule().labels(java.util.Map.of("9lives", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label name of rule 'QueueBacklog' must be");
        dev.monitor.health.HealthRegistry health = dev.monitor.health.HealthRegistry.builder().build();
        try {
            assertThatThrownBy(() -> HealthAlertRule.builder(health).name("Check failing!"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("rule name must be");
            assertThatThrownBy(() -> HealthAlertRule.builder(health).label("team name", "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("label name of rule 'HealthCheckFailing' must be");
        } finally {
            health.close();
        }
    }

    @Test
    void everyRuleDurationPastItsBoundIsRefusedNamingIt() {
        Duration forever = Duration.ofSeconds(Long.MAX_VALUE);
        assertThatThrownBy(() -> valueRule().pendingFor(Duration.ofDays(31))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pendingFor must be at most PT720H, was PT744H");
        assertThatThrownBy(() -> valueRule().keepFiringFor(forever)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("keepFiringFor must be at most PT8784H (366 days), was ");
        assertThatThrownBy(() -> valueRule().interval(Duration.ofDays(31))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be at most PT720H, was PT744H");
        assertThatThrownBy(() -> RuleEngine.builder().interval(forever)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("interval must be at most PT720H, was ");
        assertThatThrownBy(() -> RuleSignal.rate("http.server.requests", Duration.ofDays(400)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("window must be at most PT8784H (366 days), was PT9600H");
        assertThatThrownBy(() -> RuleSignal.increase("logins", forever)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("window must be at most PT8784H (366 days), was ");
        dev.monitor.health.HealthRegistry health = dev.monitor.health.HealthRegistry.builder().build();
        try {
            assertThatThrownBy(() -> HealthAlertRule.builder(health).startupGrace(forever))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("startupGrace must be at most PT8784H");
            assertThatThrownBy(() -> HealthAlertRule.builder(health).pendingFor(Duration.ofDays(31)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("pendingFor must be at most PT720H, was PT744H");
        } finally {
            health.close();
        }
        assertThatThrownBy(() -> SecurityEventAlerts.builder(alerts.dispatcher()).quietPeriod(forever))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("quietPeriod must be at most PT8784H (366 days), was ");
    }

    @Test
    void aRuleSummaryIsCutOnlyAfterScrubbing() {
        long seed = 1024_2026L;
        PiiSamples samples = new PiiSamples(new java.util.Random(seed));
        int limit = dev.monitor.alert.Alert.MAX_SUMMARY_LENGTH;
        value.set(150.0);
        List<Plant> planted = new java.util.ArrayList<>();
        int cases = 0;
        for (int index = 0; index < PiiSamples.families().size(); index++) {
            Plant next = samples.nth(index);
            for (int start : PiiSamples.positionsAround(limit, next.text().length())) {
                // the planted value sits in a label (each rule its own series), the filler in the template
                engine.add(valueRule().above(100).label("case", Integer.toString(cases)).label("note", next.text())
                        .summary(PiiSamples.filler(start) + "{{labels.note}} and more words")
                        .build());
                planted.add(next);
                cases++;
            }
        }
        time.runDue();
        List<RuleTransition> fired = transitions.stream().filter(t -> t.to() == RuleState.FIRING).toList();
        assertThat(fired).hasSize(cases);
        for (RuleTransition transition : fired) {
            int index = Integer.parseInt(transition.labels().get("case"));
            String context = "seed " + seed + " case " + index;
            assertThat(transition.summary().length()).as(context).isLessThanOrEqualTo(limit);
            assertThat(Leaks.find(transition.summary(), planted.get(index))).as(context).isEmpty();
        }
        System.out.println("aRuleSummaryIsCutOnlyAfterScrubbing: " + cases + " cases, seed " + seed);
    }
}
