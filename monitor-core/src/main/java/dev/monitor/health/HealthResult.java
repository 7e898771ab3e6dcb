package dev.monitor.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link HealthCheck} found.
 *
 * @param status pass, warn or fail
 * @param details a flat map of scalar values (strings, numbers, booleans), in insertion order. Keys are free,
 *     non-blank text (written escaped in JSON). Before a report shows them, the registry scrubs them key-aware:
 *     a key is scrubbed like text, and the value of a sensitive key ({@code password}, {@code token}, ...) is
 *     redacted whatever it looks like
 * @param observed an optional measured value with its unit
 * @param error an optional human-readable reason, shown only to authorized callers; the registry scrubs it
 *     first, then keeps its first line, at most 160 characters
 */
public record HealthResult(
        CheckStatus status, Map<String, Object> details, @Nullable ObservedValue observed, @Nullable String error) {

    private static final HealthResult PASS = new HealthResult(CheckStatus.PASS, Map.of(), null, null);

    /** Validates the arguments and makes {@code details} an unmodifiable copy. */
    public HealthResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(details, "details");
        details = copyOfScalars(details);
    }

    /** A passing result without details. */
    public static HealthResult pass() {
        return PASS;
    }

    /** A warning with a reason. */
    public static HealthResult warn(String error) {
        return new HealthResult(CheckStatus.WARN, Map.of(), null, Objects.requireNonNull(error, "error"));
    }

    /** A failure with a reason. */
    public static HealthResult fail(String error) {
        return new HealthResult(CheckStatus.FAIL, Map.of(), null, Objects.requireNonNull(error, "error"));
    }

    /**
     * A failure caused by an exception: the reason is its type and message ({@code "IllegalStateException: refused"}),
     * raw, at most 16 Ki characters; the registry scrubs it, then keeps its first line of at most 160 characters.
     * Never throws for a misbehaving exception (one whose {@code getMessage()} or {@code getCause()} throws, or
     * whose causes form a cycle).
     */
    public static HealthResult fail(Throwable cause) {
        return fail(ErrorText.of(Objects.requireNonNull(cause, "cause")));
    }

    /** A builder starting from the given status. */
    public static Builder builder(CheckStatus status) {
        return new Builder(status);
    }

    /** Builds a {@link HealthResult} with details and an observed value. */
    public static final class Builder {
        private final CheckStatus status;
        private final Map<String, Object> details = new LinkedHashMap<>();
        private @Nullable ObservedValue observed;
        private @Nullable String error;

        private Builder(CheckStatus status) {
            this.status = Objects.requireNonNull(status, "status");
        }

        /**
         * Adds a detail.
         *
         * @param key a non-blank key
         * @param value a {@link String}, {@link Number} or {@link Boolean}
         */
        public Builder detail(String key, Object value) {
            checkScalar(key, value);
            details.put(key, value);
            return this;
        }

        /** Sets the measured value, e.g. {@code observed("freeBytes", 1234, "bytes")}. */
        public Builder observed(String measurement, Number value, String unit) {
            this.observed = new ObservedValue(measurement, value, unit);
            return this;
        }

        /** Sets the reason shown to authorized callers. */
        public Builder error(@Nullable String error) {
            this.error = error;
            return this;
        }

        /** Builds the result. */
        public HealthResult build() {
            return new HealthResult(status, details, observed, error);
        }
    }

    private static Map<String, Object> copyOfScalars(Map<String, Object> details) {
        if (details.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> copy = new LinkedHashMap<>(details.size() * 2);
        details.forEach((key, value) -> {
            checkScalar(key, value);
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static void checkScalar(@Nullable String key, @Nullable Object value) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("detail keys must not be null or blank");
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("detail '" + key + "' must be a String, Number or Boolean, was "
                    + (value == null ? "null" : value.getClass().getName()));
        }
    }
}
