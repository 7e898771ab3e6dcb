package dev.monitor.jdbc.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Statement} that times every execute path, batches included, through
 * {@link JdbcInstrumentation#time}, and wraps the result sets it hands out so that
 * {@link ResultSet#getStatement()} returns this statement. {@link ForwardingStatement} routes
 * every {@code execute…(String sql, …)} call through {@link #forward} and every result set
 * through {@link #handOut}; batches are timed here.
 */
public class MonitoredStatement extends ForwardingStatement {

    final MonitoredConnection connection;
    final JdbcInstrumentation instrumentation;
    /** The first statement added with {@link #addBatch(String)}; a batch is reported by it and its size. */
    private @Nullable String batchSql;
    /** Statements in the current batch. */
    int batchSize;
    private @Nullable MonitoredResultSet lastResultSet;

    MonitoredStatement(Statement delegate, MonitoredConnection connection) {
        super(delegate);
        this.connection = connection;
        this.instrumentation = connection.instrumentation();
    }

    /** The operation ordinal of a statement text; OTHER for null, which the driver rejects anyway. */
    static int operation(@Nullable String sql) {
        return sql == null ? OperationClassifier.OTHER : OperationClassifier.classify(sql);
    }

    /** Times every {@code execute…(String sql, …)} call. */
    @Override
    final <A, R> R forward(@Nullable String sql, @Nullable A argument, JdbcCall<Statement, String, A, R> call)
            throws SQLException {
        return instrumentation.time(delegate, sql, operation(sql), 0, argument, call);
    }

    /** Wraps a result set handed out by the driver, reusing the wrapper when the driver hands out the same one again. */
    @Override
    final @Nullable ResultSet handOut(@Nullable ResultSet resultSet) {
        if (resultSet == null) {
            return null;
        }
        MonitoredResultSet last = lastResultSet;
        if (last != null && last.delegate == resultSet) {
            return last;
        }
        MonitoredResultSet wrapped = new MonitoredResultSet(resultSet, this);
        lastResultSet = wrapped;
        return wrapped;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }

    // ---- batches: timed as one statement, reported by their first statement and their size

    /** The statement a batch is reported by. */
    @Nullable String batchStatement() {
        return batchSql;
    }

    /** The operation a batch is reported under. */
    int batchOperation() {
        return operation(batchSql);
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        delegate.addBatch(sql);
        if (batchSql == null) {
            batchSql = sql;
        }
        batchSize++;
    }

    @Override
    public void clearBatch() throws SQLException {
        delegate.clearBatch();
        batchSql = null;
        batchSize = 0;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return timedBatch((statement, text, none) -> statement.executeBatch());
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        return timedBatch((statement, text, none) -> statement.executeLargeBatch());
    }

    /** Times a batch as one statement; the batch is then empty, whatever the driver did. */
    private <R> R timedBatch(JdbcCall<Statement, String, Object, R> call) throws SQLException {
        String sql = batchStatement();
        int op = batchOperation();
        int size = batchSize;
        batchSql = null;
        batchSize = 0;
        return instrumentation.time(delegate, sql, op, size, null, call);
    }
}
