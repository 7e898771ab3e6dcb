package dev.monitor.alert.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The two flags every {@code fire()} reads (closed? is the dispatcher thread in deep sleep?), padded onto
 * their own cache line so that the dispatcher thread's other writes never make the caller miss.
 */
final class CallerGate extends CallerGateFields {

    private static final VarHandle DEEP_SLEEP;

    static {
        try {
            DEEP_SLEEP = MethodHandles.lookup().findVarHandle(CallerGateFlags.class, "deepSleep", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
    }

    boolean isDeepSleep() {
        return (boolean) DEEP_SLEEP.getVolatile(this);
    }

    void setDeepSleep(boolean value) {
        DEEP_SLEEP.setVolatile(this, value);
    }

    /** Clears the flag if it was set; true for the one caller that must wake the thread. */
    boolean claimWakeUp() {
        return DEEP_SLEEP.compareAndSet(this, true, false);
    }
}

/** Padding before the flags. */
@SuppressWarnings("unused")
abstract class CallerGatePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The flags. */
abstract class CallerGateFlags extends CallerGatePad0 {
    volatile boolean closed;
    volatile boolean deepSleep;
}

/** Padding after the flags. */
@SuppressWarnings("unused")
abstract class CallerGateFields extends CallerGateFlags {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;
}
