package dev.monitor.job;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.monitor.config.DurationLimits;
import dev.monitor.pii.Scrubber;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a job is expected to run: every fixed interval after its last check-in, or at the times of a cron
 * expression in a time zone. Immutable.
 *
 * <p><b>Cron</b>: 5 fields ({@code minute hour day-of-month month day-of-week}, as in crontab) or 6 with seconds
 * first ({@code second minute hour day-of-month month day-of-week}, as in Spring's {@code @Scheduled}), parsed
 * by cron-utils, whose times are used as they are. <b>Daylight-saving changes</b>, as cron-utils computes them
 * (tested for Europe/Berlin and America/New_York): a wall-clock time that does not exist on the spring-forward
 * day ({@code 30 2 * * *} on the last Sunday of March in Berlin) is not expected that day at all, and the next run
 * is expected the day after; a time in the hour repeated in autumn is expected once, at its first occurrence (the
 * earlier offset), while a schedule that fires every hour or more often is expected in both occurrences of the
 * hour. Schedulers differ here: Spring's {@code CronExpression} skips a time in the gap too, Vixie cron runs it
 * right after the change and runs a job of the repeated hour once. So that none of them is reported missed, a run
 * in the skipped hour may check in whenever it likes that day (none is expected), and a run due in the repeated
 * hour is missed only after its <em>second</em> occurrence plus the grace time ({@link #latestOccurrence}).
 */
public final class JobSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final int SHOWN_LENGTH = 80;
    /** Longest cron expression accepted; real ones are far shorter. */
    public static final int MAX_CRON_LENGTH = 200;

    private final @Nullable Duration interval;
    private final @Nullable String expression;
    private final ZoneId zone;
    private final @Nullable ExecutionTime executions;
    private final String text;

    private JobSchedule(@Nullable Duration interval, @Nullable String expression, ZoneId zone,
            @Nullable ExecutionTime executions, String text) {
        this.interval = interval;
        this.expression = expression;
        this.zone = zone;
        this.executions = executions;
        this.text = text;
    }

    /**
     * A run is expected {@code interval} after the last check-in (the first one {@code interval} after the job
     * was added).
     *
     * @throws IllegalArgumentException if {@code interval} is not greater than 0 or longer than
     *     {@link DurationLimits#MAX_PERIOD}
     */
    public static JobSchedule every(Duration interval) {
        DurationLimits.requirePeriod("interval", interval);
        return new JobSchedule(interval, null, ZoneOffset.UTC, null, "every " + interval);
    }

    /**
     * A run is expected at every time of the cron {@code expression} in UTC.
     *
     * @throws IllegalArgumentException naming the option {@code cron} if the expression is not valid
     */
    public static JobSchedule cron(String expression) {
        return cron(expression, ZoneOffset.UTC);
    }

    /**
     * A run is expected at every time of the cron {@code expression} in {@code zone}.
     *
     * @throws IllegalArgumentException naming the option {@code cron} if the expression is not valid
     */
    public static JobSchedule cron(String expression, ZoneId zone) {
        Objects.requireNonNull(expression, "cron must not be null");
        Objects.requireNonNull(zone, "zone must not be null");
        if (expression.length() > MAX_CRON_LENGTH) {
            throw new IllegalArgumentException("cron must be at most " + MAX_CRON_LENGTH + " characters, was "
                    + expression.length() + " characters");
        }
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        int fields = trimmed.isEmpty() ? 0 : trimmed.split(" ").length;
        if (fields != 5 && fields != 6) {
            throw new IllegalArgumentException("cron must have 5 fields (minute hour day-of-month month day-of-week) or 6"
                    + " with seconds first, was " + show(expression) + " with " + fields + " fields");
        }
        Cron cron;
        try {
            cron = (fields == 5 ? UNIX : WITH_SECONDS).parse(trimmed).validate();
        } catch (IllegalArgumentException | DateTimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new IllegalArgumentException("cron " + show(expression) + " is not a valid cron expression: "
                    + Scrubber.defaults().scrub(reason, 200), e);
        }
        ExecutionTime executions = ExecutionTime.forCron(cron);
        return new JobSchedule(null, trimmed, zone, executions, "cron " + trimmed + " " + zone.getId());
    }

    /** The fixed interval, or {@code null} for a cron schedule. */
    public @Nullable Duration interval() {
        return interval;
    }

    /** The cron expression, whitespace normalised, or {@code null} for a fixed interval. */
    public @Nullable String cronExpression() {
        return expression;
    }

    /** The time zone of the cron expression ({@link ZoneOffset#UTC} for a fixed interval). */
    public ZoneId zone() {
        return zone;
    }

    /**
     * The first time a run is expected strictly after {@code after}: {@code after + interval}, or the cron
     * expression's next time. {@code null} when the cron expression has no further time (a date in the past).
     */
    public @Nullable Instant nextAfter(Instant after) {
        Objects.requireNonNull(after, "after");
        if (interval != null) {
            return after.plus(interval);
        }
        ExecutionTime times = Objects.requireNonNull(executions);
        try {
            Optional<ZonedDateTime> next = times.nextExecution(after.atZone(zone));
            return next.map(ZonedDateTime::toInstant).filter(t -> t.isAfter(after)).orElse(null);
        } catch (RuntimeException e) {
            return null; // cron-utils found no time it could represent
        }
    }

    /**
     * The last time a run was expected at or before {@code atOrBefore} by the cron expression, or {@code null}
     * (always for a fixed interval, whose times depend on the check-ins).
     */
    public @Nullable Instant lastAtOrBefore(Instant atOrBefore) {
        Objects.requireNonNull(atOrBefore, "atOrBefore");
        if (executions == null) {
            return null;
        }
        try {
            ZonedDateTime at = atOrBefore.atZone(zone);
            if (executions.isMatch(at)) {
                return atOrBefore;
            }
            return executions.lastExecution(at).map(ZonedDateTime::toInstant).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * {@code due}, or when its wall-clock time falls in an hour repeated by a daylight-saving change (autumn), the
     * second occurrence of that wall-clock time: a scheduler may run the job at either, so it is missed only after
     * the later one plus the grace time. {@code due} itself for a fixed interval.
     */
    public Instant latestOccurrence(Instant due) {
        Objects.requireNonNull(due, "due");
        if (executions == null) {
            return due;
        }
        java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(due, zone);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        Instant latest = due;
        for (ZoneOffset offset : offsets) {
            Instant occurrence = local.toInstant(offset);
            if (occurrence.isAfter(latest)) {
                latest = occurrence;
            }
        }
        return latest;
    }

    /** {@code "every PT1H"} or {@code "cron 0 3 * * * Europe/Berlin"}: the {@code schedule} label of alerts. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof JobSchedule schedule && text.equals(schedule.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    private static String show(String value) {
        String scrubbed = Scrubber.defaults().scrub(value, SHOWN_LENGTH);
        return "'" + scrubbed.replace("'", "\\'") + "'";
    }
}
