package dev.monitor.alert.internal;

import dev.monitor.alert.JournalOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's durable state, or nothing without a state directory: the records the stages write (the outbox
 * writes notifications, completion removes them, decisions keep alerts, silences and incidents). A failed or refused
 * write keeps the state in memory only and is logged at most once per interval. Dispatcher thread only.
 */
final class StateJournal {

    private static final Logger log = LoggerFactory.getLogger("dev.monitor.alert.AlertDispatcher");
    private static final long SYNC_INTERVAL_MILLIS = 100;
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final @Nullable FileJournal journal;
    private final Clock clock;
    private final AlertRedaction redaction;
    private final LogLimiter warnings = new LogLimiter(log, LOG_INTERVAL_MILLIS);
    private long lastSync;

    StateJournal(@Nullable Path directory, JournalOptions options, Clock clock, AlertRedaction redaction) {
        this.journal = directory == null ? null : FileJournal.open(directory.resolve("alerts.journal"), options);
        this.clock = clock;
        this.redaction = redaction;
    }

    /** Whether state survives the process. */
    boolean isDurable() {
        return journal != null;
    }

    /** Keeps {@code value} under {@code key}. */
    void put(String key, byte[] value) {
        FileJournal store = journal;
        if (store == null) {
            return;
        }
        try {
            if (!store.put(key, value)) {
                warnings.warn("full", "alert journal " + store.file() + " is full; new state is kept in memory only",
                        clock.millis());
            }
        } catch (RuntimeException e) {
            warnings.warn("write", "alert journal write failed; state is kept in memory only: "
                    + redaction.log(e.getMessage()), clock.millis());
        }
    }

    /** Forgets {@code key}. */
    void remove(String key) {
        FileJournal store = journal;
        if (store == null) {
            return;
        }
        try {
            store.remove(key);
        } catch (RuntimeException e) {
            warnings.warn("write", "alert journal write failed for " + key + ": " + redaction.log(e.getMessage()),
                    clock.millis());
        }
    }

    /** The entries under {@code prefix}; none without a journal. */
    Map<String, byte[]> entries(String prefix) {
        return journal == null ? Map.of() : journal.entries(prefix);
    }

    /** Removes an entry that cannot be read, saying so. */
    void unreadable(String key, RuntimeException e) {
        log.warn("alert journal: removed unreadable entry {}: {}", key, redaction.log(e.getMessage()));
        remove(key);
    }

    /** The journal's file, for log lines. */
    String describe() {
        return journal == null ? "memory" : journal.file().toString();
    }

    /** Forces what was written to disk every 100 ms; writes the limited warnings due. */
    void housekeeping(long now, Runnable beforeSync) {
        warnings.flush(now);
        FileJournal store = journal;
        if (store != null && now - lastSync >= SYNC_INTERVAL_MILLIS) {
            lastSync = now;
            beforeSync.run();
            try {
                store.sync();
            } catch (RuntimeException e) {
                warnings.warn("sync", "alert journal sync failed: " + redaction.log(e.getMessage()), now);
            }
        }
    }

    /** When {@link #housekeeping} next has work, given whether state waits to be written. */
    long nextDeadline(boolean pendingWrites) {
        long next = warnings.nextDeadline();
        FileJournal store = journal;
        if (store != null && (store.isDirty() || pendingWrites)) {
            next = Math.min(next, lastSync + SYNC_INTERVAL_MILLIS);
        }
        return next;
    }

    /** Closes the file. */
    void close() {
        if (journal != null) {
            journal.close();
        }
    }
}
