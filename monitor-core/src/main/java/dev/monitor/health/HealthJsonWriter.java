package dev.monitor.health;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Renders {@link HealthReport}s as JSON, in the native contract or the IETF health+json format.
 *
 * <p>Without details, only statuses and timings are written. With details, error text and check
 * details are added. Bodies stay under {@value #MAX_BODY_BYTES} bytes: when the full rendering is
 * larger, details are dropped first, then per-check errors, so probes that read 10 KiB always see
 * a complete document.
 */
public final class HealthJsonWriter {

    /** The largest body written. */
    public static final int MAX_BODY_BYTES = 10 * 1024 - 256;

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int COMPACT_ERROR_LENGTH = 80;

    private HealthJsonWriter() {
    }

    /**
     * Renders a report.
     *
     * @param showDetails whether error text and details may be shown to this caller
     */
    public static byte[] write(HealthReport report, HealthFormat format, boolean showDetails) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Level[] levels = showDetails ? new Level[] {Level.FULL, Level.COMPACT, Level.MINIMAL} : new Level[] {Level.MINIMAL};
        byte[] body = null;
        for (Level level : levels) {
            body = format == HealthFormat.HEALTH_JSON ? healthJson(report, level) : nativeJson(report, level);
            if (body.length <= MAX_BODY_BYTES) {
                return body;
            }
        }
        return body;
    }

    /** How much is written. */
    private enum Level {
        /** Errors, details, observed values, version. */
        FULL,
        /** No details; errors shortened; version kept. */
        COMPACT,
        /** Statuses and timings only. */
        MINIMAL
    }

    private static byte[] nativeJson(HealthReport report, Level level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + report.checks().size() * 160);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("status", report.status().jsonValue());
            json.writeStringProperty("timestamp", timestamp(report.timestamp()));
            json.writeStringProperty("service", report.service().service());
            if (level != Level.MINIMAL) {
                if (report.service().version() != null) {
                    json.writeStringProperty("version", report.service().version());
                }
                if (report.service().environment() != null) {
                    json.writeStringProperty("environment", report.service().environment());
                }
            }
            json.writeNumberProperty("uptime_seconds", report.uptime().toSeconds());
            json.writeNumberProperty("duration_ms", report.duration().toMillis());
            json.writeName("checks");
            json.writeStartObject();
            for (CheckReport check : report.checks().values()) {
                json.writeName(check.name());
                json.writeStartObject();
                json.writeStringProperty("status", check.status().jsonValue());
                json.writeBooleanProperty("critical", check.critical());
                json.writeNumberProperty("response_time_ms", check.responseTime().toMillis());
                json.writeStringProperty("checked_at", timestamp(check.checkedAt()));
                if (level == Level.FULL) {
                    if (check.observed() != null) {
                        json.writeName("observed_value");
                        writeNumber(json, check.observed().value());
                        json.writeStringProperty("observed_unit", check.observed().unit());
                    }
                    if (!check.details().isEmpty()) {
                        json.writeName("details");
                        writeDetails(json, check.details());
                    }
                    if (check.error() != null && check.status() != CheckStatus.PASS) {
                        json.writeStringProperty("error", check.error());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndObject();
            if (level != Level.MINIMAL) {
                json.writeName("errors");
                json.writeStartArray();
                for (String error : report.errors()) {
                    json.writeString(level == Level.COMPACT ? shorten(error) : error);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static byte[] healthJson(HealthReport report, Level level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + report.checks().size() * 200);
        try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            json.writeStartObject();
            json.writeStringProperty("status", report.status().asCheckStatus().jsonValue());
            if (level != Level.MINIMAL && report.service().version() != null) {
                json.writeStringProperty("releaseId", report.service().version());
            }
            json.writeStringProperty("serviceId", report.service().service());
            json.writeStringProperty("description", "health of " + report.service().service());
            if (level != Level.MINIMAL) {
                List<String> errors = report.errors();
                if (!errors.isEmpty()) {
                    json.writeStringProperty("output", shorten(errors.get(0)));
                }
                if (!report.notes().isEmpty()) {
                    json.writeName("notes");
                    json.writeStartArray();
                    for (String note : report.notes()) {
                        json.writeString(note);
                    }
                    json.writeEndArray();
                }
            }
            json.writeName("checks");
            json.writeStartObject();
            for (CheckReport check : report.checks().values()) {
                ObservedValue observed = level == Level.FULL ? check.observed() : null;
                // A check that measures its own response time reports it in the single responseTime entry.
                boolean ownResponseTime = observed != null && observed.measurement().equals("responseTime");
                writeHealthJsonCheck(json, check, "responseTime",
                        ownResponseTime ? observed.value() : check.responseTime().toMillis(),
                        ownResponseTime ? observed.unit() : "ms", level);
                if (observed != null && !ownResponseTime) {
                    writeHealthJsonCheck(json, check, observed.measurement(), observed.value(), observed.unit(), level);
                }
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeHealthJsonCheck(JsonGenerator json, CheckReport check, String measurement, Number value,
            String unit, Level level) {
        json.writeName(check.name() + ":" + measurement);
        json.writeStartArray();
        json.writeStartObject();
        json.writeStringProperty("componentId", check.name());
        json.writeStringProperty("componentType", "component");
        json.writeName("observedValue");
        writeNumber(json, value);
        json.writeStringProperty("observedUnit", unit);
        json.writeStringProperty("status", check.status().jsonValue());
        json.writeStringProperty("time", timestamp(check.checkedAt()));
        if (level != Level.MINIMAL && check.error() != null && check.status() != CheckStatus.PASS) {
            json.writeStringProperty("output", level == Level.COMPACT ? shorten(check.error()) : check.error());
        }
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void writeDetails(JsonGenerator json, Map<String, Object> details) {
        json.writeStartObject();
        for (Map.Entry<String, Object> entry : details.entrySet()) {
            json.writeName(entry.getKey());
            Object value = entry.getValue();
            if (value instanceof Boolean bool) {
                json.writeBoolean(bool);
            } else if (value instanceof Number number) {
                writeNumber(json, number);
            } else {
                json.writeString(String.valueOf(value));
            }
        }
        json.writeEndObject();
    }

    private static void writeNumber(JsonGenerator json, Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            json.writeNumber(number.longValue());
        } else if (number instanceof java.math.BigDecimal decimal) {
            json.writeNumber(decimal);
        } else if (number instanceof java.math.BigInteger integer) {
            json.writeNumber(integer);
        } else {
            double value = number.doubleValue();
            if (Double.isFinite(value)) {
                json.writeNumber(value);
            } else {
                json.writeNull();
            }
        }
    }

    /**
     * Shortens error text for the compact rendering. The text of a {@link CheckReport} is already scrubbed by the
     * registry (scrub first, then cut), so cutting it can only shorten a redaction marker. Never splits a
     * surrogate pair (half a pair cannot be encoded).
     */
    private static String shorten(String text) {
        if (text.length() <= COMPACT_ERROR_LENGTH) {
            return text;
        }
        int end = COMPACT_ERROR_LENGTH - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
