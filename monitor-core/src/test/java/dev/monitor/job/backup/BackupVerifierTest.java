package dev.monitor.job.backup;

import static dev.monitor.job.backup.H2Backups.backup;
import static dev.monitor.job.backup.H2Backups.cutInHalf;
import static dev.monitor.job.backup.H2Backups.restoreIntoScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.monitor.job.backup.BackupCheck.Kind;
import dev.monitor.job.backup.BackupCheck.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup verification against real H2 backups written with {@code SCRIPT TO} and restored with {@code RUNSCRIPT FROM}. */
class BackupVerifierTest {

    private static final Instant NOW = Instant.parse("2026-02-08T03:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path backups;

    private final CountDownLatch releaseHungProbes = new CountDownLatch(1);

    @AfterEach
    void releaseProbes() {
        releaseHungProbes.countDown();
    }

    @Test
    void verifiesAGoodGzipBackupByRestoringItIntoAScratchDatabaseAndCountingRows() throws Exception {
        backup(backups.resolve("orders-2026-02-07.sql.gz"), "GZIP", 200, NOW.minus(Duration.ofHours(25)));
        backup(backups.resolve("orders-2026-02-08.sql.gz"), "GZIP", 210, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(BackupCheck::kind).containsExactly(Kind.values());
        assertThat(report.check(Kind.FIND).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(Kind.AGE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(Kind.SIZE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(Kind.INTEGRITY).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(Kind.INTEGRITY).message()).startsWith("gzip read to the end: ");
        assertThat(report.check(Kind.CHECKSUM).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.check(Kind.RESTORE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.restoreFigures()).containsExactly(Map.entry("orders", 210L), Map.entry("customers", 21L));
        assertThat(report.job()).isEqualTo("orders-backup");
        assertThat(report.verifiedAt()).isEqualTo(NOW);
        assertThat(report.file()).isEqualTo("orders-2026-02-08.sql.gz");
        assertThat(report.previousFile()).isEqualTo("orders-2026-02-07.sql.gz");
        assertThat(report.sizeBytes()).isEqualTo(Files.size(backups.resolve("orders-2026-02-08.sql.gz")));
        assertThat(report.previousSizeBytes()).isEqualTo(Files.size(backups.resolve("orders-2026-02-07.sql.gz")));
        assertThat(report.age()).isEqualTo(Duration.ofHours(1));
        assertThat(report.shrinkPercent()).isNotNull().isNegative(); // it grew
        assertThat(report.figures())
                .containsEntry("file", "orders-2026-02-08.sql.gz")
                .containsEntry("age_seconds", "3600")
                .containsEntry("restored_orders", "210")
                .containsEntry("restored_customers", "21")
                .containsKeys("size_bytes", "previous_file", "previous_size_bytes", "shrink_percent");
    }

    @Test
    void verifiesAZipBackupEntryByEntryAndRestoresIt() throws Exception {
        backup(backups.resolve("orders.zip"), "ZIP", 120, NOW.minus(Duration.ofHours(2)));

        BackupReport report = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.check(Kind.INTEGRITY).message()).startsWith("zip read to the end: 1 entries, ");
        assertThat(report.restoreFigures()).containsEntry("orders", 120L).containsEntry("customers", 12L);
    }

    @Test
    void aTruncatedGzipBackupFailsItsIntegrityCheckAndIsNotRestored() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 500, NOW.minus(Duration.ofHours(1)));
        cutInHalf(newest);

        BackupReport report = verifier().maxShrinkPercent(100).restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.INTEGRITY);
        assertThat(report.check(Kind.INTEGRITY).message())
                .isEqualTo("gzip backup does not read to the end: gzip data ends early (truncated file?)");
        assertThat(report.check(Kind.RESTORE).outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(report.restoreFigures()).isEmpty();
    }

    @Test
    void aTruncatedZipBackupFailsItsIntegrityCheck() throws Exception {
        Path newest = backup(backups.resolve("orders.zip"), "ZIP", 500, NOW.minus(Duration.ofHours(1)));
        cutInHalf(newest);

        BackupReport report = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.INTEGRITY);
        assertThat(report.check(Kind.INTEGRITY).message()).startsWith("zip backup does not read to the end: ")
                .doesNotContain(backups.toString());
        assertThat(report.check(Kind.RESTORE).outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aGzipBackupWithACorruptedByteFailsOnItsCrc() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 500, NOW.minus(Duration.ofHours(1)));
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 6] ^= 0x5A; // inside the CRC-32 of the trailer: the data inflates, the check does not hold
        Files.write(newest, bytes);
        Files.setLastModifiedTime(newest, FileTime.from(NOW.minus(Duration.ofHours(1))));

        BackupReport report = verifier().build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.INTEGRITY);
        assertThat(report.check(Kind.INTEGRITY).message()).contains("ZipException");
    }

    @Test
    void aBackupMuchSmallerThanThePreviousOneFailsItsSizeCheck() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 2_000, NOW.minus(Duration.ofHours(25)));
        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 20, NOW.minus(Duration.ofHours(1)));
        long previous = Files.size(backups.resolve("orders-1.sql.gz"));
        long newest = Files.size(backups.resolve("orders-2.sql.gz"));

        BackupReport report = verifier().maxShrinkPercent(30).restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.SIZE);
        double shrink = (previous - newest) * 100.0 / previous;
        assertThat(report.shrinkPercent()).isEqualTo(shrink);
        assertThat(report.check(Kind.SIZE).message()).isEqualTo(String.format(Locale.ROOT,
                "newest backup is %.1f%% smaller than the previous one (%d -> %d bytes, max 30.0%%)", shrink, previous, newest));
        assertThat(report.check(Kind.RESTORE).outcome()).as("a small backup that restores is still restored")
                .isEqualTo(Outcome.PASSED);
        assertThat(report.restoreFigures()).containsEntry("orders", 20L);
    }

    @Test
    void aShrinkWithinTheLimitPasses() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 2_000, NOW.minus(Duration.ofHours(25)));
        backup(backups.resolve("orders-2.sql.gz"), "GZIP", 20, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().maxShrinkPercent(100).build().verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.shrinkPercent()).isGreaterThan(50.0);
    }

    @Test
    void aFirstBackupWithNoPredecessorPassesItsSizeCheckOnItsMinimumSize() throws Exception {
        backup(backups.resolve("orders-1.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().maxShrinkPercent(0).build().verify();

        assertThat(report.check(Kind.SIZE).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.check(Kind.SIZE).message()).endsWith("first backup, no previous one to compare with");
        assertThat(report.previousFile()).isNull();
        assertThat(report.previousSizeBytes()).isNull();
        assertThat(report.shrinkPercent()).isNull();
    }

    @Test
    void anEmptyBackupFailsItsSizeCheckEvenAsTheFirstOne() throws IOException {
        Path empty = Files.createFile(backups.resolve("orders.sql"));
        Files.setLastModifiedTime(empty, FileTime.from(NOW.minus(Duration.ofHours(1))));

        BackupReport report = verifier().build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.SIZE);
        assertThat(report.check(Kind.SIZE).message()).isEqualTo("newest backup has 0 bytes (min 1)");
        assertThat(report.check(Kind.INTEGRITY).outcome()).as("plain file").isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aStaleBackupFailsItsAgeCheckByTheVerifiersClock() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW);
        Files.setLastModifiedTime(newest, FileTime.from(NOW.minus(Duration.ofHours(30).plusMinutes(15))));

        BackupReport report = verifier().maxAge(Duration.ofHours(26)).restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.AGE);
        assertThat(report.check(Kind.AGE).message()).isEqualTo("newest backup is 30h15m old (max 26h)");
        assertThat(report.age()).isEqualTo(Duration.ofHours(30).plusMinutes(15));
        assertThat(report.check(Kind.RESTORE).outcome()).as("an old backup that restores is still restored")
                .isEqualTo(Outcome.PASSED);

        BackupReport tomorrow = verifier().clock(Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC)).maxAge(Duration.ofDays(3))
                .build().verify();
        assertThat(tomorrow.ok()).isTrue();
        assertThat(tomorrow.age()).isEqualTo(Duration.ofHours(54).plusMinutes(15));
    }

    @Test
    void aRestoreProbeThatThrowsFailsTheRestoreCheckWithAScrubbedMessageAndNoPath() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        RestoreProbe failing = backup -> {
            throw new IllegalStateException("restore of " + backup + " by jane.doe@example.com failed, password=hunter2");
        };

        BackupReport report = verifier().restoreProbe(failing).build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.RESTORE);
        String message = report.check(Kind.RESTORE).message();
        assertThat(message).startsWith("restore failed: IllegalStateException: restore of orders.sql.gz by ")
                .doesNotContain("jane.doe@example.com").doesNotContain("hunter2")
                .doesNotContain(newest.toString()).doesNotContain(backups.toString());
        assertThat(report.restoreFigures()).isEmpty();
        assertThat(report.toString()).doesNotContain(backups.toString());
    }

    @Test
    void aBackupWhoseScriptDoesNotRunFailsTheRealRestoreProbe() throws Exception {
        Path broken = backups.resolve("orders.sql.gz");
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(broken))) {
            out.write("CREATE TABLE orders (id INT PRIMARY KEY);\nINSERT INTO orders VALUES (1), (1);\n"
                    .getBytes(StandardCharsets.UTF_8)); // well-formed gzip, but the script breaks its own key
        }
        Files.setLastModifiedTime(broken, FileTime.from(NOW.minus(Duration.ofHours(1))));

        BackupReport report = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.check(Kind.INTEGRITY).outcome()).isEqualTo(Outcome.PASSED);
        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.RESTORE);
        assertThat(report.check(Kind.RESTORE).message()).startsWith("restore failed: ")
                .doesNotContain(backups.toString()).hasSizeLessThanOrEqualTo(BackupVerifier.MAX_MESSAGE_LENGTH);
    }

    @Test
    void aRestoreProbeThatHangsFailsAtTheRestoreTimeoutAndIsNotStartedAgainWhileItHangs() throws Exception {
        backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        CountDownLatch started = new CountDownLatch(1);
        RestoreProbe hanging = backup -> {
            started.countDown();
            while (true) { // ignores interrupts, as a stuck JDBC driver might
                try {
                    releaseHungProbes.await();
                    return Map.of();
                } catch (InterruptedException e) {
                    // keeps hanging
                }
            }
        };
        BackupVerifier verifier = verifier().restoreProbe(hanging).restoreTimeout(Duration.ofMillis(200)).build();

        BackupReport first = verifier.verify();

        assertThat(first.failures()).extracting(BackupCheck::kind).containsExactly(Kind.RESTORE);
        assertThat(first.check(Kind.RESTORE).message())
                .isEqualTo("restore failed: the restore probe did not finish within 200ms and was interrupted");
        // on a busy machine the timeout can pass before the probe's thread ran it at all (then it is cancelled
        // unstarted): verify until one probe has really started and hangs
        long guard = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (started.getCount() > 0 && System.nanoTime() - guard < 0) {
            verifier.verify();
        }
        assertThat(started.getCount()).as("a probe started within the hang guard").isZero();

        BackupReport whileHanging = verifier.verify();

        assertThat(whileHanging.check(Kind.RESTORE).message())
                .startsWith("restore failed: the previous restore probe is still running");
    }

    @Test
    void aVerificationRightAfterAnotherRunsItsOwnRestoreProbe() throws IOException {
        Path dump = backups.resolve("orders.sql");
        Files.writeString(dump, "CREATE TABLE orders (id INT);\n");
        Files.setLastModifiedTime(dump, FileTime.from(NOW.minus(Duration.ofHours(1))));
        AtomicLong restores = new AtomicLong();
        BackupVerifier verifier = verifier().restoreProbe(backup -> Map.of("restores", restores.incrementAndGet())).build();

        for (int i = 1; i <= 50; i++) { // the probe's thread may still be ending when the next verification starts
            BackupReport report = verifier.verify();
            assertThat(report.ok()).as("verification %d: %s", i, report).isTrue();
            assertThat(report.restoreFigures()).as("verification %d", i).containsEntry("restores", (long) i);
        }
    }

    @Test
    void aMatchingChecksumFilePassesAndAMismatchFails() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        Path checksum = backups.resolve("orders.sql.gz.sha256");
        Files.writeString(checksum, sha256(newest) + "  orders.sql.gz\n");
        Files.setLastModifiedTime(checksum, FileTime.from(NOW)); // newer than the backup, and never taken for one

        BackupReport matching = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(matching.ok()).as("%s", matching).isTrue();
        assertThat(matching.file()).isEqualTo("orders.sql.gz");
        assertThat(matching.check(Kind.CHECKSUM).message()).isEqualTo("SHA-256 matches orders.sql.gz.sha256");

        Files.writeString(checksum, "0".repeat(64) + " *orders.sql.gz\n");
        BackupReport mismatch = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(mismatch.failures()).extracting(BackupCheck::kind).containsExactly(Kind.CHECKSUM);
        assertThat(mismatch.check(Kind.CHECKSUM).message()).isEqualTo("SHA-256 of the backup does not match orders.sql.gz.sha256");
        assertThat(mismatch.check(Kind.RESTORE).outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aChecksumOfATruncatedFileIsTakenOverTheWholeFile() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 500, NOW.minus(Duration.ofHours(1)));
        cutInHalf(newest);
        Files.writeString(backups.resolve("orders.sql.gz.sha256"), sha256(newest) + "  /var/backups/orders.sql.gz\n");

        BackupReport report = verifier().maxShrinkPercent(100).build().verify();

        assertThat(report.check(Kind.INTEGRITY).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.check(Kind.CHECKSUM).outcome()).as("the checksum was written after the damage").isEqualTo(Outcome.PASSED);
    }

    @Test
    void aChecksumFileNamingAnotherFileOrInAnotherFormatFails() throws Exception {
        Path newest = backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));
        Path checksum = backups.resolve("orders.sql.gz.sha256");

        Files.writeString(checksum, sha256(newest) + "  customers.sql.gz\n");
        assertThat(verifier().build().verify().check(Kind.CHECKSUM).message())
                .isEqualTo("orders.sql.gz.sha256: the checksum file names another file, not the backup it sits beside");

        Files.writeString(checksum, "SHA256 (orders.sql.gz) = " + sha256(newest) + "\n");
        assertThat(verifier().build().verify().check(Kind.CHECKSUM).message())
                .startsWith("orders.sql.gz.sha256: the checksum file is not in sha256sum format");
    }

    @Test
    void aMissingChecksumFileFailsOnlyWhenRequired() throws Exception {
        backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));

        assertThat(verifier().build().verify().check(Kind.CHECKSUM).outcome()).isEqualTo(Outcome.SKIPPED);
        BackupReport required = verifier().requireChecksum(true).build().verify();
        assertThat(required.failures()).extracting(BackupCheck::kind).containsExactly(Kind.CHECKSUM);
        assertThat(required.check(Kind.CHECKSUM).message()).isEqualTo("no checksum file orders.sql.gz.sha256 beside the backup");
    }

    @Test
    void aMissingBackupOrDirectoryFailsTheFindCheckAndSkipsTheRest() throws IOException {
        Files.writeString(backups.resolve("readme.txt"), "not a backup");

        BackupReport none = verifier().glob("*.sql.gz").build().verify();
        BackupReport missingDirectory = BackupVerifier.builder("orders-backup", backups.resolve("not-mounted")).clock(CLOCK)
                .build().verify();

        assertThat(none.failures()).extracting(BackupCheck::kind).containsExactly(Kind.FIND);
        assertThat(none.check(Kind.FIND).message()).isEqualTo("no backup file matching '*.sql.gz' found");
        assertThat(none.checks()).filteredOn(check -> check.kind() != Kind.FIND).extracting(BackupCheck::outcome)
                .containsOnly(Outcome.SKIPPED);
        assertThat(none.file()).isNull();
        assertThat(none.figures()).isEmpty();
        assertThat(missingDirectory.check(Kind.FIND).message()).isEqualTo("backup directory does not exist or is not a directory");
        assertThat(missingDirectory.toString()).doesNotContain(backups.toString());
    }

    @Test
    void fileNamesWithPersonalDataAreScrubbedInTheReport() throws Exception {
        backup(backups.resolve("jane.doe@example.com-orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().restoreProbe(restoreIntoScratchDatabase()).build().verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.file()).doesNotContain("jane.doe@example.com").endsWith("-orders.sql.gz");
        assertThat(report.toString()).doesNotContain("jane.doe@example.com").doesNotContain(backups.toString());
        assertThat(report.figures().get("file")).isEqualTo(report.file());
    }

    @Test
    void builderRejectsBadSettingsWithMessagesNamingThem() {
        assertThatThrownBy(() -> BackupVerifier.builder("orders-backup", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("directory must not be null");
        assertThatThrownBy(() -> BackupVerifier.builder(null, backups))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("name must not be null");
        assertThatThrownBy(() -> BackupVerifier.builder("orders backup", backups))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("name must be 1-64 characters");
        assertThatThrownBy(() -> verifier().glob(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("glob must not be empty or blank: use a file name pattern such as *.sql.gz (\"*\" for every file), was ' '");
        assertThatThrownBy(() -> verifier().glob("orders-[0-9.gz"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("glob 'orders-[0-9.gz' is not a valid glob: ");
        assertThatThrownBy(() -> verifier().maxShrinkPercent(-5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxShrinkPercent must be between 0 and 100, was -5.0");
        assertThatThrownBy(() -> verifier().maxShrinkPercent(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxShrinkPercent must be between 0 and 100");
        assertThatThrownBy(() -> verifier().maxAge(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must be greater than 0, was PT0S");
        assertThatThrownBy(() -> verifier().maxAge(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAge must not be null");
        assertThatThrownBy(() -> verifier().restoreTimeout(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("restoreTimeout must be at most PT1H");
        assertThatThrownBy(() -> verifier().minSizeBytes(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minSizeBytes must be at least 0, was -1");
        assertThatThrownBy(() -> verifier().restoreProbe(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("restoreProbe must not be null");
        assertThatThrownBy(() -> verifier().alerts(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("alerts must not be null");
    }

    @Test
    void restoreFiguresWithNamesThatCannotBeAnnotationsFailTheRestoreCheck() throws Exception {
        backup(backups.resolve("orders.sql.gz"), "GZIP", 100, NOW.minus(Duration.ofHours(1)));

        BackupReport report = verifier().restoreProbe(backup -> Map.of("order rows", 100L)).build().verify();

        assertThat(report.failures()).extracting(BackupCheck::kind).containsExactly(Kind.RESTORE);
        assertThat(report.check(Kind.RESTORE).message()).startsWith("the restore probe reported a figure named 'order rows': ");
    }

    private BackupVerifier.Builder verifier() {
        return BackupVerifier.builder("orders-backup", backups).clock(CLOCK);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
