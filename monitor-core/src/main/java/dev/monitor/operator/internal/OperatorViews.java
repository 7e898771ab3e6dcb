package dev.monitor.operator.internal;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertAcknowledgement;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.AlertTimelineEntry;
import dev.monitor.alert.Silence;
import dev.monitor.job.JobRun;
import dev.monitor.job.JobSnapshot;
import dev.monitor.pii.Scrubber;
import dev.monitor.status.IncidentUpdate;
import dev.monitor.status.Maintenance;
import dev.monitor.status.PublicIncident;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON views of the operator API, as maps and lists of plain values that any JSON writer (Jackson in the servlet
 * endpoint, Spring's Actuator) writes the same way. {@link #outgoing} scrubs every text (key-aware in maps, so a label
 * {@code token} is redacted whole), then cuts it; the views are built from values that are already scrubbed, and pass
 * it again anyway, because operators' comments and names come back out here.
 */
public final class OperatorViews {

    /** Longest text in an answer, after scrubbing. */
    public static final int MAX_TEXT = 5000;

    private final Scrubber scrubber;

    /** Views scrubbed with {@code scrubber}. */
    public OperatorViews(Scrubber scrubber) {
        this.scrubber = scrubber;
    }

    /** An active alert, Alertmanager-like, with its acknowledgement when it has one. */
    public Map<String, @Nullable Object> alert(AlertHistoryEntry entry, @Nullable AlertIncident incident) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("fingerprint", entry.fingerprint());
        putAlert(view, entry.alert());
        view.put("startsAt", time(entry.startsAt()));
        view.put("endsAt", time(entry.endsAt()));
        view.put("fireCount", entry.fireCount());
        Map<String, @Nullable Object> status = new LinkedHashMap<>();
        String suppressedBy = entry.suppressedBy();
        status.put("state", suppressedBy == null ? "active" : "suppressed");
        status.put("suppressedBy", suppressedBy);
        view.put("status", status);
        view.put("lastNotifiedAt", time(entry.lastNotifiedAt()));
        view.put("acknowledgement", incident == null ? null : acknowledgement(incident.acknowledgement()));
        return view;
    }

    /** An alert's incident with its timeline: who did what, and when. */
    public Map<String, @Nullable Object> incident(AlertIncident incident) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("fingerprint", incident.fingerprint());
        putAlert(view, incident.alert());
        view.put("state", incident.status().name().toLowerCase(Locale.ROOT));
        view.put("startsAt", time(incident.startsAt()));
        view.put("endsAt", time(incident.endsAt()));
        view.put("acknowledgement", acknowledgement(incident.acknowledgement()));
        Map<String, @Nullable Object> escalation = new LinkedHashMap<>();
        escalation.put("policy", incident.policy());
        escalation.put("level", incident.level());
        escalation.put("levels", incident.levels());
        escalation.put("nextAt", time(incident.nextEscalationAt()));
        view.put("escalation", escalation);
        List<Map<String, @Nullable Object>> timeline = new ArrayList<>();
        for (AlertTimelineEntry entry : incident.timeline()) {
            Map<String, @Nullable Object> step = new LinkedHashMap<>();
            step.put("type", entry.type().name().toLowerCase(Locale.ROOT));
            step.put("at", time(entry.at()));
            step.put("level", entry.level());
            step.put("channels", entry.channels());
            step.put("actor", entry.actor());
            step.put("detail", entry.detail());
            timeline.add(step);
        }
        view.put("timeline", timeline);
        view.put("omittedEntries", incident.omittedEntries());
        return view;
    }

    /** A silence in Alertmanager API v2's {@code gettableSilence} shape. */
    public Map<String, @Nullable Object> silence(String id, Silence silence, Instant now) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("id", id);
        List<Map<String, @Nullable Object>> matchers = new ArrayList<>();
        for (AlertMatcher matcher : silence.matchers()) {
            Map<String, @Nullable Object> m = new LinkedHashMap<>();
            m.put("name", matcher.label());
            m.put("value", matcher.value());
            String operator = matcher.operator();
            m.put("isRegex", operator.equals("=~") || operator.equals("!~"));
            m.put("isEqual", !operator.startsWith("!"));
            if (operator.equals(">=")) {
                m.put("operator", operator); // severity at least: no Alertmanager form
            }
            matchers.add(m);
        }
        view.put("matchers", matchers);
        view.put("startsAt", time(silence.startsAt()));
        view.put("endsAt", time(silence.endsAt()));
        view.put("createdBy", silence.createdBy());
        view.put("comment", silence.comment());
        Instant start = silence.startsAt();
        String state = !now.isBefore(silence.endsAt()) ? "expired" : start != null && now.isBefore(start) ? "pending" : "active";
        view.put("status", Map.of("state", state));
        return view;
    }

    /** A maintenance window of the status page. */
    public Map<String, @Nullable Object> maintenance(Maintenance maintenance, Instant now) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("id", maintenance.id());
        view.put("title", maintenance.title());
        view.put("description", maintenance.description());
        view.put("components", maintenance.components());
        view.put("startsAt", time(maintenance.startsAt()));
        view.put("endsAt", time(maintenance.endsAt()));
        view.put("excludeFromUptime", maintenance.excludeFromUptime());
        view.put("status", maintenance.status(now).jsonValue());
        view.put("createdAt", time(maintenance.createdAt()));
        view.put("createdBy", maintenance.createdBy());
        return view;
    }

    /** An incident of the status page with its updates: what was said, by whom, and when. */
    public Map<String, @Nullable Object> statusIncident(PublicIncident incident) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("id", incident.id());
        view.put("title", incident.title());
        view.put("impact", incident.impact().jsonValue());
        view.put("status", incident.status().jsonValue());
        view.put("components", incident.components());
        view.put("createdAt", time(incident.createdAt()));
        view.put("updatedAt", time(incident.updatedAt()));
        view.put("resolvedAt", time(incident.resolvedAt()));
        view.put("postmortemUrl", incident.postmortemUrl());
        List<Map<String, @Nullable Object>> updates = new ArrayList<>();
        for (IncidentUpdate update : incident.updates()) {
            Map<String, @Nullable Object> u = new LinkedHashMap<>();
            u.put("status", update.status().jsonValue());
            u.put("body", update.body());
            u.put("at", time(update.at()));
            u.put("by", update.by());
            updates.add(u);
        }
        view.put("updates", updates);
        return view;
    }

    /** A job's state. */
    public Map<String, @Nullable Object> job(JobSnapshot job) {
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("name", job.name());
        view.put("schedule", job.schedule());
        view.put("state", job.state().label());
        view.put("healthy", job.healthy());
        view.put("since", time(job.since()));
        view.put("runningSince", time(job.runningSince()));
        view.put("overrun", job.overrun());
        view.put("failing", job.failing());
        view.put("consecutiveFailures", job.consecutiveFailures());
        view.put("lastCheckIn", time(job.lastCheckIn()));
        view.put("lastSuccess", run(job.lastSuccess()));
        view.put("lastFailure", run(job.lastFailure()));
        view.put("nextDue", time(job.nextDue()));
        return view;
    }

    /**
     * {@code value} as it may leave the process: every text scrubbed (by its key where it has one), then cut to
     * {@link #MAX_TEXT}; map keys scrubbed too; numbers, booleans and null as they are.
     */
    public @Nullable Object outgoing(@Nullable Object value) {
        return outgoing("", value);
    }

    private @Nullable Object outgoing(String key, @Nullable Object value) {
        if (value instanceof String text) {
            return key.isEmpty() ? scrubber.scrub(text, MAX_TEXT) : scrubber.scrubValue(key, text, MAX_TEXT);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, @Nullable Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                String name = scrubber.scrub(String.valueOf(k), 200);
                copy.put(name, outgoing(name, v));
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(outgoing(key, element));
            }
            return copy;
        }
        return value;
    }

    /** ISO-8601 UTC with milliseconds, or null. */
    public static @Nullable String time(@Nullable Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private void putAlert(Map<String, @Nullable Object> view, Alert alert) {
        view.put("name", alert.name());
        view.put("severity", alert.severity().label());
        view.put("summary", alert.summary());
        view.put("description", alert.description());
        view.put("labels", alert.labels());
        view.put("annotations", alert.annotations());
    }

    private static @Nullable Map<String, @Nullable Object> acknowledgement(@Nullable AlertAcknowledgement acknowledgement) {
        if (acknowledgement == null) {
            return null;
        }
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("by", acknowledgement.by());
        view.put("at", time(acknowledgement.at()));
        view.put("comment", acknowledgement.comment());
        return view;
    }

    private static @Nullable Map<String, @Nullable Object> run(@Nullable JobRun run) {
        if (run == null) {
            return null;
        }
        Map<String, @Nullable Object> view = new LinkedHashMap<>();
        view.put("startedAt", time(run.startedAt()));
        view.put("finishedAt", time(run.finishedAt()));
        view.put("durationMs", run.duration() == null ? null : run.duration().toMillis());
        view.put("outcome", run.outcome().label());
        view.put("message", run.message());
        return view;
    }
}
