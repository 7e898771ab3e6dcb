package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertEvent;
import dev.monitor.rule.support.AlertCapture;
import dev.monitor.rule.support.ManualScheduler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rules grouped by tag keys ({@link AlertRule.Builder#groupBy}): one state and one alert per series, on a
 * controllable clock, a real {@link SimpleMeterRegistry} and a real dispatcher.
 */
class GroupedRuleTest {

    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualScheduler time = new ManualScheduler();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, time.micrometerClock());
    private final AlertCapture alerts = new AlertCapture();
    private final RuleEngine engine = RuleEngine.builder()
            .dispatcher(alerts.dispatcher())
            .meterRegistry(registry)
            .clock(time.clock())
            .scheduler(time)
            .interval(INTERVAL)
            .listener(alerts)
            .build();

    @AfterEach
    void close() {
        engine.close();
        alerts.close();
    }

    private AtomicLong depth(String queue) {
        return registry.gauge("queue.depth", Tags.of("queue", queue), new AtomicLong());
    }

    private AlertRule.Builder depthByQueue() {
        return AlertRule.builder("QueueBacklog").signal(RuleSignal.gauge("queue.depth")).groupBy("queue").above(100)
                .summary("queue {{labels.queue}} holds {{value|int}}");
    }

    private List<String> seen() {
        return alerts.seen().stream().map(s -> s.type() + " " + s.alert().labels().get("queue")).toList();
    }

    private RuleStatus status(String key, String value) {
        return engine.statuses().stream().filter(s -> value.equals(s.labels().get(key))).findFirst().orElseThrow();
    }

    @Test
    void aGroupedErrorRatioFiresOnlyForTheFailingUriWithItsLabelAndOwnRate() {
        engine.add(AlertRule.builder("HighErrorRate")
                .signal(RuleSignal.ratio(RuleSignal.rate("calls.failed", Duration.ofMinutes(1)),
                        RuleSignal.rate("calls", Duration.ofMinutes(1))))
                .groupBy("uri").above(0.5).label("service", "orders")
                .summary("{{labels.service}} {{labels.uri}} fails {{value|percent}}")
                .build());
        registry.counter("calls", "uri", "/a").increment(0);
        registry.counter("calls", "uri", "/b").increment(0);
        registry.counter("calls.failed", "uri", "/a").increment(0);
        time.runDue(); // first samples

        registry.counter("calls", "uri", "/a").increment(10);
        registry.counter("calls.failed", "uri", "/a").increment(8);
        registry.counter("calls", "uri", "/b").increment(10); // /b has no failure counter at all: 0 %
        time.advance(Duration.ofMinutes(1));

        List<AlertCapture.Seen> fired = alerts.seen();
        assertThat(fired).singleElement().satisfies(seen -> {
            assertThat(seen.type()).isEqualTo(AlertEvent.Type.FIRED);
            assertThat(seen.alert().labels()).containsExactlyInAnyOrderEntriesOf(Map.of("service", "orders", "uri", "/a"));
            assertThat(seen.alert().summary()).isEqualTo("orders /a fails 80%");
        });
        assertThat(status("uri", "/a").state()).isEqualTo(RuleState.FIRING);
        assertThat(status("uri", "/a").lastValue()).isEqualTo(0.8);
        assertThat(status("uri", "/b").state()).isEqualTo(RuleState.INACTIVE);
        assertThat(status("uri", "/b").lastValue()).isZero();
    }

    @Test
    void eachSeriesPendsFiresAndResolvesOnItsOwn() {
        AtomicLong orders = depth("orders");
        AtomicLong mails = depth("mails");
        engine.add(depthByQueue().pendingFor(Duration.ofMinutes(1)).build());
        time.runDue();

        orders.set(500);
        time.advance(Duration.ofMinutes(1).plusSeconds(30)); // orders pending at 0:30, firing at 1:30
        mails.set(300);
        time.advance(Duration.ofMinutes(1).plusSeconds(30)); // mails pending at 2:00, firing at 3:00
        orders.set(10);
        time.advance(INTERVAL); // orders resolves at 3:30; mails keeps firing

        assertThat(seen()).containsExactly("FIRED orders", "FIRED mails", "RESOLVED orders");
        assertThat(status("queue", "orders").state()).isEqualTo(RuleState.RESOLVED);
        assertThat(status("queue", "mails").state()).isEqualTo(RuleState.FIRING);
        assertThat(alerts.seen().get(0).alert().summary()).isEqualTo("queue orders holds 500");
        assertThat(alerts.seen().get(0).alert().fingerprint())
                .isNotEqualTo(alerts.seen().get(1).alert().fingerprint());
    }

    @Test
    void aSeriesWhoseMetersAreGoneResolvesAndIsForgotten() {
        depth("orders");
        AtomicLong batch = depth("batch");
        engine.add(depthByQueue().build());
        batch.set(1_000);
        time.runDue();
        assertThat(engine.statuses()).hasSize(2);

        registry.remove(registry.get("queue.depth").tag("queue", "batch").gauge());
        time.advance(INTERVAL);

        assertThat(seen()).containsExactly("FIRED batch", "RESOLVED batch"); // no data counts as OK by default
        assertThat(engine.statuses()).singleElement()
                .satisfies(status -> assertThat(status.labels()).containsEntry("queue", "orders"));
    }

    @Test
    void aSeriesThatAppearsLaterIsPickedUp() {
        engine.add(depthByQueue().build());
        time.runDue();
        assertThat(engine.statuses()).isEmpty();

        depth("late").set(200);
        time.advance(INTERVAL);

        assertThat(seen()).containsExactly("FIRED late");
    }

    @Test
    void atMostMaxSeriesAreKept() {
        for (int i = 0; i < AlertRule.MAX_SERIES + 5; i++) {
            depth(String.format("q%03d", i));
        }
        engine.add(depthByQueue().build());
        time.runDue();

        assertThat(engine.statuses()).hasSize(AlertRule.MAX_SERIES);
    }

    @Test
    void removingAGroupedRuleResolvesEveryFiringSeries() {
        depth("orders").set(500);
        depth("mails").set(500);
        depth("idle");
        AlertRule rule = depthByQueue().build();
        engine.add(rule);
        time.runDue();

        assertThat(engine.remove(rule)).isTrue();

        assertThat(seen()).containsExactlyInAnyOrder("FIRED orders", "FIRED mails", "RESOLVED orders", "RESOLVED mails");
        assertThat(engine.statuses()).isEmpty();
    }

    @Test
    void aMeterWithoutTheGroupKeyBelongsToNoSeries() {
        Gauge.builder("queue.depth", () -> 999).register(registry); // no queue tag
        depth("orders").set(5);
        engine.add(depthByQueue().build());
        time.runDue();

        assertThat(engine.statuses()).singleElement()
                .satisfies(status -> assertThat(status.labels()).containsEntry("queue", "orders"));
        assertThat(seen()).isEmpty();
    }

    @Test
    void groupByIsKeptByFromAndShownByToString() {
        AlertRule rule = AlertRule.from(depthByQueue().build()).above(50).build();

        assertThat(rule.groupBy()).containsExactly("queue");
        assertThat(rule.toString()).contains("queue.depth by [queue] above 50");
    }

    @Test
    void groupByNeedsMeterSignalsDistinctValidKeysAndNoClashWithFixedLabels() {
        assertThatThrownBy(() -> AlertRule.builder("X").signal(RuleSignal.supplier("depth", () -> 1)).groupBy("queue")
                .above(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'X' groups by [queue] but its signal (depth) reads no meters; group a gauge, rate, "
                        + "increase, ratio or percentile signal");
        assertThatThrownBy(() -> depthByQueue().label("queue", "orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'QueueBacklog' groups by 'queue', which is also one of its fixed labels; remove the "
                        + "label or the key");
        assertThatThrownBy(() -> AlertRule.builder("X").groupBy())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("groupBy needs at least one tag key");
        assertThatThrownBy(() -> AlertRule.builder("X").groupBy("uri", "uri"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("groupBy key 'uri' is given twice");
        assertThatThrownBy(() -> AlertRule.builder("X").groupBy("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AlertRule.builder("X").groupBy((String) null)).isInstanceOf(NullPointerException.class);
    }
}
