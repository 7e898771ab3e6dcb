package dev.monitor.job.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertDispatcher;
import dev.monitor.health.CheckStatus;
import dev.monitor.health.HealthResult;
import dev.monitor.job.CheckIn;
import dev.monitor.job.JobDefinition;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobOutcome;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSnapshot;
import dev.monitor.job.JobState;
import dev.monitor.pii.Scrubber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's state machine: applies its check-ins, moves it through new, up, late and down on the clock, tracks
 * failures against the thresholds and runs against the maximum runtime, keeps its bounded history and fires and
 * resolves its alerts. Only the monitor's evaluation calls it (under the monitor's lock), except {@link #retired()}
 * and {@link #level()}, which any thread may read. Not API.
 */
public final class JobTracker {

    private static final Logger log = LoggerFactory.getLogger(JobTracker.class);
    /** Longest annotation value of an alert. */
    private static final int MAX_ANNOTATION_LENGTH = 300;

    private final JobDefinition definition;
    private final @Nullable AlertDispatcher dispatcher;
    private final Scrubber scrubber;
    private final int historySize;
    private final String schedule;
    /** When the monitor took the job on: the anchor of its first due time, and of missed runs after a restart. */
    private final Instant addedAt;
    private volatile boolean retired;
    private volatile double level = 1.0;
    /** When the last run succeeded, in seconds since the epoch, or {@code NaN}: the last-success gauge's value. */
    private volatile double lastSuccessSeconds = Double.NaN;

    private final ArrayDeque<JobRun> runs;
    private JobState state = JobState.NEW;
    private Instant since;
    private @Nullable Instant lastCheckIn;
    private @Nullable Instant runningSince;
    private int consecutiveFailures;
    private int consecutiveSuccesses;
    private boolean failing;
    private boolean overrun;
    private boolean missedAlerted;
    private boolean failedAlerted;
    private boolean overrunAlerted;
    private @Nullable JobRun lastSuccess;
    private @Nullable JobRun lastFailure;
    /** The due time computed for {@link #dueAnchor}, cached: a cron expression's next time is not free. */
    private @Nullable Instant due;
    private @Nullable Instant dueAnchor;

    /** A tracker for a job added at {@code now}. */
    public JobTracker(JobDefinition definition, @Nullable AlertDispatcher dispatcher, Scrubber scrubber, int historySize,
            Instant now) {
        this.definition = Objects.requireNonNull(definition, "definition");
        this.dispatcher = dispatcher;
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
        this.historySize = historySize;
        this.schedule = definition.schedule().toString();
        this.addedAt = now;
        this.since = now;
        this.runs = new ArrayDeque<>(Math.min(historySize, 64));
    }

    /** The job's definition. */
    public JobDefinition definition() {
        return definition;
    }

    /** Whether the job was removed; its check-ins are then ignored. Any thread. */
    public boolean retired() {
        return retired;
    }

    /** When the last run succeeded, in seconds since the epoch, or {@code NaN} before the first success. Any thread. */
    public double lastSuccessSeconds() {
        return lastSuccessSeconds;
    }

    private static double epochSeconds(@Nullable JobRun run) {
        return run == null ? Double.NaN : run.finishedAt().toEpochMilli() / 1000.0;
    }

    /** The state gauge's level: 1 up or new, 0.5 late, running too long or failing, 0 down. Any thread. */
    public double level() {
        return level;
    }

    /** Takes over the state kept in the state file before a restart. */
    public void restore(StoredJob stored) {
        state = stored.state();
        since = stored.since();
        lastCheckIn = stored.lastCheckIn();
        runningSince = stored.runningSince();
        consecutiveFailures = stored.consecutiveFailures();
        consecutiveSuccesses = stored.consecutiveSuccesses();
        failing = stored.failing();
        missedAlerted = stored.missedAlerted();
        failedAlerted = stored.failedAlerted();
        overrunAlerted = stored.overrunAlerted();
        overrun = overrunAlerted;
        if (!stored.schedule().equals(schedule)) {
            // the schedule changed across the restart: the alerts fired under the old one carry its label, so
            // resolve them by it; the new schedule fires afresh if the job is still missed
            resolveUnder(stored.schedule());
        }
        lastSuccess = stored.lastSuccess();
        lastSuccessSeconds = epochSeconds(lastSuccess);
        lastFailure = stored.lastFailure();
        List<JobRun> kept = stored.runs();
        runs.addAll(kept.subList(Math.max(0, kept.size() - historySize), kept.size()));
        updateLevel();
    }

    /** What the state file keeps of this job. */
    public StoredJob store() {
        return new StoredJob(schedule, state, since, lastCheckIn, runningSince, consecutiveFailures, consecutiveSuccesses,
                failing, missedAlerted, failedAlerted, overrunAlerted, lastSuccess, lastFailure, new ArrayList<>(runs));
    }

    /**
     * Applies a check-in: the message is scrubbed here, then cut.
     *
     * @return the run it finished, or {@code null} for a start
     */
    public @Nullable JobRun apply(CheckInEvent event) {
        Instant at = event.at();
        lastCheckIn = at;
        if (state != JobState.UP) {
            move(JobState.UP, at);
        }
        if (missedAlerted) {
            missedAlerted = false;
            resolve(JobMonitor.MISSED_ALERT);
        }
        if (event.kind() == CheckIn.START) {
            runningSince = at;
            endOverrun();
            updateLevel();
            return null;
        }
        Instant started = event.runStartedAt() != null ? event.runStartedAt() : event.kind() == CheckIn.PING ? null : runningSince;
        if (event.runStartedAt() == null || Objects.equals(event.runStartedAt(), runningSince)) {
            runningSince = null;
            endOverrun();
        }
        Duration duration = started == null || started.isAfter(at) ? null : Duration.between(started, at);
        JobRun run;
        if (event.kind() == CheckIn.FAIL) {
            run = new JobRun(started, at, duration, JobOutcome.FAILURE, message(event));
            lastFailure = run;
            consecutiveFailures++;
            consecutiveSuccesses = 0;
            if (!failing && consecutiveFailures >= definition.failureThreshold()) {
                failing = true;
                failedAlerted = true;
                fire(JobMonitor.FAILED_ALERT, definition.name() + " failed" + (consecutiveFailures > 1
                        ? " " + consecutiveFailures + " times in a row" : "") + (run.message() == null ? "" : ": " + run.message()));
            }
        } else {
            run = new JobRun(started, at, duration, JobOutcome.SUCCESS, null);
            lastSuccess = run;
            lastSuccessSeconds = epochSeconds(run);
            consecutiveSuccesses++;
            consecutiveFailures = 0;
            if (failing && consecutiveSuccesses >= definition.recoveryThreshold()) {
                failing = false;
            }
            if (!failing && failedAlerted) {
                failedAlerted = false;
                resolve(JobMonitor.FAILED_ALERT);
            }
        }
        runs.addLast(run);
        while (runs.size() > historySize) {
            runs.removeFirst();
        }
        updateLevel();
        return run;
    }

    /**
     * Moves the job to {@code now}: late after its due time, down after the grace time, running too long after the
     * maximum runtime.
     *
     * @return whether anything changed
     */
    public boolean evaluate(Instant now) {
        boolean changed = false;
        Instant started = runningSince;
        if (started != null) {
            if (!overrun && !now.isBefore(started.plus(definition.maxRuntime()))) {
                overrun = true;
                overrunAlerted = true;
                fire(JobMonitor.OVERRUN_ALERT, definition.name() + " has been running for more than "
                        + definition.maxRuntime() + " (started " + started + ")");
                changed = true;
            }
        } else {
            Instant dueAt = dueTime();
            if (dueAt != null && !now.isBefore(dueAt) && state != JobState.DOWN) {
                // a run that fell due before the monitor took the job on (while the application was down) gets
                // the grace time from then: it is missed only after the start plus the grace time
                Instant missedAt = latest(definition.schedule().latestOccurrence(dueAt), addedAt).plus(definition.grace());
                if (!now.isBefore(missedAt)) {
                    move(JobState.DOWN, missedAt);
                    if (!missedAlerted) {
                        missedAlerted = true;
                        fire(JobMonitor.MISSED_ALERT, definition.name() + " did not check in: a run was due at " + dueAt
                                + " (grace " + definition.grace() + ")");
                    }
                    changed = true;
                } else if (state != JobState.LATE) {
                    move(JobState.LATE, latest(dueAt, addedAt));
                    changed = true;
                }
            }
        }
        if (changed) {
            updateLevel();
        }
        return changed;
    }

    /** Where the job stands at {@code now} (after {@link #evaluate}). */
    public JobSnapshot snapshot(Instant now) {
        return new JobSnapshot(definition.name(), schedule, state, since, runningSince, overrun, failing,
                consecutiveFailures, lastCheckIn, lastSuccess, lastFailure, runningSince == null ? dueTime() : null,
                new ArrayList<>(runs));
    }

    /** The job as a health check result: fail while down or failing, warn while late or running too long. */
    public HealthResult healthResult(JobSnapshot snapshot) {
        CheckStatus status;
        String error = null;
        if (snapshot.state() == JobState.DOWN) {
            status = CheckStatus.FAIL;
            error = "missed: no check-in since " + (snapshot.lastCheckIn() == null ? "it was added" : snapshot.lastCheckIn());
        } else if (snapshot.failing()) {
            status = CheckStatus.FAIL;
            JobRun failure = snapshot.lastFailure();
            error = "failed " + snapshot.consecutiveFailures() + " times in a row"
                    + (failure == null || failure.message() == null ? "" : ": " + failure.message());
        } else if (snapshot.overrun()) {
            status = CheckStatus.WARN;
            error = "running longer than " + definition.maxRuntime();
        } else if (snapshot.state() == JobState.LATE) {
            status = CheckStatus.WARN;
            error = "late: a run was due at " + snapshot.nextDue();
        } else {
            status = CheckStatus.PASS;
        }
        HealthResult.Builder result = HealthResult.builder(status)
                .detail("state", snapshot.state().label())
                .detail("schedule", schedule)
                .detail("consecutive_failures", snapshot.consecutiveFailures());
        if (snapshot.lastCheckIn() != null) {
            result.detail("last_check_in", snapshot.lastCheckIn().toString());
        }
        if (snapshot.nextDue() != null) {
            result.detail("next_due", snapshot.nextDue().toString());
        }
        Duration last = snapshot.lastDuration();
        if (last != null) {
            result.observed("lastDuration", last.toMillis(), "ms");
        }
        if (error != null) {
            result.error(error);
        }
        return result.build();
    }

    /** Resolves the job's active alerts, for a job being removed; its check-ins are ignored from now on. */
    public void retire() {
        retired = true;
        resolveUnder(schedule);
    }

    private void resolveUnder(String scheduleLabel) {
        if (missedAlerted) {
            resolve(JobMonitor.MISSED_ALERT, scheduleLabel);
        }
        if (failedAlerted) {
            resolve(JobMonitor.FAILED_ALERT, scheduleLabel);
        }
        if (overrunAlerted) {
            resolve(JobMonitor.OVERRUN_ALERT, scheduleLabel);
        }
        missedAlerted = false;
        failedAlerted = false;
        overrunAlerted = false;
        overrun = false;
    }

    /** The next due time: the schedule's next time after the last check-in, or after the job was added. */
    private @Nullable Instant dueTime() {
        Instant anchor = lastCheckIn != null ? lastCheckIn : addedAt;
        if (!anchor.equals(dueAnchor)) {
            dueAnchor = anchor;
            due = definition.schedule().nextAfter(anchor);
        }
        return due;
    }

    private void endOverrun() {
        overrun = false;
        if (overrunAlerted) {
            overrunAlerted = false;
            resolve(JobMonitor.OVERRUN_ALERT);
        }
    }

    private void move(JobState to, Instant at) {
        state = to;
        since = at;
    }

    private void updateLevel() {
        level = state == JobState.DOWN ? 0.0 : state == JobState.LATE || failing || overrun ? 0.5 : 1.0;
    }

    private @Nullable String message(CheckInEvent event) {
        String raw = event.message();
        if (raw == null && event.error() != null) {
            raw = HealthResult.fail(event.error()).error();
        }
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return scrubber.scrub(raw, JobRun.MAX_MESSAGE_LENGTH);
    }

    private Alert alert(String name, String scheduleLabel, @Nullable String summary) {
        Alert.Builder alert = Alert.builder(name).severity(definition.severity())
                .label("job", definition.name()).label("schedule", scheduleLabel)
                .source("job " + definition.name());
        if (summary != null) {
            alert.summary(scrubber.scrub(summary, MAX_ANNOTATION_LENGTH));
            facts().forEach((key, value) -> alert.annotation(key, scrubber.scrubValue(key, value, MAX_ANNOTATION_LENGTH)));
        }
        return alert.build();
    }

    /** The last run's facts, as alert annotations. */
    private Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("state", state.label());
        if (lastCheckIn != null) {
            facts.put("last_check_in", lastCheckIn.toString());
        }
        if (lastSuccess != null) {
            facts.put("last_success", lastSuccess.finishedAt().toString());
        }
        if (lastFailure != null) {
            facts.put("last_failure", lastFailure.finishedAt().toString());
            if (lastFailure.message() != null) {
                facts.put("last_failure_message", lastFailure.message());
            }
        }
        JobRun last = runs.peekLast();
        if (last != null && last.duration() != null) {
            facts.put("last_duration", last.duration().toString());
        }
        if (runningSince != null) {
            facts.put("running_since", runningSince.toString());
        }
        facts.put("consecutive_failures", Integer.toString(consecutiveFailures));
        return facts;
    }

    private void fire(String name, String summary) {
        if (dispatcher != null) {
            try {
                dispatcher.fire(alert(name, schedule, summary));
            } catch (RuntimeException e) {
                log.warn("Could not fire {} for job {}: {}", name, definition.name(), e.getClass().getName());
            }
        }
    }

    private void resolve(String name) {
        resolve(name, schedule);
    }

    private void resolve(String name, String scheduleLabel) {
        if (dispatcher != null) {
            try {
                dispatcher.resolve(alert(name, scheduleLabel, null).fingerprint());
            } catch (RuntimeException e) {
                log.warn("Could not resolve {} for job {}: {}", name, definition.name(), e.getClass().getName());
            }
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
