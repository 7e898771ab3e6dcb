package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping a guessed time. */
public final class Await {

    /** How long a dispatcher round may take before a test fails: a guard against a hang, not a speed limit. */
    public static final Duration HANG_GUARD = Duration.ofSeconds(60);

    private Await() {
    }

    /** Polls {@code condition} until it holds; fails with {@code message} after {@code timeout}. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> message) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + ": " + message.get());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** As {@link #until(Duration, BooleanSupplier, Supplier)} with a fixed message. */
    public static void until(Duration timeout, BooleanSupplier condition, String message) {
        until(timeout, condition, () -> message);
    }

    /**
     * Returns once the dispatcher thread has handled everything handed to it before this call and then run a
     * full round, its timers included, at its clock's current time: a preview is answered by the dispatcher
     * thread, and a second one only after the round that answered the first. With a {@link ManualClock}, this
     * drives the dispatcher to the clock's time before a test asserts what happened by then, or did not.
     * (A delivery it started runs on the channel's own thread: await its outcome, e.g. a counter, before
     * moving the clock on.)
     */
    public static void dispatcherRound(AlertDispatcher dispatcher) {
        Alert probe = Alert.builder("SyncProbe").build();
        answered(dispatcher, probe);
        answered(dispatcher, probe);
    }

    /**
     * A preview answered by the dispatcher thread. {@code preview} gives up after 5 s; on a busy machine the
     * dispatcher's round (scrubbing a thousand alerts, say) can take longer, so a preview that was not answered in
     * time is asked again, up to {@link #HANG_GUARD}: each ask is answered only after the one before it.
     */
    private static void answered(AlertDispatcher dispatcher, Alert probe) {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (true) {
            try {
                dispatcher.preview(probe);
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TimeoutException) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves {@code clock} on by {@code step}, with a {@linkplain #dispatcherRound dispatcher round} at each
     * time, until {@code condition} holds; fails after {@code maxSteps} steps. For a dispatcher whose next
     * event is due at a time the test need not spell out (a retry, a group interval), and only where moving
     * the clock on further than needed changes nothing the test asserts: a delivery started in a round may
     * still be on its channel's thread when the clock moves on.
     */
    public static void advancingUntil(ManualClock clock, AlertDispatcher dispatcher, Duration step, int maxSteps,
            BooleanSupplier condition, Supplier<String> message) {
        for (int i = 0; i < maxSteps; i++) {
            dispatcherRound(dispatcher);
            if (condition.getAsBoolean()) {
                return;
            }
            clock.advance(step);
        }
        dispatcherRound(dispatcher);
        until(Duration.ofSeconds(30), condition, () -> "not reached within " + maxSteps + " steps of " + step + ": "
                + message.get());
    }
}
