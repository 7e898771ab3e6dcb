package dev.monitor.rule.internal;

import dev.monitor.health.HealthResult;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/** How rules word numbers, durations and failures in summaries and events. Not API. */
public final class RuleTexts {

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private RuleTexts() {
    }

    /** A number with at most 4 significant digits and no trailing zeros: {@code 0.05}, {@code 1234}, {@code 1.5E+7}. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal rounded = new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros();
        return Math.abs(value) >= 1e-4 && Math.abs(value) < 1e15 ? rounded.toPlainString() : rounded.toString();
    }

    /** A compact duration: {@code 0s}, {@code 45s}, {@code 5m}, {@code 1h30m}, {@code 2d}, {@code 250ms}. */
    public static String duration(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero()) {
            return "0s";
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.getSeconds();
        StringBuilder text = new StringBuilder();
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (days > 0) {
            text.append(days).append('d');
        }
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0 || text.length() == 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /** A failure in one bounded line, as health results word it: type and first message line, never a stack trace. */
    public static String failure(Throwable error) {
        String text = HealthResult.fail(error).error();
        return text == null ? error.getClass().getName() : text;
    }
}
