package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupFreshnessHealthCheckTest {

    private static final Instant NOW = Instant.parse("2026-02-08T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path backups;

    @Test
    void passesAndDescribesTheNewestMatchingFile() throws IOException {
        file("orders-2026-02-06.sql.gz", 5_000, Duration.ofHours(50));
        file("orders-2026-02-07.sql.gz", 4_000, Duration.ofHours(26));
        file("orders-2026-02-08.sql.gz", 3_000, Duration.ofHours(2));

        HealthResult result = check(Duration.ofHours(25)).glob("orders-*.sql.gz").minSizeBytes(1_000).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.error()).isNull();
        assertThat(result.details())
                .containsEntry("newest_file", "orders-2026-02-08.sql.gz")
                .containsEntry("age_seconds", 7_200L)
                .containsEntry("size_bytes", 3_000L)
                .containsEntry("matching_files", 3);
        assertThat(result.observed().measurement()).isEqualTo("age");
        assertThat(result.observed().value()).isEqualTo(7_200L);
        assertThat(result.observed().unit()).isEqualTo("s");
    }

    @Test
    void failsWhenTheNewestBackupIsOlderThanTheMaximumAge() throws IOException {
        file("orders-1.sql.gz", 5_000, Duration.ofHours(30).plusMinutes(15));

        HealthResult result = check(Duration.ofHours(25)).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("newest backup is 30h15m old (max 25h)");
        assertThat(result.details()).containsEntry("newest_file", "orders-1.sql.gz");
    }

    @Test
    void failsWhenTheNewestBackupIsSmallerThanTheMinimumEvenIfAnOlderOneIsLarger() throws IOException {
        file("orders-1.sql.gz", 9_000, Duration.ofHours(20));
        file("orders-2.sql.gz", 12, Duration.ofHours(1)); // a truncated dump

        HealthResult result = check(Duration.ofHours(25)).minSizeBytes(1_000).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("newest backup has 12 bytes (min 1000)");
        assertThat(result.details()).containsEntry("newest_file", "orders-2.sql.gz").containsEntry("size_bytes", 12L);
    }

    @Test
    void ignoresNewerFilesThatDoNotMatchTheGlob() throws IOException {
        file("orders-1.sql.gz", 5_000, Duration.ofHours(30));
        file("orders-2.sql.gz.partial", 5_000, Duration.ofMinutes(5));
        Files.createDirectory(backups.resolve("orders-3.sql.gz")); // a directory, not a backup

        HealthResult result = check(Duration.ofHours(25)).glob("*.sql.gz").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.details()).containsEntry("newest_file", "orders-1.sql.gz").containsEntry("matching_files", 1);
    }

    @Test
    void failsWhenNoFileMatches() throws IOException {
        file("readme.txt", 10, Duration.ofMinutes(1));

        HealthResult result = check(Duration.ofHours(25)).glob("*.dump").build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("no backup file matching '*.dump' found");
        assertThat(result.details()).isEmpty();
    }

    @Test
    void failsWithoutNamingThePathWhenTheDirectoryIsMissing() {
        Path missing = backups.resolve("not-mounted");

        HealthResult result = new BackupFreshnessHealthCheck(missing, Duration.ofHours(25)).check();

        assertThat(result.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(result.error()).isEqualTo("backup directory does not exist or is not a directory")
                .doesNotContain(backups.toString());
    }

    @Test
    void looksIntoSubdirectoriesOnlyWhenAsked() throws IOException {
        file("old.tar", 100, Duration.ofDays(3));
        Path daily = Files.createDirectory(backups.resolve("daily"));
        Path fresh = daily.resolve("fresh.tar");
        Files.write(fresh, new byte[100]);
        Files.setLastModifiedTime(fresh, FileTime.from(NOW.minus(Duration.ofHours(1))));

        HealthResult shallow = check(Duration.ofHours(25)).build().check();
        HealthResult deep = check(Duration.ofHours(25)).maxDepth(2).build().check();

        assertThat(shallow.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(shallow.details()).containsEntry("newest_file", "old.tar");
        assertThat(deep.status()).isEqualTo(CheckStatus.PASS);
        assertThat(deep.details()).containsEntry("newest_file", "fresh.tar");
    }

    @Test
    void neverReportsTheDirectoryPath() throws IOException {
        file("orders-1.sql.gz", 5_000, Duration.ofHours(30));

        HealthResult result = check(Duration.ofHours(25)).build().check();

        assertThat(result.toString()).doesNotContain(backups.toString());
    }

    @Test
    void treatsAModificationTimeInTheFutureAsAgeZero() throws IOException {
        file("orders-1.sql.gz", 5_000, Duration.ofHours(-2));

        HealthResult result = check(Duration.ofHours(25)).build().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.details()).containsEntry("age_seconds", 0L);
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.builder(backups, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be greater than 0, was PT0S");
        assertThatThrownBy(() -> check(Duration.ofHours(1)).glob("orders-[0-9.gz"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("glob 'orders-[0-9.gz' is not a valid glob: ");
        assertThatThrownBy(() -> check(Duration.ofHours(1)).glob(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("glob must not be empty");
        assertThatThrownBy(() -> check(Duration.ofHours(1)).glob("  "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("glob must not be empty or blank");
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.builder(Path.of(""), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("directory must name the backup directory, was ''");
        assertThatThrownBy(() -> check(Duration.ofHours(1)).minSizeBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minSizeBytes must be at least 0, was -1");
        assertThatThrownBy(() -> check(Duration.ofHours(1)).maxDepth(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxDepth must be between 1 and 32, was 0");
    }

    private BackupFreshnessHealthCheck.Builder check(Duration maxAge) {
        return BackupFreshnessHealthCheck.builder(backups, maxAge).clock(CLOCK);
    }

    private void file(String name, int size, Duration age) throws IOException {
        Path file = backups.resolve(name);
        Files.write(file, new byte[size]);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
    }

    /** The checks an adapter runs on configured text, naming the option as the user wrote it. */
    @Test
    void configuredDirectoryAndGlobAreCheckedUnderTheOptionsName() {
        assertThat(BackupFreshnessHealthCheck.requireDirectory("backups[0].directory", " /var/backups "))
                .isEqualTo(Path.of("/var/backups"));
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.requireDirectory("backups[0].directory", " "))
                .hasMessage("backups[0].directory must name the backup directory, was ' '");
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.requireDirectory("backups[0].directory", null))
                .hasMessage("backups[0].directory must name the backup directory, was null");
        assertThat(BackupFreshnessHealthCheck.requireGlob("backups[0].glob", "orders-*.sql.gz")).isEqualTo("orders-*.sql.gz");
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.requireGlob("backups[0].glob", " "))
                .hasMessage("backups[0].glob must not be empty or blank: use a file name pattern such as *.sql.gz "
                        + "(\"*\" for every file), was ' '");
        assertThatThrownBy(() -> BackupFreshnessHealthCheck.requireGlob("backups[0].glob", "orders-[0-9.gz"))
                .hasMessageStartingWith("backups[0].glob 'orders-[0-9.gz' is not a valid glob: ");
    }
}
