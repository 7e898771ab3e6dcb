package dev.monitor.alert.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.alert.AlertSeverity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Policies: the guide's response-time targets by default, ordered levels, repeats, and checked settings. */
class EscalationPolicyTest {

    @Test
    void theDefaultPoliciesUseTheResponseTimeTargetsOfTheGuide() {
        EscalationConfig defaults = EscalationConfig.defaults();
        assertThat(defaults.policy(AlertSeverity.CRITICAL).responseTarget()).isEqualTo(Duration.ofMinutes(15));
        assertThat(defaults.policy(AlertSeverity.HIGH).responseTarget()).isEqualTo(Duration.ofHours(1));
        assertThat(defaults.policy(AlertSeverity.MEDIUM).responseTarget()).isEqualTo(Duration.ofHours(4));
        assertThat(defaults.policy(AlertSeverity.LOW).responseTarget()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.policy(AlertSeverity.INFO).responseTarget()).isNull();

        EscalationPolicy critical = defaults.policy(AlertSeverity.CRITICAL);
        assertThat(critical.name()).isEqualTo("critical-default");
        assertThat(critical.levels()).containsExactly(
                new EscalationLevel(Duration.ZERO, List.of(EscalationTarget.route())),
                new EscalationLevel(Duration.ofMinutes(15), List.of(EscalationTarget.route())));
        assertThat(critical.repeatInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(critical.maxRepeats()).isEqualTo(Integer.MAX_VALUE);

        EscalationPolicy info = defaults.policy(AlertSeverity.INFO);
        assertThat(info.levels()).hasSize(1);
        assertThat(info.repeatInterval()).as("INFO is for the record: never repeated").isNull();
    }

    @Test
    void aPolicyRepeatsItsLastLevelAtItsDelayUnlessToldOtherwise() {
        EscalationPolicy policy = EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofMinutes(10), EscalationTarget.channel("sms")).build();
        assertThat(policy.repeatInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.responseTarget()).isEqualTo(Duration.ofMinutes(10));
        assertThat(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route()).build().repeatInterval())
                .as("a single immediate level").isNull();
        EscalationPolicy custom = EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofMinutes(10), EscalationTarget.channel("sms")).repeatLastLevel(Duration.ofHours(1)).maxRepeats(3)
                .responseTarget(Duration.ofMinutes(5)).build();
        assertThat(custom.repeatInterval()).isEqualTo(Duration.ofHours(1));
        assertThat(custom.maxRepeats()).isEqualTo(3);
        assertThat(custom.responseTarget()).isEqualTo(Duration.ofMinutes(5));
        assertThat(EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route())
                .level(Duration.ofMinutes(10), EscalationTarget.channel("sms")).noRepeat().build().repeatInterval()).isNull();
    }

    @Test
    void badSettingsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> EscalationPolicy.builder("p").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("policy 'p' has no level");
        assertThatThrownBy(() -> EscalationPolicy.builder("p").level(Duration.ofMinutes(-1), EscalationTarget.route()))
                .hasMessage("escalation level delay must be 0 or more, was PT-1M");
        assertThatThrownBy(() -> EscalationPolicy.builder("p").level(Duration.ZERO))
                .hasMessageStartingWith("an escalation level needs at least one target");
        assertThatThrownBy(() -> EscalationPolicy.builder("p").level(Duration.ZERO, EscalationTarget.route(), EscalationTarget.route()))
                .hasMessageStartingWith("an escalation level names a target twice");
        assertThatThrownBy(() -> EscalationPolicy.builder("p").repeatLastLevel(Duration.ofSeconds(30)))
                .hasMessage("repeatLastLevel interval must be at least PT1M, was PT30S");
        assertThatThrownBy(() -> EscalationPolicy.builder("p").maxRepeats(0)).hasMessageStartingWith("maxRepeats must be at least 1, was 0");
        assertThatThrownBy(() -> EscalationTarget.channel("a:b")).hasMessageStartingWith("channel name must be 1-64 characters");
        assertThatThrownBy(() -> EscalationTarget.onCall("no such", "sms")).hasMessageStartingWith("schedule must be 1-64 characters");
        EscalationPolicy.Builder full = EscalationPolicy.builder("p");
        for (int i = 0; i < EscalationPolicy.MAX_LEVELS; i++) {
            full.level(Duration.ofMinutes(1), EscalationTarget.route());
        }
        assertThatThrownBy(() -> full.level(Duration.ZERO, EscalationTarget.route())).hasMessage("a policy has at most 20 levels");
        assertThatThrownBy(() -> EscalationConfig.builder().schedule(OnCallSchedule.builder("a").zone(java.time.ZoneId.of("UTC"))
                .daily(java.time.LocalTime.NOON).startingOn(java.time.LocalDate.of(2026, 1, 1)).responders("x").build())
                .schedule(OnCallSchedule.builder("a").zone(java.time.ZoneId.of("UTC")).daily(java.time.LocalTime.NOON)
                        .startingOn(java.time.LocalDate.of(2026, 1, 1)).responders("y").build()))
                .hasMessage("a schedule named 'a' is already added");
    }
}
