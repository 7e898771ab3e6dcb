package dev.monitor.pii.internal;

import org.jspecify.annotations.Nullable;

/**
 * The rewritten text, built lazily: nothing is allocated until the first redaction, and {@link #finish()} returns
 * the source itself when nothing was redacted.
 */
final class Output {

    private final String source;
    private final ScrubEngine engine;
    private @Nullable StringBuilder text;
    private int copied;

    Output(String source, ScrubEngine engine) {
        this.source = source;
        this.engine = engine;
    }

    /** Everything before this index has been written out (or redacted) and must not be looked at again. */
    int copied() {
        return copied;
    }

    /** Replaces {@code source[start, end)} according to the mode of {@code kind}, unless it is a safe value. */
    void redact(int kind, int start, int end) {
        if (start < copied || end <= start || engine.isSafeValue(source, start, end)) {
            return;
        }
        StringBuilder out = builder();
        out.append(source, copied, start);
        engine.appendReplacement(out, kind, source, start, end);
        copied = end;
        engine.count(kind);
    }

    /**
     * Replaces {@code source[start, end)} (a JSON object, array or number) with the marker of {@code kind} as a JSON
     * string quoted at escape level {@code level} (0 for plain JSON, 1 for JSON inside a JSON string…), so the
     * surrounding JSON stays valid.
     */
    void redactAsJsonString(int kind, int start, int end, int level) {
        if (start < copied || end <= start) {
            return;
        }
        StringBuilder out = builder();
        out.append(source, copied, start);
        appendQuote(out, level);
        engine.appendMarker(out, kind, source, start, end);
        appendQuote(out, level);
        copied = end;
        engine.count(kind);
    }

    String finish() {
        StringBuilder out = text;
        if (out == null) {
            return source;
        }
        out.append(source, copied, source.length());
        return out.toString();
    }

    private StringBuilder builder() {
        StringBuilder out = text;
        if (out == null) {
            out = new StringBuilder(source.length() + 32);
            text = out;
        }
        return out;
    }

    private static void appendQuote(StringBuilder out, int level) {
        for (int k = 0; k < level; k++) {
            out.append('\\');
        }
        out.append('"');
    }
}
