package dev.monitor.jdbc;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A statement that ended with an exception. Carries the exception's class and SQLState, never
 * its message: driver messages repeat the data that caused them (for example PostgreSQL's
 * {@code Key (email)=(…) already exists}).
 *
 * @param sql the sanitized statement, possibly shortened
 * @param fingerprint 16 hex digits identifying the statement's shape
 * @param operation what the statement does
 * @param dataSource the data source's name
 * @param duration how long the execute call took until it failed
 * @param batchSize statements in the batch, 0 when not a batch
 * @param requestId the request ID from the logging context, when present
 * @param exceptionClass the exception's class name, e.g. {@code org.postgresql.util.PSQLException}
 * @param sqlState the five-character SQLState when the driver gave a well-formed one, e.g. {@code 23505}
 * @param vendorCode the driver's vendor error code (0 when none)
 */
public record QueryFailure(String sql, String fingerprint, SqlOperation operation, String dataSource,
        Duration duration, int batchSize, @Nullable String requestId, String exceptionClass, @Nullable String sqlState,
        int vendorCode) {

    /** Validates the arguments. */
    public QueryFailure {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(exceptionClass, "exceptionClass");
    }
}
