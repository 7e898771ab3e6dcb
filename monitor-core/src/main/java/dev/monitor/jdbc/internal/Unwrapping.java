package dev.monitor.jdbc.internal;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper#unwrap} and {@link Wrapper#isWrapperFor} of every JDBC wrapper of this library,
 * in one place: the wrapper itself, then the object it wraps, then whatever that one wraps.
 */
public final class Unwrapping {

    private Unwrapping() {
    }

    /** {@code wrapper} if it is an {@code iface}, else {@code delegate} if it is one, else {@code delegate.unwrap(iface)}. */
    public static <T> T unwrap(Wrapper wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
        if (iface.isInstance(wrapper)) {
            return iface.cast(wrapper);
        }
        if (iface.isInstance(delegate)) {
            return iface.cast(delegate);
        }
        return delegate.unwrap(iface);
    }

    /** Whether {@link #unwrap} would find an {@code iface}. */
    public static boolean isWrapperFor(Wrapper wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
        return iface.isInstance(wrapper) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
    }
}
