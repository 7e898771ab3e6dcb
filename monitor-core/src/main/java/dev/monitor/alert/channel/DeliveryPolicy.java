package dev.monitor.alert.channel;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.Names;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the dispatcher delivers to one channel: rate limit (token bucket), retries with exponential
 * backoff and jitter that honour {@code Retry-After}, circuit breaker, bulkhead (the channel's own
 * threads, so a slow SMTP server cannot delay PagerDuty), per-attempt timeout, backlog bound and
 * optional fallback channel. Immutable; build with {@link #builder()} or {@link #from(DeliveryPolicy)};
 * each built-in channel has a {@linkplain AlertChannel#defaultPolicy() default} fitting its provider.
 *
 * <p>Retries: after a retryable failure the next attempt waits {@code initialBackoff × multiplier^(n-1)}
 * (randomized by ±{@code jitter}, at most {@code maxBackoff}), or the provider's {@code Retry-After}
 * if longer (at most {@code maxRetryAfter}). After {@code maxAttempts} failed attempts in a row the
 * notification goes to the fallback channel and a "notifier failing" meta-alert fires, but the
 * notification stays in the outbox and is retried every {@code maxBackoff} until it is delivered or
 * older than {@code maxAge}: a resolved notification is never given up while it can still arrive.
 */
public final class DeliveryPolicy {

    private static final DeliveryPolicy DEFAULTS = new Builder().build();

    private final int ratePermits;
    private final Duration ratePeriod;
    private final Duration attemptTimeout;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;
    private final float failureRateThreshold;
    private final int circuitMinimumCalls;
    private final int circuitWindow;
    private final Duration circuitOpenDuration;
    private final int concurrency;
    private final int maxPending;
    private final int digestAfter;
    private final Duration maxAge;
    private final @Nullable String fallbackChannel;

    private DeliveryPolicy(Builder builder) {
        this.ratePermits = builder.ratePermits;
        this.ratePeriod = builder.ratePeriod;
        this.attemptTimeout = builder.attemptTimeout;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.backoffMultiplier = builder.backoffMultiplier;
        this.jitter = builder.jitter;
        this.maxBackoff = builder.maxBackoff;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.failureRateThreshold = builder.failureRateThreshold;
        this.circuitMinimumCalls = builder.circuitMinimumCalls;
        this.circuitWindow = builder.circuitWindow;
        this.circuitOpenDuration = builder.circuitOpenDuration;
        this.concurrency = builder.concurrency;
        this.maxPending = builder.maxPending;
        this.digestAfter = builder.digestAfter;
        this.maxAge = builder.maxAge;
        this.fallbackChannel = builder.fallbackChannel;
    }

    /**
     * The defaults: 10 notifications per second, 10 s per attempt, 6 attempts per round from 1 s
     * backoff doubling to at most 5 min with ±50 % jitter, {@code Retry-After} honoured up to 1 h,
     * circuit opening at 50 % failures over the last 10 calls (at least 5) for 30 s, one thread,
     * 1000 pending notifications, a digest when more than 3 wait, kept at most 24 h, no fallback.
     */
    public static DeliveryPolicy defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from {@code base}. */
    public static Builder from(DeliveryPolicy base) {
        Objects.requireNonNull(base, "base");
        Builder builder = new Builder();
        builder.ratePermits = base.ratePermits;
        builder.ratePeriod = base.ratePeriod;
        builder.attemptTimeout = base.attemptTimeout;
        builder.maxAttempts = base.maxAttempts;
        builder.initialBackoff = base.initialBackoff;
        builder.backoffMultiplier = base.backoffMultiplier;
        builder.jitter = base.jitter;
        builder.maxBackoff = base.maxBackoff;
        builder.maxRetryAfter = base.maxRetryAfter;
        builder.failureRateThreshold = base.failureRateThreshold;
        builder.circuitMinimumCalls = base.circuitMinimumCalls;
        builder.circuitWindow = base.circuitWindow;
        builder.circuitOpenDuration = base.circuitOpenDuration;
        builder.concurrency = base.concurrency;
        builder.maxPending = base.maxPending;
        builder.digestAfter = base.digestAfter;
        builder.maxAge = base.maxAge;
        builder.fallbackChannel = base.fallbackChannel;
        return builder;
    }

    /** Notifications allowed per {@link #ratePeriod()}; also the burst size. */
    public int ratePermits() {
        return ratePermits;
    }

    /** The period in which {@link #ratePermits()} notifications may be sent. */
    public Duration ratePeriod() {
        return ratePeriod;
    }

    /** How long one attempt may take. */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /** Failed attempts in a row before the fallback is used and the meta-alert fires. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** The wait after the first failure. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** The factor by which the wait grows after each failure. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** The randomization of the wait, 0 (none) to 1 (±100 %). */
    public double jitter() {
        return jitter;
    }

    /** The longest wait between attempts (except a longer {@code Retry-After}). */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The longest {@code Retry-After} honoured; longer requests are capped to this. */
    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The failure rate in percent at which the circuit opens. */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Calls recorded before the failure rate is considered. */
    public int circuitMinimumCalls() {
        return circuitMinimumCalls;
    }

    /** The number of recent calls the failure rate is computed over. */
    public int circuitWindow() {
        return circuitWindow;
    }

    /** How long an open circuit stays open before a trial call. */
    public Duration circuitOpenDuration() {
        return circuitOpenDuration;
    }

    /** Threads of the channel's own bulkhead; attempts in flight at once. */
    public int concurrency() {
        return concurrency;
    }

    /** Notifications waiting for this channel before the oldest firing-only ones are dropped (counted). */
    public int maxPending() {
        return maxPending;
    }

    /**
     * When more notifications than this wait for the channel, the next delivery sends all of them as one
     * digest; up to this many are sent one by one, each within the rate limit.
     */
    public int digestAfter() {
        return digestAfter;
    }

    /** Age after which an undelivered notification is dropped (counted). */
    public Duration maxAge() {
        return maxAge;
    }

    /** The channel that receives notifications this channel could not deliver, or {@code null}. */
    public @Nullable String fallbackChannel() {
        return fallbackChannel;
    }

    @Override
    public String toString() {
        return "DeliveryPolicy{rate=" + ratePermits + "/" + ratePeriod + ", attemptTimeout=" + attemptTimeout
                + ", maxAttempts=" + maxAttempts + ", backoff=" + initialBackoff + "x" + backoffMultiplier + "<=" + maxBackoff
                + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + ", circuit=" + failureRateThreshold + "%/"
                + circuitMinimumCalls + "/" + circuitWindow + " open " + circuitOpenDuration + ", concurrency=" + concurrency
                + ", maxPending=" + maxPending + ", digestAfter=" + digestAfter + ", maxAge=" + maxAge
                + ", fallback=" + fallbackChannel + '}';
    }

    /** Builds a {@link DeliveryPolicy}; every setter validates its argument. */
    public static final class Builder {
        private int ratePermits = 10;
        private Duration ratePeriod = Duration.ofSeconds(1);
        private Duration attemptTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 6;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private double backoffMultiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Duration maxRetryAfter = Duration.ofHours(1);
        private float failureRateThreshold = 50;
        private int circuitMinimumCalls = 5;
        private int circuitWindow = 10;
        private Duration circuitOpenDuration = Duration.ofSeconds(30);
        private int concurrency = 1;
        private int maxPending = 1000;
        private int digestAfter = 3;
        private Duration maxAge = Duration.ofHours(24);
        private @Nullable String fallbackChannel;

        private Builder() {
        }

        /** At most {@code permits} notifications per {@code period} (token bucket of {@code permits}). */
        public Builder rateLimit(int permits, Duration period) {
            if (permits < 1) {
                throw new IllegalArgumentException("rate limit permits must be at least 1, was " + permits);
            }
            this.ratePeriod = DurationLimits.requirePeriod("rateLimit period", period);
            this.ratePermits = permits;
            return this;
        }

        /** How long one attempt may take (default 10 s); greater than 0, at most 1 hour. */
        public Builder attemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = DurationLimits.requireTimeout("attemptTimeout", attemptTimeout);
            return this;
        }

        /** Failed attempts in a row before the fallback and meta-alert (default 6); at least 1. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Exponential backoff: first wait {@code initial}, multiplied by {@code multiplier} after each failure,
         * at most {@code max} (defaults 1 s, 2, 5 min); both waits greater than 0 and at most 366 days.
         */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            DurationLimits.requirePeriod("backoff initial", initial);
            DurationLimits.requirePeriod("backoff max", max);
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("backoff multiplier must be at least 1, was " + multiplier);
            }
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff must be at least the initial backoff (" + initial + "), was " + max);
            }
            this.initialBackoff = initial;
            this.backoffMultiplier = multiplier;
            this.maxBackoff = max;
            return this;
        }

        /** Randomization of each wait, from 0 (none) to 1 (default 0.5, i.e. ±50 %). */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** The longest {@code Retry-After} honoured (default 1 h); greater than 0, at most 366 days. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = DurationLimits.requirePeriod("maxRetryAfter", maxRetryAfter);
            return this;
        }

        /**
         * The circuit breaker: opens when at least {@code failureRatePercent} % of the last {@code window} calls
         * failed (once {@code minimumCalls} were made) and stays open for {@code openDuration} (greater than 0, at most
         * 366 days).
         */
        public Builder circuitBreaker(float failureRatePercent, int minimumCalls, int window, Duration openDuration) {
            if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
                throw new IllegalArgumentException("failure rate threshold must be in (0, 100], was " + failureRatePercent);
            }
            if (minimumCalls < 1) {
                throw new IllegalArgumentException("circuit minimumCalls must be at least 1, was " + minimumCalls);
            }
            if (window < 1) {
                throw new IllegalArgumentException("circuit window must be at least 1, was " + window);
            }
            this.circuitOpenDuration = DurationLimits.requirePeriod("circuitBreaker openDuration", openDuration);
            this.failureRateThreshold = failureRatePercent;
            this.circuitMinimumCalls = minimumCalls;
            this.circuitWindow = window;
            return this;
        }

        /** Threads of the channel's bulkhead (default 1): attempts that may be in flight at once. */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("concurrency must be between 1 and 64, was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** Notifications waiting for this channel before the oldest firing-only ones are dropped (default 1000). */
        public Builder maxPending(int maxPending) {
            if (maxPending < 1) {
                throw new IllegalArgumentException("maxPending must be at least 1, was " + maxPending);
            }
            this.maxPending = maxPending;
            return this;
        }

        /**
         * When more than {@code digestAfter} notifications wait for the channel, they go out as one digest
         * (default 3); 0 digests whenever more than one waits.
         */
        public Builder digestAfter(int digestAfter) {
            if (digestAfter < 0) {
                throw new IllegalArgumentException("digestAfter must not be negative, was " + digestAfter);
            }
            this.digestAfter = digestAfter;
            return this;
        }

        /** Age after which an undelivered notification is dropped (default 24 h); greater than 0, at most 366 days. */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = DurationLimits.requirePeriod("maxAge", maxAge);
            return this;
        }

        /** The channel (by name, following the name rule) that receives what this one could not deliver (default none). */
        public Builder fallbackChannel(String fallbackChannel) {
            this.fallbackChannel = Names.requireName("fallbackChannel", fallbackChannel);
            return this;
        }

        /** Builds the policy. */
        public DeliveryPolicy build() {
            return new DeliveryPolicy(this);
        }
    }
}
