package dev.monitor.config;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The bounds of every {@link Duration} option of the library, so that no setting can overflow the nanosecond
 * arithmetic of a scheduler, a cache or a deadline later on.
 *
 * <ul>
 *   <li>A <b>timeout</b> (a deadline of one run, request, attempt or report) is greater than 0 and at most
 *       {@link #MAX_TIMEOUT} (1 hour).
 *   <li>A <b>period</b> (an interval, a cache TTL, a wait, a window, a retention) is greater than 0, or 0 where the
 *       option says so, and at most {@link #MAX_PERIOD} (366 days).
 * </ul>
 *
 * <p>A value out of bounds is refused by the builder with an {@link IllegalArgumentException} naming the option,
 * the value and the bound, e.g. {@code "timeout must be at most PT1H (1 hour), was PT2562047788015215H30M7S"}.
 */
public final class DurationLimits {

    /** The longest timeout any option accepts. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /** The longest interval, TTL, wait, window or retention any option accepts. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private DurationLimits() {
    }

    /**
     * Returns {@code value} if it is a valid timeout: greater than 0 and at most {@link #MAX_TIMEOUT}.
     *
     * @param option the option's name as the user wrote it ({@code "timeout"})
     * @throws IllegalArgumentException naming the option, the value and the bound
     * @throws NullPointerException naming the option if {@code value} is null
     */
    public static Duration requireTimeout(String option, @Nullable Duration value) {
        return require(option, value, false, MAX_TIMEOUT, "1 hour");
    }

    /**
     * Returns {@code value} if it is a valid period: greater than 0 and at most {@link #MAX_PERIOD}.
     *
     * @throws IllegalArgumentException naming the option, the value and the bound
     * @throws NullPointerException naming the option if {@code value} is null
     */
    public static Duration requirePeriod(String option, @Nullable Duration value) {
        return require(option, value, false, MAX_PERIOD, "366 days");
    }

    /**
     * Returns {@code value} if it is a valid period that may also be 0: not negative and at most
     * {@link #MAX_PERIOD}.
     *
     * @throws IllegalArgumentException naming the option, the value and the bound
     * @throws NullPointerException naming the option if {@code value} is null
     */
    public static Duration requirePeriodOrZero(String option, @Nullable Duration value) {
        return require(option, value, true, MAX_PERIOD, "366 days");
    }

    /**
     * Returns {@code value} if it lies between {@code min} and {@code max}, both included.
     *
     * @throws IllegalArgumentException naming the option, the value and the bound it passed
     * @throws NullPointerException naming the option if {@code value} is null
     */
    public static Duration requireBetween(String option, @Nullable Duration value, Duration min, Duration max) {
        if (value == null) {
            throw new NullPointerException(option + " must not be null");
        }
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(option + " must be at least " + min + ", was " + value);
        }
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be at most " + max + ", was " + value);
        }
        return value;
    }

    private static Duration require(String option, @Nullable Duration value, boolean zeroAllowed, Duration max,
            String maxInWords) {
        if (value == null) {
            throw new NullPointerException(option + " must not be null");
        }
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(option + " must be " + (zeroAllowed ? "0 or more" : "greater than 0")
                    + ", was " + value);
        }
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(option + " must be at most " + max + " (" + maxInWords + "), was " + value);
        }
        return value;
    }
}
