package dev.monitor.pii.internal;

import dev.monitor.pii.PiiDetector;
import dev.monitor.pii.PiiKind;
import dev.monitor.pii.PiiMeters;
import dev.monitor.pii.RedactionMode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The engine behind {@link dev.monitor.pii.Scrubber}: resolved settings, the text scanner, custom detectors, the
 * structural walk, replacements and counters. Not API.
 */
public final class ScrubEngine {

    /** Marker of a field that could not be scrubbed (fail closed). */
    static final String FAILED = "[scrub_error]";
    /** Marker of structure nested deeper than {@link #MAX_DEPTH}. */
    static final String TOO_DEEP = "[depth_limit]";
    /** Deepest nesting of maps and lists that is walked. */
    static final int MAX_DEPTH = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final long LONG_NUMBER = 10_000_000L;

    /**
     * Everything the public builder collected.
     *
     * @param modes the mode of every built-in and custom kind
     * @param disabled built-in kinds turned off
     * @param sensitiveKeys exact key names always sensitive
     * @param safeKeys exact key names never sensitive
     * @param safeValues values never redacted
     * @param detectors custom detectors with their kinds, in order
     * @param hmacKey the HMAC key
     * @param meterRegistry where to count redactions, or null
     */
    public record Settings(Map<PiiKind, RedactionMode> modes, Set<PiiKind> disabled, List<String> sensitiveKeys,
            List<String> safeKeys, List<String> safeValues, List<Map.Entry<PiiKind, PiiDetector>> detectors,
            byte[] hmacKey, @Nullable MeterRegistry meterRegistry) {
    }

    private final String[] names;
    private final RedactionMode[] modes;
    private final @Nullable Counter[] counters;
    private final @Nullable Counter failures;
    private final String[] safeValues;
    private final PiiDetector[] detectors;
    private final int[] detectorKinds;
    private final Mac macPrototype;
    private final SecretKeySpec macKey;
    private final KeyRules rules;
    private final boolean keyRules;
    private final TextScanner scanner;

    /** Resolves the settings and creates the counters (once). */
    public ScrubEngine(Settings settings) {
        List<PiiKind> kinds = new ArrayList<>(PiiKind.builtIn());
        for (Map.Entry<PiiKind, PiiDetector> entry : settings.detectors()) {
            if (!kinds.contains(entry.getKey())) {
                kinds.add(entry.getKey());
            }
        }
        names = new String[kinds.size()];
        modes = new RedactionMode[kinds.size()];
        counters = new Counter[kinds.size()];
        boolean[] enabled = new boolean[Kinds.BUILT_IN];
        MeterRegistry registry = settings.meterRegistry();
        for (int k = 0; k < kinds.size(); k++) {
            PiiKind kind = kinds.get(k);
            names[k] = kind.name();
            modes[k] = settings.modes().getOrDefault(kind, RedactionMode.REPLACE);
            if (k < Kinds.BUILT_IN) {
                enabled[k] = !settings.disabled().contains(kind);
            }
            if (registry != null && (k >= Kinds.BUILT_IN || enabled[k])) {
                counters[k] = counter(registry, kind.name());
            }
        }
        failures = registry == null ? null : counter(registry, PiiMeters.SCRUB_ERROR);
        safeValues = settings.safeValues().toArray(new String[0]);
        detectors = new PiiDetector[settings.detectors().size()];
        detectorKinds = new int[detectors.length];
        for (int d = 0; d < detectors.length; d++) {
            detectors[d] = settings.detectors().get(d).getValue();
            detectorKinds[d] = kinds.indexOf(settings.detectors().get(d).getKey());
        }
        macKey = new SecretKeySpec(settings.hmacKey(), "HmacSHA256");
        try {
            macPrototype = Mac.getInstance("HmacSHA256");
            macPrototype.init(macKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
        rules = new KeyRules(settings.sensitiveKeys(), settings.safeKeys());
        keyRules = enabled[Kinds.SECRET];
        scanner = new TextScanner(this, rules, enabled);
    }

    private static Counter counter(MeterRegistry registry, String kind) {
        return Counter.builder(PiiMeters.REDACTIONS)
                .description(PiiMeters.REDACTIONS_DESCRIPTION)
                .tag(PiiMeters.TAG_KIND, kind)
                .register(registry);
    }

    // ---------------------------------------------------------------- text

    /** Scrubs free text; fails closed. */
    public String scrubText(String text) {
        try {
            return scrubUnguarded(text);
        } catch (RuntimeException | Error e) {
            return failed();
        }
    }

    private String scrubUnguarded(String text) {
        String result = scanner.scan(text);
        UrlEncodedView view = UrlEncodedView.of(result);
        if (view != null) {
            // a query or form writes a space as '+' and escapes ':', '=', '"' ("card=4111+1111+1111+1111",
            // "note=password%3A+hunter2"): look again at what it means, and redact that in the text as written
            result = scanner.scan(view.text, result, view.toSource);
        }
        if (detectors.length > 0) {
            result = applyDetectors(result);
        }
        return result;
    }

    /** Scrubs a value under a known key; fails closed. */
    public String scrubValue(String key, String value) {
        try {
            return scrubValueUnguarded(key, value);
        } catch (RuntimeException | Error e) {
            return failed();
        }
    }

    private String scrubValueUnguarded(String key, String value) {
        int cls = keyRules ? rules.classify(key, 0, key.length()) : KeyRules.PLAIN;
        if (cls == KeyRules.PLAIN) {
            return scrubUnguarded(value);
        }
        if (cls == KeyRules.COOKIE) {
            return scanner.scanCookieHeader(value);
        }
        if (isEmptyOrLiteral(value)) {
            return value;
        }
        Output out = new Output(value, this);
        out.redact(Kinds.SECRET, 0, value.length());
        return out.finish();
    }

    /** Whether the key rules call {@code key} sensitive. */
    public boolean isSensitiveKey(String key) {
        return keyRules && rules.classify(key, 0, key.length()) != KeyRules.PLAIN;
    }

    private String applyDetectors(String text) {
        String current = text;
        for (int d = 0; d < detectors.length; d++) {
            Spans spans = new Spans();
            detectors[d].detect(current, spans);
            if (spans.size > 0) {
                current = spans.apply(current, detectorKinds[d], this);
            }
        }
        return current;
    }

    private String failed() {
        Counter counter = failures;
        if (counter != null) {
            counter.increment();
        }
        return FAILED;
    }

    /** Spans reported by a custom detector. */
    private static final class Spans implements PiiDetector.Matches {
        private int[] starts = new int[4];
        private int[] ends = new int[4];
        private int size;

        @Override
        public void add(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        String apply(String text, int kind, ScrubEngine engine) {
            long[] sorted = new long[size];
            for (int k = 0; k < size; k++) {
                if (starts[k] < 0 || ends[k] <= starts[k] || ends[k] > text.length()) {
                    throw new IllegalStateException("a custom detector reported the span [" + starts[k] + ", "
                            + ends[k] + ") for a text of length " + text.length());
                }
                sorted[k] = (long) starts[k] << 32 | ends[k];
            }
            Arrays.sort(sorted);
            Output out = new Output(text, engine);
            int k = 0;
            while (k < size) {
                int start = (int) (sorted[k] >>> 32);
                int end = (int) sorted[k];
                k++;
                while (k < size && (int) (sorted[k] >>> 32) <= end) {
                    end = Math.max(end, (int) sorted[k]);
                    k++;
                }
                out.redact(kind, start, end);
            }
            return out.finish();
        }
    }

    // ---------------------------------------------------------------- structures

    /** Scrubs a map tree; the same instance when nothing changed. */
    @SuppressWarnings("unchecked")
    public Map<String, @Nullable Object> scrubMap(Map<String, ? extends @Nullable Object> map) {
        try {
            return (Map<String, @Nullable Object>) scrubMapUnguarded(map, 0);
        } catch (RuntimeException | Error e) {
            failed();
            return new LinkedHashMap<>();
        }
    }

    /** Scrubs a list tree; the same instance when nothing changed. */
    @SuppressWarnings("unchecked")
    public List<@Nullable Object> scrubList(List<? extends @Nullable Object> list) {
        try {
            return (List<@Nullable Object>) scrubCollection(list, 0);
        } catch (RuntimeException | Error e) {
            failed();
            return new ArrayList<>();
        }
    }

    private Map<?, ?> scrubMapUnguarded(Map<?, ?> map, int depth) {
        @Nullable Map<Object, @Nullable Object> copy = null;
        int index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            Object newKey = key;
            Object newValue = value;
            boolean remove = false;
            try {
                String keyText = key instanceof String text ? text : String.valueOf(key);
                if (key instanceof String text) {
                    newKey = scrubUnguarded(text);
                }
                int cls = keyRules ? rules.classify(keyText, 0, keyText.length()) : KeyRules.PLAIN;
                if (cls == KeyRules.PLAIN) {
                    newValue = scrubObject(value, depth + 1);
                } else if (cls == KeyRules.COOKIE && value instanceof String text) {
                    newValue = scanner.scanCookieHeader(text);
                } else if (value != null && !(value instanceof Boolean) && !isEmptyOrLiteral(value)) {
                    if (modes[Kinds.SECRET] == RedactionMode.REMOVE) {
                        remove = true;
                        count(Kinds.SECRET);
                    } else {
                        newValue = secretValue(value);
                    }
                }
            } catch (RuntimeException | Error e) {
                failed();
                newValue = FAILED;
            }
            if (copy == null && (remove || newKey != key || newValue != value)) {
                copy = new LinkedHashMap<>();
                int k = 0;
                for (Map.Entry<?, ?> earlier : map.entrySet()) {
                    if (k++ == index) {
                        break;
                    }
                    copy.put(earlier.getKey(), earlier.getValue());
                }
            }
            if (copy != null && !remove) {
                copy.put(newKey, newValue);
            }
            index++;
        }
        return copy == null ? map : copy;
    }

    private Collection<?> scrubCollection(Collection<?> collection, int depth) {
        @Nullable List<@Nullable Object> copy = null;
        int index = 0;
        for (Object element : collection) {
            Object scrubbed;
            try {
                scrubbed = scrubObject(element, depth + 1);
            } catch (RuntimeException | Error e) {
                failed();
                scrubbed = FAILED;
            }
            if (copy == null && scrubbed != element) {
                copy = new ArrayList<>(collection.size());
                int k = 0;
                for (Object earlier : collection) {
                    if (k++ == index) {
                        break;
                    }
                    copy.add(earlier);
                }
            }
            if (copy != null) {
                copy.add(scrubbed);
            }
            index++;
        }
        return copy == null ? collection : copy;
    }

    private @Nullable Object scrubObject(@Nullable Object value, int depth) {
        if (value == null || value instanceof Boolean || value instanceof Character || value instanceof Enum<?>) {
            return value;
        }
        if (value instanceof String text) {
            return scrubUnguarded(text);
        }
        if (value instanceof Number number) {
            return scrubNumber(number);
        }
        if (depth > MAX_DEPTH) {
            return TOO_DEEP;
        }
        if (value instanceof Map<?, ?> map) {
            return scrubMapUnguarded(map, depth);
        }
        if (value instanceof Collection<?> collection) {
            return scrubCollection(collection, depth);
        }
        if (value instanceof Object[] array) {
            List<Object> view = Arrays.asList(array);
            Collection<?> scrubbed = scrubCollection(view, depth);
            return scrubbed == view ? value : scrubbed;
        }
        if (value instanceof CharSequence text) {
            String string = text.toString();
            String scrubbed = scrubUnguarded(string);
            return scrubbed == string ? value : scrubbed;
        }
        // other objects: judged by their text form
        String string = String.valueOf(value);
        String scrubbed = scrubUnguarded(string);
        return scrubbed == string ? value : scrubbed;
    }

    /** Long integers may be card, Aadhaar or phone numbers typed as numbers. */
    private Object scrubNumber(Number number) {
        boolean integral = number instanceof Long || number instanceof Integer || number instanceof BigInteger;
        if (!integral || (number instanceof Long || number instanceof Integer) && Math.abs(number.longValue())
                < LONG_NUMBER) {
            return number;
        }
        String text = number.toString();
        String scrubbed = scrubUnguarded(text);
        return scrubbed == text ? number : scrubbed;
    }

    private Object secretValue(Object value) {
        String text = value instanceof String string ? string
                : value instanceof Number || value instanceof CharSequence || value instanceof Character
                        ? String.valueOf(value) : null;
        if (text == null) {
            // a map, list or other object under a sensitive key: the whole value goes
            StringBuilder out = new StringBuilder();
            appendMarker(out, Kinds.SECRET, "", 0, 0);
            count(Kinds.SECRET);
            return out.toString();
        }
        Output out = new Output(text, this);
        out.redact(Kinds.SECRET, 0, text.length());
        return out.finish();
    }

    private static boolean isEmptyOrLiteral(Object value) {
        return value instanceof String text && (text.isEmpty() || TextScanner.isLiteral(text, 0, text.length())
                || TextScanner.markerEnd(text, 0, text.length()) == text.length());
    }

    // ---------------------------------------------------------------- replacements

    boolean isSafeValue(String s, int start, int end) {
        for (String safe : safeValues) {
            if (safe.length() == end - start && s.startsWith(safe, start)) {
                return true;
            }
        }
        return false;
    }

    void count(int kind) {
        Counter counter = counters[kind];
        if (counter != null) {
            counter.increment();
        }
    }

    /** Appends the replacement of {@code s[start, end)} under the mode of {@code kind}. */
    void appendReplacement(StringBuilder out, int kind, String s, int start, int end) {
        switch (modes[kind]) {
            case REMOVE -> {
                // nothing
            }
            case REPLACE -> out.append('[').append(names[kind]).append(']');
            case MASK -> mask(out, s, start, end, end);
            case PARTIAL -> partial(out, kind, s, start, end);
            case HMAC -> appendMarker(out, kind, s, start, end);
            default -> throw new IllegalStateException("unknown mode " + modes[kind]);
        }
    }

    /** Appends the marker of {@code kind}: {@code [name]}, or {@code [name:digest]} in HMAC mode. */
    void appendMarker(StringBuilder out, int kind, String s, int start, int end) {
        out.append('[').append(names[kind]);
        if (modes[kind] == RedactionMode.HMAC) {
            out.append(':');
            appendDigest(out, s.substring(start, end));
        }
        out.append(']');
    }

    private void partial(StringBuilder out, int kind, String s, int start, int end) {
        switch (kind) {
            case Kinds.EMAIL -> {
                int at = s.indexOf('@', start);
                if (at < 0 || at >= end) {
                    at = s.indexOf("%40", start);
                }
                if (at <= start || at >= end) {
                    out.append('[').append(names[kind]).append(']');
                    return;
                }
                // the first letter only when it does not give the whole local part away
                if (at - start >= 3) {
                    out.append(s.charAt(start));
                }
                out.append("***").append(s, at, end);
            }
            case Kinds.PAYMENT_CARD, Kinds.US_SSN, Kinds.AADHAAR -> mask(out, s, start, end, keepFrom(s, start, end, 4));
            case Kinds.IBAN -> {
                out.append(s, start, start + 2);
                mask(out, s, start + 2, end, keepFrom(s, start, end, 4));
            }
            case Kinds.PHONE -> mask(out, s, start, end, keepFrom(s, start, end, 2));
            case Kinds.IP_ADDRESS -> {
                int firstDot = s.indexOf('.', start);
                int secondDot = firstDot < 0 ? -1 : s.indexOf('.', firstDot + 1);
                if (secondDot < 0 || secondDot >= end || s.indexOf(':', start) >= 0 && s.indexOf(':', start) < end) {
                    out.append('[').append(names[kind]).append(']');
                } else {
                    // 203.0.113.7 -> 203.0.*.*
                    out.append(s, start, secondDot + 1).append('*');
                    for (int p = secondDot + 1; p < end; p++) {
                        if (s.charAt(p) == '.') {
                            out.append(".*");
                        }
                    }
                }
            }
            case Kinds.API_KEY -> out.append(s, start, Math.min(end, start + 4)).append("***");
            default -> out.append('[').append(names[kind]).append(']');
        }
    }

    /** The index from which the last {@code keep} letters or digits of {@code s[start, end)} begin. */
    private static int keepFrom(String s, int start, int end, int keep) {
        int kept = 0;
        int p = end;
        while (p > start && kept < keep) {
            p--;
            if (Chars.isAlnum(s.charAt(p))) {
                kept++;
            }
        }
        return p;
    }

    /** Masks letters and digits of {@code s[start, keepFrom)} and copies the rest. */
    private static void mask(StringBuilder out, String s, int start, int end, int keepFrom) {
        for (int p = start; p < end; p++) {
            char c = s.charAt(p);
            out.append(p < keepFrom && Chars.isWordChar(c) ? '*' : c);
        }
    }

    // ---------------------------------------------------------------- HMAC

    /** The keyed pseudonym of {@code value}: HMAC-SHA256, first 16 bytes, hex. */
    public String pseudonymize(String value) {
        StringBuilder out = new StringBuilder(32);
        appendDigest(out, value);
        return out.toString();
    }

    private void appendDigest(StringBuilder out, String value) {
        byte[] digest = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
        for (int k = 0; k < 16; k++) {
            out.append(HEX[(digest[k] >> 4) & 0xf]).append(HEX[digest[k] & 0xf]);
        }
    }

    private Mac mac() {
        try {
            return (Mac) macPrototype.clone();
        } catch (CloneNotSupportedException e) {
            // providers without clone support: a fresh instance with the same key
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(macKey);
                return mac;
            } catch (GeneralSecurityException inner) {
                throw new IllegalStateException("HmacSHA256 is not available in this JVM", inner);
            }
        }
    }

    @Override
    public String toString() {
        return "ScrubEngine" + Arrays.toString(names);
    }
}
