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
 * exception text outside development mode. Adapters may build other codes (e.g. {@code NOT_FOUND})
 * with the same shape.
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
