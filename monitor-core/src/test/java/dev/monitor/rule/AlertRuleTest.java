package dev.monitor.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

    private static final RuleSignal SIGNAL = RuleSignal.supplier("queue depth", () -> 1);

    @Test
    void fromCopiesEverySettingSoAStandardRuleCanBeOverridden() {
        AlertRule base = StandardRules.highErrorRate();
        AlertRule stricter = AlertRule.from(base).above(0.02).clearBelow(0.01).label("service", "orders").build();

        assertThat(stricter.name()).isEqualTo("HighErrorRate");
        assertThat(stricter.threshold()).isEqualTo(0.02);
        assertThat(stricter.clearThreshold()).isEqualTo(0.01);
        assertThat(stricter.pendingFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(stricter.severity()).isEqualTo(AlertSeverity.CRITICAL);
        assertThat(stricter.signal()).isSameAs(base.signal());
        assertThat(stricter.summary()).isEqualTo(base.summary());
        assertThat(stricter.labels()).containsEntry("service", "orders");
        assertThat(stricter.alertFingerprint()).isNotEqualTo(base.alertFingerprint());
    }

    @Test
    void signalsDescribeThemselves() {
        assertThat(StandardRules.highErrorRate().signal().description())
                .isEqualTo("rate(http.server.requests.errors[1m]) / rate(http.server.requests[1m])");
        assertThat(RuleSignal.percentile("http.server.requests", 0.95, "uri", "/orders").description())
                .isEqualTo("p95(http.server.requests{uri=/orders})");
        assertThat(RuleSignal.increase("logins.failed", Duration.ofMinutes(90)).description())
                .isEqualTo("increase(logins.failed[1h30m])");
        assertThat(StandardRules.highErrorRate().signal().window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(StandardRules.highErrorRate().toString()).isEqualTo("AlertRule{HighErrorRate, rate(http.server.requests.errors[1m]) "
                + "/ rate(http.server.requests[1m]) above 0.05 (clears at 0.04), for 5m}");
    }

    @Test
    void theBuilderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> AlertRule.builder(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule name must be 1-64 characters of ASCII letters, digits, '.', '_' and '-', starting with a "
                        + "letter or digit, was ' ' (1 characters)");
        assertThatThrownBy(() -> AlertRule.builder("R").above(1).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rule 'R' needs a signal");
        assertThatThrownBy(() -> AlertRule.builder("R").signal(SIGNAL).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'R' needs a threshold: call above(...) or below(...)");
        assertThatThrownBy(() -> AlertRule.builder("R").signal(SIGNAL).above(5).clearBelow(6).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'R' fires above 5, so its clear threshold must not be higher (use clearBelow), was 6");
        assertThatThrownBy(() -> AlertRule.builder("R").signal(SIGNAL).below(5).clearAbove(4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rule 'R' fires below 5, so its clear threshold must not be lower (use clearAbove), was 4");
        assertThatThrownBy(() -> AlertRule.builder("R").above(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threshold must be a finite number, was NaN");
        assertThatThrownBy(() -> AlertRule.builder("R").pendingFor(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pendingFor must be 0 or more, was PT-1S");
        assertThatThrownBy(() -> AlertRule.builder("R").interval(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be at least PT1S, was PT0.01S");
        assertThatThrownBy(() -> AlertRule.builder("R").breaches(4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("required must be between 1 and ofLast (3), was 4");
        assertThatThrownBy(() -> AlertRule.builder("R").breaches(1, 101)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ofLast must be between 1 and 100, was 101");
        assertThatThrownBy(() -> AlertRule.builder("R").label("bad-name", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label name of rule 'R' must be 1-64 characters of ASCII letters, digits and '_', not starting "
                        + "with a digit ([a-zA-Z_][a-zA-Z0-9_]*), was 'bad-name' (8 characters)");
        assertThatThrownBy(() -> AlertRule.builder("R").summary("{{valeu}} is high"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("summary: unknown placeholder {{valeu}}; use one of [clear_threshold, condition, for, "
                        + "keep_firing_for, name, severity, signal, threshold, value] or labels.NAME");
        assertThatThrownBy(() -> AlertRule.builder("R").summary("{{value|pct}}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("summary: unknown filter 'pct' in {{value|pct}}; use one of [int, ms, percent]");
        assertThatThrownBy(() -> AlertRule.builder("R").description("{{value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("description: '{{' at position 0 is never closed with '}}' in \"{{value\"");
        assertThatThrownBy(() -> RuleSignal.rate("x", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window must be greater than 0, was PT0S");
        assertThatThrownBy(() -> RuleSignal.gauge("x", "area")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tags must be key/value pairs, got an odd number (1) for meter 'x'");
        assertThatThrownBy(() -> RuleSignal.percentile("x", 95)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("percentile must be between 0 and 1 exclusive (e.g. 0.95), was 95.0");
        assertThatThrownBy(() -> RuleSignal.supplier(" ", () -> 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("description must not be blank");
    }
}
