package dev.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Duration options are refused past their bound, with a message naming the option, the value and the bound. */
class DurationLimitsTest {

    @Test
    void timeoutsUpToOneHourAreAcceptedAndLongerOnesRefusedNamingOptionValueAndBound() {
        assertThat(DurationLimits.requireTimeout("timeout", Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
        assertThat(DurationLimits.requireTimeout("timeout", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> DurationLimits.requireTimeout("timeout", Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be at most PT1H (1 hour), was " + Duration.ofSeconds(Long.MAX_VALUE));
        assertThatThrownBy(() -> DurationLimits.requireTimeout("timeout", Duration.ofHours(1).plusNanos(1)))
                .hasMessageStartingWith("timeout must be at most PT1H");
        assertThatThrownBy(() -> DurationLimits.requireTimeout("timeout", Duration.ZERO))
                .hasMessage("timeout must be greater than 0, was PT0S");
        assertThatThrownBy(() -> DurationLimits.requireTimeout("timeout", Duration.ofMillis(-1)))
                .hasMessage("timeout must be greater than 0, was PT-0.001S");
        assertThatThrownBy(() -> DurationLimits.requireTimeout("timeout", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("timeout must not be null");
    }

    @Test
    void periodsUpTo366DaysAreAcceptedAndLongerOnesRefused() {
        assertThat(DurationLimits.requirePeriod("cacheTtl", Duration.ofDays(366))).isEqualTo(Duration.ofDays(366));
        assertThatThrownBy(() -> DurationLimits.requirePeriod("cacheTtl", Duration.ofDays(1_000_000)))
                .hasMessage("cacheTtl must be at most PT8784H (366 days), was " + Duration.ofDays(1_000_000));
        assertThatThrownBy(() -> DurationLimits.requirePeriod("cacheTtl", Duration.ZERO))
                .hasMessage("cacheTtl must be greater than 0, was PT0S");
        assertThat(DurationLimits.requirePeriodOrZero("cacheTtl", Duration.ZERO)).isZero();
        assertThatThrownBy(() -> DurationLimits.requirePeriodOrZero("cacheTtl", Duration.ofSeconds(-1)))
                .hasMessage("cacheTtl must be 0 or more, was PT-1S");
    }

    @Test
    void everyAcceptedValueConvertsToNanosecondsWithoutOverflowEvenWhenDoubledAndAddedToNanoTime() {
        Duration largest = DurationLimits.MAX_PERIOD;
        long nanos = largest.toNanos();
        assertThat(Math.addExact(Math.multiplyExact(nanos, 4), System.nanoTime())).isPositive();
    }

    @Test
    void betweenNamesTheBoundItPassed() {
        assertThatThrownBy(() -> DurationLimits.requireBetween("responseTarget", Duration.ofMillis(10), Duration.ofSeconds(1),
                Duration.ofDays(1))).hasMessage("responseTarget must be at least PT1S, was PT0.01S");
        assertThatThrownBy(() -> DurationLimits.requireBetween("responseTarget", Duration.ofDays(2), Duration.ofSeconds(1),
                Duration.ofDays(1))).hasMessage("responseTarget must be at most PT24H, was PT48H");
    }
}
