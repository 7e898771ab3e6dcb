package dev.monitor.request.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts failed authentications per client in an exact sliding window and says when a client
 * crosses the threshold. Not API.
 *
 * <p>Each client keeps the times of its last {@code threshold + 1} failures; the threshold is
 * crossed when all of them lie within the window. After an event the client is quiet for one
 * window, so a sustained attack gives one event per window, not one per request. Memory is bounded:
 * at most {@code maxClients} clients are tracked, the least recently failing one is forgotten first
 * (stale clients go before active ones), so a flood of distinct addresses cannot grow the heap.
 */
public final class AuthFailureTracker {

    private final int threshold;
    private final long windowNanos;
    private final Map<Long, ClientWindow> clients;

    /**
     * Creates the tracker.
     *
     * @param threshold failures allowed within the window; one more emits
     * @param windowNanos the window length
     * @param maxClients the most clients tracked at once
     */
    public AuthFailureTracker(int threshold, long windowNanos, int maxClients) {
        this.threshold = threshold;
        this.windowNanos = windowNanos;
        this.clients = new LinkedHashMap<>(Math.min(maxClients, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, ClientWindow> eldest) {
                return size() > maxClients;
            }
        };
    }

    /**
     * Records one failure of {@code client} at {@code nowNanos}.
     *
     * @return the number of failures within the window if this failure crossed the threshold and an
     *     event should be emitted, else 0
     */
    public int recordFailure(long client, long nowNanos) {
        synchronized (clients) {
            ClientWindow window = clients.get(client);
            if (window == null) {
                window = new ClientWindow(threshold + 1);
                clients.put(client, window);
            }
            return window.record(nowNanos, windowNanos);
        }
    }

    /** The number of clients currently tracked. */
    public int trackedClients() {
        synchronized (clients) {
            return clients.size();
        }
    }

    /** The failure times of one client: a ring of the last {@code threshold + 1}. */
    private static final class ClientWindow {
        private final long[] times;
        private int count;
        private int next;
        private boolean emitted;
        private long lastEventNanos;

        ClientWindow(int capacity) {
            this.times = new long[capacity];
        }

        int record(long now, long windowNanos) {
            times[next] = now;
            next = (next + 1) % times.length;
            if (count < times.length) {
                count++;
            }
            if (count < times.length) {
                return 0;
            }
            long oldest = times[next]; // the ring is full: the next slot holds the oldest time
            if (now - oldest >= windowNanos) {
                return 0;
            }
            if (emitted && now - lastEventNanos < windowNanos) {
                return 0;
            }
            emitted = true;
            lastEventNanos = now;
            return times.length;
        }
    }
}
