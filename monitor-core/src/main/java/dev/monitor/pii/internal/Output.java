package dev.monitor.pii.internal;

import org.jspecify.annotations.Nullable;

/**
 * The rewritten text, built lazily: nothing is allocated until the first redaction, and {@link #finish()} returns
 * the source itself when nothing was redacted.
 */
final class Output {

    private final String source;
    private final ScrubEngine engine;
    private final int @Nullable [] toSource;
    private @Nullable StringBuilder text;
    private int copied;
    private int copiedSource;

    Output(String source, ScrubEngine engine) {
        this(source, engine, null);
    }

    /**
     * An output of {@code source} for positions found in a decoded reading of it: {@code toSource[i]} is where the
     * character {@code i} of that reading starts in {@code source} (one entry more than the reading has characters).
     */
    Output(String source, ScrubEngine engine, int @Nullable [] toSource) {
        this.source = source;
        this.engine = engine;
        this.toSource = toSource;
    }

    /** Everything before this index has been written out (or redacted) and must not be looked at again. */
    int copied() {
        return copied;
    }

    private int inSource(int index) {
        return toSource == null ? index : toSource[index];
    }

    /** Replaces {@code source[start, end)} according to the mode of {@code kind}, unless it is a safe value. */
    void redact(int kind, int start, int end) {
        if (start < copied || end <= start) {
            return;
        }
        int from = inSource(start);
        int to = inSource(end);
        if (engine.isSafeValue(source, from, to)) {
            return;
        }
        StringBuilder out = builder();
        out.append(source, copiedSource, from);
        engine.appendReplacement(out, kind, source, from, to);
        copied = end;
        copiedSource = to;
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
        int from = inSource(start);
        int to = inSource(end);
        StringBuilder out = builder();
        out.append(source, copiedSource, from);
        appendQuote(out, level);
        engine.appendMarker(out, kind, source, from, to);
        appendQuote(out, level);
        copied = end;
        copiedSource = to;
        engine.count(kind);
    }

    String finish() {
        StringBuilder out = text;
        if (out == null) {
            return source;
        }
        out.append(source, copiedSource, source.length());
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
