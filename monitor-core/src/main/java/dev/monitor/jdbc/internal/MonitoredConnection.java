package dev.monitor.jdbc.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * A {@link Connection} that hands out monitored statements and metadata. Explicit delegation,
 * no reflection proxies: {@link ForwardingConnection} forwards every call and passes what the
 * connection hands out through the methods this class overrides.
 */
public final class MonitoredConnection extends ForwardingConnection {

    private final JdbcInstrumentation instrumentation;

    /** Wraps a connection obtained from the monitored data source. */
    MonitoredConnection(Connection delegate, JdbcInstrumentation instrumentation) {
        super(delegate);
        this.instrumentation = instrumentation;
    }

    JdbcInstrumentation instrumentation() {
        return instrumentation;
    }

    // ---- what the connection hands out is wrapped

    @Override
    Statement statement(Statement statement) {
        return new MonitoredStatement(statement, this);
    }

    @Override
    PreparedStatement prepared(PreparedStatement statement, String sql) {
        return new MonitoredPreparedStatement(statement, this, sql);
    }

    @Override
    CallableStatement callable(CallableStatement statement, String sql) {
        return new MonitoredCallableStatement(statement, this, sql);
    }

    /** Wrapped so that {@link DatabaseMetaData#getConnection()} returns this connection, not the driver's. */
    @Override
    DatabaseMetaData metaData(DatabaseMetaData metaData) {
        return metaData == null ? null : new MonitoredDatabaseMetaData(metaData, this);
    }
}
