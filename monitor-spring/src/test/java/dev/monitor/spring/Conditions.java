package dev.monitor.spring;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition instead of sleeping a guessed time: the tests' one await. */
public final class Conditions {

    /** How long a condition may take before a test fails: a guard against a hang, not a speed limit. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private Conditions() {
    }

    /** Returns once {@code condition} holds; fails after {@link #HANG_GUARD}. */
    public static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("condition not met within " + HANG_GUARD);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }
}
