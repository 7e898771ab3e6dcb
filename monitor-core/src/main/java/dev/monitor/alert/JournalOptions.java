package dev.monitor.alert;

/**
 * Bounds and durability of the dispatcher's journal (its {@linkplain AlertDispatcher.Builder#stateDirectory state
 * directory}): the durable outbox, active alerts, silences and incidents.
 *
 * <pre>{@code
 * AlertDispatcher.builder().stateDirectory(dir)
 *         .journalOptions(JournalOptions.builder().maxEntries(20_000).syncEachWrite(true).build())
 * }</pre>
 *
 * @param maxEntries the most live entries; a write beyond is refused and the entry kept in memory only
 * @param maxBytes the most bytes of live keys and values
 * @param compactionMinBytes the file size below which the file is never compacted
 * @param syncEachWrite whether every write is forced to disk at once (otherwise every 100 ms)
 */
public record JournalOptions(int maxEntries, long maxBytes, long compactionMinBytes, boolean syncEachWrite) {

    private static final JournalOptions DEFAULTS = builder().build();

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is below 1, {@code maxBytes} below 1024 or
     *     {@code compactionMinBytes} negative
     */
    public JournalOptions {
        atLeast("maxEntries", maxEntries, 1);
        atLeast("maxBytes", maxBytes, 1024);
        atLeast("compactionMinBytes", compactionMinBytes, 0);
    }

    private static long atLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** 100,000 entries, 64 MiB of live data, compaction from 1 MiB, no sync at each write. */
    public static JournalOptions defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link JournalOptions}; each setter checks its argument. */
    public static final class Builder {
        private int maxEntries = 100_000;
        private long maxBytes = 64L * 1024 * 1024;
        private long compactionMinBytes = 1024 * 1024;
        private boolean syncEachWrite;

        private Builder() {
        }

        /** The most live entries (default 100,000); at least 1. */
        public Builder maxEntries(int maxEntries) {
            this.maxEntries = (int) atLeast("maxEntries", maxEntries, 1);
            return this;
        }

        /** The most bytes of live keys and values (default 64 MiB); at least 1 KiB. */
        public Builder maxBytes(long maxBytes) {
            this.maxBytes = atLeast("maxBytes", maxBytes, 1024);
            return this;
        }

        /** The file size below which the file is never compacted (default 1 MiB); zero or more. */
        public Builder compactionMinBytes(long compactionMinBytes) {
            this.compactionMinBytes = atLeast("compactionMinBytes", compactionMinBytes, 0);
            return this;
        }

        /** Force every write to disk at once (default false: the dispatcher syncs every 100 ms). */
        public Builder syncEachWrite(boolean syncEachWrite) {
            this.syncEachWrite = syncEachWrite;
            return this;
        }

        /** Builds the options. */
        public JournalOptions build() {
            return new JournalOptions(maxEntries, maxBytes, compactionMinBytes, syncEachWrite);
        }
    }
}
