package dev.monitor.operator;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertMatcher;
import dev.monitor.alert.Silence;
import dev.monitor.config.Names;
import dev.monitor.job.JobMonitor;
import dev.monitor.job.JobSnapshot;
import dev.monitor.operator.internal.JsonInput;
import dev.monitor.operator.internal.OperatorViews;
import dev.monitor.pii.Scrubber;
import dev.monitor.status.IncidentImpact;
import dev.monitor.status.IncidentStatus;
import dev.monitor.status.Maintenance;
import dev.monitor.status.NewIncident;
import dev.monitor.status.NewMaintenance;
import dev.monitor.status.PublicIncident;
import dev.monitor.status.StatusBoard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator can do, independent of HTTP: list and act on alerts, silences, status-page incidents, maintenance
 * and jobs. {@link OperatorEndpoint} serves it as JSON over HTTP; an Actuator endpoint can call it the same way. Inputs
 * are JSON objects as maps (what Jackson reads); answers are maps and lists of plain values, ready for any JSON writer,
 * with every text scrubbed and then cut ({@value OperatorViews#MAX_TEXT} characters at most).
 *
 * <p><b>Audit</b>: every action takes the {@link OperatorIdentity} who acts; it lands where the target keeps its
 * history, with who and when: an acknowledgement or resolve in the alert's incident timeline
 * ({@link dev.monitor.alert.AlertIncident#timeline()}), a silence as its {@code createdBy} and as a {@code silenced}
 * entry in the timeline of each firing alert it matches, a maintenance as its {@code createdBy} (and its silences'), an
 * incident or update of the status page with its {@code by}. Each is also logged once at INFO (scrubbed). A body may
 * name the person behind a shared identity ({@code by}, or {@code createdBy} for a silence): it is recorded as
 * {@code "PERSON via IDENTITY"}, so the audit never loses which credential was used.
 *
 * <p><b>Refusals</b> are {@link OperatorException}s: {@code 400} naming the field at fault, {@code 404} for an unknown
 * alert, silence, maintenance or incident, {@code 409} when there is nothing to acknowledge, {@code 503} when the
 * dispatcher's thread did not answer within its 5 s (the action is still queued). Read-only identities are
 * refused by the caller ({@link OperatorEndpoint} answers {@code 403}); this class only records who acts.
 *
 * <p><b>Bounds</b>: the lists come from bounded stores: the dispatcher keeps at most its
 * {@link AlertDispatcher.Builder#maxActiveAlerts(int) maxActiveAlerts} alerts and {@link AlertDispatcher.Builder#historySize(int)
 * historySize} resolved incidents, each with a bounded timeline; the status board at most
 * {@value StatusBoard#MAX_INCIDENTS} incidents and {@value StatusBoard#MAX_MAINTENANCES} maintenance windows; inputs are
 * bounded per field (texts, {@value #MAX_MATCHERS} matchers, {@value #MAX_COMPONENTS} components). Thread-safe.
 */
public final class OperatorActions {

    /** Most matchers of one silence. */
    public static final int MAX_MATCHERS = 32;
    /** Most components named by one incident or maintenance. */
    public static final int MAX_COMPONENTS = 64;
    /** Longest comment of an acknowledgement, resolve or silence. */
    public static final int MAX_COMMENT_LENGTH = 1024;
    /**
     * Longest name a body may state as the person behind a shared identity ({@code by}, {@code createdBy}): with
     * {@code " via "} and the identity's name it stays within the 256 characters the dispatcher takes.
     */
    public static final int MAX_STATED_NAME_LENGTH = 120;
    /** Longest matcher value. */
    public static final int MAX_MATCHER_VALUE_LENGTH = 1024;

    private static final Logger log = LoggerFactory.getLogger(OperatorActions.class);
    private static final Set<String> ACTION_FIELDS = Set.of("comment", "by");
    private static final Set<String> GROUP_FIELDS = Set.of("groupKey", "comment", "by");
    private static final Set<String> SILENCE_FIELDS = Set.of("id", "matchers", "startsAt", "endsAt", "duration", "createdBy",
            "comment");
    private static final Set<String> MATCHER_FIELDS = Set.of("name", "value", "isRegex", "isEqual");
    private static final Set<String> MAINTENANCE_FIELDS = Set.of("title", "description", "components", "startsAt", "endsAt",
            "duration", "excludeFromUptime", "by");
    private static final Set<String> INCIDENT_FIELDS = Set.of("title", "impact", "components", "status", "message",
            "postmortemUrl", "by");
    private static final Set<String> UPDATE_FIELDS = Set.of("status", "message", "by");

    private final AlertDispatcher dispatcher;
    private final @Nullable StatusBoard board;
    private final @Nullable JobMonitor jobs;
    private final Scrubber scrubber;
    private final Clock clock;
    private final OperatorViews views;

    private OperatorActions(AlertDispatcher dispatcher, @Nullable StatusBoard board, @Nullable JobMonitor jobs,
            Scrubber scrubber, Clock clock) {
        this.dispatcher = dispatcher;
        this.board = board;
        this.jobs = jobs;
        this.scrubber = scrubber;
        this.clock = clock;
        this.views = new OperatorViews(scrubber);
    }

    /**
     * The actions over {@code dispatcher}, and over {@code board} and {@code jobs} when given (else their actions
     * answer {@code 404}).
     *
     * @param scrubber scrubs every text that goes out, and the log lines
     * @param clock the time of silences that start now, and of the silences' and maintenance windows' states
     */
    public static OperatorActions of(AlertDispatcher dispatcher, @Nullable StatusBoard board, @Nullable JobMonitor jobs,
            Scrubber scrubber, Clock clock) {
        return new OperatorActions(Objects.requireNonNull(dispatcher, "dispatcher"), board, jobs,
                Objects.requireNonNull(scrubber, "scrubber"), Objects.requireNonNull(clock, "clock"));
    }

    // ---- alerts ----

    /** The alerts that fire, newest first, with their acknowledgement. */
    public List<Object> alerts() {
        List<Object> list = new ArrayList<>();
        for (AlertHistoryEntry entry : dispatcher.activeAlerts()) {
            list.add(views.outgoing(views.alert(entry, dispatcher.incident(entry.fingerprint()).orElse(null))));
        }
        return list;
    }

    /** The incident of the alert {@code fingerprint} with its timeline. */
    public Object alert(String fingerprint) {
        return views.outgoing(views.incident(incident(fingerprint)));
    }

    /** Every incident kept (firing and recently resolved), most recently changed first, with their timelines. */
    public List<Object> alertIncidents() {
        List<Object> list = new ArrayList<>();
        for (AlertIncident incident : dispatcher.incidents()) {
            list.add(views.outgoing(views.incident(incident)));
        }
        return list;
    }

    /**
     * Acknowledges the alert {@code fingerprint} ({@code {"comment": "...", "by": "..."}}, both optional); answers its
     * incident.
     *
     * @throws OperatorException 404 if no alert is kept under it, 409 if it does not fire or is already acknowledged
     */
    public Object acknowledge(OperatorIdentity who, String fingerprint, @Nullable Map<String, ?> body) {
        JsonInput input = JsonInput.of(body, "", ACTION_FIELDS, scrubber);
        String comment = input.text("comment", MAX_COMMENT_LENGTH, false, "");
        String actor = actor(who, input, "by");
        incident(fingerprint);
        if (!busy(() -> dispatcher.acknowledge(fingerprint, actor, comment))) {
            throw new OperatorException(409, OperatorException.CONFLICT, "the alert does not fire or is already acknowledged");
        }
        audit("acknowledged alert {}", actor, fingerprint);
        return alert(fingerprint);
    }

    /**
     * Acknowledges every firing alert of a group ({@code {"groupKey": "...", "comment": "...", "by": "..."}}, the key
     * as in notifications); answers {@code {"acknowledged": N}}.
     */
    public Object acknowledgeGroup(OperatorIdentity who, @Nullable Map<String, ?> body) {
        JsonInput input = JsonInput.of(body, "", GROUP_FIELDS, scrubber);
        String groupKey = input.text("groupKey", 4096, true, "");
        String comment = input.text("comment", MAX_COMMENT_LENGTH, false, "");
        String actor = actor(who, input, "by");
        int count = busy(() -> dispatcher.acknowledgeGroup(groupKey, actor, comment));
        audit("acknowledged the alerts of group {}", actor, groupKey + " (" + count + " newly)");
        return Map.of("acknowledged", count);
    }

    /**
     * Resolves the alert {@code fingerprint} by hand ({@code {"comment": "...", "by": "..."}}, both optional); answers
     * its incident. If its source fires it again, it fires anew.
     *
     * @throws OperatorException 404 if no alert is kept under it, 409 if it does not fire
     */
    public Object resolve(OperatorIdentity who, String fingerprint, @Nullable Map<String, ?> body) {
        JsonInput input = JsonInput.of(body, "", ACTION_FIELDS, scrubber);
        String comment = input.text("comment", MAX_COMMENT_LENGTH, false, "");
        String actor = actor(who, input, "by");
        incident(fingerprint);
        if (!busy(() -> dispatcher.resolve(fingerprint, actor, comment))) {
            throw new OperatorException(409, OperatorException.CONFLICT, "the alert does not fire");
        }
        audit("resolved alert {}", actor, fingerprint);
        return alert(fingerprint);
    }

    // ---- silences ----

    /** The silences that have not ended, in Alertmanager's {@code gettableSilence} shape. */
    public List<Object> silences() {
        Instant now = clock.instant();
        List<Object> list = new ArrayList<>();
        dispatcher.silences().forEach((id, silence) -> list.add(views.outgoing(views.silence(id, silence, now))));
        return list;
    }

    /** The silence {@code id}, while it has not ended. */
    public Object silence(String id) {
        Silence silence = dispatcher.silences().get(id);
        if (silence == null) {
            throw OperatorException.notFound("no silence has that id (an expired silence is no longer listed)");
        }
        return views.outgoing(views.silence(id, silence, clock.instant()));
    }

    /**
     * Creates a silence from Alertmanager's {@code postableSilence} ({@code matchers} of {@code name}, {@code value},
     * {@code isRegex}, {@code isEqual}; {@code startsAt} (default now), {@code endsAt} or {@code duration},
     * {@code createdBy}, {@code comment}); answers {@code {"silenceID": "..."}}.
     */
    public Object createSilence(OperatorIdentity who, @Nullable Map<String, ?> body) {
        JsonInput input = JsonInput.of(body, "", SILENCE_FIELDS, scrubber);
        if (!input.text("id", 64, false, "").isEmpty()) {
            throw OperatorException.badRequest("id must be absent: a silence cannot be changed; expire it "
                    + "(DELETE /silence/{id}) and create a new one");
        }
        List<Map<String, ?>> matchers = input.objects("matchers", MAX_MATCHERS);
        if (matchers.isEmpty()) {
            throw OperatorException.badRequest("matchers must hold at least one matcher {\"name\", \"value\", \"isRegex\","
                    + " \"isEqual\"}; to silence everything use {\"name\":\"alertname\",\"value\":\".*\",\"isRegex\":true}");
        }
        Silence.Builder silence = Silence.builder();
        for (int i = 0; i < matchers.size(); i++) {
            silence.match(matcher(JsonInput.of(matchers.get(i), "matchers[" + i + "].", MATCHER_FIELDS, scrubber)));
        }
        Instant startsAt = input.instant("startsAt");
        Instant endsAt = input.instant("endsAt");
        Duration duration = input.period("duration");
        Instant start = startsAt != null ? startsAt : clock.instant();
        if ((endsAt == null) == (duration == null)) {
            throw OperatorException.badRequest("give either endsAt (an ISO-8601 time) or duration (such as 2h), not "
                    + (endsAt == null ? "neither" : "both"));
        }
        String actor = actor(who, input, "createdBy");
        String comment = input.text("comment", MAX_COMMENT_LENGTH, false, "");
        String id;
        try {
            id = dispatcher.silence(silence.startsAt(start).endsAt(endsAt != null ? endsAt : start.plus(duration))
                    .createdBy(actor).comment(comment).build());
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 500));
        }
        audit("created silence {}", actor, id);
        return Map.of("silenceID", id);
    }

    /** Expires the silence {@code id} now. */
    public void expireSilence(OperatorIdentity who, String id) {
        if (!dispatcher.silences().containsKey(id) || !dispatcher.expireSilence(id, who.name())) {
            throw OperatorException.notFound("no silence has that id (an expired silence is no longer listed)");
        }
        audit("expired silence {}", who.name(), id);
    }

    // ---- the status board ----

    /** The maintenance windows of the status page, soonest start first. */
    public List<Object> maintenances() {
        Instant now = clock.instant();
        List<Object> list = new ArrayList<>();
        for (Maintenance maintenance : board("maintenance").maintenances()) {
            list.add(views.outgoing(views.maintenance(maintenance, now)));
        }
        return list;
    }

    /**
     * Announces a maintenance ({@code title}, {@code description}, {@code components}, {@code startsAt}, {@code endsAt}
     * or {@code duration}, {@code excludeFromUptime}, {@code by}); its components' alerts are silenced during it.
     */
    public Object scheduleMaintenance(OperatorIdentity who, @Nullable Map<String, ?> body) {
        StatusBoard statusBoard = board("maintenance");
        JsonInput input = JsonInput.of(body, "", MAINTENANCE_FIELDS, scrubber);
        String title = input.text("title", StatusBoard.MAX_TITLE_LENGTH, true, "");
        String description = input.text("description", StatusBoard.MAX_BODY_LENGTH, false, "");
        Set<String> components = components(input, true);
        Instant startsAt = input.instant("startsAt");
        if (startsAt == null) {
            startsAt = clock.instant();
        }
        Instant endsAt = input.instant("endsAt");
        Duration duration = input.period("duration");
        if ((endsAt == null) == (duration == null)) {
            throw OperatorException.badRequest("give either endsAt (an ISO-8601 time) or duration (such as 2h), not "
                    + (endsAt == null ? "neither" : "both"));
        }
        String actor = actor(who, input, "by");
        Maintenance maintenance;
        try {
            maintenance = statusBoard.schedule(new NewMaintenance(title, description, components, startsAt,
                    endsAt != null ? endsAt : startsAt.plus(duration), input.bool("excludeFromUptime", false)), actor);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 500));
        } catch (IllegalStateException e) {
            throw new OperatorException(409, OperatorException.CONFLICT, scrubber.scrub(String.valueOf(e.getMessage()), 500));
        }
        audit("scheduled maintenance {}", actor, maintenance.id());
        return views.outgoing(views.maintenance(maintenance, clock.instant()));
    }

    /** Cancels maintenance {@code id} and expires its silences. */
    public void cancelMaintenance(OperatorIdentity who, String id) {
        if (!board("maintenance").cancel(id, who.name())) {
            throw OperatorException.notFound("no maintenance has that id");
        }
        audit("cancelled maintenance {}", who.name(), id);
    }

    /** The incidents of the status page, newest first, with their updates. */
    public List<Object> incidents() {
        List<Object> list = new ArrayList<>();
        for (PublicIncident incident : board("incidents").incidents()) {
            list.add(views.outgoing(views.statusIncident(incident)));
        }
        return list;
    }

    /**
     * Opens an incident on the status page ({@code title}, {@code impact} ({@code none|minor|major|critical}),
     * {@code components}, {@code status} (default {@code investigating}), {@code message}, {@code postmortemUrl},
     * {@code by}).
     */
    public Object openIncident(OperatorIdentity who, @Nullable Map<String, ?> body) {
        StatusBoard statusBoard = board("incidents");
        JsonInput input = JsonInput.of(body, "", INCIDENT_FIELDS, scrubber);
        String title = input.text("title", StatusBoard.MAX_TITLE_LENGTH, true, "");
        IncidentImpact impact = choice("impact", input.text("impact", 20, true, ""), IncidentImpact.values());
        Set<String> components = components(input, false);
        IncidentStatus status = choice("status", input.text("status", 20, false, "investigating"), IncidentStatus.values());
        String message = input.text("message", StatusBoard.MAX_BODY_LENGTH, true, "");
        String postmortem = input.has("postmortemUrl") ? input.text("postmortemUrl", StatusBoard.MAX_LINK_LENGTH, true, "")
                : null;
        String actor = actor(who, input, "by");
        PublicIncident incident;
        try {
            incident = statusBoard.open(new NewIncident(title, impact, components, status, message, postmortem), actor);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 500));
        } catch (IllegalStateException e) {
            throw new OperatorException(409, OperatorException.CONFLICT, scrubber.scrub(String.valueOf(e.getMessage()), 500));
        }
        audit("opened status incident {}", actor, incident.id());
        return views.outgoing(views.statusIncident(incident));
    }

    /** Posts an update to status-page incident {@code id} ({@code status}, {@code message}, {@code by}). */
    public Object updateIncident(OperatorIdentity who, String id, @Nullable Map<String, ?> body) {
        StatusBoard statusBoard = board("incidents");
        JsonInput input = JsonInput.of(body, "", UPDATE_FIELDS, scrubber);
        IncidentStatus status = choice("status", input.text("status", 20, true, ""), IncidentStatus.values());
        String message = input.text("message", StatusBoard.MAX_BODY_LENGTH, true, "");
        String actor = actor(who, input, "by");
        if (statusBoard.incidents().stream().noneMatch(incident -> incident.id().equals(id))) {
            throw OperatorException.notFound("no status-page incident has that id");
        }
        PublicIncident incident;
        try {
            incident = statusBoard.update(id, status, message, actor);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 500));
        }
        audit("updated status incident {}", actor, id);
        return views.outgoing(views.statusIncident(incident));
    }

    // ---- jobs ----

    /** The watched jobs and where they stand. */
    public List<Object> jobs() {
        if (jobs == null) {
            throw OperatorException.notFound("no job monitor is configured for the operator API");
        }
        List<Object> list = new ArrayList<>();
        for (JobSnapshot job : jobs.snapshots()) {
            list.add(views.outgoing(views.job(job)));
        }
        return list;
    }

    // ---- helpers ----

    private AlertIncident incident(String fingerprint) {
        Optional<AlertIncident> incident = fingerprint.isEmpty() || fingerprint.length() > 256 ? Optional.empty()
                : dispatcher.incident(fingerprint);
        return incident.orElseThrow(() -> OperatorException.notFound("no alert is kept under that fingerprint"));
    }

    /** Runs an action that waits for the dispatcher thread; its 5 s give-up becomes a 503 (the action still applies). */
    private <T> T busy(Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 500));
        } catch (IllegalStateException e) {
            throw new OperatorException(503, OperatorException.UNAVAILABLE, "the alert dispatcher did not answer in time;"
                    + " the action is queued and applies when it catches up: check again before repeating it");
        }
    }

    private StatusBoard board(String what) {
        if (board == null) {
            throw OperatorException.notFound("no status page is configured for the operator API, so there are no " + what);
        }
        return board;
    }

    private AlertMatcher matcher(JsonInput input) {
        String name = input.text("name", Names.MAX_LENGTH, true, "");
        if (!Names.isValidLabelKey(name)) {
            try {
                Names.requireLabelKey("matcher name", name);
            } catch (IllegalArgumentException e) {
                throw OperatorException.badRequest(scrubber.scrub(String.valueOf(e.getMessage()), 300));
            }
        }
        String value = input.text("value", MAX_MATCHER_VALUE_LENGTH, true, "");
        boolean regex = input.bool("isRegex", false);
        boolean equal = input.bool("isEqual", true);
        try {
            return AlertMatcher.of(name, (equal ? "=" : "!") + (regex ? "~" : equal ? "" : "="), value);
        } catch (IllegalArgumentException e) {
            // an invalid regex: the message holds the pattern, which may hold anything
            throw OperatorException.badRequest("matcher '" + name + "' has an invalid value: "
                    + scrubber.scrub(String.valueOf(e.getMessage()), 300));
        }
    }

    private Set<String> components(JsonInput input, boolean required) {
        List<String> ids = input.texts("components", MAX_COMPONENTS, Names.MAX_LENGTH);
        if (required && ids.isEmpty()) {
            throw OperatorException.badRequest("components must name at least one public component of the status page");
        }
        return new LinkedHashSet<>(ids);
    }

    private static <E extends Enum<E>> E choice(String field, String value, E[] choices) {
        List<String> words = new ArrayList<>();
        for (E choice : choices) {
            String word = choice.name().toLowerCase(Locale.ROOT);
            if (word.equals(value.strip().toLowerCase(Locale.ROOT))) {
                return choice;
            }
            words.add(word);
        }
        throw OperatorException.badRequest(field + " must be one of " + words + ", was '"
                + (value.length() > 20 ? value.substring(0, 20) : value).replace('\'', '"') + "'");
    }

    /** Who the audit shows: the identity, or the person a shared identity names, with the identity. */
    private String actor(OperatorIdentity who, JsonInput input, String field) {
        String stated = input.text(field, MAX_STATED_NAME_LENGTH, false, "").strip();
        if (stated.isEmpty() || stated.equals(who.name())) {
            return who.name();
        }
        if (stated.chars().anyMatch(Character::isISOControl)) {
            throw OperatorException.badRequest(field + " must not hold control characters");
        }
        return stated + " via " + who.name();
    }

    private void audit(String what, String actor, String target) {
        if (log.isInfoEnabled()) {
            log.info("Operator {} " + what, scrubber.scrub(actor, 300), scrubber.scrub(target, 300));
        }
    }
}
