package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckOptionsTest {

    @Test
    void defaultsAreCriticalReadyOnRequestWithOneSecondTimeoutAndCache() {
        CheckOptions options = CheckOptions.defaults();
        assertThat(options.critical()).isTrue();
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.cacheTtl()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.groups()).containsExactly(HealthGroup.READY);
        assertThat(options.mode()).isEqualTo(RefreshMode.ON_REQUEST);
        assertThat(options.failureThreshold()).isEqualTo(1);
        assertThat(options.successThreshold()).isEqualTo(1);
        assertThat(options.initialStatus()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void invalidSettingsAreRejectedWithTheSettingAndValueNamed() {
        assertThatThrownBy(() -> CheckOptions.builder().timeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be greater than 0, was PT0S");
        assertThatThrownBy(() -> CheckOptions.builder().failureThreshold(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("failureThreshold must be at least 1, was 0");
        assertThatThrownBy(() -> CheckOptions.builder().cacheTtl(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("cacheTtl must be 0 or more, was PT-1S");
        assertThatThrownBy(() -> CheckOptions.builder().groups(new HealthGroup[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("groups must name at least one group");
        assertThatThrownBy(() -> CheckOptions.builder().groups("Ready Group"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'Ready Group'");
        assertThatThrownBy(() -> CheckOptions.builder().background(Duration.ofSeconds(10)).staleAfter(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("staleAfter must be greater than refreshInterval (PT10S), was PT5S");
    }

    @Test
    void fromCopiesEverySetting() {
        CheckOptions base = CheckOptions.builder().critical(false).timeout(Duration.ofSeconds(3)).groups("live")
                .background(Duration.ofSeconds(30)).failureThreshold(3).successThreshold(2)
                .initialStatus(CheckStatus.WARN).build();
        CheckOptions copy = CheckOptions.from(base).build();
        assertThat(copy).hasToString(base.toString());
        assertThat(copy.staleAfter()).isEqualTo(Duration.ofSeconds(93));
    }
}
