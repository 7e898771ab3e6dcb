package dev.monitor.alert.support;

import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.Scrubber;
import java.util.function.BooleanSupplier;

/** Scrubbers with a seam for tests: one that redacts a literal, one that can stall the dispatcher thread. */
public final class TestScrubbers {

    private TestScrubbers() {
    }

    /** The default scrubber that also redacts every occurrence of {@code literal} as {@code [kind]}. */
    public static Scrubber redacting(String literal, String kind) {
        return Scrubber.builder().detector(PiiKind.of(kind), literally(literal)).build();
    }

    /** A detector reporting every occurrence of {@code literal}. */
    public static PiiDetector literally(String literal) {
        return (text, matches) -> {
            for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + literal.length())) {
                matches.add(at, at + literal.length());
            }
        };
    }

    /**
     * The default scrubber, which runs {@code onScrub} on every text it scrubs (on the thread that scrubs): a test can
     * stall the dispatcher thread there, the worst case of a slow scrubber.
     */
    public static Scrubber calling(Runnable onScrub) {
        return Scrubber.builder().detector(PiiKind.of("test_hook"), (text, matches) -> onScrub.run()).build();
    }

    /** {@link #calling(Runnable)} with a hook that waits for {@code release} while {@code stall} holds. */
    public static Scrubber stallingWhile(BooleanSupplier stall, java.util.concurrent.CountDownLatch release) {
        return calling(() -> {
            if (stall.getAsBoolean()) {
                await(release);
            }
        });
    }

    /** Waits for {@code latch}, keeping the interrupt. */
    public static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
