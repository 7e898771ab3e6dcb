package dev.monitor.alert.internal;

import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.channel.AlertChannel;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.alert.channel.DeliveryContext;
import dev.monitor.alert.channel.DeliveryPolicy;
import dev.monitor.alert.channel.DeliveryResult;
import dev.monitor.fleet.NotificationClaims;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The delivery stage of one channel: takes the outbox's entries, enforces the channel's {@link DeliveryPolicy}
 * and reports every outcome forward, as a {@link DeliveryOutcome}, to the completion stage. It never calls back
 * into decisions or the outbox.
 *
 * <p>Pending notifications are sent one batch at a time: when the Resilience4j rate limiter grants a permit,
 * everything pending goes out, as one notification or, when several groups wait, as one digest. A newer
 * notification of a group replaces an older one still waiting (it carries the group's whole state). Once
 * {@link DeliveryPolicy#maxPending()} notifications wait, further ones are <em>folded</em> into the channel's
 * {@link Fold digest} (counts, the first alerts listed, "and K more"): a storm costs bounded memory and is never
 * silently dropped. Each attempt runs on the channel's own threads behind a bulkhead and circuit breaker, with a
 * timeout; its result comes back through this lane's own queue and is applied at the next {@link #tick}.
 * Retryable failures back off exponentially with jitter (Resilience4j retry), never less than the provider's
 * {@code Retry-After}; a notification given up is handed to the fallback channel, if any.
 *
 * <p>Notifications addressed to particular recipients (escalation to whoever is on call) are replaced only by
 * newer ones for the same recipients, merged into a digest only with others for the same recipients, and never
 * folded (escalation bounds them), so nobody is left out; their recipients are responder ids until
 * {@link RecipientAddresses} turns them into the channel's addresses just before rendering, so addresses never
 * reach the journal.
 *
 * <p>In a fleet, the send task first claims the notification in the fleet store ({@link NotificationClaims}, on the
 * channel's thread): when another replica holds the claim, it sent the same notification, and this attempt ends as
 * delivered without a send (counted by the store, not as delivered here).
 *
 * <p>All methods except the send task run on the dispatcher thread.
 */
final class ChannelDelivery {

    /** One attempt's notifications. */
    static final class Batch {
        final List<OutboxEntry> entries;
        final AlertNotification notification;
        final int attempt;
        final long startedNanos = System.nanoTime();
        final long deadline;
        /** Set by the send task when another replica holds the notification's claim: nothing was sent. */
        volatile boolean claimedElsewhere;

        Batch(List<OutboxEntry> entries, AlertNotification notification, int attempt, long deadline) {
            this.entries = entries;
            this.notification = notification;
            this.attempt = attempt;
            this.deadline = deadline;
        }
    }

    private record Finished(Batch batch, DeliveryResult result) {
    }

    /** The most folded records kept in the journal until their digest is sealed (the journal's default bound). */
    private static final int MAX_KEPT_KEYS = 100_000;
    private static final long TIMEOUT_GRACE_MILLIS = 1000;
    private static final long CIRCUIT_POLL_MILLIS = 1000;

    final String name;
    final AlertChannel channel;
    final DeliveryPolicy policy;
    private final int maxAlertsPerNotification;
    private final Clock clock;
    private final Ids ids;
    private final RecipientAddresses addresses;
    private final Consumer<DeliveryOutcome> completion;
    private final Runnable wake;
    private final boolean durable;
    private final NotificationClaims claims;
    private @Nullable ChannelDelivery fallback;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final ThreadPoolExecutor executor;
    private final ArrayDeque<OutboxEntry> pending = new ArrayDeque<>();
    private final Map<String, OutboxEntry> pendingByGroup = new HashMap<>();
    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    private Fold fold;
    private final List<String> foldKeys = new ArrayList<>();
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
    final AtomicLong folded = new AtomicLong();
    final Map<String, AtomicLong> failedAttempts = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger pendingCount = new AtomicInteger();

    /**
     * @param clock the dispatcher's clock: the circuit breaker's open state ends by it, like every other
     *        delivery timer (a test with a manual clock controls when a trial call is due)
     * @param completion the completion stage, told every outcome (dispatcher thread)
     * @param wake wakes the dispatcher thread when an attempt finishes on the channel's thread
     * @param durable whether the outbox is journaled (folded records then stay until their digest is sealed)
     * @param claims the fleet's notification claims (the local store's always win)
     */
    ChannelDelivery(AlertChannel channel, DeliveryPolicy policy, int maxAlertsPerNotification, Clock clock, Ids ids,
            RecipientAddresses addresses, Consumer<DeliveryOutcome> completion, Runnable wake, boolean durable,
            NotificationClaims claims) {
        this.name = channel.name();
        this.channel = channel;
        this.policy = policy;
        this.maxAlertsPerNotification = maxAlertsPerNotification;
        this.clock = clock;
        this.ids = ids;
        this.addresses = addresses;
        this.completion = completion;
        this.wake = wake;
        this.durable = durable;
        this.claims = claims;
        this.fold = new Fold(maxAlertsPerNotification);
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

    /** The channel notifications given up here are handed to, if its policy names one. */
    void fallbackTo(ChannelDelivery lane) {
        this.fallback = lane;
    }

    /** The key under which a waiting notification is replaced by a newer one: its group and its recipients. */
    private static String replacementKey(OutboxEntry entry) {
        AlertNotification notification = entry.notification();
        if (notification.groupKey().startsWith("digest:")) {
            return notification.id(); // a sealed storm digest replaces nothing
        }
        return notification.recipients().isEmpty() ? notification.groupKey()
                : notification.groupKey() + '\u0000' + String.join(",", notification.recipients());
    }

    /**
     * Takes an entry (already recorded by the outbox), replacing a waiting one of the same group; past the pending
     * limit, folds it into the channel's digest.
     */
    void enqueue(OutboxEntry entry) {
        String key = replacementKey(entry);
        OutboxEntry older = pendingByGroup.get(key);
        if (older != null && pending.remove(older)) {
            pendingByGroup.remove(key);
            completion.accept(new DeliveryOutcome.Superseded(name, older));
        }
        if (pending.size() >= policy.maxPending() && entry.notification().recipients().isEmpty()) {
            fold.add(entry);
            folded.incrementAndGet();
            boolean keep = durable && foldKeys.size() < MAX_KEPT_KEYS;
            if (keep) {
                foldKeys.add(entry.key());
            }
            completion.accept(new DeliveryOutcome.Folded(name, entry, policy.maxPending(), keep));
        } else {
            pendingByGroup.put(key, entry);
            pending.addLast(entry);
        }
        updatePendingCount();
    }

    private void updatePendingCount() {
        Batch current = inFlight;
        pendingCount.set(pending.size() + (fold.isEmpty() ? 0 : 1) + (current == null ? 0 : current.entries.size()));
    }

    /** When this lane next has work, in epoch millis, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        if (!finished.isEmpty()) {
            return Long.MIN_VALUE;
        }
        if (inFlight != null) {
            return inFlight.deadline;
        }
        return pending.isEmpty() && fold.isEmpty() ? Long.MAX_VALUE : nextAttemptAt;
    }

    /** Whether nothing waits, is folded or is in flight. */
    boolean isIdle() {
        return inFlight == null && pending.isEmpty() && fold.isEmpty() && finished.isEmpty();
    }

    /** Applies finished attempts, abandons one past its deadline, and starts an attempt if one is due. */
    void tick(long now) {
        Finished done;
        while ((done = finished.poll()) != null) {
            complete(done.batch, done.result);
        }
        Batch current = inFlight;
        if (current != null) {
            if (now >= current.deadline) {
                complete(current, DeliveryResult.retryable("timeout", "no answer within "
                        + policy.attemptTimeout().toMillis() + " ms"));
            }
            return;
        }
        if ((pending.isEmpty() && fold.isEmpty()) || now < nextAttemptAt) {
            return;
        }
        expire(now);
        if (pending.isEmpty() && fold.isEmpty()) {
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
        List<OutboxEntry> entries = take(now);
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

    /** The entries of the next attempt: the oldest alone, or (past digestAfter, or with a fold) a digest's worth. */
    private List<OutboxEntry> take(long now) {
        if (pending.size() <= Math.max(1, policy.digestAfter()) && fold.isEmpty()) {
            OutboxEntry next = pending.pollFirst();
            pendingByGroup.remove(replacementKey(next), next);
            return List.of(next);
        }
        // more is waiting than should go out one by one: everything for the same recipients as the oldest goes out
        // now, as one digest, with the storm's fold (those for other recipients follow with the next permit)
        List<String> recipients = pending.isEmpty() ? List.of() : pending.peekFirst().notification().recipients();
        List<OutboxEntry> entries = new ArrayList<>();
        for (Iterator<OutboxEntry> it = pending.iterator(); it.hasNext(); ) {
            OutboxEntry candidate = it.next();
            if (candidate.notification().recipients().equals(recipients)) {
                it.remove();
                pendingByGroup.remove(replacementKey(candidate), candidate);
                entries.add(candidate);
            }
        }
        if (recipients.isEmpty() && !fold.isEmpty()) {
            entries.add(sealFold(now));
        }
        return entries;
    }

    /** The fold as one outbox entry, recorded in place of the folded ones; the fold starts again empty. */
    private OutboxEntry sealFold(long now) {
        // its age is that of the newest notification folded into it: sealing does not make old news new
        OutboxEntry sealed = new OutboxEntry(name, fold.digest("digest-" + ids.next(), name, now, List.of()),
                fold.newestEntryAt(), "");
        fold = new Fold(maxAlertsPerNotification);
        List<String> keys = List.copyOf(foldKeys);
        foldKeys.clear();
        completion.accept(new DeliveryOutcome.Sealed(name, sealed, keys));
        return sealed;
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
        finished.add(new Finished(batch, result));
        wake.run();
    }

    private DeliveryResult renderAndSend(Batch batch, DeliveryContext context) {
        if (!claims.claim(NotificationClaimKey.of(name, batch.notification), name)) {
            batch.claimedElsewhere = true; // another replica sent this very notification
            return DeliveryResult.delivered();
        }
        ChannelPayload payload;
        try {
            AlertNotification notification = batch.notification;
            if (!notification.recipients().isEmpty()) {
                notification = addresses.address(name, notification);
            }
            payload = channel.render(notification);
        } catch (RuntimeException e) {
            return DeliveryResult.permanent("render_error", String.valueOf(e));
        }
        DeliveryResult result = channel.send(payload, context);
        return result != null ? result : DeliveryResult.retryable("error", "the channel returned no result");
    }

    /** Applies the result of an attempt; ignored if the attempt was already abandoned. */
    private void complete(Batch batch, DeliveryResult result) {
        if (batch != inFlight) {
            return;
        }
        inFlight = null;
        long now = clock.millis();
        long elapsed = System.nanoTime() - batch.startedNanos;
        switch (result.outcome()) {
            case DELIVERED -> {
                if (batch.claimedElsewhere) {
                    circuitBreaker.releasePermission(); // the channel was not called: nothing to judge it by
                } else {
                    circuitBreaker.onSuccess(elapsed, TimeUnit.NANOSECONDS);
                    delivered.incrementAndGet();
                    if (batch.notification.isDigest()) {
                        digests.incrementAndGet();
                    }
                    alertsDelivered.addAndGet(batch.notification.firingCount() + batch.notification.resolvedCount());
                }
                completion.accept(new DeliveryOutcome.Delivered(name, batch.notification, batch.entries));
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
                failed.addAndGet(batch.entries.size());
                completion.accept(new DeliveryOutcome.Failed(name, batch.notification, result, false, batch.entries));
                for (OutboxEntry entry : batch.entries) {
                    handOver(entry, now);
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
                completion.accept(new DeliveryOutcome.Failed(name, batch.notification, result, true, List.of()));
                putBack(batch.entries);
                if (retryContext == null) {
                    retryContext = retry.asyncContext();
                }
                long delay = retryContext.onResult(result);
                if (delay < 0) {
                    // this round is used up: tell someone, then keep trying at the slowest pace
                    for (OutboxEntry entry : batch.entries) {
                        handOver(entry, now);
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
            if (pendingByGroup.get(group) != null) {
                completion.accept(new DeliveryOutcome.Superseded(name, entry)); // a newer notification of the group
                continue;
            }
            pendingByGroup.put(group, entry);
            pending.addFirst(entry);
        }
    }

    private void handOver(OutboxEntry entry, long now) {
        ChannelDelivery target = fallback;
        if (target != null && entry.fallbackFrom().isEmpty()) {
            fallbacks.incrementAndGet();
            OutboxEntry handed = new OutboxEntry(target.name, entry.notification(), now, name);
            completion.accept(new DeliveryOutcome.HandedOver(name, handed));
            target.enqueue(handed);
        }
    }

    private void expire(long now) {
        long maxAge = policy.maxAge().toMillis();
        for (Iterator<OutboxEntry> it = pending.iterator(); it.hasNext(); ) {
            OutboxEntry entry = it.next();
            if (now - entry.createdAt() > maxAge) {
                it.remove();
                pendingByGroup.remove(replacementKey(entry), entry);
                failed.incrementAndGet();
                completion.accept(new DeliveryOutcome.Expired(name, entry));
            }
        }
        if (!fold.isEmpty() && now - fold.newestEntryAt() > maxAge) {
            failed.addAndGet(fold.size());
            completion.accept(new DeliveryOutcome.FoldExpired(name, fold.size(), List.copyOf(foldKeys)));
            fold = new Fold(maxAlertsPerNotification);
            foldKeys.clear();
        }
        updatePendingCount();
    }

    private AlertNotification digest(List<OutboxEntry> entries, long now) {
        Fold batch = new Fold(maxAlertsPerNotification);
        for (OutboxEntry entry : entries) {
            batch.add(entry.notification());
        }
        return batch.digest("digest-" + ids.next(), name, now, entries.get(0).notification().recipients());
    }

    private void setFailing(boolean failing, String reason) {
        if (this.failing != failing) {
            this.failing = failing;
            completion.accept(new DeliveryOutcome.Failing(name, failing, reason));
        }
    }

    private void count(String reason) {
        failedAttempts.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
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
