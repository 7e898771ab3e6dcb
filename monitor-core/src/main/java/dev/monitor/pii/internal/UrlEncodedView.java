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
     * The reading of {@code s}, or null when it has nothing a URL encodes: no {@code +} between letters or digits
     * inside a form or query value and no {@code %XX} escape of printable ASCII.
     */
    static @Nullable UrlEncodedView of(String s) {
        boolean escapes = false;
        for (int p = s.indexOf('%'); p >= 0; p = s.indexOf('%', p + 1)) {
            if (escapedAscii(s, p) >= 0) {
                escapes = true;
                break;
            }
        }
        if (!escapes) {
            return hasFormPlus(s) ? new UrlEncodedView(s.replace('+', ' '), null) : null;
        }
        int n = s.length();
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

    /**
     * Whether {@code s} has a '+' between letters or digits inside the value of a form or query pair
     * ({@code note=card+4111...}): after an {@code =} with no space, quote, bracket, {@code &} or {@code ?} since. A '+'
     * elsewhere (a version {@code 17.0.15+6}, a time zone {@code +01:00}, base64, {@code c++}) means itself, and the
     * text is not read a second time for it. Jumps from '+' to '+' (a vectorized search) and looks back from each only
     * as far as the nearest '=' or delimiter, never past the '+' before: each character is looked at once at most.
     */
    private static boolean hasFormPlus(String s) {
        int n = s.length();
        int examined = 0; // the last '+' looked back from: not in a value, or this would have returned
        for (int p = s.indexOf('+'); p >= 0; p = s.indexOf('+', p + 1)) {
            if (p == 0 || p + 1 >= n || !Character.isLetterOrDigit(s.charAt(p - 1))
                    || !(Character.isLetterOrDigit(s.charAt(p + 1)) || s.charAt(p + 1) == '%')) {
                continue;
            }
            boolean in = false;
            for (int i = p - 1; i >= examined; i--) {
                char c = s.charAt(i);
                if (c == '=') {
                    in = true;
                    break;
                }
                if (c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '&' || c == '?' || c == '('
                        || c == ')' || c == '[' || c == ']' || c == '{' || c == '}') {
                    in = false;
                    break;
                }
            }
            if (in) {
                return true;
            }
            examined = p;
        }
        return false;
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
