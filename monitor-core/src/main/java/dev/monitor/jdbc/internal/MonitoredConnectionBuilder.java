package dev.monitor.jdbc.internal;

import java.sql.Connection;
import java.sql.ConnectionBuilder;
import java.sql.SQLException;
import java.sql.ShardingKey;

/** A {@link ConnectionBuilder} whose connections are monitored and timed like {@code getConnection()}. */
public final class MonitoredConnectionBuilder implements ConnectionBuilder {

    private final ConnectionBuilder delegate;
    private final JdbcInstrumentation instrumentation;

    /** Wraps the driver's builder. */
    public MonitoredConnectionBuilder(ConnectionBuilder delegate, JdbcInstrumentation instrumentation) {
        this.delegate = delegate;
        this.instrumentation = instrumentation;
    }

    @Override
    public ConnectionBuilder user(String username) {
        delegate.user(username);
        return this;
    }

    @Override
    public ConnectionBuilder password(String password) {
        delegate.password(password);
        return this;
    }

    @Override
    public ConnectionBuilder shardingKey(ShardingKey shardingKey) {
        delegate.shardingKey(shardingKey);
        return this;
    }

    @Override
    public ConnectionBuilder superShardingKey(ShardingKey superShardingKey) {
        delegate.superShardingKey(superShardingKey);
        return this;
    }

    @Override
    public Connection build() throws SQLException {
        return instrumentation.acquire(delegate, null, null, (builder, none, nothing) -> builder.build());
    }
}
