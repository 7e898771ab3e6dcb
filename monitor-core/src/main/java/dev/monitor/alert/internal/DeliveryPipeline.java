package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Delivery to one channel. The pending notifications live here (mirrored in the outbox journal) and
 * are sent one batch at a time: when the Resilience4j rate limiter grants a permit, everything pending
 * goes out, as one notification or, when several groups wait, as one digest, so a storm reaches the
 * channel within its rate limit instead of being silenced. A newer notification of a group replaces
 * an older one still waiting (it carries the group's whole state). Each attempt runs on the channel's
 * own threads behind a Resilience4j bulkhead and circuit breaker, with a timeout; retryable failures
 * back off exponentially with jitter (Resilience4j retry), never less than the provider's
 * {@code Retry-After}.
 *
 * <p>Notifications addressed to particular recipients (escalation to whoever is on call) are replaced only by
 * newer ones for the same recipients and merged into a digest only with others for the same recipients, so
 * nobody is left out; their recipients are responder ids until {@link Owner#address} turns them into the
 * channel's addresses just before rendering, so addresses never reach the journal.
 *
 * <p>All methods except the send task run on the dispatcher thread.
 */
final class DeliveryPipeline {

    /** What a pipeline reports to the dispatcher. */
    interface Owner {
        long now();

        String newId();

        void store(OutboxEntry entry);

        void unstore(OutboxEntry entry);

        void completed(DeliveryPipeline pipeline, Batch batch, DeliveryResult result);

        void delivered(DeliveryPipeline pipeline, AlertNotification sent, List<OutboxEntry> entries);

        void failed(DeliveryPipeline pipeline, AlertNotification attempted, DeliveryResult result, boolean willRetry);

        void dropped(DeliveryPipeline pipeline, OutboxEntry entry, String reason);

        void fallback(DeliveryPipeline pipeline, String fallbackChannel, OutboxEntry entry);

        void failingChanged(DeliveryPipeline pipeline, boolean failing, String reason);

        /** {@code notification} with its recipients (responder ids) turned into {@code channel}'s addresses; any thread. */
        AlertNotification address(String channel, AlertNotification notification);
    }

    /** One attempt's notifications. */
    static final class Batch {
        final List<OutboxEntry> entries;
        final AlertNotification notification;
        final int attempt;
        final long startedNanos = System.nanoTime();
        final long deadline;

        Batch(List<OutboxEntry> entries, AlertNotification notification, int attempt, long deadline) {
            this.entries = entries;
            this.notification = notification;
            this.attempt = attempt;
            this.deadline = deadline;
        }
    }

    private static final long TIMEOUT_GRACE_MILLIS = 1000;
    private static final long CIRCUIT_POLL_MILLIS = 1000;

    final String name;
    final AlertChannel channel;
    final DeliveryPolicy policy;
    private final Owner owner;
    private final int maxAlertsPerNotification;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final ThreadPoolExecutor executor;
    private final ArrayDeque<OutboxEntry> pending = new ArrayDeque<>();
    private final Map<String, OutboxEntry> pendingByGroup = new HashMap<>();
    private @Nullable Batch inFlight;
    private long nextAttemptAt;
    private int attempt;
    private Retry.@Nullable AsyncContext<DeliveryResult> retryContext;
    private boolean failing;

    final AtomicLong delivered = new AtomicLong();
    final AtomicLong digests = new AtomicLong();
    final AtomicLong alertsDelivered = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong fallbacks = new AtomicLong();
    final Map<String, AtomicLong> failedAttempts = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger pendingCount = new AtomicInteger();

    /**
     * @param clock the dispatcher's clock: the circuit breaker's open state ends by it, like every other
     *        delivery timer (a test with a manual clock controls when a trial call is due)
     */
    DeliveryPipeline(AlertChannel channel, DeliveryPolicy policy, Owner owner, int maxAlertsPerNotification,
            Clock clock) {
        this.name = channel.name();
        this.channel = channel;
        this.policy = policy;
        this.owner = owner;
        this.maxAlertsPerNotification = maxAlertsPerNotification;
        this.rateLimiter = RateLimiter.of("monitor-alert-" + name, RateLimiterConfig.custom()
                .limitForPeriod(policy.ratePermits())
                .limitRefreshPeriod(policy.ratePeriod())
                .timeoutDuration(Duration.ZERO)
                .build());
        this.circuitBreaker = CircuitBreaker.of("monitor-alert-" + name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(policy.circuitWindow())
                .minimumNumberOfCalls(Math.min(policy.circuitMinimumCalls(), policy.circuitWindow()))
                .failureRateThreshold(policy.failureRateThreshold())
                .waitDurationInOpenState(policy.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build());
        this.bulkhead = Bulkhead.of("monitor-alert-" + name, BulkheadConfig.custom()
                .maxConcurrentCalls(policy.concurrency())
                .maxWaitDuration(Duration.ZERO)
                .writableStackTraceEnabled(false)
                .build());
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(policy.initialBackoff(),
                policy.backoffMultiplier(), policy.jitter(), policy.maxBackoff());
        long maxRetryAfter = policy.maxRetryAfter().toMillis();
        this.retry = Retry.of("monitor-alert-" + name, RetryConfig.<DeliveryResult>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnResult(DeliveryResult::isRetryable)
                .intervalBiFunction((attempts, outcome) -> {
                    long wait = backoff.apply(attempts);
                    if (outcome.isRight()) {
                        Duration retryAfter = outcome.get().retryAfter();
                        if (retryAfter != null) {
                            wait = Math.max(wait, Math.min(retryAfter.toMillis(), maxRetryAfter));
                        }
                    }
                    return wait;
                })
                .build());
        // the bulkhead's threads: daemon, so that an application that forgets close() can still exit
        this.executor = new ThreadPoolExecutor(policy.concurrency(), policy.concurrency(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "monitor-alert-" + name);
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /** The key under which a waiting notification is replaced by a newer one: its group and its recipients. */
    private static String replacementKey(OutboxEntry entry) {
        AlertNotification notification = entry.notification();
        return notification.recipients().isEmpty() ? notification.groupKey()
                : notification.groupKey() + '\u0000' + String.join(",", notification.recipients());
    }

    /** Adds a notification for this channel, replacing a waiting one of the same group. */
    void enqueue(OutboxEntry entry, boolean stored) {
        OutboxEntry older = pendingByGroup.put(replacementKey(entry), entry);
        if (older != null && pending.remove(older)) {
            owner.unstore(older);
        }
        if (!stored) {
            owner.store(entry);
        }
        pending.addLast(entry);
        if (pending.size() > policy.maxPending()) {
            OutboxEntry victim = null;
            for (OutboxEntry candidate : pending) {
                if (!candidate.reportsResolved()) {
                    victim = candidate;
                    break;
                }
            }
            if (victim == null) {
                victim = pending.peekFirst();
            }
            removePending(victim);
            owner.unstore(victim);
            owner.dropped(this, victim, "outbox_full");
        }
        updatePendingCount();
    }

    private void updatePendingCount() {
        Batch current = inFlight;
        pendingCount.set(pending.size() + (current == null ? 0 : current.entries.size()));
    }

    private void removePending(OutboxEntry entry) {
        pending.remove(entry);
        pendingByGroup.remove(replacementKey(entry), entry);
    }

    /** When this pipeline next has work, in epoch millis, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        if (inFlight != null) {
            return inFlight.deadline;
        }
        return pending.isEmpty() ? Long.MAX_VALUE : nextAttemptAt;
    }

    /** Whether nothing waits or is in flight. */
    boolean isIdle() {
        return inFlight == null && pending.isEmpty();
    }

    /** Starts an attempt if one is due; abandons an attempt past its deadline. */
    void tick(long now) {
        Batch current = inFlight;
        if (current != null) {
            if (now >= current.deadline) {
                complete(current, DeliveryResult.retryable("timeout", "no answer within "
                        + policy.attemptTimeout().toMillis() + " ms"));
            }
            return;
        }
        if (pending.isEmpty() || now < nextAttemptAt) {
            return;
        }
        expire(now);
        if (pending.isEmpty()) {
            return;
        }
        if (!circuitBreaker.tryAcquirePermission()) {
            setFailing(true, "circuit_open");
            nextAttemptAt = now + Math.min(CIRCUIT_POLL_MILLIS, policy.circuitOpenDuration().toMillis());
            return;
        }
        if (!rateLimiter.acquirePermission()) {
            circuitBreaker.releasePermission();
            long waitNanos = rateLimiter.getMetrics() instanceof AtomicRateLimiter.AtomicRateLimiterMetrics metrics
                    ? metrics.getNanosToWait() : policy.ratePeriod().toNanos() / policy.ratePermits();
            waitNanos = Math.max(waitNanos, 1_000_000);
            nextAttemptAt = now + TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999);
            return;
        }
        if (!bulkhead.tryAcquirePermission()) {
            // an abandoned attempt still holds the channel's threads
            circuitBreaker.releasePermission();
            count("bulkhead_full");
            nextAttemptAt = now + Math.max(policy.initialBackoff().toMillis(), 100);
            return;
        }
        List<OutboxEntry> entries;
        if (pending.size() > Math.max(1, policy.digestAfter())) {
            // more is waiting than should go out one by one: everything for the same recipients as the oldest
            // goes out now, as one digest (those for other recipients follow with the next permit)
            List<String> recipients = pending.peekFirst().notification().recipients();
            entries = new ArrayList<>();
            for (Iterator<OutboxEntry> it = pending.iterator(); it.hasNext(); ) {
                OutboxEntry candidate = it.next();
                if (candidate.notification().recipients().equals(recipients)) {
                    it.remove();
                    pendingByGroup.remove(replacementKey(candidate), candidate);
                    entries.add(candidate);
                }
            }
        } else {
            OutboxEntry next = pending.pollFirst();
            pendingByGroup.remove(replacementKey(next), next);
            entries = List.of(next);
        }
        AlertNotification notification = entries.size() == 1 ? entries.get(0).notification() : digest(entries, now);
        Batch batch = new Batch(entries, notification, ++attempt,
                now + policy.attemptTimeout().toMillis() + TIMEOUT_GRACE_MILLIS);
        inFlight = batch;
        updatePendingCount();
        DeliveryContext context = new DeliveryContext(notification.id(), batch.attempt, policy.attemptTimeout());
        try {
            executor.execute(() -> send(batch, context));
        } catch (RuntimeException rejected) {
            bulkhead.onComplete();
            complete(batch, DeliveryResult.retryable("rejected", "the channel's executor is shut down"));
        }
    }

    private void send(Batch batch, DeliveryContext context) {
        DeliveryResult result;
        try {
            result = renderAndSend(batch, context);
        } catch (RuntimeException | Error e) {
            result = DeliveryResult.retryable("error", String.valueOf(e));
        } finally {
            bulkhead.onComplete();
        }
        owner.completed(this, batch, result);
    }

    private DeliveryResult renderAndSend(Batch batch, DeliveryContext context) {
        ChannelPayload payload;
        try {
            AlertNotification notification = batch.notification;
            if (!notification.recipients().isEmpty()) {
                notification = owner.address(name, notification);
            }
            payload = channel.render(notification);
        } catch (RuntimeException e) {
            return DeliveryResult.permanent("render_error", String.valueOf(e));
        }
        DeliveryResult result = channel.send(payload, context);
        return result != null ? result : DeliveryResult.retryable("error", "the channel returned no result");
    }

    /** Applies the result of an attempt; ignored if the attempt was already abandoned. Dispatcher thread. */
    void complete(Batch batch, DeliveryResult result) {
        if (batch != inFlight) {
            return;
        }
        inFlight = null;
        long now = owner.now();
        long elapsed = System.nanoTime() - batch.startedNanos;
        switch (result.outcome()) {
            case DELIVERED -> {
                circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                delivered.incrementAndGet();
                if (batch.notification.isDigest()) {
                    digests.incrementAndGet();
                }
                alertsDelivered.addAndGet(batch.notification.firingCount() + batch.notification.resolvedCount());
                for (OutboxEntry entry : batch.entries) {
                    owner.unstore(entry);
                }
                owner.delivered(this, batch.notification, batch.entries);
                if (retryContext != null) {
                    retryContext.onResult(result);
                    retryContext = null;
                }
                attempt = 0;
                nextAttemptAt = now;
                setFailing(false, "delivered");
            }
            case PERMANENT -> {
                if (isPayloadProblem(result.reason())) {
                    circuitBreaker.releasePermission();
                } else {
                    circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new DeliveryException(result));
                }
                count(result.reason());
                owner.failed(this, batch.notification, result, false);
                for (OutboxEntry entry : batch.entries) {
                    owner.unstore(entry);
                    failed.incrementAndGet();
                    handOver(entry);
                }
                retryContext = null;
                attempt = 0;
                nextAttemptAt = now;
                if (circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
                    setFailing(true, result.reason());
                }
            }
            case RETRYABLE -> {
                circuitBreaker.onError(elapsed, TimeUnit.NANOSECONDS, new DeliveryException(result));
                count(result.reason());
                owner.failed(this, batch.notification, result, true);
                putBack(batch.entries);
                if (retryContext == null) {
                    retryContext = retry.asyncContext();
                }
                long delay = retryContext.onResult(result);
                if (delay < 0) {
                    // this round is used up: tell someone, then keep trying at the slowest pace
                    for (OutboxEntry entry : batch.entries) {
                        handOver(entry);
                    }
                    setFailing(true, result.reason());
                    retryContext = null;
                    delay = policy.maxBackoff().toMillis();
                    Duration retryAfter = result.retryAfter();
                    if (retryAfter != null) {
                        delay = Math.max(delay, Math.min(retryAfter.toMillis(), policy.maxRetryAfter().toMillis()));
                    }
                } else if (circuitBreaker.getState() == CircuitBreaker.State.OPEN) {
                    setFailing(true, "circuit_open");
                }
                nextAttemptAt = now + delay;
            }
        }
        updatePendingCount();
    }

    private static boolean isPayloadProblem(String reason) {
        return reason.equals("http_400") || reason.equals("http_413") || reason.equals("http_422")
                || reason.equals("render_error");
    }

    private void putBack(List<OutboxEntry> entries) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            OutboxEntry entry = entries.get(i);
            String group = replacementKey(entry);
            OutboxEntry newer = pendingByGroup.get(group);
            if (newer != null) {
                owner.unstore(entry); // a newer notification of the group supersedes it
                continue;
            }
            pendingByGroup.put(group, entry);
            pending.addFirst(entry);
        }
    }

    private void handOver(OutboxEntry entry) {
        String fallback = policy.fallbackChannel();
        if (fallback != null && entry.fallbackFrom().isEmpty()) {
            fallbacks.incrementAndGet();
            owner.fallback(this, fallback, entry);
        }
    }

    private void expire(long now) {
        long maxAge = policy.maxAge().toMillis();
        for (Iterator<OutboxEntry> it = pending.iterator(); it.hasNext(); ) {
            OutboxEntry entry = it.next();
            if (now - entry.createdAt() > maxAge) {
                it.remove();
                pendingByGroup.remove(replacementKey(entry), entry);
                owner.unstore(entry);
                failed.incrementAndGet();
                owner.dropped(this, entry, "expired");
            }
        }
    }

    private AlertNotification digest(List<OutboxEntry> entries, long now) {
        List<NotifiedAlert> firing = new ArrayList<>();
        List<NotifiedAlert> resolved = new ArrayList<>();
        int firingCount = 0;
        int resolvedCount = 0;
        int acknowledgedCount = 0;
        int groups = 0;
        long staleAfter = now;
        for (OutboxEntry entry : entries) {
            AlertNotification notification = entry.notification();
            firingCount += notification.firingCount();
            resolvedCount += notification.resolvedCount();
            acknowledgedCount += notification.acknowledgedCount();
            groups += notification.groupCount();
            staleAfter = Math.max(staleAfter, notification.staleAfter().toEpochMilli());
            for (NotifiedAlert alert : notification.alerts()) {
                (alert.isFiring() ? firing : resolved).add(alert);
            }
        }
        List<NotifiedAlert> shown = new ArrayList<>(Math.min(maxAlertsPerNotification, firing.size() + resolved.size()));
        for (NotifiedAlert alert : firing) {
            if (shown.size() < maxAlertsPerNotification) {
                shown.add(alert);
            }
        }
        for (NotifiedAlert alert : resolved) {
            if (shown.size() < maxAlertsPerNotification) {
                shown.add(alert);
            }
        }
        return new AlertNotification("digest-" + owner.newId(), "digest", "digest:" + name, new LinkedHashMap<>(), shown,
                firingCount, resolvedCount, Math.max(groups, 2), Instant.ofEpochMilli(now), Instant.ofEpochMilli(staleAfter),
                acknowledgedCount, entries.get(0).notification().recipients());
    }

    private void setFailing(boolean failing, String reason) {
        if (this.failing != failing) {
            this.failing = failing;
            owner.failingChanged(this, failing, reason);
        }
    }

    private void count(String reason) {
        failedAttempts.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    /** Current state of the circuit breaker. */
    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    /** Stops the channel's threads. */
    void shutdown() {
        executor.shutdownNow();
    }

    /** A delivery failure as an exception, for the circuit breaker's records. */
    static final class DeliveryException extends RuntimeException {
        DeliveryException(DeliveryResult result) {
            super(result.reason(), null, false, false);
        }
    }
}
