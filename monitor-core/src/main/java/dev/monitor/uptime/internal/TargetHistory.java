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
import org.jspecify.annotations.Nullable;

/**
 * The bounded history of one target: one slot per clock hour for the last {@value #HOURS} hours (30 days)
 * counting checks, up checks and a response-time histogram, plus the last {@value #RECENT} results. The
 * memory does not grow with the check interval. Worst case (64-bit JVM, compressed references): the slot
 * arrays take about 15 KB, the histograms {@value #HOURS} x ({@value #BUCKETS} x 4 + 16) bytes = 150 KB when
 * every hour had responses, the recent results about 30 KB with long error texts: about 200 KB per target.
 * Not thread-safe: the target's runner guards it. Not API.
 *
 * <p>Windows are counted in whole clock hours: "the last 24 hours" are the current hour and the 23 before
 * it. Response-time percentiles come from the histogram, whose buckets grow by a factor of
 * {@value #FACTOR}; a percentile is reported as its bucket's geometric middle, within about 12 % of the
 * true value.
 */
public final class TargetHistory {

    /** Hourly slots kept: 30 days. */
    public static final int HOURS = 720;
    /** Results kept one by one. */
    public static final int RECENT = 100;
    /** Response-time buckets: below 1 ms, then factors of {@value #FACTOR} up to about 28 s, then the rest. */
    public static final int BUCKETS = 48;
    /** Growth factor of the buckets. */
    public static final double FACTOR = 1.25;

    private static final double LOG_FACTOR = Math.log(FACTOR);
    private static final long EMPTY = Long.MIN_VALUE;

    private final long[] slotHour = new long[HOURS];
    private final int[] checks = new int[HOURS];
    private final int[] ups = new int[HOURS];
    private final int[] @Nullable [] histograms = new int[HOURS][];
    private final ArrayDeque<UptimeCheckResult> recent = new ArrayDeque<>(RECENT);

    /** An empty history. */
    public TargetHistory() {
        java.util.Arrays.fill(slotHour, EMPTY);
    }

    /** Adds a result; one older than the kept 30 days is ignored for the counts. */
    public void record(UptimeCheckResult result) {
        Objects.requireNonNull(result, "result");
        long hour = Math.floorDiv(result.checkedAt().getEpochSecond(), 3600);
        int index = (int) Math.floorMod(hour, (long) HOURS);
        if (slotHour[index] != hour) {
            if (slotHour[index] != EMPTY && slotHour[index] > hour) {
                return; // the slot already holds a newer hour: this result is older than 30 days
            }
            slotHour[index] = hour;
            checks[index] = 0;
            ups[index] = 0;
            histograms[index] = null;
        }
        checks[index]++;
        if (result.isUp()) {
            ups[index]++;
        }
        Duration responseTime = result.responseTime();
        if (responseTime != null) {
            int[] histogram = histograms[index];
            if (histogram == null) {
                histogram = new int[BUCKETS];
                histograms[index] = histogram;
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
        for (int i = 0; i < HOURS; i++) {
            long hour = slotHour[i];
            if (hour == EMPTY || hour < firstHour || hour > nowHour) {
                continue;
            }
            total += checks[i];
            up += ups[i];
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
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = today.minusDays(count - 1L);
        long[] dayChecks = new long[count];
        long[] dayUps = new long[count];
        for (int i = 0; i < HOURS; i++) {
            long hour = slotHour[i];
            if (hour == EMPTY) {
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
