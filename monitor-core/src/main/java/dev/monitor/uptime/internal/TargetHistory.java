package dev.monitor.uptime.internal;

import dev.monitor.uptime.UptimeCheckResult;
import dev.monitor.uptime.UptimeDay;
import dev.monitor.uptime.UptimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The bounded history of one target: one slot per clock hour for the last {@value #COUNTED_HOURS} hours (90 days)
 * counting checks and up checks, a response-time histogram per hour for the last {@value #HOURS} hours (30 days),
 * plus the last {@value #RECENT} results. The memory does not grow with the check interval. Worst case (64-bit
 * JVM, compressed references): the count slots take about 35 KB, the histograms {@value #HOURS} x
 * ({@value #BUCKETS} x 4 + 24) bytes = 155 KB when every hour had responses, the recent results about 30 KB with
 * long error texts: about 220 KB per target.
 * Not thread-safe: the target's runner guards it. Not API.
 *
 * <p>Windows are counted in whole clock hours: "the last 24 hours" are the current hour and the 23 before
 * it. Response-time percentiles come from the histogram, whose buckets grow by a factor of
 * {@value #FACTOR}; a percentile is reported as its bucket's geometric middle, within about 12 % of the
 * true value.
 */
public final class TargetHistory {

    /** Hourly histogram slots kept, and the longest window: 30 days. */
    public static final int HOURS = 720;
    /** Hourly count slots kept, for daily uptime bars: 90 days. */
    public static final int COUNTED_HOURS = 2160;
    /** Results kept one by one. */
    public static final int RECENT = 100;
    /** Response-time buckets: below 1 ms, then factors of {@value #FACTOR} up to about 28 s, then the rest. */
    public static final int BUCKETS = 48;
    /** Growth factor of the buckets. */
    public static final double FACTOR = 1.25;

    private static final double LOG_FACTOR = Math.log(FACTOR);
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] slotHour = new long[COUNTED_HOURS];
    private final int[] checks = new int[COUNTED_HOURS];
    private final int[] ups = new int[COUNTED_HOURS];
    private final long[] histogramHour = new long[HOURS];
    private final int[] @Nullable [] histograms = new int[HOURS][];
    private final ArrayDeque<UptimeCheckResult> recent = new ArrayDeque<>(RECENT);

    /** An empty history. */
    public TargetHistory() {
        java.util.Arrays.fill(slotHour, EMPTY);
        java.util.Arrays.fill(histogramHour, EMPTY);
    }

    /**
     * Adds a result; one older than the kept 90 days is ignored for the counts, one older than 30 days for the
     * response times.
     */
    public void record(UptimeCheckResult result) {
        Objects.requireNonNull(result, "result");
        long hour = Math.floorDiv(result.checkedAt().getEpochSecond(), 3600);
        int index = (int) Math.floorMod(hour, (long) COUNTED_HOURS);
        if (slotHour[index] != hour) {
            if (slotHour[index] != EMPTY && slotHour[index] > hour) {
                return; // the slot already holds a newer hour: this result is older than 90 days
            }
            slotHour[index] = hour;
            checks[index] = 0;
            ups[index] = 0;
        }
        checks[index]++;
        if (result.isUp()) {
            ups[index]++;
        }
        Duration responseTime = result.responseTime();
        int slot = (int) Math.floorMod(hour, (long) HOURS);
        if (responseTime != null && (histogramHour[slot] == EMPTY || histogramHour[slot] <= hour)) {
            if (histogramHour[slot] != hour) {
                histogramHour[slot] = hour; // a newer hour takes over the slot of one 30 days older
                histograms[slot] = null;
            }
            int[] histogram = histograms[slot];
            if (histogram == null) {
                histogram = new int[BUCKETS];
                histograms[slot] = histogram;
            }
            histogram[bucket(responseTime.toNanos() / 1e6)]++;
        }
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(result);
    }

    /** The last results, oldest first. */
    public List<UptimeCheckResult> recent() {
        return List.copyOf(recent);
    }

    /** Uptime and response-time percentiles over the {@code window} ending at {@code now}. */
    public UptimeWindow window(Duration window, Instant now) {
        long nowHour = Math.floorDiv(now.getEpochSecond(), 3600);
        long hours = Math.max(1, Math.min(HOURS, window.toHours()));
        long firstHour = nowHour - hours + 1;
        long total = 0;
        long up = 0;
        long[] merged = new long[BUCKETS];
        long responses = 0;
        for (int i = 0; i < COUNTED_HOURS; i++) {
            long hour = slotHour[i];
            if (hour == EMPTY || hour < firstHour || hour > nowHour) {
                continue;
            }
            total += checks[i];
            up += ups[i];
        }
        for (int i = 0; i < HOURS; i++) {
            long hour = histogramHour[i];
            if (hour == EMPTY || hour < firstHour || hour > nowHour) {
                continue;
            }
            int[] histogram = histograms[i];
            if (histogram != null) {
                for (int b = 0; b < BUCKETS; b++) {
                    merged[b] += histogram[b];
                    responses += histogram[b];
                }
            }
        }
        Double percent = total == 0 ? null : 100.0 * up / total;
        return new UptimeWindow(window, total, up, percent, percentile(merged, responses, 0.50),
                percentile(merged, responses, 0.95), percentile(merged, responses, 0.99));
    }

    /** The last {@code count} days ending with the day of {@code now} in {@code zone}, oldest first. */
    public List<UptimeDay> days(int count, Instant now, ZoneId zone) {
        return days(count, now, zone, hour -> false);
    }

    /**
     * The last {@code count} days (at most 90 hold data) ending with the day of {@code now} in {@code zone}, oldest
     * first, leaving out the checks of every clock hour for whose start {@code excludedHour} holds.
     */
    public List<UptimeDay> days(int count, Instant now, ZoneId zone, Predicate<Instant> excludedHour) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(count - 1L);
        long[] dayChecks = new long[count];
        long[] dayUps = new long[count];
        for (int i = 0; i < COUNTED_HOURS; i++) {
            long hour = slotHour[i];
            if (hour == EMPTY || excludedHour.test(Instant.ofEpochSecond(hour * 3600))) {
                continue;
            }
            LocalDate date = LocalDate.ofInstant(Instant.ofEpochSecond(hour * 3600), zone);
            long offset = date.toEpochDay() - first.toEpochDay();
            if (offset >= 0 && offset < count) {
                dayChecks[(int) offset] += checks[i];
                dayUps[(int) offset] += ups[i];
            }
        }
        List<UptimeDay> days = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            days.add(new UptimeDay(first.plusDays(d), dayChecks[d], dayUps[d],
                    dayChecks[d] == 0 ? null : 100.0 * dayUps[d] / dayChecks[d]));
        }
        return days;
    }

    /** The bucket of a response time in milliseconds. */
    static int bucket(double millis) {
        if (!(millis >= 1)) {
            return 0;
        }
        int bucket = 1 + (int) Math.floor(Math.log(millis) / LOG_FACTOR);
        return Math.min(bucket, BUCKETS - 1);
    }

    /** The geometric middle of a bucket, in milliseconds. */
    static double middle(int bucket) {
        if (bucket == 0) {
            return 0.5;
        }
        return Math.pow(FACTOR, bucket - 1) * Math.sqrt(FACTOR);
    }

    private static @Nullable Duration percentile(long[] histogram, long count, double quantile) {
        if (count == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * count));
        long seen = 0;
        for (int b = 0; b < BUCKETS; b++) {
            seen += histogram[b];
            if (seen >= rank) {
                return Duration.ofNanos(Math.round(middle(b) * 1e6));
            }
        }
        return Duration.ofNanos(Math.round(middle(BUCKETS - 1) * 1e6));
    }
}
