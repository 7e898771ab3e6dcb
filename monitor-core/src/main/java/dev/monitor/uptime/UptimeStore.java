package dev.monitor.uptime;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Keeps uptime check results across restarts, so percentages over 7 and 30 days and 90-day uptime bars survive a deploy. The
 * monitor appends every result, reads a target's last 90 days when the target is added, and deletes
 * older results once a day. Calls come from the monitor's own threads, never the application's; a
 * failing store is logged and counted, and the in-memory history goes on. {@link JdbcUptimeStore} keeps
 * them in a database table.
 */
public interface UptimeStore {

    /** Keeps one result. */
    void append(UptimeCheckResult result) throws Exception;

    /** Passes {@code sink} every result of {@code target} checked at or after {@code since}, oldest first. */
    void load(String target, Instant since, Consumer<UptimeCheckResult> sink) throws Exception;

    /** Deletes every result checked before {@code cutoff}. */
    void deleteBefore(Instant cutoff) throws Exception;
}
