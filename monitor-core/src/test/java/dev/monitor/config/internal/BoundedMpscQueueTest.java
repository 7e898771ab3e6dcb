package dev.monitor.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BoundedMpscQueueTest {

    @Test
    void offersFailAtOnceWhenFullAndSucceedAgainAfterPolling() {
        BoundedMpscQueue<Integer> queue = new BoundedMpscQueue<>(5);
        assertThat(queue.capacity()).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            assertThat(queue.offer(i)).isTrue();
        }
        assertThat(queue.offer(8)).isFalse();
        assertThat(queue.size()).isEqualTo(8);
        assertThat(queue.poll()).isZero();
        assertThat(queue.offer(8)).isTrue();
        for (int i = 1; i <= 8; i++) {
            assertThat(queue.poll()).isEqualTo(i);
        }
        assertThat(queue.poll()).isNull();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.producedCount()).isEqualTo(9);
        assertThat(queue.consumedCount()).isEqualTo(9);
    }

    @Test
    void concurrentProducersLoseNothingAndKeepTheirOwnOrder() throws InterruptedException {
        BoundedMpscQueue<long[]> queue = new BoundedMpscQueue<>(1024);
        int producers = 4;
        int perProducer = 50_000;
        AtomicLong rejected = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < perProducer; i++) {
                    while (!queue.offer(new long[] {id, i})) {
                        rejected.incrementAndGet();
                        Thread.onSpinWait();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        long[] next = new long[producers];
        long received = 0;
        long outOfOrder = 0;
        while (received < (long) producers * perProducer) {
            long[] element = queue.poll();
            if (element == null) {
                Thread.onSpinWait();
                continue;
            }
            if (element[1] != next[(int) element[0]]) {
                outOfOrder++;
            }
            next[(int) element[0]]++;
            received++;
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(queue.poll()).isNull();
        assertThat(outOfOrder).isZero();
        assertThat(next).containsOnly(perProducer);
    }

    @Test
    void capacityIsValidated() {
        assertThatThrownBy(() -> new BoundedMpscQueue<>(1)).hasMessage("capacity must be between 2 and 2^30, was 1");
    }
}
