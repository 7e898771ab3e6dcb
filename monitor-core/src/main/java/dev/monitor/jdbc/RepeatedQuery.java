package dev.monitor.jdbc;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One statement shape run many times within one {@link QueryScope}, typically one request: the
 * sign of an N+1 query pattern. Reported once per scope and fingerprint, when the scope closes.
 *
 * @param sql the sanitized statement, possibly shortened
 * @param fingerprint 16 hex digits identifying the statement's shape
 * @param dataSource the data source's name
 * @param count how many times the scope ran it
 * @param scope the scope's label, e.g. {@code GET /orders}
 * @param requestId the request ID from the logging context when the scope closed, when present
 */
public record RepeatedQuery(String sql, String fingerprint, String dataSource, int count, String scope,
        @Nullable String requestId) {

    /** Validates the arguments. */
    public RepeatedQuery {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(scope, "scope");
    }
}
