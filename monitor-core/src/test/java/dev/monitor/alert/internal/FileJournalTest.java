package dev.monitor.alert.internal;

import dev.monitor.alert.JournalOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJournalTest {

    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void putsAndRemovesSurviveReopening() {
        Path file = dir.resolve("j.journal");
        try (FileJournal journal = FileJournal.open(file)) {
            assertThat(journal.put("outbox:a", bytes("one"))).isTrue();
            assertThat(journal.put("outbox:b", bytes("two"))).isTrue();
            assertThat(journal.put("alert:x", bytes("three"))).isTrue();
            assertThat(journal.put("outbox:a", bytes("one, replaced"))).isTrue();
            assertThat(journal.remove("outbox:b")).isTrue();
            assertThat(journal.remove("outbox:missing")).isFalse();
        }
        try (FileJournal journal = FileJournal.open(file)) {
            assertThat(journal.size()).isEqualTo(2);
            assertThat(text(journal.get("outbox:a"))).isEqualTo("one, replaced");
            assertThat(journal.get("outbox:b")).isNull();
            assertThat(journal.entries("outbox:")).containsOnlyKeys("outbox:a");
            assertThat(journal.size("alert:")).isEqualTo(1);
            assertThat(journal.discardedBytes()).isZero();
        }
    }

    @Test
    void aRecordTornAtAnyByteIsCutOffAndEverythingBeforeItSurvives() throws IOException {
        Path file = dir.resolve("torn.journal");
        long before;
        long after;
        try (FileJournal journal = FileJournal.open(file)) {
            journal.put("k1", bytes("first value"));
            journal.put("k2", bytes("second value"));
            before = journal.fileBytes();
            journal.put("k3", bytes("the record a crash interrupts"));
            after = journal.fileBytes();
        }
        byte[] full = Files.readAllBytes(file);
        for (long cut = before; cut < after; cut++) {
            Path copy = dir.resolve("cut-" + cut + ".journal");
            Files.write(copy, java.util.Arrays.copyOf(full, (int) cut));
            try (FileJournal journal = FileJournal.open(copy)) {
                assertThat(journal.entries("")).as("cut at %d", cut).containsOnlyKeys("k1", "k2");
                assertThat(journal.discardedBytes()).isEqualTo(cut - before);
                // the cut-off tail is gone, so new records are readable after the next restart
                journal.put("k4", bytes("after the crash"));
            }
            try (FileJournal journal = FileJournal.open(copy)) {
                assertThat(journal.entries("")).containsOnlyKeys("k1", "k2", "k4");
                assertThat(journal.discardedBytes()).isZero();
            }
        }
    }

    @Test
    void aCorruptedRecordIsDetectedByItsChecksum() throws IOException {
        Path file = dir.resolve("corrupt.journal");
        long second;
        try (FileJournal journal = FileJournal.open(file)) {
            journal.put("k1", bytes("first"));
            second = journal.fileBytes();
            journal.put("k2", bytes("second"));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(second + 12); // inside the second record's payload
            int b = raf.read();
            raf.seek(second + 12);
            raf.write(b ^ 0x40);
        }
        try (FileJournal journal = FileJournal.open(file)) {
            assertThat(journal.entries("")).containsOnlyKeys("k1");
            assertThat(journal.discardedBytes()).isPositive();
        }
    }

    @Test
    void compactionKeepsOnlyLiveEntriesAndTheFileStaysSmall() {
        Path file = dir.resolve("compact.journal");
        JournalOptions options = JournalOptions.builder().compactionMinBytes(4096).build();
        try (FileJournal journal = FileJournal.open(file, options)) {
            for (int i = 0; i < 5000; i++) {
                journal.put("outbox:" + i, bytes("notification number " + i));
                if (i >= 3) {
                    journal.remove("outbox:" + (i - 3));
                }
            }
            assertThat(journal.size()).isEqualTo(3);
            assertThat(journal.fileBytes()).as("compacted as it went").isLessThan(4096 * 4);
        }
        try (FileJournal journal = FileJournal.open(file, options)) {
            assertThat(journal.entries("outbox:")).containsOnlyKeys("outbox:4997", "outbox:4998", "outbox:4999");
        }
        assertThat(Files.exists(dir.resolve("compact.journal.compacting"))).isFalse();
    }

    @Test
    void anUnfinishedCompactionLeavesTheJournalIntact() throws IOException {
        Path file = dir.resolve("j.journal");
        try (FileJournal journal = FileJournal.open(file)) {
            journal.put("k", bytes("v"));
        }
        Files.write(dir.resolve("j.journal.compacting"), bytes("half-written garbage"));
        try (FileJournal journal = FileJournal.open(file)) {
            assertThat(text(journal.get("k"))).isEqualTo("v");
        }
        assertThat(Files.exists(dir.resolve("j.journal.compacting"))).isFalse();
    }

    @Test
    void putsBeyondTheBoundsAreRefusedNotStored() {
        JournalOptions options = JournalOptions.builder().maxEntries(2).maxBytes(2048).build();
        try (FileJournal journal = FileJournal.open(dir.resolve("bounded.journal"), options)) {
            assertThat(journal.put("a", bytes("1"))).isTrue();
            assertThat(journal.put("b", bytes("2"))).isTrue();
            assertThat(journal.put("c", bytes("3"))).isFalse();
            assertThat(journal.put("a", bytes("replacing is fine"))).isTrue();
            assertThat(journal.put("b", new byte[4096])).isFalse();
            assertThat(journal.size()).isEqualTo(2);
            assertThat(journal.liveBytes()).isLessThanOrEqualTo(2048);
        }
    }

    @Test
    void aSecondStoreOnTheSameFileIsRefusedWithAClearMessage() {
        Path file = dir.resolve("locked.journal");
        try (FileJournal journal = FileJournal.open(file)) {
            journal.put("k", bytes("v"));
            assertThatThrownBy(() -> FileJournal.open(file))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open")
                    .hasMessageContaining("own directory");
        }
        FileJournal.open(file).close(); // released on close
    }

    @Test
    void aFileThatIsNotAJournalIsNotTouched() throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "my precious notes");
        assertThatThrownBy(() -> FileJournal.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a monitor journal");
        assertThat(Files.readString(file)).isEqualTo("my precious notes");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> JournalOptions.builder().maxEntries(0))
                .hasMessage("maxEntries must be at least 1, was 0");
        assertThatThrownBy(() -> JournalOptions.builder().maxBytes(10))
                .hasMessage("maxBytes must be at least 1024, was 10");
        JournalOptions options = JournalOptions.builder().syncEachWrite(true).build();
        try (FileJournal journal = FileJournal.open(dir.resolve("sync.journal"), options)) {
            journal.put("k", bytes("v"));
            journal.sync();
            assertThat(text(journal.get("k"))).isEqualTo("v");
        }
    }
}
