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
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * When a job is expected to run: every fixed interval after its last check-in, or at the times of a cron
 * expression in a time zone. Immutable.
 *
 * <p><b>Cron</b>: 5 fields ({@code minute hour day-of-month month day-of-week}, as in crontab) or 6 with seconds
 * first ({@code second minute hour day-of-month month day-of-week}, as in Spring's {@code @Scheduled}), parsed
 * by cron-utils. <b>Daylight-saving changes</b> follow {@link ZonedDateTime}: a time that falls into the hour
 * skipped in spring ({@code 0 30 2 * * *} in Europe/Berlin on the last Sunday of March) is expected at the same
 * wall-clock offset after the gap (03:30 local, one hour after 01:30 UTC), and a time in the hour repeated in
 * autumn is expected once, at its first occurrence (the earlier offset). This is what Spring's
 * {@code CronExpression} does; classic Vixie cron runs a skipped job at once after the gap and a repeated one
 * once, so a job driven by either still checks in on or before the expected time.
 */
public final class JobSchedule {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser WITH_SECONDS =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final int SHOWN_LENGTH = 80;

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
