package dev.monitor.alert.internal;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Unique ids of notifications (this instance's random prefix and a sequence) and of silences; any thread. */
final class Ids {

    private final String instanceId;
    private final AtomicLong sequence = new AtomicLong();
    private final SplittableRandom random;

    Ids() {
        SecureRandom seed = new SecureRandom();
        this.random = new SplittableRandom(seed.nextLong());
        this.instanceId = Long.toString(seed.nextLong() & Long.MAX_VALUE, 36);
    }

    /** A new notification id. */
    String next() {
        return instanceId + "-" + Long.toString(sequence.incrementAndGet(), 36);
    }

    /** A new random id (for silences), hard to guess. */
    synchronized String random() {
        return Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
    }
}
