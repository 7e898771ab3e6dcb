package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSpaceHealthCheckTest {

    @TempDir
    Path directory;

    @Test
    void passesAndReportsFreeBytesWhenAboveEveryThreshold() throws Exception {
        FileStore store = Files.getFileStore(directory);

        HealthResult result = DiskSpaceHealthCheck.builder(directory).warnBelowBytes(1).failBelowBytes(0).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.observed()).isNotNull();
        assertThat(result.observed().measurement()).isEqualTo("freeBytes");
        assertThat(result.observed().unit()).isEqualTo("bytes");
        assertThat(result.observed().value().longValue()).isPositive();
        assertThat(result.details()).containsEntry("total_bytes", store.getTotalSpace())
                .containsKeys("free_bytes", "free_percent");
        assertThat(((Number) result.details().get("free_percent")).doubleValue()).isBetween(0.0, 100.0);
    }

    @Test
    void warnsWhenFreeBytesAreBelowTheWarningThreshold() {
        HealthResult result = DiskSpaceHealthCheck.builder(directory)
                .warnBelowBytes(Long.MAX_VALUE).failBelowBytes(0).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.WARN);
        assertThat(result.error()).startsWith("disk space running low: ").endsWith("(warn below " + Long.MAX_VALUE + " bytes)");
    }

    @Test
    void failsWhenFreeBytesAreBelowTheFailureThreshold() {
        HealthResult result = DiskSpaceHealthCheck.builder(directory)
                .warnBelowBytes(Long.MAX_VALUE).failBelowBytes(Long.MAX_VALUE).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).startsWith("low disk space: ");
    }

    @Test
    void failsWhenTheFreePercentageIsBelowTheFailureThreshold() throws Exception {
        FileStore store = Files.getFileStore(directory);
        double freePercent = store.getUsableSpace() * 100.0 / store.getTotalSpace();
        // A real file system never has 100 % usable (metadata, reserved blocks); say so if this one does.
        assertThat(freePercent).as("free percentage of the temp file system").isLessThan(100.0);

        HealthResult result = DiskSpaceHealthCheck.builder(directory).failBelowPercent(100).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).endsWith("(fail below 100.0 %)");
    }

    @Test
    void theWorstThresholdWinsWhenBytesAndPercentAreCombined() {
        HealthResult result = DiskSpaceHealthCheck.builder(directory)
                .warnBelowPercent(100).failBelowPercent(0)   // warns
                .warnBelowBytes(Long.MAX_VALUE).failBelowBytes(Long.MAX_VALUE) // fails
                .build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).contains("fail below " + Long.MAX_VALUE + " bytes or 0.0 %");
    }

    @Test
    void failsWithoutNamingThePathWhenItDoesNotExist() {
        Path missing = directory.resolve("no-such-mount");

        HealthResult result = new DiskSpaceHealthCheck(missing).check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("the checked path does not exist");
    }

    @Test
    void neverPutsThePathIntoTheResult() {
        for (HealthResult result : new HealthResult[] {
            new DiskSpaceHealthCheck(directory).check(),
            DiskSpaceHealthCheck.builder(directory).failBelowBytes(Long.MAX_VALUE).build().check()}) {
            assertThat(String.valueOf(result.error())).doesNotContain(directory.toString());
            assertThat(result.details().values()).allSatisfy(value -> assertThat(value).isNotInstanceOf(String.class));
        }
    }

    @Test
    void builderRejectsBadThresholdsWithMessagesNamingThem() {
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(directory).warnBelowBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("warnBelowBytes must be at least 0, was -1");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(directory).failBelowPercent(101))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failBelowPercent must be between 0 and 100, was 101.0");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(directory).warnBelowPercent(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("warnBelowPercent");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(directory).warnBelowBytes(10).failBelowBytes(20).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failBelowBytes (20) must not be greater than warnBelowBytes (10)");
        assertThatThrownBy(() -> DiskSpaceHealthCheck.builder(directory).warnBelowPercent(5).failBelowPercent(10).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failBelowPercent (10.0) must not be greater than warnBelowPercent (5.0)");
        assertThatThrownBy(() -> new DiskSpaceHealthCheck(null))
                .isInstanceOf(NullPointerException.class).hasMessage("path");
    }
}
