package dev.monitor.pii.internal;

import org.jspecify.annotations.Nullable;

/**
 * Text as a URL's query or a form body means it: {@code +} read as a space and {@code %XX} escapes of printable ASCII
 * read as their character ({@code %3A} as {@code :}, {@code %2B} as {@code +}), with where each character of that
 * reading starts in the text, so that what is found in the reading is redacted in the text as written.
 */
final class UrlEncodedView {

    /** The reading. */
    final String text;
    /**
     * Where character {@code i} of {@link #text} starts in the text as written (one entry more than the reading has
     * characters); null when every character is where it was (only {@code +} was read differently).
     */
    final int @Nullable [] toSource;

    private UrlEncodedView(String text, int @Nullable [] toSource) {
        this.text = text;
        this.toSource = toSource;
    }

    /**
     * The reading of {@code s}, or null when it has nothing a URL encodes: no {@code +} between letters or digits and
     * no {@code %XX} escape of printable ASCII.
     */
    static @Nullable UrlEncodedView of(String s) {
        int first = s.indexOf('+');
        int percent = s.indexOf('%');
        if (first < 0 && percent < 0) {
            return null; // most text: two vectorized searches, no loop
        }
        int n = s.length();
        boolean plus = false;
        boolean escapes = false;
        for (int p = Math.min(first < 0 ? n : first, percent < 0 ? n : percent); p < n; p++) {
            char c = s.charAt(p);
            if (c == '+' && p > 0 && p + 1 < n && Character.isLetterOrDigit(s.charAt(p - 1))
                    && (Character.isLetterOrDigit(s.charAt(p + 1)) || s.charAt(p + 1) == '%')) {
                plus = true;
            } else if (c == '%' && escapedAscii(s, p) >= 0) {
                escapes = true;
                break;
            }
        }
        if (!escapes) {
            return plus ? new UrlEncodedView(s.replace('+', ' '), null) : null;
        }
        StringBuilder text = new StringBuilder(n);
        int[] toSource = new int[n + 1];
        int p = 0;
        while (p < n) {
            toSource[text.length()] = p;
            char c = s.charAt(p);
            int escaped = c == '%' ? escapedAscii(s, p) : -1;
            if (escaped >= 0) {
                text.append((char) escaped);
                p += 3;
            } else {
                text.append(c == '+' ? ' ' : c);
                p++;
            }
        }
        toSource[text.length()] = n;
        return new UrlEncodedView(text.toString(), toSource);
    }

    /** The character of the escape {@code %XX} at {@code p} if it is printable ASCII, else -1. */
    private static int escapedAscii(String s, int p) {
        if (p + 2 >= s.length()) {
            return -1;
        }
        int high = Character.digit(s.charAt(p + 1), 16);
        int low = Character.digit(s.charAt(p + 2), 16);
        if (high < 0 || low < 0) {
            return -1;
        }
        int c = high << 4 | low;
        return c >= 0x20 && c < 0x7f ? c : c == '\n' || c == '\r' || c == '\t' ? c : -1;
    }
}
