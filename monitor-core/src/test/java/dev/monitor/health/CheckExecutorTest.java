package dev.monitor.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckExecutorTest {

    private final List<CheckExecutor> executors = new ArrayList<>();
    private final CountDownLatch endOfTest = new CountDownLatch(1);

    @AfterEach
    void close() {
        endOfTest.countDown();
        executors.forEach(CheckExecutor::close);
    }

    private CheckExecutor executor(int slots, int queue) {
        ThreadFactory quiet = runnable -> {
            Thread thread = new Thread(runnable, "check-executor-test");
            thread.setDaemon(true);
            thread.setUncaughtExceptionHandler((t, e) -> { }); // the fatal-error test kills a thread on purpose
            return thread;
        };
        CheckExecutor executor = new CheckExecutor(slots, queue, 30, TimeUnit.SECONDS, quiet);
        executors.add(executor);
        return executor;
    }

    /** A body that ignores interrupts until the test ends or {@code release} opens. */
    private Runnable blocking(CountDownLatch started, CountDownLatch release) {
        return () -> {
            started.countDown();
            while (true) {
                try {
                    if (release.await(10, TimeUnit.MILLISECONDS) || endOfTest.getCount() == 0) {
                        return;
                    }
                } catch (InterruptedException ignored) {
                    // keeps its thread
                }
            }
        };
    }

    private static Runnable completes(CompletableFuture<Void> done) {
        return () -> done.complete(null);
    }

    @Test
    void aTaskCancelledWhileWaitingNeverRunsAndItsAfterRunsOnceInTheCancellingThread() throws Exception {
        CheckExecutor executor = executor(1, 8);
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(blocking(started, endOfTest), () -> { });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        AtomicInteger afters = new AtomicInteger();
        Thread[] afterThread = new Thread[1];
        CheckExecutor.Task waiting = executor.submit(() -> ran.set(true), () -> {
            afters.incrementAndGet();
            afterThread[0] = Thread.currentThread();
        });

        assertThat(executor.waitingCount()).isEqualTo(1);
        assertThat(waiting.cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.CANCELLED);
        assertThat(waiting.cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.NONE);

        assertThat(executor.waitingCount()).isZero();
        assertThat(afters).hasValue(1);
        assertThat(afterThread[0]).isSameAs(Thread.currentThread());
        assertThat(ran).isFalse();
    }

    @Test
    void anAbandonedRunGivesItsSlotBackSoTheNextWaitingRunStartsOnAnotherThread() throws Exception {
        CheckExecutor executor = executor(1, 8);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> hungAfter = new CompletableFuture<>();
        CheckExecutor.Task hung = executor.submit(blocking(started, release), () -> hungAfter.complete(null));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> next = new CompletableFuture<>();
        executor.submit(completes(next), () -> { });
        assertThat(next).isNotDone();

        assertThat(hung.cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.ABANDONED);

        next.get(10, TimeUnit.SECONDS);
        assertThat(executor.peakThreadCount()).isEqualTo(2); // one slot + one abandoned run
        assertThat(hungAfter).isNotDone();
        release.countDown();
        hungAfter.get(10, TimeUnit.SECONDS);
        assertThat(executor.slotsInUse()).isLessThanOrEqualTo(1);
    }

    @Test
    void afterRunsExactlyOnceWhateverTheBodyThrowsAndTheWorkGoesOn() throws Exception {
        CheckExecutor executor = executor(1, 8);
        List<Runnable> bodies = List.of(
                () -> {
                    throw new IllegalStateException("body bug");
                },
                () -> {
                    throw new StackOverflowError();
                },
                () -> {
                    throw new OutOfMemoryError("fatal: kills its thread");
                },
                () -> Thread.currentThread().interrupt());
        for (Runnable body : bodies) {
            CompletableFuture<Void> after = new CompletableFuture<>();
            AtomicInteger afters = new AtomicInteger();
            executor.submit(body, () -> {
                afters.incrementAndGet();
                after.complete(null);
            });
            after.get(10, TimeUnit.SECONDS);
            assertThat(afters).hasValue(1);
        }
        AtomicBoolean interruptedAtStart = new AtomicBoolean(true);
        CompletableFuture<Void> last = new CompletableFuture<>();
        executor.submit(() -> interruptedAtStart.set(Thread.currentThread().isInterrupted()), () -> last.complete(null));
        last.get(10, TimeUnit.SECONDS);
        assertThat(interruptedAtStart).as("an interrupt left by an earlier run").isFalse();
    }

    @Test
    void anInterruptMeantForAnAbandonedRunNeverReachesTheNextRunOnItsThread() throws Exception {
        CheckExecutor executor = executor(1, 8);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> after = new CompletableFuture<>();
        Thread[] first = new Thread[1];
        CheckExecutor.Task task = executor.submit(() -> {
            first[0] = Thread.currentThread();
            blocking(started, release).run();
            Thread.currentThread().interrupt(); // and leaves the flag set on purpose
        }, () -> after.complete(null));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(task.cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.ABANDONED);
        release.countDown();
        after.get(10, TimeUnit.SECONDS);

        CompletableFuture<Thread> second = new CompletableFuture<>();
        AtomicBoolean interrupted = new AtomicBoolean(true);
        executor.submit(() -> {
            interrupted.set(Thread.currentThread().isInterrupted());
            second.complete(Thread.currentThread());
        }, () -> { });

        assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first[0]); // it took a slot again
        assertThat(interrupted).isFalse();
    }

    @Test
    void aFullQueueRefusesAndTheRefusedTaskHasNoAfter() throws Exception {
        CheckExecutor executor = executor(1, 1);
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(blocking(started, endOfTest), () -> { });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        executor.submit(() -> { }, () -> { });
        AtomicInteger afters = new AtomicInteger();

        assertThatThrownBy(() -> executor.submit(() -> { }, afters::incrementAndGet))
                .isInstanceOf(RejectedExecutionException.class).hasMessage("health executor saturated");
        assertThat(afters).hasValue(0);
    }

    @Test
    void closingDropsWaitingRunsRunsTheirAfterAndRefusesNewOnes() throws Exception {
        CheckExecutor executor = executor(1, 8);
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(blocking(started, endOfTest), () -> { });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicBoolean ran = new AtomicBoolean();
        AtomicInteger afters = new AtomicInteger();
        executor.submit(() -> ran.set(true), afters::incrementAndGet);

        executor.close();

        assertThat(afters).hasValue(1);
        assertThat(ran).isFalse();
        assertThat(executor.isClosed()).isTrue();
        assertThatThrownBy(() -> executor.submit(() -> { }, () -> { }))
                .isInstanceOf(RejectedExecutionException.class).hasMessage("health executor closed");
    }

    @Test
    void threadsNeverExceedTheSlotsPlusTheAbandonedRuns() throws Exception {
        CheckExecutor executor = executor(2, 64);
        List<CheckExecutor.Task> hung = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountDownLatch started = new CountDownLatch(1);
            hung.add(executor.submit(blocking(started, endOfTest), () -> { }));
            if (i < 2) {
                assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(executor.threadCount()).isEqualTo(2); // the third waits
        assertThat(hung.get(2).cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.CANCELLED);
        assertThat(hung.get(0).cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.ABANDONED);
        assertThat(hung.get(1).cancelOrAbandon()).isEqualTo(CheckExecutor.Stop.ABANDONED);

        List<CompletableFuture<Void>> quick = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            quick.add(done);
            executor.submit(completes(done), () -> { });
        }
        CompletableFuture.allOf(quick.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(executor.peakThreadCount()).isLessThanOrEqualTo(2 + 2);
        assertThat(executor.slotsInUse()).isLessThanOrEqualTo(2);
    }
}
