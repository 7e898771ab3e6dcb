package dev.monitor.pii.internal;

/** Character classes of the scanner, as lookup tables over ASCII. */
final class Chars {

    /** Neither a letter, a digit nor an anchor: skipped at one table lookup per character. */
    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte DIGIT = 2;
    /**
     * Punctuation that anchors a detection: {@code @} (email, URL user-info), {@code %} (encoded {@code @} and
     * {@code +}), {@code +} (phone), {@code \} (escapes, Windows homes). The others that matter ({@code : = / -}) are
     * found from the tokens next to them, so that JSON punctuation costs one table lookup.
     */
    static final byte ANCHOR = 3;

    static final byte[] CLASS = new byte[128];
    /** ASCII letters and digits. */
    private static final boolean[] ALNUM = new boolean[128];

    /**
     * Pairs of first two characters with which a token may start a detection (known key prefixes, IBAN
     * country codes, PAN, {@code eyJ}, {@code Bearer}…), as a 128×128 bit set: tokens starting otherwise
     * are skipped after one lookup.
     */
    private static final long[] TOKEN_STARTS = new long[128 * 128 / 64];
    /**
     * For tokens starting with a lower-case letter, the allowed second and third characters (a second filter that
     * keeps words such as "line" or "when" from reaching the key-shape checks).
     */
    private static final long[] LOWER_TOKEN_NEXT = new long[128 * 128 / 64];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] = LETTER;
            CLASS[c - 32] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] = DIGIT;
        }
        for (char c : "@%+\\".toCharArray()) {
            CLASS[c] = ANCHOR;
        }
        for (int c = 0; c < 128; c++) {
            ALNUM[c] = CLASS[c] == LETTER || CLASS[c] == DIGIT;
        }
        // any token starting with two upper-case letters may be an IBAN, a PAN or an AWS key
        for (char a = 'A'; a <= 'Z'; a++) {
            for (char b = 'A'; b <= 'Z'; b++) {
                addTokenStart(a, b);
            }
        }
        // Discord bot tokens start with M, N or O followed by any letter or digit
        for (char a : "MNO".toCharArray()) {
            for (int b = 0; b < 128; b++) {
                if (isAlnum((char) b)) {
                    addTokenStart(a, (char) b);
                }
            }
        }
        for (String start : new String[] {"eyJ", "bea", "beA", "Be", "bEa", "bEA", "bas", "baS", "Ba", "bAs", "bAS",
            "AI", "hom", "Us", "ser", "web"}) {
            addTokenStart(start.charAt(0), start.charAt(1));
            if (start.length() == 3) {
                addLowerNext(start.charAt(1), start.charAt(2));
            }
        }
        for (TokenShapes.Shape shape : TokenShapes.SHAPES) {
            String prefix = shape.prefix();
            addTokenStart(prefix.charAt(0), prefix.charAt(1));
            addLowerNext(prefix.charAt(1), prefix.charAt(2));
        }
    }

    private Chars() {
    }

    private static void addTokenStart(char a, char b) {
        int bit = a << 7 | b;
        TOKEN_STARTS[bit >>> 6] |= 1L << bit;
    }

    private static void addLowerNext(char b, char c) {
        int bit = b << 7 | c;
        LOWER_TOKEN_NEXT[bit >>> 6] |= 1L << bit;
    }

    /**
     * Whether a token starting with {@code a b} (and {@code c}, the third character or a space) may start a
     * detection.
     */
    static boolean mayStartToken(char a, char b, char c) {
        if (b >= 128) {
            return false;
        }
        int bit = a << 7 | b;
        if ((TOKEN_STARTS[bit >>> 6] & 1L << bit) == 0) {
            return false;
        }
        if (a < 'a' || c >= 128) {
            return true;
        }
        int next = b << 7 | c;
        return (LOWER_TOKEN_NEXT[next >>> 6] & 1L << next) != 0;
    }

    static boolean isAlnum(char c) {
        return c < 128 && ALNUM[c];
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isLetter(char c) {
        return c < 128 && CLASS[c] == LETTER;
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static int hexValue(char c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }

    /** Letters and digits, including non-ASCII ones (internationalised email addresses and domains). */
    static boolean isWordChar(char c) {
        return c < 128 ? CLASS[c] == LETTER || CLASS[c] == DIGIT : Character.isLetterOrDigit(c);
    }

    /** Characters of base64url tokens. */
    static boolean isBase64Url(char c) {
        return isAlnum(c) || c == '-' || c == '_';
    }

    /** The index after the run of ASCII letters and digits starting at {@code from}. */
    static int skipAlnum(char[] a, int from, int n) {
        int i = from;
        while (i < n) {
            char c = a[i];
            if (c >= 128 || !ALNUM[c]) {
                return i;
            }
            i++;
        }
        return n;
    }

    /** Whether {@code a[start, end)} is all hexadecimal digits. */
    static boolean isHexRun(char[] a, int start, int end) {
        for (int p = start; p < end; p++) {
            if (!isHex(a[p])) {
                return false;
            }
        }
        return true;
    }

    /** The index after the run of digits starting at {@code from}, reading at most {@code max} digits. */
    static int skipDigits(String s, int from, int n, int max) {
        int i = from;
        int limit = Math.min(n, from + max);
        while (i < limit && isDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether a letter or digit is glued to the left of {@code pos}, so that a detection cannot start there.
     * A letter that is part of a JSON escape ({@code \n}, {@code \t}…) does not count: {@code "\n4111…"}
     * starts a number.
     */
    static boolean gluedLeft(String s, int pos, int floor) {
        if (pos <= floor) {
            return false;
        }
        char c = s.charAt(pos - 1);
        if (!isWordChar(c)) {
            return false;
        }
        return !(isEscapeLetter(c) && pos - 2 >= floor && s.charAt(pos - 2) == '\\' && oddBackslashesBefore(s, pos - 1,
                floor));
    }

    static boolean isEscapeLetter(char c) {
        return c == 'n' || c == 't' || c == 'r' || c == 'b' || c == 'f';
    }

    /** Whether an odd number of backslashes ends just before {@code pos} (so the char at {@code pos} is escaped). */
    static boolean oddBackslashesBefore(String s, int pos, int floor) {
        int count = 0;
        int p = pos - 1;
        while (p >= floor && s.charAt(p) == '\\' && count < 64) {
            count++;
            p--;
        }
        return (count & 1) == 1;
    }

    /** The number of backslashes ending just before {@code pos}, at most {@code max}. */
    static int backslashesBefore(String s, int pos, int floor, int max) {
        int count = 0;
        int p = pos - 1;
        while (p >= floor && s.charAt(p) == '\\' && count < max) {
            count++;
            p--;
        }
        return count;
    }

    /** Case-insensitive comparison of {@code s} at {@code at} with a lower-case ASCII {@code word}. */
    static boolean matchesIgnoreCase(String s, int at, int n, String word) {
        int len = word.length();
        if (at + len > n) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            char c = s.charAt(at + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c | 0x20);
            }
            if (c != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
