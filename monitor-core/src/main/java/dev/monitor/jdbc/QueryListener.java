package dev.monitor.jdbc;

/**
 * Receives slow statements, failed statements and repeated (N+1) statements from a
 * {@link MonitoredDataSource}. Payloads carry only sanitized SQL, fingerprints, timings and
 * error classes: never raw SQL, bind values or driver messages.
 *
 * <p>Called on the thread that ran the statement (so that thread-bound context, such as a
 * tracing or error-reporting scope, is at hand): keep the work short and hand anything slow to
 * another thread. An exception thrown by a listener is caught, counted and logged once; it
 * never reaches the application.
 */
public interface QueryListener {

    /** A statement took at least the slow threshold. */
    default void onSlowQuery(SlowQuery query) {
    }

    /** A statement failed; called for every failure, slow or not. */
    default void onQueryFailure(QueryFailure failure) {
    }

    /** A query scope ran the same statement shape at least the repeated-query threshold; called when the scope closes. */
    default void onRepeatedQuery(RepeatedQuery repeated) {
    }
}
