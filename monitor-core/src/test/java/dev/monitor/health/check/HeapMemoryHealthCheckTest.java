package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import org.junit.jupiter.api.Test;

class HeapMemoryHealthCheckTest {

    @Test
    void reportsTheUsedPercentageOfTheMaximumHeap() {
        HealthResult result = HeapMemoryHealthCheck.builder().warnAtPercent(100).failAtPercent(100).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        long used = (long) result.details().get("heap_used_bytes");
        long max = (long) result.details().get("heap_max_bytes");
        assertThat(used).isPositive().isLessThanOrEqualTo(max);
        assertThat(max).isGreaterThanOrEqualTo(java.lang.management.ManagementFactory.getMemoryMXBean()
                .getHeapMemoryUsage().getCommitted() / 2);
        assertThat(result.observed()).isNotNull();
        assertThat(result.observed().measurement()).isEqualTo("usedPercent");
        assertThat(result.observed().unit()).isEqualTo("percent");
        assertThat(result.observed().value().doubleValue())
                .isCloseTo(used * 100.0 / max, org.assertj.core.api.Assertions.within(0.051));
    }

    @Test
    void warnsAtTheWarningPercentage() {
        HealthResult result = HeapMemoryHealthCheck.builder().warnAtPercent(0).failAtPercent(100).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.error()).startsWith("heap ").endsWith("% used (warn at 0.0 %)");
    }

    @Test
    void failsAtTheFailurePercentage() {
        HealthResult result = HeapMemoryHealthCheck.builder().warnAtPercent(0).failAtPercent(0).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).endsWith("% used (fail at 0.0 %)");
    }

    @Test
    void defaultsWarnAt90AndFailAt98Percent() {
        assertThat(HeapMemoryHealthCheck.DEFAULT_WARN_AT_PERCENT).isEqualTo(90.0);
        assertThat(HeapMemoryHealthCheck.DEFAULT_FAIL_AT_PERCENT).isEqualTo(98.0);
        // A test JVM is far from 90 % of its maximum heap.
        assertThat(new HeapMemoryHealthCheck().check().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void builderRejectsBadPercentagesWithMessagesNamingThem() {
        assertThatThrownBy(() -> HeapMemoryHealthCheck.builder().warnAtPercent(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warnAtPercent must be between 0 and 100, was -1.0");
        assertThatThrownBy(() -> HeapMemoryHealthCheck.builder().failAtPercent(150))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("failAtPercent must be between 0 and 100, was 150.0");
        assertThatThrownBy(() -> HeapMemoryHealthCheck.builder().warnAtPercent(95).failAtPercent(80).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failAtPercent (80.0) must not be less than warnAtPercent (95.0)");
    }
}
