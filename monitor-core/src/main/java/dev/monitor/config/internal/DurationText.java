package dev.monitor.config.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Durations as people and Prometheus write them: {@code 15m}, {@code 1h30m}, {@code 24h}, {@code 90s},
 * {@code 2d}. Used for the {@code response_target} annotation and the on-call configuration format.
 */
public final class DurationText {

    private DurationText() {
    }

    /** {@code 15m}, {@code 1h30m}, {@code 24h}, {@code 1m30s}: hours, minutes and seconds, without zero parts. */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds <= 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            text.append(hours).append('h');
        }
        if (minutes > 0) {
            text.append(minutes).append('m');
        }
        if (rest > 0) {
            text.append(rest).append('s');
        }
        return text.toString();
    }

    /**
     * Parses {@code 15m}, {@code 1h30m}, {@code 2d}, {@code 90s}, {@code 500ms} or ISO-8601 ({@code PT15M});
     * null if {@code text} is none of them.
     */
    public static @Nullable Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            return null;
        }
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Duration total = Duration.ZERO;
        int i = 0;
        while (i < value.length()) {
            int start = i;
            while (i < value.length() && Character.isDigit(value.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return null;
            }
            long amount = Long.parseLong(value, start, i, 10);
            int unitStart = i;
            while (i < value.length() && Character.isLetter(value.charAt(i))) {
                i++;
            }
            switch (value.substring(unitStart, i)) {
                case "d" -> total = total.plusDays(amount);
                case "h" -> total = total.plusHours(amount);
                case "m" -> total = total.plusMinutes(amount);
                case "s" -> total = total.plusSeconds(amount);
                case "ms" -> total = total.plusMillis(amount);
                default -> {
                    return null;
                }
            }
        }
        return total;
    }
}
