package dev.monitor.alert.internal;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Rate-limited warnings: at most one line per key (a channel and what happened to it) per interval, with the count of
 * occurrences since the previous line, so a storm of drops, folds or failures writes a few lines, not one per event.
 * The first occurrence is logged at once; later ones are counted and reported by the next line, at the latest by
 * {@link #flush} once the interval has passed. Keys are few (channels times kinds). Dispatcher thread only.
 */
final class LogLimiter {

    private static final class Window {
        long loggedAt;
        long count;
        String last = "";
    }

    private final Logger log;
    private final long intervalMillis;
    private final Map<String, Window> windows = new HashMap<>();

    LogLimiter(Logger log, long intervalMillis) {
        this.log = log;
        this.intervalMillis = intervalMillis;
    }

    /**
     * Counts one occurrence of {@code key}, described by {@code message} (already scrubbed, no personal data); logs a
     * line if the key's interval has passed.
     */
    void warn(String key, String message, long now) {
        Window window = windows.get(key);
        if (window == null) {
            window = new Window();
            windows.put(key, window);
            window.last = message;
            window.loggedAt = now;
            log.warn("{}", message);
            return;
        }
        window.count++;
        window.last = message;
        if (now - window.loggedAt >= intervalMillis) {
            report(window, now);
        }
    }

    /** Logs the counts of every key whose interval has passed. */
    void flush(long now) {
        for (Window window : windows.values()) {
            if (window.count > 0 && now - window.loggedAt >= intervalMillis) {
                report(window, now);
            }
        }
    }

    /** When {@link #flush} next has a line to write, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        long next = Long.MAX_VALUE;
        for (Window window : windows.values()) {
            if (window.count > 0) {
                next = Math.min(next, window.loggedAt + intervalMillis);
            }
        }
        return next;
    }

    private void report(Window window, long now) {
        log.warn("{} ({} times in the last {} s; latest shown)", window.last, window.count,
                Math.max(1, (now - window.loggedAt) / 1000));
        window.count = 0;
        window.loggedAt = now;
    }
}
