package dev.monitor.jdbc.internal;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * One JDBC call as a function of its target and up to two arguments, so that the call sites of
 * {@link JdbcInstrumentation#time} and {@link JdbcInstrumentation#acquire} pass non-capturing
 * lambdas: one shared instance each, nothing allocated per call.
 *
 * @param <T> the target (a statement, a data source, a connection builder)
 * @param <A> the first argument (the SQL text of a statement call)
 * @param <B> the second argument
 * @param <R> what the call returns
 */
@FunctionalInterface
public interface JdbcCall<T, A, B, R> {

    /** Makes the call; the driver's exception passes through unchanged. */
    R call(T target, @Nullable A first, @Nullable B second) throws SQLException;
}
