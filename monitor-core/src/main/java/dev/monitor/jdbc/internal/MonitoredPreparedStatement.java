package dev.monitor.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A {@link PreparedStatement} that times its execute paths through {@link JdbcInstrumentation#time}.
 * Its operation is found once, when the statement is prepared; its SQL is only sanitized if it
 * turns out slow, fails, or runs inside a query scope. The {@code Statement} methods are timed by
 * {@link MonitoredStatement}, the rest is forwarded by {@link ForwardingPreparedStatement}.
 */
public class MonitoredPreparedStatement extends ForwardingPreparedStatement {

    final String sql;
    final int op;

    MonitoredPreparedStatement(PreparedStatement delegate, MonitoredConnection connection, String sql) {
        super(delegate, connection);
        this.sql = sql == null ? "" : sql;
        this.op = operation(sql);
    }

    @Override
    String batchStatement() {
        return sql;
    }

    @Override
    int batchOperation() {
        return op;
    }

    /** Times a call of the prepared statement. */
    private <R> R timed(JdbcCall<PreparedStatement, String, Object, R> call, JdbcInstrumentation.RowCount<? super R> rows)
            throws SQLException {
        return instrumentation.time(ps, sql, op, 0, null, call, rows);
    }

    // ---- timed execute paths

    @Override
    public ResultSet executeQuery() throws SQLException {
        return wrap(timed((s, q, none) -> s.executeQuery(), UNKNOWN_ROWS));
    }

    @Override
    public int executeUpdate() throws SQLException {
        return timed((s, q, none) -> s.executeUpdate(), UPDATE_COUNT);
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return timed((s, q, none) -> s.executeLargeUpdate(), UPDATE_COUNT);
    }

    @Override
    public boolean execute() throws SQLException {
        return timed((s, q, none) -> s.execute(), UNKNOWN_ROWS);
    }

    @Override
    public void addBatch() throws SQLException {
        ps.addBatch();
        batchSize++;
    }
}
