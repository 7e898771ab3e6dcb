package dev.monitor.jdbc.internal;

import java.sql.CallableStatement;

/**
 * A {@link CallableStatement} timed like a {@link MonitoredPreparedStatement}: it adds nothing
 * that does something, and its own methods (out and named parameters) are forwarded by
 * {@link ForwardingCallableStatement}.
 */
public final class MonitoredCallableStatement extends ForwardingCallableStatement {

    MonitoredCallableStatement(CallableStatement delegate, MonitoredConnection connection, String sql) {
        super(delegate, connection, sql);
    }
}
