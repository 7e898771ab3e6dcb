package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.monitor.alert.AlertSeverity;
import dev.monitor.health.HealthRegistry;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What a rule of the standard pack may be tuned to, as a plain-Java user meets it. The Spring starter reports these
 * same refusals under its property names ({@code MonitorRulesAutoConfigurationTest}).
 */
class StandardRuleTest {

    @Test
    void aTunedRuleKeepsEveryUnsetValueAndTheHysteresisOfItsStandardRule() {
        AlertRule errorRate = StandardRule.HIGH_ERROR_RATE.tune().threshold(0.02).pendingFor(Duration.ofMinutes(1))
                .severity(AlertSeverity.HIGH).interval(Duration.ofSeconds(10)).label("team", "payments").build();

        assertThat(errorRate.threshold()).isEqualTo(0.02);
        assertThat(errorRate.clearThreshold()).isCloseTo(0.016, offset(1e-12)); // 0.04 / 0.05 of the new threshold
        assertThat(errorRate.pendingFor()).isEqualTo(Duration.ofMinutes(1));
        assertThat(errorRate.severity()).isEqualTo(AlertSeverity.HIGH);
        assertThat(errorRate.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(errorRate.labels()).containsEntry("team", "payments");
        assertThat(errorRate.signal().description()).isEqualTo(StandardRules.highErrorRate().signal().description());
        for (StandardRule rule : StandardRule.values()) {
            AlertRule standard = rule.defaults();
            AlertRule untouched = rule.tune().build();
            assertThat(untouched.name()).as(rule.name()).isEqualTo(standard.name());
            assertThat(untouched.threshold()).as(rule.name()).isEqualTo(standard.threshold());
            assertThat(untouched.clearThreshold()).as(rule.name()).isEqualTo(standard.clearThreshold());
            assertThat(untouched.pendingFor()).as(rule.name()).isEqualTo(standard.pendingFor());
            assertThat(untouched.severity()).as(rule.name()).isEqualTo(standard.severity());
            assertThat(untouched.interval()).as(rule.name()).isNull();
        }
        assertThat(StandardRule.HEAP_USAGE.tune().clearThreshold(0.7).build().clearThreshold()).isEqualTo(0.7);
    }

    @Test
    void aThresholdOutsideTheValuesTheRuleMeasuresIsRefusedNamingTheRange() {
        assertThatThrownBy(() -> StandardRule.HIGH_ERROR_RATE.tune().threshold(5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be a share above 0 and at most 1 (0.05 is 5 %), was 5.0");
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().threshold(0))
                .hasMessage("threshold must be a share above 0 and at most 1 (0.05 is 5 %), was 0.0");
        assertThatThrownBy(() -> StandardRule.HIGH_LATENCY_P95.tune().threshold(0))
                .hasMessage("threshold must be a number of seconds above 0, was 0.0");
        assertThatThrownBy(() -> StandardRule.HIGH_LATENCY_P99.tune().threshold(Double.POSITIVE_INFINITY))
                .hasMessage("threshold must be a number of seconds above 0, was Infinity");
        assertThatThrownBy(() -> StandardRule.SLOW_QUERIES.tune().threshold(-1))
                .hasMessage("threshold must be a count of 0 or more, was -1.0");
        assertThatThrownBy(() -> StandardRule.FAILED_LOGINS.tune().threshold(Double.NaN))
                .hasMessage("threshold must be a count of 0 or more, was NaN");
        assertThat(StandardRule.FAILED_LOGINS.tune().threshold(0).build().threshold()).isZero();
        assertThat(StandardRule.DISK_USAGE.tune().threshold(1).build().threshold()).isEqualTo(1);
    }

    @Test
    void aClearThresholdAboveTheThresholdInEffectIsRefused() {
        assertThatThrownBy(() -> StandardRule.HIGH_LATENCY_P95.tune().clearThreshold(1.5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clearThreshold must not be above the threshold (1.0): the rule fires above the threshold and "
                        + "clears below this value, was 1.5");
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().clearThreshold(-0.1).build())
                .hasMessage("clearThreshold must be 0 or more, was -0.1");
        // the threshold in effect is the tuned one, whatever the order of the calls
        assertThat(StandardRule.HIGH_LATENCY_P95.tune().clearThreshold(1.5).threshold(2).build().clearThreshold())
                .isEqualTo(1.5);
    }

    @Test
    void aRuleReadingARateOverAMinuteIsRefusedALongerIntervalAndEveryIntervalKeepsTheRuleBounds() {
        assertThatThrownBy(() -> StandardRule.HIGH_ERROR_RATE.tune().interval(Duration.ofMinutes(2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval must be at most 1m while HighErrorRate is on: the rule reads a rate over 1m (switch "
                        + "it off or give it a shorter interval), was PT2M");
        assertThatThrownBy(() -> StandardRule.SLOW_QUERIES.tune().interval(Duration.ofMinutes(2)))
                .hasMessageStartingWith("interval must be at most 1m while SlowQueries is on");
        assertThatThrownBy(() -> StandardRule.FAILED_LOGINS.tune().interval(Duration.ofMinutes(2)))
                .hasMessageStartingWith("interval must be at most 1m while FailedLogins is on");
        assertThat(StandardRule.HEAP_USAGE.tune().interval(Duration.ofMinutes(2)).build().interval())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(StandardRule.HIGH_ERROR_RATE.window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(StandardRule.HEAP_USAGE.window()).isNull();
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().interval(Duration.ofMillis(500)))
                .hasMessage("interval must be at least PT1S, was PT0.5S");
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().interval(Duration.ofDays(400)))
                .hasMessage("interval must be at most PT720H, was PT9600H");
    }

    @Test
    void pendingDurationsAreRefusedPastTheirBoundsWithTheMessagesOfEveryRuleBuilder() {
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().pendingFor(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pendingFor must be 0 or more, was PT-1M");
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().pendingFor(Duration.ofDays(400)))
                .hasMessage("pendingFor must be at most PT8784H (366 days), was PT9600H");
        assertThatThrownBy(() -> StandardRule.HEAP_USAGE.tune().pendingFor(Duration.ofDays(31)))
                .hasMessage("pendingFor must be at most PT720H, was PT744H");
    }

    @Test
    void theRulesChecksTakeTheNameTheUserWroteSoAnAdapterReportsTheSameRefusal() {
        assertThatThrownBy(() -> StandardRule.HIGH_ERROR_RATE.requireThreshold("monitor.rules.standard.high-error-rate"
                + ".threshold", 5)).hasMessage("monitor.rules.standard.high-error-rate.threshold must be a share above 0 "
                        + "and at most 1 (0.05 is 5 %), was 5.0");
        assertThatThrownBy(() -> StandardRule.HIGH_ERROR_RATE.requireInterval("monitor.rules.interval",
                Duration.ofMinutes(2), "monitor.rules.standard.high-error-rate"))
                .hasMessageStartingWith("monitor.rules.interval must be at most 1m while "
                        + "monitor.rules.standard.high-error-rate is on");
        assertThatThrownBy(() -> AlertRule.requireInterval("monitor.rules.interval", Duration.ofDays(400)))
                .hasMessage("monitor.rules.interval must be at most PT720H, was PT9600H");
        assertThatThrownBy(() -> AlertRule.requireDuration("monitor.rules.health.startup-grace", Duration.ofDays(400)))
                .hasMessage("monitor.rules.health.startup-grace must be at most PT8784H (366 days), was PT9600H");
        assertThatThrownBy(() -> AlertRule.requireInterval("interval", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("interval");
    }

    @Test
    void theHealthRuleAndTheEngineTakeTheSameBoundsAndNameRule() {
        try (HealthRegistry health = HealthRegistry.builder().build()) {
            assertThatThrownBy(() -> HealthAlertRule.builder(health).startupGrace(Duration.ofDays(400)))
                    .hasMessage("startupGrace must be at most PT8784H (366 days), was PT9600H");
            assertThatThrownBy(() -> HealthAlertRule.builder(health).pendingFor(Duration.ofDays(31)))
                    .hasMessage("pendingFor must be at most PT720H, was PT744H");
            assertThatThrownBy(() -> HealthAlertRule.builder(health).interval(Duration.ofMillis(500)))
                    .hasMessage("interval must be at least PT1S, was PT0.5S");
            assertThatThrownBy(() -> HealthAlertRule.builder(health).name("Health check failing"))
                    .hasMessageStartingWith("rule name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-'");
            assertThatThrownBy(() -> RuleEngine.builder().interval(Duration.ofDays(400)))
                    .hasMessage("interval must be at most PT720H, was PT9600H");
        }
    }

    @Test
    void aCertificateTargetMustBeAnHttpsUrlAndItsRefusalNeverRepeatsTheUrl() {
        assertThat(StandardRules.requireHttpsUrl("url", " https://shop.example.com:8443/ "))
                .isEqualTo(URI.create("https://shop.example.com:8443/"));
        assertThatThrownBy(() -> StandardRules.requireHttpsUrl("url", "http://user:secretpw@shop.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url must be an absolute https URL such as https://shop.example.com (the value is not shown: "
                        + "it may hold credentials)");
        assertThatThrownBy(() -> StandardRules.requireHttpsUrl("url", "https://")).hasMessageStartingWith("url must be");
        assertThatThrownBy(() -> StandardRules.requireHttpsUrl("url", null)).hasMessageStartingWith("url must be");
        assertThatThrownBy(() -> StandardRules.tlsCertificateExpiring(URI.create("http://user:secretpw@shop.example.com")))
                .hasMessageStartingWith("uri must be an absolute https URL").message().doesNotContain("secretpw");
    }

    /** The labels of a pack go on every rule of it, the health rule included, which sets label check itself. */
    @Test
    void aLabelTheStandardPackSetsItselfIsRefusedByEveryRuleOfThePack() {
        assertThat(StandardRules.RESERVED_LABELS).containsExactly("check");
        assertThatThrownBy(() -> StandardRule.HIGH_ERROR_RATE.tune().label("check", "database"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label name is reserved: the rules of the standard pack set label 'check' themselves");
        assertThat(StandardRule.HIGH_ERROR_RATE.tune().label("team", "payments").build().labels())
                .containsEntry("team", "payments");
        assertThatThrownBy(() -> StandardRules.requirePackLabel("monitor.rules.labels.check", "check"))
                .hasMessage("monitor.rules.labels.check is reserved: the rules of the standard pack set label 'check' "
                        + "themselves (the health rule to the failing check's name); choose another label name");
        assertThatThrownBy(() -> StandardRules.requirePackLabel("monitor.rules.labels", "team-name"))
                .hasMessageStartingWith("monitor.rules.labels must be 1-64 characters of ASCII letters, digits and '_'");
        assertThat(StandardRules.requirePackLabel("monitor.rules.labels.team", "team")).isEqualTo("team");
        try (HealthRegistry health = HealthRegistry.builder().build()) {
            assertThatThrownBy(() -> HealthAlertRule.from(StandardRules.healthCheckDown(health)).label("check", "x"))
                    .hasMessage("label 'check' is set by the rule to the check's name");
        }
    }
}
