package dev.monitor.pii;

import dev.monitor.pii.internal.ScrubEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Removes personal data and secrets from text and structures before they leave the process.
 *
 * <p>One immutable, thread-safe instance serves the whole application:
 * <pre>{@code
 * Scrubber scrubber = Scrubber.defaults();
 * scrubber.scrub("login failed for john.doe@example.com from 203.0.113.7");
 * // -> "login failed for j***@example.com from [ip_address]"
 * }</pre>
 *
 * <p>Text is scanned once, left to right; detectors run only where an anchor character appears
 * ({@code @}, a digit, {@code =}, {@code :}, a known token prefix…) and every candidate is validated
 * (Luhn, mod-97, Verhoeff, IIN ranges, address syntax) before it is redacted. {@link #scrub(String)}
 * understands free text, log lines, JSON (also JSON escaped inside JSON strings), query strings, form
 * bodies and header lines: values under sensitive keys ({@code password=…}, {@code "authToken":…},
 * {@code Authorization: …}) are redacted whatever they look like.
 *
 * <p>Nothing is redacted, nothing is allocated: clean input comes back as the same instance, for
 * strings and for structures, so {@code result != input} tells a caller that something was redacted.
 * Scrubbing never throws on content: if a detector fails, the field is replaced by
 * {@code [scrub_error]} (fail closed), never passed through.
 */
public final class Scrubber {

    private final ScrubEngine engine;

    private Scrubber(ScrubEngine engine) {
        this.engine = engine;
    }

    /**
     * The shared default scrubber: every built-in detector and key rule, emails partially masked
     * ({@code j***@example.com}), everything else replaced by a marker such as {@code [payment_card]},
     * no metrics, and a random HMAC key for this process.
     */
    public static Scrubber defaults() {
        return DefaultInstance.INSTANCE;
    }

    /** Starts a scrubber with the defaults of {@link #defaults()}, to be adjusted. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Scrubs a text: free text, a log line, JSON, a query string, a form body or a header line.
     * Fits {@code UnaryOperator<String>} as {@code scrubber::scrub}.
     *
     * @return {@code text} itself when nothing was found, else a new string
     */
    public String scrub(String text) {
        Objects.requireNonNull(text, "text");
        return engine.scrubText(text);
    }

    /**
     * Scrubs a text, then shortens the result to at most {@code maxLength} characters, ending in {@code "…"} when it
     * was shortened. Use it wherever text is cut: cutting first could leave part of a card number or an email that
     * the scrubber no longer recognizes ({@code "…4111 1111 1111"}); cutting the scrubbed text can only shorten a
     * marker. A surrogate pair is never split.
     *
     * @param maxLength at least 1
     * @return {@code text} itself when nothing was found and it fits, else a new string
     */
    public String scrub(String text, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        return cut(scrub(text), maxLength);
    }

    /**
     * Scrubs a value known to sit under {@code key} like {@link #scrubValue(String, String)}, then shortens the result
     * like {@link #scrub(String, int)}.
     */
    public String scrubValue(String key, String value, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        return cut(scrubValue(key, value), maxLength);
    }

    private static String cut(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        int end = maxLength - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end) + "…";
    }

    /**
     * Scrubs a value known to sit under {@code key}: a header ({@code "Authorization"}, {@code "Cookie"}),
     * a query or form parameter, a JSON or map field. A sensitive key redacts the whole value (except
     * {@code true}, {@code false}, {@code null} and the empty string); a cookie header keeps cookie names and
     * redacts their values (except names listed with {@link Builder#safeKeys(String...)} and
     * {@code Set-Cookie} attributes); any other value is scrubbed like {@link #scrub(String)}.
     *
     * @return {@code value} itself when nothing was found, else a new string
     */
    public String scrubValue(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return engine.scrubValue(key, value);
    }

    /**
     * Scrubs a tree of maps, lists, arrays, strings and numbers (Sentry extras, contexts, breadcrumb and
     * request data). Keys are judged by the key rules; strings, string keys and long numbers are scanned;
     * other objects are judged by their {@code toString()} and replaced by its scrubbed form when it holds
     * personal data. Nesting deeper than 32 levels is replaced by {@code [depth_limit]}.
     *
     * <p>The input is never modified. When nothing was redacted the same map instance is returned (treat it as
     * read-only); otherwise a new insertion-ordered, mutable copy in which changed values are replaced (a sensitive
     * key under {@link RedactionMode#REMOVE} loses its entry). A map that cannot be read (for example changed
     * concurrently) gives an empty map.
     */
    public Map<String, @Nullable Object> scrubMap(Map<String, ? extends @Nullable Object> map) {
        Objects.requireNonNull(map, "map");
        return engine.scrubMap(map);
    }

    /**
     * Scrubs the elements of a list like the values of {@link #scrubMap(Map)}: the same instance when nothing was
     * redacted, else a new mutable list.
     */
    public List<@Nullable Object> scrubList(List<? extends @Nullable Object> list) {
        Objects.requireNonNull(list, "list");
        return engine.scrubList(list);
    }

    /**
     * A keyed HMAC-SHA256 pseudonym of {@code value} (32 hex digits), stable for one
     * {@link Builder#hmacKey(byte[]) key} and unrelated across keys: use it for user ids that must correlate
     * events without identifying anyone.
     */
    public String pseudonymize(String value) {
        Objects.requireNonNull(value, "value");
        return engine.pseudonymize(value);
    }

    /**
     * Whether the key rules treat {@code key} as sensitive ({@code authToken}, {@code db.password},
     * {@code client_secret}, {@code PGPASSWORD} are; {@code token_count}, {@code authorId} are not).
     */
    public boolean isSensitiveKey(String key) {
        Objects.requireNonNull(key, "key");
        return engine.isSensitiveKey(key);
    }

    private static final class DefaultInstance {
        static final Scrubber INSTANCE = new Builder().build();
    }

    /** Builds a {@link Scrubber}; every setting starts at the value of {@link Scrubber#defaults()}. */
    public static final class Builder {
        private final Map<PiiKind, RedactionMode> modes = new LinkedHashMap<>();
        private @Nullable RedactionMode defaultMode;
        private final Set<PiiKind> disabled = new LinkedHashSet<>();
        private final Set<String> sensitiveKeys = new LinkedHashSet<>();
        private final Set<String> safeKeys = new LinkedHashSet<>();
        private final Set<String> safeValues = new LinkedHashSet<>();
        private final List<Map.Entry<PiiKind, PiiDetector>> detectors = new ArrayList<>();
        private byte @Nullable [] hmacKey;
        private @Nullable MeterRegistry meterRegistry;

        private Builder() {
        }

        /** How values of {@code kind} are rewritten (default: {@link RedactionMode#PARTIAL} for emails, else
         * {@link RedactionMode#REPLACE}). */
        public Builder mode(PiiKind kind, RedactionMode mode) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(mode, "mode");
            modes.put(kind, mode);
            return this;
        }

        /** The mode of every kind not set with {@link #mode(PiiKind, RedactionMode)}, including custom kinds. */
        public Builder defaultMode(RedactionMode mode) {
            this.defaultMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Turns built-in detectors off, e.g. {@code disable(PiiKind.IP_ADDRESS)}; disabling
         * {@link PiiKind#SECRET} turns the key rules off.
         */
        public Builder disable(PiiKind... kinds) {
            Objects.requireNonNull(kinds, "kinds");
            for (PiiKind kind : kinds) {
                Objects.requireNonNull(kind, "kinds must not contain null");
                if (!kind.isBuiltIn()) {
                    throw new IllegalArgumentException("disable takes built-in kinds " + PiiKind.builtIn().stream()
                            .map(PiiKind::name).toList() + ", was '" + kind.name()
                            + "'; to stop a custom detector, do not add it");
                }
                disabled.add(kind);
            }
            return this;
        }

        /**
         * Adds key names whose values are always redacted, matched ignoring case and the separators
         * {@code - _ .} and spaces: {@code sensitiveKeys("employee_number")} also covers {@code employeeNumber}.
         */
        public Builder sensitiveKeys(String... names) {
            addNames("sensitiveKeys", names, sensitiveKeys);
            return this;
        }

        /**
         * Adds key names that the key rules never treat as sensitive (their values are still scanned by the value
         * detectors), matched like {@link #sensitiveKeys(String...)}; also keeps the value of a cookie of that name.
         */
        public Builder safeKeys(String... names) {
            addNames("safeKeys", names, safeKeys);
            return this;
        }

        /** Adds exact values that are never redacted, e.g. a public support address {@code support@example.com}. */
        public Builder safeValues(String... values) {
            Objects.requireNonNull(values, "values");
            for (String value : values) {
                if (value == null || value.isEmpty()) {
                    throw new IllegalArgumentException("safeValues must not contain null or empty values, was "
                            + (value == null ? "null" : "''"));
                }
                safeValues.add(value);
            }
            return this;
        }

        /**
         * Adds a custom detector whose matches are redacted as {@code kind}; detectors run in the order added,
         * after the built-in ones.
         */
        public Builder detector(PiiKind kind, PiiDetector detector) {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detector, "detector");
            detectors.add(Map.entry(kind, detector));
            return this;
        }

        /**
         * The key of {@link RedactionMode#HMAC} and {@link Scrubber#pseudonymize(String)}, at least 16 bytes
         * (default: 32 random bytes per scrubber, so pseudonyms differ across restarts and replicas).
         */
        public Builder hmacKey(byte[] key) {
            Objects.requireNonNull(key, "hmacKey");
            if (key.length < 16) {
                throw new IllegalArgumentException("hmacKey must be at least 16 bytes, was " + key.length
                        + "; use a random secret shared by the replicas that must correlate");
            }
            this.hmacKey = key.clone();
            return this;
        }

        /**
         * Counts redactions in {@code monitor.pii.redactions}, tagged {@code kind} (the kind name, or
         * {@code scrub_error} for failures); the counters are created once, at {@link #build()}.
         */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
            return this;
        }

        /** Builds the immutable scrubber. */
        public Scrubber build() {
            byte[] key = hmacKey;
            if (key == null) {
                key = new byte[32];
                new SecureRandom().nextBytes(key);
            }
            Map<PiiKind, RedactionMode> resolved = new LinkedHashMap<>();
            for (PiiKind kind : PiiKind.builtIn()) {
                resolved.put(kind, defaultMode != null ? defaultMode
                        : kind.equals(PiiKind.EMAIL) ? RedactionMode.PARTIAL : RedactionMode.REPLACE);
            }
            for (Map.Entry<PiiKind, PiiDetector> entry : detectors) {
                resolved.putIfAbsent(entry.getKey(), defaultMode != null ? defaultMode : RedactionMode.REPLACE);
            }
            resolved.putAll(modes);
            return new Scrubber(new ScrubEngine(new ScrubEngine.Settings(resolved, Set.copyOf(disabled),
                    List.copyOf(sensitiveKeys), List.copyOf(safeKeys), List.copyOf(safeValues), List.copyOf(detectors),
                    key, meterRegistry)));
        }

        private static void addNames(String setting, String[] names, Set<String> target) {
            Objects.requireNonNull(names, setting);
            for (String name : names) {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException(setting + " must not contain null or blank names, was "
                            + (name == null ? "null" : "'" + name + "'"));
                }
                target.add(name);
            }
        }
    }
}
