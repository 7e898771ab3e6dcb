package dev.monitor.pii;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom value detector, added with {@link Scrubber.Builder#detector(PiiKind, PiiDetector)}. It is
 * called for every scrubbed text after the built-in detectors ran, and reports the spans to redact.
 *
 * <p>A detector must be thread-safe and should be fast: check a cheap literal before any regular
 * expression ({@link #regex(String, Pattern)} does). If it throws or reports a span outside the text,
 * the scrubber fails closed: the whole field is replaced by {@code [scrub_error]}.
 */
@FunctionalInterface
public interface PiiDetector {

    /**
     * Reports every span of {@code text} that holds personal data or a secret.
     *
     * @param text the text, already scrubbed by the built-in detectors
     * @param matches where to report spans
     */
    void detect(String text, Matches matches);

    /** Receives the spans a detector found. */
    @FunctionalInterface
    interface Matches {
        /**
         * Reports the span {@code [start, end)} of the text; spans may be reported in any order and may overlap.
         *
         * @param start first character, at least 0
         * @param end one past the last character, greater than {@code start} and at most the text length
         */
        void add(int start, int end);
    }

    /**
     * A detector that runs {@code pattern} only on texts containing {@code literal}, and redacts each
     * match, or only its group named {@code pii} when the pattern has one (for context such as
     * {@code employee (?<pii>\d{6})}).
     *
     * @param literal a string every match contains; texts without it are skipped without running the pattern
     * @param pattern the pattern to find
     */
    static PiiDetector regex(String literal, Pattern pattern) {
        Objects.requireNonNull(literal, "literal");
        Objects.requireNonNull(pattern, "pattern");
        if (literal.isEmpty()) {
            throw new IllegalArgumentException("literal must not be empty: pass a string every match contains, "
                    + "so that texts without it skip the regular expression");
        }
        boolean group = pattern.pattern().contains("(?<pii>");
        return (text, matches) -> {
            if (!text.contains(literal)) {
                return;
            }
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                int start = group ? matcher.start("pii") : matcher.start();
                int end = group ? matcher.end("pii") : matcher.end();
                if (start >= 0 && end > start) {
                    matches.add(start, end);
                }
            }
        };
    }
}
