package dev.monitor.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * {@link DatabaseMetaData} whose {@link #getConnection()} returns the monitored connection.
 * Everything else is forwarded by {@link ForwardingDatabaseMetaData}.
 */
public final class MonitoredDatabaseMetaData extends ForwardingDatabaseMetaData {

    private final MonitoredConnection connection;

    MonitoredDatabaseMetaData(DatabaseMetaData delegate, MonitoredConnection connection) {
        super(delegate);
        this.connection = connection;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection;
    }
}
