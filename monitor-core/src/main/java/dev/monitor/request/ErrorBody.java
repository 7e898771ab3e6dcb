package dev.monitor.request;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The standard error body:
 * {@code {"error":{"code":"INTERNAL_ERROR","message":"…","request_id":"…","timestamp":"…"}}}.
 *
 * <p>{@link RequestMonitor#internalError} builds the body of an unhandled exception, hiding the
 * exception text outside development mode; {@link #forStatus} (or {@link RequestMonitor#errorBody}) the body of
 * any other error status, e.g. {@code {"error":{"code":"NOT_FOUND","message":"Not found",…}}}. Every adapter
 * (servlet error pages, the health, status, job and operator endpoints, Spring MVC and Spring Security) answers
 * errors with this shape, so a client parses one body whatever failed.
 *
 * @param code a stable, upper-case code, e.g. {@code INTERNAL_ERROR}
 * @param message text safe to show to the caller
 * @param requestId the request ID, also in the {@code X-Request-ID} response header
 * @param timestamp when the error happened
 */
public record ErrorBody(String code, String message, String requestId, Instant timestamp) {

    /** The media type of {@link #toJson()}. */
    public static final String CONTENT_TYPE = "application/json";
    /** The code of unhandled exceptions. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    /** The code of status 400. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** The code of status 401. */
    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    /** The code of status 403. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** The code of status 404. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The code of status 405. */
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** Validates the arguments. */
    public ErrorBody {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
        if (code.isBlank()) {
            throw new IllegalArgumentException("code must not be blank");
        }
    }

    /**
     * The standard body of an error status: a stable code and a fixed message per status (e.g. 404 {@code NOT_FOUND},
     * "Not found"; 500 {@code INTERNAL_ERROR}, "Internal server error"). Never text from the request or the
     * application, so nothing needs scrubbing. Other 4xx statuses are {@code CLIENT_ERROR}, other 5xx
     * {@code SERVER_ERROR}, anything else {@code ERROR}.
     *
     * @param status the HTTP status
     * @param requestId the request ID, also in the {@code X-Request-ID} response header
     * @param timestamp when the error happened
     */
    public static ErrorBody forStatus(int status, String requestId, Instant timestamp) {
        return new ErrorBody(codeOf(status), messageOf(status), requestId, timestamp);
    }

    /** The code {@link #forStatus} uses for {@code status}, e.g. {@code NOT_FOUND} for 404. */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> "NOT_ACCEPTABLE";
            case 408 -> "REQUEST_TIMEOUT";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "TOO_MANY_REQUESTS";
            case 500 -> INTERNAL_ERROR;
            case 501 -> "NOT_IMPLEMENTED";
            case 502 -> "BAD_GATEWAY";
            case 503 -> "SERVICE_UNAVAILABLE";
            case 504 -> "GATEWAY_TIMEOUT";
            default -> status >= 400 && status < 500 ? "CLIENT_ERROR" : status >= 500 && status < 600 ? "SERVER_ERROR"
                    : "ERROR";
        };
    }

    private static String messageOf(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Access denied";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 500 -> RequestMonitor.HIDDEN_MESSAGE;
            case 501 -> "Not implemented";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> status >= 400 && status < 500 ? "Client error" : status >= 500 && status < 600 ? "Server error"
                    : "Error";
        };
    }

    /** The body as UTF-8 JSON; the timestamp in ISO-8601 UTC with milliseconds. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + message.length());
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeName("error");
            json.writeStartObject();
            json.writeStringProperty("code", code);
            json.writeStringProperty("message", message);
            json.writeStringProperty("request_id", requestId);
            json.writeStringProperty("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp.truncatedTo(ChronoUnit.MILLIS)));
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }
}
