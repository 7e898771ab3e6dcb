package dev.monitor.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link ResultSet} whose {@link #getStatement()} returns the monitored statement, so that
 * code reaching the statement through its results stays monitored. Everything else is forwarded
 * by {@link ForwardingResultSet}.
 */
public final class MonitoredResultSet extends ForwardingResultSet {

    private final Statement statement;

    MonitoredResultSet(ResultSet delegate, Statement statement) {
        super(delegate);
        this.statement = statement;
    }

    @Override
    public Statement getStatement() throws SQLException {
        return statement;
    }
}
