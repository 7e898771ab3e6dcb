package dev.monitor.health.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlockedThreadsHealthCheckTest {

    private final List<Thread> started = new ArrayList<>();

    @AfterEach
    void breakTheDeadlock() throws InterruptedException {
        // The threads wait with lockInterruptibly, so interrupting them ends the deadlock and
        // leaves no deadlocked threads behind for other tests in this JVM.
        for (Thread thread : started) {
            thread.interrupt();
        }
        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(60)); // a hang guard only
            assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
        }
    }

    @Test
    void passesWhenNoThreadsAreDeadlocked() {
        HealthResult result = new DeadlockedThreadsHealthCheck().check();

        assertThat(result.status()).isEqualTo(CheckStatus.PASS);
        assertThat(result.observed()).isNotNull();
        assertThat(result.observed().value()).isEqualTo(0);
    }

    @Test
    void failsNamingTheThreadsOfARealDeadlockAndPassesAgainOnceItIsBroken() throws Exception {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldTheirFirstLock = new CountDownLatch(2);
        started.add(lockInOrder("deadlock-a", first, second, bothHoldTheirFirstLock));
        started.add(lockInOrder("deadlock-b", second, first, bothHoldTheirFirstLock));
        DeadlockedThreadsHealthCheck check = new DeadlockedThreadsHealthCheck();

        HealthResult result = awaitStatus(check, CheckStatus.FAIL);

        assertThat(result.error()).startsWith("2 threads deadlocked: ").contains("'deadlock-a'", "'deadlock-b'")
                .doesNotContain("\tat ").doesNotContain("\n");
        assertThat(result.details()).containsEntry("deadlocked_threads", 2);
        assertThat(result.observed().value()).isEqualTo(2);

        breakTheDeadlock();
        started.clear();
        assertThat(check.check().status()).isEqualTo(CheckStatus.PASS);
    }

    private static Thread lockInOrder(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch latch) {
        Thread thread = new Thread(() -> {
            held.lock();
            try {
                latch.countDown();
                latch.await();
                wanted.lockInterruptibly();
                wanted.unlock();
            } catch (InterruptedException e) {
                // interrupted by the test: the deadlock is over
            } finally {
                held.unlock();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static HealthResult awaitStatus(DeadlockedThreadsHealthCheck check, CheckStatus expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard only
        HealthResult result = check.check();
        while (result.status() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
            result = check.check();
        }
        assertThat(result.status()).as("status within 10 s").isEqualTo(expected);
        return result;
    }
}
