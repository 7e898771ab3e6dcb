package dev.monitor.operator.internal;

import dev.monitor.config.DurationLimits;
import dev.monitor.config.internal.DurationText;
import dev.monitor.operator.OperatorException;
import dev.monitor.pii.Scrubber;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one JSON object of a request body, read with checks: each refusal is a {@code 400} naming the
 * field, what it must be, and the value as far as it is safe to show (scrubbed and shortened). Unknown fields are
 * refused too, so a misspelt {@code endAt} is not silently ignored.
 */
public final class JsonInput {

    private static final int SHOWN = 60;

    private final Map<String, ?> fields;
    private final String where;
    private final Scrubber scrubber;

    private JsonInput(Map<String, ?> fields, String where, Scrubber scrubber) {
        this.fields = fields;
        this.where = where;
        this.scrubber = scrubber;
    }

    /**
     * The object {@code body}, whose fields must all be among {@code known}.
     *
     * @param where the object's place for messages, {@code ""} for the body itself, e.g. {@code "matchers[0]."}
     */
    public static JsonInput of(@Nullable Map<String, ?> body, String where, Set<String> known, Scrubber scrubber) {
        Map<String, ?> fields = body == null ? Map.of() : body;
        for (String name : fields.keySet()) {
            if (!known.contains(name)) {
                throw OperatorException.badRequest("unknown field '" + where + scrubber.scrub(String.valueOf(name), SHOWN)
                        + "'; known fields: " + new TreeSet<>(known));
            }
        }
        return new JsonInput(fields, where, scrubber);
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        return fields.get(name) != null;
    }

    /** A text of at most {@code max} characters; blank is refused when required, absent gives {@code fallback}. */
    public String text(String name, int max, boolean required, String fallback) {
        Object value = fields.get(name);
        if (value == null) {
            if (required) {
                throw missing(name, "a text");
            }
            return fallback;
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "a text", value);
        }
        if (required && text.isBlank()) {
            throw OperatorException.badRequest(where + name + " must not be blank");
        }
        if (text.length() > max) {
            throw OperatorException.badRequest(where + name + " must be at most " + max + " characters, was " + text.length());
        }
        return text;
    }

    /** A boolean; absent gives {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean bool)) {
            throw wrongType(name, "true or false", value);
        }
        return bool;
    }

    /** An ISO-8601 instant such as {@code 2026-12-07T06:00:00Z}, or null when absent. */
    public @Nullable Instant instant(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw wrongType(name, "an ISO-8601 time such as 2026-12-07T06:00:00Z", value);
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw OperatorException.badRequest(where + name + " must be an ISO-8601 time with an offset, such as "
                    + "2026-12-07T06:00:00Z, was '" + shown(text) + "'");
        }
    }

    /** A period such as {@code 2h}, {@code 90m} or {@code PT2H}, checked by {@link DurationLimits#requirePeriod}. */
    public @Nullable Duration period(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        Duration duration = value instanceof String text ? DurationText.parse(text) : null;
        if (duration == null) {
            throw OperatorException.badRequest(where + name + " must be a duration such as 2h, 90m or PT2H, was '"
                    + shown(String.valueOf(value)) + "'");
        }
        try {
            return DurationLimits.requirePeriod(where + name, duration);
        } catch (IllegalArgumentException e) {
            throw OperatorException.badRequest(e.getMessage());
        }
    }

    /** A list of objects, at most {@code max}; absent gives an empty list. */
    public List<Map<String, ?>> objects(String name, int max) {
        List<?> list = list(name, max);
        List<Map<String, ?>> objects = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw wrongType(name + "[" + i + "]", "an object", list.get(i));
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), value));
            objects.add(copy);
        }
        return objects;
    }

    /** A list of texts, at most {@code max}, each at most {@code maxLength}; absent gives an empty list. */
    public List<String> texts(String name, int max, int maxLength) {
        List<?> list = list(name, max);
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String text) || text.length() > maxLength) {
                throw wrongType(name + "[" + i + "]", "a text of at most " + maxLength + " characters", list.get(i));
            }
            texts.add(text);
        }
        return texts;
    }

    private List<?> list(String name, int max) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw wrongType(name, "a list", value);
        }
        if (list.size() > max) {
            throw OperatorException.badRequest(where + name + " must hold at most " + max + " entries, held " + list.size());
        }
        return list;
    }

    private OperatorException missing(String name, String what) {
        return OperatorException.badRequest(where + name + " is required: " + what);
    }

    private OperatorException wrongType(String name, String what, @Nullable Object value) {
        String kind = value == null ? "null" : value instanceof String ? "a text" : value instanceof Boolean ? "a boolean"
                : value instanceof Number ? "a number" : value instanceof List ? "a list" : value instanceof Map ? "an object"
                : "something else";
        return OperatorException.badRequest(where + name + " must be " + what + ", was " + kind);
    }

    private String shown(String value) {
        return scrubber.scrub(value, SHOWN).replace('\'', '"');
    }
}
