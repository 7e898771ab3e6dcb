package dev.monitor.request;

/**
 * The meters a {@link RequestMonitor} registers (with a meter registry): names, descriptions, base
 * units and tag keys, in one place. The request timer keeps the name and tags of Spring Boot's
 * meter, so dashboards work unchanged; it is in the registry's base time unit.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>meter</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>timer</td><td>method, uri, status, outcome, exception</td></tr>
 *   <tr><td>{@value #ERRORS}</td><td>counter (5xx)</td><td>method, uri, status, exception</td></tr>
 *   <tr><td>{@value #IN_FLIGHT}</td><td>gauge, {@value #REQUESTS_UNIT}</td><td></td></tr>
 *   <tr><td>{@value #AUTH_FAILURES}</td><td>counter</td><td>status (401, 403)</td></tr>
 *   <tr><td>{@value #SECURITY_EVENTS}</td><td>counter</td><td>type</td></tr>
 *   <tr><td>{@value #TRACKED_CLIENTS}</td><td>gauge, {@value #CLIENTS_UNIT}</td><td></td></tr>
 * </table>
 */
public final class RequestMeters {

    /** HTTP server request duration. */
    public static final String REQUESTS = "http.server.requests";
    /** Description of {@link #REQUESTS}. */
    public static final String REQUESTS_DESCRIPTION = "HTTP server request duration";
    /** HTTP server requests answered with a 5xx status. */
    public static final String ERRORS = "http.server.requests.errors";
    /** Description of {@link #ERRORS}. */
    public static final String ERRORS_DESCRIPTION = "HTTP server requests answered with a 5xx status";
    /** HTTP server requests in progress. */
    public static final String IN_FLIGHT = "http.server.requests.in.flight";
    /** Description of {@link #IN_FLIGHT}. */
    public static final String IN_FLIGHT_DESCRIPTION = "HTTP server requests in progress";
    /** Base unit of {@link #IN_FLIGHT}. */
    public static final String REQUESTS_UNIT = "requests";

    /** Responses with status 401 or 403. */
    public static final String AUTH_FAILURES = "monitor.security.auth.failures";
    /** Description of {@link #AUTH_FAILURES}. */
    public static final String AUTH_FAILURES_DESCRIPTION = "Responses with status 401 or 403";
    /** Security events emitted. */
    public static final String SECURITY_EVENTS = "monitor.security.events";
    /** Description of {@link #SECURITY_EVENTS}. */
    public static final String SECURITY_EVENTS_DESCRIPTION = "Security events emitted";
    /** Clients whose failed authentications are being tracked. */
    public static final String TRACKED_CLIENTS = "monitor.security.tracked.clients";
    /** Description of {@link #TRACKED_CLIENTS}. */
    public static final String TRACKED_CLIENTS_DESCRIPTION = "Clients whose failed authentications are being tracked";
    /** Base unit of {@link #TRACKED_CLIENTS}. */
    public static final String CLIENTS_UNIT = "clients";

    /** Tag: the HTTP method, {@code UNKNOWN} for a non-standard one. */
    public static final String TAG_METHOD = "method";
    /** Tag: the route template (scrubbed), never the raw path. */
    public static final String TAG_URI = "uri";
    /** Tag: the response status. */
    public static final String TAG_STATUS = "status";
    /** Tag: the status class, e.g. {@code SUCCESS}, {@code SERVER_ERROR}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag: the unhandled exception's simple class name, or {@value #NO_EXCEPTION}. */
    public static final String TAG_EXCEPTION = "exception";
    /** Tag: a security event's type. */
    public static final String TAG_TYPE = "type";
    /** The {@code exception} tag when there was none. */
    public static final String NO_EXCEPTION = "none";
    /** The {@code uri}/{@code status} tag of requests beyond the tag-set bound. */
    public static final String OVERFLOW = "OTHER";

    private RequestMeters() {
    }
}
