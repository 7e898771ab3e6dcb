package dev.monitor.jdbc.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A {@link PreparedStatement} that times its own execute paths through
 * {@link JdbcInstrumentation#time}. Its operation is found once, when the statement is prepared;
 * its SQL is only sanitized if it turns out slow, fails, or runs inside a query scope. The
 * {@code Statement} methods are timed by {@link MonitoredStatement}; the rest is forwarded by
 * {@link ForwardingPreparedStatement}, which routes every execute path through
 * {@link #forwardPrepared}.
 */
public class MonitoredPreparedStatement extends ForwardingPreparedStatement {

    final String sql;
    final int op;

    MonitoredPreparedStatement(PreparedStatement delegate, MonitoredConnection connection, String sql) {
        super(delegate, connection);
        this.sql = sql == null ? "" : sql;
        this.op = operation(sql);
    }

    /** Times every execute call of the prepared statement itself. */
    @Override
    final <R> R forwardPrepared(JdbcCall<PreparedStatement, String, Object, R> call) throws SQLException {
        return instrumentation.time(ps, sql, op, 0, null, call);
    }

    @Override
    String batchStatement() {
        return sql;
    }

    @Override
    int batchOperation() {
        return op;
    }

    @Override
    public void addBatch() throws SQLException {
        ps.addBatch();
        batchSize++;
    }
}
