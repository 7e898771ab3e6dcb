package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition instead of sleeping a guessed time. */
public final class Await {

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
        dispatcher.preview(probe);
        dispatcher.preview(probe);
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
