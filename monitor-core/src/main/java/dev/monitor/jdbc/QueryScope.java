package dev.monitor.jdbc;

import dev.monitor.jdbc.internal.ScopeCounts;
import dev.monitor.request.RequestObserver;
import java.util.Objects;

/**
 * A unit of work, typically one request, in which repeated statements are counted to find N+1
 * query patterns. Open it on the thread that runs the work and close it on the same thread:
 *
 * <pre>{@code
 * try (QueryScope scope = QueryScope.open("GET /orders")) {
 *     chain.doFilter(request, response);
 * }
 * }</pre>
 *
 * <p>While a scope is open, every statement run through a {@link MonitoredDataSource} on this
 * thread is counted by its fingerprint. When the scope closes, each fingerprint run at least
 * the data source's repeated-query threshold (default 10) is reported once, with its count, as a
 * WARN line and to {@link QueryListener#onRepeatedQuery}. Without an open scope, N+1 detection
 * costs one thread-local read per statement.
 *
 * <p>Memory is bounded: at most {@code maxDistinctStatements} shapes are tracked per scope;
 * executions of further shapes are only counted in {@link #untrackedStatementCount()}. Scopes
 * nest: an inner scope hides the outer one until it closes.
 */
public final class QueryScope implements AutoCloseable {

    /** Default bound on the statement shapes one scope tracks. */
    public static final int DEFAULT_MAX_DISTINCT_STATEMENTS = 256;
    /** Longest label accepted. */
    public static final int MAX_LABEL_LENGTH = 256;

    private final ScopeCounts counts;

    private QueryScope(ScopeCounts counts) {
        this.counts = counts;
    }

    /**
     * Opens a scope on the current thread tracking up to {@value #DEFAULT_MAX_DISTINCT_STATEMENTS} statement shapes.
     *
     * @param label names the unit of work in reports, e.g. {@code GET /orders}; not blank, at most 256 characters
     * @throws IllegalArgumentException if the label is blank or too long
     */
    public static QueryScope open(String label) {
        return open(label, DEFAULT_MAX_DISTINCT_STATEMENTS);
    }

    /**
     * Opens a scope on the current thread.
     *
     * @param label names the unit of work in reports; not blank, at most 256 characters
     * @param maxDistinctStatements how many statement shapes to track, from 1 to 65,536
     * @throws IllegalArgumentException if the label is blank or too long, or the bound is out of range
     */
    public static QueryScope open(String label, int maxDistinctStatements) {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("label must not be blank; name the unit of work, e.g. \"GET /orders\"");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("label must be at most " + MAX_LABEL_LENGTH + " characters, was "
                    + label.length());
        }
        if (maxDistinctStatements < 1 || maxDistinctStatements > 65_536) {
            throw new IllegalArgumentException("maxDistinctStatements must be between 1 and 65536, was "
                    + maxDistinctStatements);
        }
        return new QueryScope(ScopeCounts.open(label, maxDistinctStatements));
    }

    /**
     * A request observer that opens a scope for every request, so N+1 patterns are found per
     * request: {@code requestMonitor.addObserver(QueryScope.perRequest())}. The label is the
     * request's method and ID.
     */
    public static RequestObserver perRequest() {
        return request -> open(request.method() + " request " + request.requestId());
    }

    /** The label given when the scope was opened. */
    public String label() {
        return counts.label();
    }

    /** Statements run in this scope so far, through any monitored data source. */
    public int statementCount() {
        return counts.executions();
    }

    /** Distinct statement shapes tracked so far. */
    public int distinctStatementCount() {
        return counts.distinct();
    }

    /** Executions of shapes that were not tracked because {@code maxDistinctStatements} was reached. */
    public int untrackedStatementCount() {
        return counts.untracked();
    }

    /**
     * Closes the scope and reports each repeated statement once. Never throws; a second call does
     * nothing.
     */
    @Override
    public void close() {
        for (ScopeCounts.Repeated repeated : counts.close()) {
            repeated.owner().reportRepeated(counts.label(), repeated.statement(), repeated.count());
        }
    }
}
