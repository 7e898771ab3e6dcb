package dev.monitor.pii.internal;

/**
 * Phone numbers written with a country code: {@code +} (or {@code %2B}), then 8-15 digits (E.164) in groups
 * separated by single spaces, dashes or dots, the area code possibly in parentheses.
 */
final class Phones {

    private Phones() {
    }

    /** The end of a phone number whose digits start at {@code digitsStart} (after the plus sign), or -1. */
    static int match(String s, int digitsStart, int n) {
        if (digitsStart >= n || s.charAt(digitsStart) < '1' || s.charAt(digitsStart) > '9') {
            return -1;
        }
        int p = digitsStart;
        int digits = 0;
        int lastGoodEnd = -1;
        boolean open = false;
        while (p < n) {
            char c = s.charAt(p);
            if (Chars.isDigit(c)) {
                int q = Chars.skipDigits(s, p, n, 16);
                if (digits + (q - p) > 15) {
                    break;
                }
                digits += q - p;
                p = q;
                if (!open && digits >= 8) {
                    lastGoodEnd = p;
                }
                continue;
            }
            // one separator, then digits or an opening parenthesis
            if (c == ')' && open) {
                open = false;
                p++;
                if (p < n && (s.charAt(p) == ' ' || s.charAt(p) == '-') && p + 1 < n && Chars.isDigit(s.charAt(p + 1))) {
                    p++;
                }
                continue;
            }
            if ((c == ' ' || c == '-' || c == '.') && p + 1 < n) {
                char next = s.charAt(p + 1);
                if (Chars.isDigit(next)) {
                    p++;
                    continue;
                }
                if (next == '(' && !open && c == ' ') {
                    open = true;
                    p += 2;
                    continue;
                }
            }
            if (c == '(' && !open && p + 1 < n && Chars.isDigit(s.charAt(p + 1))) {
                open = true;
                p++;
                continue;
            }
            break;
        }
        if (lastGoodEnd < 0 || (lastGoodEnd < n && Chars.isWordChar(s.charAt(lastGoodEnd)))) {
            return -1;
        }
        return lastGoodEnd;
    }
}
