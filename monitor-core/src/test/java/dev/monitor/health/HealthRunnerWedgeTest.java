package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner never wedges: whatever a check does, its bookkeeping completes, it runs again on a later report,
 * and it never keeps the other checks from running. Uses the public API only.
 */
class HealthRunnerWedgeTest {

    private final List<HealthRegistry> registries = new ArrayList<>();
    private final CountDownLatch endOfTest = new CountDownLatch(1);

    @AfterEach
    void closeRegistries() {
        endOfTest.countDown();
        registries.forEach(HealthRegistry::close);
    }

    private HealthRegistry registry(int threads) {
        HealthRegistry registry = HealthRegistry.builder().service(new ServiceInfo("orders", "1.4.2", "test"))
                .maxConcurrentChecks(threads).reportTimeout(Duration.ofSeconds(30)).build();
        registries.add(registry);
        return registry;
    }

    private static CheckOptions timeout(Duration timeout) {
        return CheckOptions.builder().timeout(timeout).cacheTtl(Duration.ZERO).build();
    }

    /** Blocks until {@code release} opens, ignoring interrupts; counts its runs. */
    private static HealthCheck blocksIgnoringInterrupts(CountDownLatch release, AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            boolean interrupted = false;
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a badly behaved check: keeps going
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return HealthResult.pass();
        };
    }

    @Test
    void aRunCancelledWhileQueuedNeverWedgesTheCheck() {
        HealthRegistry registry = registry(1);
        CountDownLatch releaseSlow = new CountDownLatch(1);
        AtomicInteger slowRuns = new AtomicInteger();
        AtomicInteger fastRuns = new AtomicInteger();
        // legitimately slow: within its 30 s timeout, it holds the only thread until released
        registry.register("slow", () -> {
            slowRuns.incrementAndGet();
            releaseSlow.await();
            return HealthResult.pass();
        }, timeout(Duration.ofSeconds(30)));
        registry.register("fast", () -> {
            fastRuns.incrementAndGet();
            return HealthResult.pass();
        }, timeout(Duration.ofSeconds(1)));

        CompletableFuture<HealthReport> slow = registry.reportCheckAsync("slow");
        CheckReport queued = registry.reportCheckAsync("fast").join().checks().get("fast");
        assertThat(queued.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(queued.error()).startsWith("timed out after 1000 ms");
        assertThat(fastRuns).hasValue(0); // it waited in the queue and was cancelled there

        releaseSlow.countDown();
        assertThat(slow.join().checks().get("slow").status()).isEqualTo(CheckStatus.PASS);
        CheckReport again = registry.reportCheckAsync("fast").join().checks().get("fast");

        assertThat(again.status()).as("fast after the queue cleared: %s", again.error()).isEqualTo(CheckStatus.PASS);
        assertThat(fastRuns).hasValue(1);
    }

    @Test
    void aHungCheckThatIgnoresInterruptsDoesNotStarveTheOthersEvenWithOneThread() {
        HealthRegistry registry = registry(1);
        AtomicInteger hungRuns = new AtomicInteger();
        AtomicInteger fineRuns = new AtomicInteger();
        // names sort "a-hung" first, so it takes the only thread and "b-fine" waits behind it
        registry.register("a-hung", blocksIgnoringInterrupts(endOfTest, hungRuns), timeout(Duration.ofMillis(50)));
        registry.register("b-fine", () -> {
            fineRuns.incrementAndGet();
            return HealthResult.pass();
        }, timeout(Duration.ofSeconds(10)));

        HealthReport first = registry.report();
        HealthReport second = registry.report();

        assertThat(first.checks().get("a-hung").error()).isEqualTo("timed out after 50 ms");
        assertThat(first.checks().get("b-fine").status()).as("%s", first.checks().get("b-fine").error())
                .isEqualTo(CheckStatus.PASS);
        assertThat(second.checks().get("a-hung").error()).startsWith("timed out: previous run still in progress");
        assertThat(second.checks().get("b-fine").status()).isEqualTo(CheckStatus.PASS);
        assertThat(hungRuns).hasValue(1);
        assertThat(fineRuns).hasValue(2);
    }

    @Test
    void checksSlowOncePastTheirDeadlineWithAFullPoolDoNotLeaveHealthUnhealthyForGood() {
        // The scenario: 16 checks (the default pool) are each slow once, past their deadline; one more
        // check is fast. Before the fix the fast check was cancelled in the queue and never ran again: 503 for good.
        HealthRegistry registry = registry(16);
        CountDownLatch slowOnce = new CountDownLatch(1);
        AtomicInteger slowRuns = new AtomicInteger();
        for (int i = 0; i < 16; i++) {
            registry.register("a-slow-" + i, () -> {
                if (slowRuns.incrementAndGet() <= 16) {
                    return blocksIgnoringInterrupts(slowOnce, new AtomicInteger()).check();
                }
                return HealthResult.pass();
            }, timeout(Duration.ofSeconds(1)));
        }
        AtomicInteger fastRuns = new AtomicInteger();
        registry.register("b-fast", () -> {
            fastRuns.incrementAndGet();
            return HealthResult.pass();
        }, timeout(Duration.ofSeconds(1)));

        HealthReport first = registry.report();
        assertThat(first.status()).isEqualTo(HealthStatus.UNHEALTHY);
        CheckReport fast = registry.reportCheckAsync("b-fast").join().checks().get("b-fast");
        assertThat(fast.status()).as("b-fast: %s", fast.error()).isEqualTo(CheckStatus.PASS);

        slowOnce.countDown();
        HealthReport healthy = awaitHealthy(registry);
        assertThat(healthy.status().httpStatus()).isEqualTo(200);
    }

    @Test
    void aCheckWhoseExceptionThrowsFromGetMessageFailsAtOnceAndRunsAgain() {
        HealthRegistry registry = registry(2);
        AtomicInteger runs = new AtomicInteger();
        registry.register("odd", () -> {
            runs.incrementAndGet();
            throw new UnreadableException();
        }, timeout(Duration.ofSeconds(10)));

        long start = System.nanoTime();
        CheckReport first = registry.report().checks().get("odd");
        CheckReport second = registry.report().checks().get("odd");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(first.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(first.error()).isEqualTo("UnreadableException (its message could not be read: IllegalStateException)");
        assertThat(second.error()).isEqualTo(first.error());
        assertThat(runs).hasValue(2);
        assertThat(elapsedMillis).as("not held until the 10 s deadline").isLessThan(9_000);
    }

    @Test
    void anExceptionWhoseCauseChainLoopsOrThrowsIsDescribedAndTheCheckRunsAgain() {
        HealthRegistry registry = registry(2);
        AtomicInteger runs = new AtomicInteger();
        registry.register("loop", () -> {
            runs.incrementAndGet();
            Wrapper outer = new Wrapper("outer");
            Wrapper inner = new Wrapper("inner");
            outer.initCause(inner);
            inner.initCause(outer); // outer -> inner -> outer -> ...
            throw outer;
        }, timeout(Duration.ofSeconds(10)));
        registry.register("cause-throws", () -> {
            throw new CauseThrows();
        }, timeout(Duration.ofSeconds(10)));

        long start = System.nanoTime();
        HealthReport first = registry.report();
        HealthReport second = registry.report();
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(first.checks().get("loop").error()).matches("Wrapper: (outer|inner)");
        assertThat(first.checks().get("cause-throws").error()).isEqualTo("CauseThrows: wrapper");
        assertThat(second.checks().get("loop").error()).matches("Wrapper: (outer|inner)");
        assertThat(runs).hasValue(2);
        assertThat(elapsedMillis).as("not held until the 10 s deadline").isLessThan(9_000);
    }

    private static HealthReport awaitHealthy(HealthRegistry registry) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        HealthReport report = registry.report();
        while (report.status() != HealthStatus.HEALTHY) {
            assertThat(System.nanoTime() - deadline).as("still %s: %s", report.status(), report.errors()).isNegative();
            report = registry.report(); // each report runs every check again (cache TTL 0)
        }
        return report;
    }

    /** A wrapper the runner looks through, as it looks through every CompletionException. */
    private static final class Wrapper extends CompletionException {
        Wrapper(String message) {
            super(message);
        }
    }

    /** A wrapper whose getCause() throws. */
    private static final class CauseThrows extends CompletionException {
        CauseThrows() {
            super("wrapper");
        }

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause bug");
        }
    }

    /** An exception that cannot describe itself. */
    private static final class UnreadableException extends RuntimeException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage bug");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString bug");
        }
    }
}
