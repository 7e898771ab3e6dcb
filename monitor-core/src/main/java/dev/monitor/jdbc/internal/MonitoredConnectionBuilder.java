package dev.monitor.jdbc.internal;

import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;

/**
 * A {@link ConnectionBuilder} whose connections are monitored and timed like {@code getConnection()}.
 * The fluent setters are forwarded by {@link ForwardingConnectionBuilder}.
 */
public final class MonitoredConnectionBuilder extends ForwardingConnectionBuilder {

    private final JdbcInstrumentation instrumentation;

    /** Wraps the driver's builder. */
    public MonitoredConnectionBuilder(ConnectionBuilder delegate, JdbcInstrumentation instrumentation) {
        super(delegate);
        this.instrumentation = instrumentation;
    }

    @Override
    public Connection build() throws SQLException {
        return instrumentation.acquire(delegate, null, null, (builder, none, nothing) -> builder.build());
    }
}
