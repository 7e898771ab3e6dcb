package dev.monitor.config.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free queue for many producers and one consumer, on a ring of slots: producers
 * claim a slot with one compare-and-set on the producer index and publish the element with a
 * release store; the consumer reads slots in order. No allocation per element, no lock shared with
 * the consumer, and {@link #offer} fails at once when the ring is full, so the caller never waits.
 *
 * <p>The producer caches the last known consumer position (the "producer limit") so that, while the
 * ring is not full, offering reads no field the consumer writes. Indexes are padded apart to keep
 * producers and the consumer off each other's cache lines.
 */
public final class BoundedMpscQueue<E> extends BoundedMpscQueueFields {

    private final AtomicReferenceArray<@Nullable E> slots;
    private final int mask;
    private final long capacity;

    /**
     * A queue of at least {@code capacity} slots (rounded up to a power of two).
     *
     * @throws IllegalArgumentException if {@code capacity} is not between 2 and 2^30
     */
    public BoundedMpscQueue(int capacity) {
        if (capacity < 2 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be between 2 and 2^30, was " + capacity);
        }
        int size = Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
        this.capacity = size;
        PRODUCER_LIMIT.setRelease(this, (long) size);
    }

    /** The number of slots. */
    public int capacity() {
        return (int) capacity;
    }

    /** Adds {@code element} unless the queue is full; never blocks. Safe from any thread. */
    public boolean offer(E element) {
        long limit = (long) PRODUCER_LIMIT.getVolatile(this);
        long index;
        do {
            index = (long) PRODUCER_INDEX.getVolatile(this);
            if (index >= limit) {
                long consumed = (long) CONSUMER_INDEX.getVolatile(this);
                limit = consumed + capacity;
                if (index >= limit) {
                    return false;
                }
                PRODUCER_LIMIT.setRelease(this, limit);
            }
        } while (!PRODUCER_INDEX.compareAndSet(this, index, index + 1));
        slots.setRelease((int) (index & mask), element);
        return true;
    }

    /** Removes the oldest element, or returns {@code null} when empty. Only the consumer thread may call this. */
    public @Nullable E poll() {
        long index = (long) CONSUMER_INDEX.getOpaque(this);
        int slot = (int) (index & mask);
        E element = slots.getAcquire(slot);
        if (element == null) {
            if (index == (long) PRODUCER_INDEX.getVolatile(this)) {
                return null;
            }
            // a producer claimed the slot but has not published yet: it is about to
            do {
                Thread.onSpinWait();
                element = slots.getAcquire(slot);
            } while (element == null);
        }
        slots.setOpaque(slot, null);
        CONSUMER_INDEX.setRelease(this, index + 1);
        return element;
    }

    /** Whether the queue looks empty; exact only on the consumer thread. */
    public boolean isEmpty() {
        return (long) CONSUMER_INDEX.getVolatile(this) == (long) PRODUCER_INDEX.getVolatile(this);
    }

    /** Elements offered and not yet polled (approximate while producers run). */
    public int size() {
        long consumed = (long) CONSUMER_INDEX.getVolatile(this);
        long produced = (long) PRODUCER_INDEX.getVolatile(this);
        return (int) Math.max(0, Math.min(capacity, produced - consumed));
    }

    /** How many elements have been claimed by producers so far: the position of the next offer. */
    public long producedCount() {
        return (long) PRODUCER_INDEX.getVolatile(this);
    }

    /** How many elements the consumer has taken so far. */
    public long consumedCount() {
        return (long) CONSUMER_INDEX.getVolatile(this);
    }

    static final VarHandle PRODUCER_INDEX;
    static final VarHandle PRODUCER_LIMIT;
    static final VarHandle CONSUMER_INDEX;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(BoundedMpscQueueProducer.class, "producerIndex", long.class);
            PRODUCER_LIMIT = lookup.findVarHandle(BoundedMpscQueueLimit.class, "producerLimit", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(BoundedMpscQueueConsumer.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}

/** Padding before the producer index. */
@SuppressWarnings("unused")
abstract class BoundedMpscQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

/** The producer index, written by producers (CAS). */
abstract class BoundedMpscQueueProducer extends BoundedMpscQueuePad0 {
    volatile long producerIndex;
}

/** Padding between the producer index and the producer limit. */
@SuppressWarnings("unused")
abstract class BoundedMpscQueuePad1 extends BoundedMpscQueueProducer {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31, p32, p33, p34, p35;
}

/** The cached limit up to which producers may claim without reading the consumer index. */
abstract class BoundedMpscQueueLimit extends BoundedMpscQueuePad1 {
    volatile long producerLimit;
}

/** Padding between the producer fields and the consumer index. */
@SuppressWarnings("unused")
abstract class BoundedMpscQueuePad2 extends BoundedMpscQueueLimit {
    long p40, p41, p42, p43, p44, p45, p46, p47, p48, p49, p50, p51, p52, p53, p54, p55;
}

/** The consumer index, written only by the consumer. */
abstract class BoundedMpscQueueConsumer extends BoundedMpscQueuePad2 {
    volatile long consumerIndex;
}

/** Padding after the consumer index. */
@SuppressWarnings("unused")
abstract class BoundedMpscQueueFields extends BoundedMpscQueueConsumer {
    long p60, p61, p62, p63, p64, p65, p66, p67, p68, p69, p70, p71, p72, p73, p74, p75;
}
