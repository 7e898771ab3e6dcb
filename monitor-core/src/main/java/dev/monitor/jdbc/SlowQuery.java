package dev.monitor.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A statement that took at least the slow threshold.
 *
 * @param sql the sanitized statement (literals replaced by {@code ?}), possibly shortened
 * @param fingerprint 16 hex digits identifying the statement's shape
 * @param operation what the statement does
 * @param dataSource the data source's name
 * @param duration how long the execute call took
 * @param rows rows updated, when the driver reported them; empty for queries
 * @param batchSize statements in the batch, 0 when not a batch
 * @param requestId the request ID from the logging context, when present
 * @param failed whether the statement ended with an exception
 */
public record SlowQuery(String sql, String fingerprint, SqlOperation operation, String dataSource, Duration duration,
        OptionalLong rows, int batchSize, @Nullable String requestId, boolean failed) {

    /** Validates the arguments. */
    public SlowQuery {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(rows, "rows");
    }
}
