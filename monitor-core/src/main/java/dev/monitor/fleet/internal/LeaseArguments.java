package dev.monitor.fleet.internal;

import java.time.Duration;
import java.util.Objects;

/** The argument checks of {@link dev.monitor.fleet.FleetRunner#runOnce}, shared by both runners. Not API. */
final class LeaseArguments {

    /** The longest task name: the width of the lock table's {@code name} column. */
    static final int MAX_NAME_LENGTH = 128;

    private LeaseArguments() {
    }

    static void check(String name, Duration lockAtLeastFor, Duration lockAtMostFor) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lockAtLeastFor, "lockAtLeastFor");
        Objects.requireNonNull(lockAtMostFor, "lockAtMostFor");
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        if (lockAtLeastFor.isNegative()) {
            throw new IllegalArgumentException("lockAtLeastFor must not be negative, was " + lockAtLeastFor);
        }
        if (lockAtMostFor.compareTo(lockAtLeastFor) < 0) {
            throw new IllegalArgumentException("lockAtMostFor (" + lockAtMostFor + ") must be at least lockAtLeastFor ("
                    + lockAtLeastFor + ")");
        }
    }
}
