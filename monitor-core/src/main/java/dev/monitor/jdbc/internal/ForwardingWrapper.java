package dev.monitor.jdbc.internal;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * The root of the forwarding classes: holds the driver's object and answers
 * {@link #unwrap}/{@link #isWrapperFor} through the wrapper to it. Hand-written; its subclasses
 * {@link ForwardingConnection}, {@link ForwardingStatement}, {@link ForwardingResultSet} and
 * {@link ForwardingDatabaseMetaData} are generated at build time by
 * {@code monitor-core/src/build/java/dev/monitor/build/GenerateJdbcForwarding.java}.
 *
 * @param <D> the JDBC interface wrapped
 */
public abstract class ForwardingWrapper<D extends Wrapper> implements Wrapper {

    /** The driver's object every call is forwarded to. */
    final D delegate;

    ForwardingWrapper(D delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return Unwrapping.unwrap(this, delegate, iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Unwrapping.isWrapperFor(this, delegate, iface);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
