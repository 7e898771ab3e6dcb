package dev.monitor.operator;

import dev.monitor.alert.AlertDispatcher;
import dev.monitor.job.JobMonitor;
import dev.monitor.operator.internal.OperatorTokens;
import dev.monitor.pii.Scrubber;
import dev.monitor.request.ErrorBody;
import dev.monitor.request.RequestId;
import dev.monitor.status.StatusBoard;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator API over HTTP, independent of any web framework: acknowledge, resolve and silence alerts, announce
 * maintenance and post status-page incidents from a terminal during an incident. The servlet adapter
 * ({@code dev.monitor.servlet.OperatorServlet}) only copies its {@link OperatorResponse} onto its response; the
 * actions themselves are {@link OperatorActions}'.
 *
 * <pre>{@code
 * OperatorEndpoint operator = OperatorEndpoint.builder(dispatcher)
 *         .statusBoard(statusPage.board())
 *         .jobs(jobs)
 *         .token("ops", System.getenv("MONITOR_OPERATOR_TOKEN"))
 *         .build();
 * curl -H "Authorization: Bearer $MONITOR_OPERATOR_TOKEN" https://orders.example.com/monitor/operator/alerts
 * }</pre>
 *
 * <p><b>Routes</b>, relative to the mount point (by convention {@value #DEFAULT_PATH}), in Alertmanager's manner:
 * <table>
 * <caption>Routes</caption>
 * <tr><td>{@code GET /alerts}</td><td>the firing alerts</td></tr>
 * <tr><td>{@code GET /alerts/{fingerprint}}</td><td>an alert's incident with its timeline</td></tr>
 * <tr><td>{@code POST /alerts/{fingerprint}/ack}</td><td>acknowledge: escalation and reminders stop</td></tr>
 * <tr><td>{@code POST /alerts/{fingerprint}/resolve}</td><td>resolve by hand</td></tr>
 * <tr><td>{@code POST /alert-groups/ack}</td><td>acknowledge a notification's group ({@code groupKey})</td></tr>
 * <tr><td>{@code GET /alert-incidents}</td><td>every kept incident (firing and recently resolved)</td></tr>
 * <tr><td>{@code GET|POST /silences}</td><td>list, create (Alertmanager API v2's silence JSON)</td></tr>
 * <tr><td>{@code GET|DELETE /silence/{id}}</td><td>one silence; expire it</td></tr>
 * <tr><td>{@code GET|POST /maintenance}</td><td>the status page's maintenance windows; announce one</td></tr>
 * <tr><td>{@code DELETE /maintenance/{id}}</td><td>cancel one</td></tr>
 * <tr><td>{@code GET|POST /incidents}</td><td>the status page's incidents; open one</td></tr>
 * <tr><td>{@code POST /incidents/{id}/updates}</td><td>post an update</td></tr>
 * <tr><td>{@code GET /jobs}</td><td>the watched jobs</td></tr>
 * </table>
 *
 * <p><b>Who</b>: every request passes the {@link OperatorAuthorizer} first, before its route is looked at, so a
 * caller without credentials gets the same {@code 401} for every path. By default bearer tokens
 * ({@link Builder#token(String, String)}, {@link Builder#readOnlyToken(String, String)}), kept as SHA-256 digests and
 * compared in constant time; without any token or authorizer every request is refused. A read-only identity gets
 * {@code 403} for every {@code POST} and {@code DELETE}. No cookie is set or read, so CSRF does not apply.
 *
 * <p><b>Errors</b> answer the standard error body {@code {"error":{"code":…,"message":…,"request_id":…,"timestamp":…}}}
 * ({@link ErrorBody}): {@code 400 BAD_REQUEST} naming the field, {@code 401 UNAUTHORIZED} (with
 * {@code WWW-Authenticate}), {@code 403 FORBIDDEN}, {@code 404 NOT_FOUND}, {@code 405 METHOD_NOT_ALLOWED} (with
 * {@code Allow}), {@code 409 CONFLICT}, {@code 413 PAYLOAD_TOO_LARGE} beyond {@link Builder#maxBodyBytes}. Every answer
 * carries {@code Cache-Control: no-store}; lists are cut at {@value #MAX_LIST_ENTRIES} entries, with the full count in
 * {@code X-Total-Count}. Never throws for any input.
 */
public final class OperatorEndpoint {

    /** Where the adapters mount the endpoint by default. */
    public static final String DEFAULT_PATH = "/monitor/operator";
    /** Default {@link Builder#maxBodyBytes}: 64 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    /** Most entries of a list answer. */
    public static final int MAX_LIST_ENTRIES = 1000;

    private static final Logger log = LoggerFactory.getLogger(OperatorEndpoint.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTENT_TYPE = "application/json";
    private static final String ROUTES = "GET /alerts, GET /alerts/{fingerprint}, POST /alerts/{fingerprint}/ack,"
            + " POST /alerts/{fingerprint}/resolve, POST /alert-groups/ack, GET /alert-incidents, GET|POST /silences,"
            + " GET|DELETE /silence/{id}, GET|POST /maintenance, DELETE /maintenance/{id}, GET|POST /incidents,"
            + " POST /incidents/{id}/updates, GET /jobs";

    private final OperatorActions actions;
    private final OperatorAuthorizer authorizer;
    private final Clock clock;
    private final int maxBodyBytes;

    private OperatorEndpoint(Builder builder, OperatorAuthorizer authorizer) {
        this.actions = OperatorActions.of(builder.dispatcher, builder.board, builder.jobs, builder.scrubber, builder.clock);
        this.authorizer = authorizer;
        this.clock = builder.clock;
        this.maxBodyBytes = builder.maxBodyBytes;
    }

    /** A builder over {@code dispatcher}; set a token or an authorizer, else every request is refused. */
    public static Builder builder(AlertDispatcher dispatcher) {
        return new Builder(dispatcher);
    }

    /** The actions this endpoint serves, for another adapter (an Actuator endpoint) to call the same way. */
    public OperatorActions actions() {
        return actions;
    }

    /**
     * The route template a path below the mount point matches, e.g. {@code /alerts/{fingerprint}/ack} for
     * {@code /alerts/3f2a…/ack}, for an adapter's {@code uri} meter tag; null for a path that is no route (answered
     * {@code 404}).
     */
    public static @Nullable String routeOf(@Nullable String path) {
        List<String> segments = segments(path);
        Route route = segments == null ? null : Route.of(segments);
        return route == null ? null : route.template;
    }

    /** Answers one request. Never throws; the body is read only for an authorized write. */
    public OperatorResponse handle(OperatorRequest request) {
        try {
            return answer(request);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Operator request failed: {}", e.getClass().getName());
            return error(500, ErrorBody.INTERNAL_ERROR, "the operator request could not be carried out",
                    request.requestId(), Map.of());
        }
    }

    /**
     * Answers one request whose caller the adapter has already established, instead of asking this endpoint's
     * authorizer: e.g. the principal Spring Security authenticated, with its roles deciding {@code mayWrite}. A null
     * {@code who} answers {@code 401} as a refused credential does. Never throws; the body is read only for an
     * authorized write.
     */
    public OperatorResponse handle(OperatorRequest request, @Nullable OperatorIdentity who) {
        try {
            return answer(request, who);
        } catch (RuntimeException | LinkageError e) {
            log.warn("Operator request failed: {}", e.getClass().getName());
            return error(500, ErrorBody.INTERNAL_ERROR, "the operator request could not be carried out",
                    request.requestId(), Map.of());
        }
    }

    private OperatorResponse answer(OperatorRequest request) {
        OperatorIdentity who;
        try {
            who = authorizer.authorize(request);
        } catch (RuntimeException e) {
            log.warn("Operator authorizer failed ({}); the request is refused", e.getClass().getName());
            who = null;
        }
        return answer(request, who);
    }

    private OperatorResponse answer(OperatorRequest request, @Nullable OperatorIdentity who) {
        String id = request.requestId();
        if (who == null) {
            return error(401, "UNAUTHORIZED", "a valid operator credential is required: send Authorization: Bearer <token>",
                    id, Map.of("WWW-Authenticate", "Bearer realm=\"monitor-operator\""));
        }
        List<String> path = segments(request.path());
        Route route = path == null ? null : Route.of(path);
        if (route == null) {
            return error(404, "NOT_FOUND", "no such operator route; the routes are " + ROUTES, id, Map.of());
        }
        String method = request.upperMethod();
        if (!route.allowed.contains(method)) {
            return error(405, "METHOD_NOT_ALLOWED", "this route answers " + String.join(" and ", route.allowed), id,
                    Map.of("Allow", String.join(", ", route.allowed)));
        }
        boolean write = !method.equals("GET");
        if (write && !who.mayWrite()) {
            return error(403, "FORBIDDEN", "this operator credential is read-only", id, Map.of());
        }
        try {
            Map<String, ?> body = method.equals("POST") ? body(request.body()) : null;
            Object result = run(route, path, method, who, body);
            return ok(result);
        } catch (OperatorException e) {
            return error(e.status(), e.code(), String.valueOf(e.getMessage()), id, Map.of());
        }
    }

    private Object run(Route route, List<String> path, String method, OperatorIdentity who, @Nullable Map<String, ?> body) {
        return switch (route) {
            case ALERTS -> actions.alerts();
            case ALERT -> actions.alert(path.get(1));
            case ALERT_ACK -> actions.acknowledge(who, path.get(1), body);
            case ALERT_RESOLVE -> actions.resolve(who, path.get(1), body);
            case GROUP_ACK -> actions.acknowledgeGroup(who, body);
            case ALERT_INCIDENTS -> actions.alertIncidents();
            case SILENCES -> method.equals("GET") ? actions.silences() : actions.createSilence(who, body);
            case SILENCE -> {
                if (method.equals("GET")) {
                    yield actions.silence(path.get(1));
                }
                actions.expireSilence(who, path.get(1));
                yield Map.of("expired", path.get(1));
            }
            case MAINTENANCES -> method.equals("GET") ? actions.maintenances() : actions.scheduleMaintenance(who, body);
            case MAINTENANCE -> {
                actions.cancelMaintenance(who, path.get(1));
                yield Map.of("cancelled", path.get(1));
            }
            case INCIDENTS -> method.equals("GET") ? actions.incidents() : actions.openIncident(who, body);
            case INCIDENT_UPDATES -> actions.updateIncident(who, path.get(1), body);
            case JOBS -> actions.jobs();
        };
    }

    /** The path's segments without empty ones, or null when it is too long to be a route. */
    private static @Nullable List<String> segments(@Nullable String path) {
        if (path == null) {
            return List.of();
        }
        if (path.length() > 1024) {
            return null;
        }
        List<String> segments = new ArrayList<>(4);
        for (String segment : path.split("/", 8)) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        return segments;
    }

    /** The body as a JSON object; null when empty. */
    private @Nullable Map<String, ?> body(@Nullable InputStream in) {
        if (in == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw OperatorException.badRequest("the request body could not be read");
        }
        if (bytes.length > maxBodyBytes) {
            throw new OperatorException(413, "PAYLOAD_TOO_LARGE", "the request body must be at most " + maxBodyBytes
                    + " bytes");
        }
        if (isBlank(bytes)) {
            return null;
        }
        Object parsed;
        try {
            parsed = JSON.readValue(bytes, Object.class);
        } catch (JacksonException e) {
            // the parser's message quotes the body, which may hold anything: only where it broke is shown
            throw OperatorException.badRequest("the request body must be a JSON object; it is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")"));
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw OperatorException.badRequest("the request body must be a JSON object {...}");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        return fields;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private OperatorResponse ok(Object result) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        Object body = result;
        if (result instanceof List<?> list) {
            headers.put("X-Total-Count", Integer.toString(list.size()));
            if (list.size() > MAX_LIST_ENTRIES) {
                body = list.subList(0, MAX_LIST_ENTRIES);
            }
        }
        return new OperatorResponse(200, CONTENT_TYPE, headers, JSON.writeValueAsBytes(body));
    }

    private OperatorResponse error(int status, String code, String message, @Nullable String requestId,
            Map<String, String> headers) {
        String id = requestId != null && RequestId.isValid(requestId) ? requestId : RequestId.generate();
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Cache-Control", "no-store");
        if (requestId == null) {
            all.put("X-Request-ID", id);
        }
        return new OperatorResponse(status, CONTENT_TYPE, all, new ErrorBody(code, message, id, clock.instant()).toJson());
    }

    /** The routes and the methods each answers. */
    private enum Route {
        ALERTS("/alerts", "GET"), ALERT("/alerts/{fingerprint}", "GET"),
        ALERT_ACK("/alerts/{fingerprint}/ack", "POST"), ALERT_RESOLVE("/alerts/{fingerprint}/resolve", "POST"),
        GROUP_ACK("/alert-groups/ack", "POST"), ALERT_INCIDENTS("/alert-incidents", "GET"),
        SILENCES("/silences", "GET", "POST"), SILENCE("/silence/{id}", "GET", "DELETE"),
        MAINTENANCES("/maintenance", "GET", "POST"), MAINTENANCE("/maintenance/{id}", "DELETE"),
        INCIDENTS("/incidents", "GET", "POST"), INCIDENT_UPDATES("/incidents/{id}/updates", "POST"), JOBS("/jobs", "GET");

        final String template;
        final List<String> allowed;

        Route(String template, String... allowed) {
            this.template = template;
            this.allowed = List.of(allowed);
        }

        static @Nullable Route of(List<String> path) {
            String first = path.isEmpty() ? "" : path.get(0);
            return switch (path.size()) {
                case 1 -> switch (first) {
                    case "alerts" -> ALERTS;
                    case "alert-incidents" -> ALERT_INCIDENTS;
                    case "silences" -> SILENCES;
                    case "maintenance" -> MAINTENANCES;
                    case "incidents" -> INCIDENTS;
                    case "jobs" -> JOBS;
                    default -> null;
                };
                case 2 -> switch (first) {
                    case "alerts" -> ALERT;
                    case "alert-groups" -> path.get(1).equals("ack") ? GROUP_ACK : null;
                    case "silence" -> SILENCE;
                    case "maintenance" -> MAINTENANCE;
                    default -> null;
                };
                case 3 -> switch (first) {
                    case "alerts" -> path.get(2).equals("ack") ? ALERT_ACK : path.get(2).equals("resolve") ? ALERT_RESOLVE : null;
                    case "incidents" -> path.get(2).equals("updates") ? INCIDENT_UPDATES : null;
                    default -> null;
                };
                default -> null;
            };
        }
    }

    /** Builds an {@link OperatorEndpoint}; every setter validates its argument. */
    public static final class Builder {
        private final AlertDispatcher dispatcher;
        private @Nullable StatusBoard board;
        private @Nullable JobMonitor jobs;
        private final List<OperatorTokens.Entry> tokens = new ArrayList<>();
        private @Nullable OperatorAuthorizer authorizer;
        private Scrubber scrubber = Scrubber.defaults();
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder(AlertDispatcher dispatcher) {
            this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        }

        /** The status page's board, for maintenance and incidents ({@code StatusPage.board()}); without it they 404. */
        public Builder statusBoard(StatusBoard board) {
            this.board = Objects.requireNonNull(board, "board");
            return this;
        }

        /** The job monitor, for {@code GET /jobs}; without it that route 404s. */
        public Builder jobs(JobMonitor jobs) {
            this.jobs = Objects.requireNonNull(jobs, "jobs");
            return this;
        }

        /**
         * A token that may read and act, as operator {@code "operator"}: 16 to 512 visible ASCII characters, e.g.
         * {@code openssl rand -hex 32}.
         */
        public Builder token(String token) {
            return token("operator", token);
        }

        /** A token that may read and act as {@code operator} (who the audit shows). */
        public Builder token(String operator, String token) {
            tokens.add(OperatorTokens.entry("operator token of '" + operator + "'", token, OperatorIdentity.writer(operator)));
            return this;
        }

        /** A token that may only read, as {@code operator}: every {@code POST} and {@code DELETE} answers 403. */
        public Builder readOnlyToken(String operator, String token) {
            tokens.add(OperatorTokens.entry("read-only operator token of '" + operator + "'", token,
                    OperatorIdentity.reader(operator)));
            return this;
        }

        /** Decides who requests come from instead of tokens (e.g. the container's principal); see {@link OperatorAuthorizer}. */
        public Builder authorizer(OperatorAuthorizer authorizer) {
            this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
            return this;
        }

        /** The scrubber of every text that goes out and of the log lines (default {@link Scrubber#defaults()}). */
        public Builder scrubber(Scrubber scrubber) {
            this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
            return this;
        }

        /** The clock of timestamps, and of silences and maintenance that start now (default UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The largest request body read (default 64 KiB); 1 KiB to 1 MiB. Larger bodies answer 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1024 || maxBodyBytes > 1024 * 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1024 and 1048576, was " + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * Builds the endpoint.
         *
         * @throws IllegalArgumentException if both tokens and an authorizer are set (one decides who may act)
         */
        public OperatorEndpoint build() {
            if (authorizer != null && !tokens.isEmpty()) {
                throw new IllegalArgumentException("set either tokens or an authorizer, not both: the authorizer decides alone");
            }
            if (authorizer == null && tokens.isEmpty()) {
                log.warn("Operator endpoint has no token and no authorizer: every request is refused until one is set");
            }
            return new OperatorEndpoint(this, authorizer != null ? authorizer : new OperatorTokens(tokens));
        }
    }
}
