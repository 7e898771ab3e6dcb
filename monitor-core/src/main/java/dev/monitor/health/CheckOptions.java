package dev.monitor.health;

import dev.monitor.config.DurationLimits;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * How a check is run and reported. Immutable; build with {@link #builder()} or copy with
 * {@link #from(CheckOptions)}.
 *
 * <p>Defaults: critical, 1 s timeout, group {@code ready}, on request with a 1 s cache,
 * failure and success thresholds of 1, initial status {@code pass}.
 *
 * <p>Bounds ({@link DurationLimits}): the timeout is greater than 0 and at most 1 hour; the cache TTL is 0 or
 * more, the background interval and {@code staleAfter} greater than 0, each at most 366 days. A value out of
 * bounds is refused by the builder with an {@link IllegalArgumentException} naming the option, the value and
 * the bound, so no setting can overflow a deadline or a cache later.
 */
public final class CheckOptions {

    /** Default per-check timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
    /** Default time a result is reused by later requests. */
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(1);
    /** Default interval of background checks. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);

    private static final CheckOptions DEFAULTS = new Builder().build();

    private final boolean critical;
    private final Duration timeout;
    private final Set<HealthGroup> groups;
    private final RefreshMode mode;
    private final Duration cacheTtl;
    private final Duration refreshInterval;
    private final Duration staleAfter;
    private final int failureThreshold;
    private final int successThreshold;
    private final CheckStatus initialStatus;

    private CheckOptions(Builder builder) {
        this.critical = builder.critical;
        this.timeout = builder.timeout;
        this.groups = Collections.unmodifiableSet(new LinkedHashSet<>(builder.groups));
        this.mode = builder.mode;
        this.cacheTtl = builder.cacheTtl;
        this.refreshInterval = builder.refreshInterval;
        // bounded inputs: at most 3 x 366 days + 1 hour, far from overflowing nanoseconds
        this.staleAfter = builder.staleAfter != null
                ? builder.staleAfter
                : builder.refreshInterval.multipliedBy(3).plus(builder.timeout);
        this.failureThreshold = builder.failureThreshold;
        this.successThreshold = builder.successThreshold;
        this.initialStatus = builder.initialStatus;
    }

    /** The default options. */
    public static CheckOptions defaults() {
        return DEFAULTS;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from the given options. */
    public static Builder from(CheckOptions base) {
        Objects.requireNonNull(base, "base");
        Builder builder = new Builder();
        builder.critical = base.critical;
        builder.timeout = base.timeout;
        builder.groups = new LinkedHashSet<>(base.groups);
        builder.mode = base.mode;
        builder.cacheTtl = base.cacheTtl;
        builder.refreshInterval = base.refreshInterval;
        builder.staleAfter = base.staleAfter;
        builder.failureThreshold = base.failureThreshold;
        builder.successThreshold = base.successThreshold;
        builder.initialStatus = base.initialStatus;
        return builder;
    }

    /** Whether a failure makes the aggregate {@code unhealthy} (true) or only {@code degraded} (false). */
    public boolean critical() {
        return critical;
    }

    /** How long one run may take before it is reported as failed. */
    public Duration timeout() {
        return timeout;
    }

    /** The groups the check belongs to. */
    public Set<HealthGroup> groups() {
        return groups;
    }

    /** Whether the check runs on request or in the background. */
    public RefreshMode mode() {
        return mode;
    }

    /** How long an on-request result is reused; zero runs the check for every request (still shared by concurrent ones). */
    public Duration cacheTtl() {
        return cacheTtl;
    }

    /** The interval between background runs. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    /** The age after which a background result is reported as failed because it is stale. */
    public Duration staleAfter() {
        return staleAfter;
    }

    /** Consecutive failures needed before a passing check is reported as failing. */
    public int failureThreshold() {
        return failureThreshold;
    }

    /** Consecutive successes needed before a failing check is reported as passing again. */
    public int successThreshold() {
        return successThreshold;
    }

    /** The status reported before the first run completes, and the baseline for the thresholds. */
    public CheckStatus initialStatus() {
        return initialStatus;
    }

    @Override
    public String toString() {
        return "CheckOptions{critical=" + critical + ", timeout=" + timeout + ", groups=" + groups + ", mode=" + mode
                + ", cacheTtl=" + cacheTtl + ", refreshInterval=" + refreshInterval + ", staleAfter=" + staleAfter
                + ", failureThreshold=" + failureThreshold + ", successThreshold=" + successThreshold
                + ", initialStatus=" + initialStatus + '}';
    }

    /** Builds {@link CheckOptions}; every setter validates its argument. */
    public static final class Builder {
        private boolean critical = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Set<HealthGroup> groups = new LinkedHashSet<>(Set.of(HealthGroup.READY));
        private RefreshMode mode = RefreshMode.ON_REQUEST;
        private Duration cacheTtl = DEFAULT_CACHE_TTL;
        private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
        private @Nullable Duration staleAfter;
        private int failureThreshold = 1;
        private int successThreshold = 1;
        private CheckStatus initialStatus = CheckStatus.PASS;

        private Builder() {
        }

        /** Whether a failure makes the aggregate unhealthy (default true). */
        public Builder critical(boolean critical) {
            this.critical = critical;
            return this;
        }

        /** The per-run timeout (default 1 s); greater than 0 and at most 1 hour. */
        public Builder timeout(Duration timeout) {
            this.timeout = DurationLimits.requireTimeout("timeout", timeout);
            return this;
        }

        /** Replaces the groups (default {@code ready}); at least one. */
        public Builder groups(HealthGroup... groups) {
            Objects.requireNonNull(groups, "groups");
            if (groups.length == 0) {
                throw new IllegalArgumentException("groups must name at least one group");
            }
            Set<HealthGroup> set = new LinkedHashSet<>();
            for (HealthGroup group : groups) {
                set.add(Objects.requireNonNull(group, "groups must not contain null"));
            }
            this.groups = set;
            return this;
        }

        /** Replaces the groups by name, e.g. {@code groups("live", "ready")}. */
        public Builder groups(String... names) {
            Objects.requireNonNull(names, "names");
            HealthGroup[] groups = new HealthGroup[names.length];
            for (int i = 0; i < names.length; i++) {
                groups[i] = HealthGroup.of(names[i]);
            }
            return groups(groups);
        }

        /** Runs the check on request (default) or in the background. */
        public Builder mode(RefreshMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** How long an on-request result is reused (default 1 s); 0 or more and at most 366 days. */
        public Builder cacheTtl(Duration cacheTtl) {
            this.cacheTtl = DurationLimits.requirePeriodOrZero("cacheTtl", cacheTtl);
            return this;
        }

        /**
         * Runs the check in the background every {@code interval} (greater than 0, at most 366 days); sets the mode
         * to {@link RefreshMode#BACKGROUND}.
         */
        public Builder background(Duration interval) {
            this.refreshInterval = DurationLimits.requirePeriod("refreshInterval", interval);
            this.mode = RefreshMode.BACKGROUND;
            return this;
        }

        /**
         * The age after which a background result counts as stale (default 3 intervals plus the timeout); greater
         * than the interval and at most 366 days.
         */
        public Builder staleAfter(Duration staleAfter) {
            this.staleAfter = DurationLimits.requirePeriod("staleAfter", staleAfter);
            return this;
        }

        /** Consecutive failures before the check is reported failing (default 1); at least 1. */
        public Builder failureThreshold(int failureThreshold) {
            this.failureThreshold = atLeastOne("failureThreshold", failureThreshold);
            return this;
        }

        /** Consecutive successes before a failing check is reported passing (default 1); at least 1. */
        public Builder successThreshold(int successThreshold) {
            this.successThreshold = atLeastOne("successThreshold", successThreshold);
            return this;
        }

        /** The status before the first run completes (default pass). */
        public Builder initialStatus(CheckStatus initialStatus) {
            this.initialStatus = Objects.requireNonNull(initialStatus, "initialStatus");
            return this;
        }

        /** Builds the options. */
        public CheckOptions build() {
            if (staleAfter != null && staleAfter.compareTo(refreshInterval) <= 0) {
                throw new IllegalArgumentException("staleAfter must be greater than refreshInterval (" + refreshInterval
                        + "), was " + staleAfter);
            }
            return new CheckOptions(this);
        }

        private static int atLeastOne(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + value);
            }
            return value;
        }
    }
}
