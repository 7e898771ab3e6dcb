package dev.monitor.pii.internal;

/** User names in home-directory paths, and PEM private key blocks. */
final class Paths {

    private static final String[] SHARED_HOMES = {"Shared", "Public", "Default", "All Users", "Default User"};

    private Paths() {
    }

    /**
     * At a {@code /}: the user name of {@code /home/NAME} or {@code /Users/NAME} (also {@code C:/Users/NAME}), packed
     * {@code start << 32 | end}; else -1. Paths inside URLs ({@code example.com/home/…}) are not home directories.
     */
    static long matchSlashHome(String s, int slash, int n, int floor) {
        int nameStart;
        if (s.startsWith("/home/", slash)) {
            nameStart = slash + 6;
        } else if (s.startsWith("/Users/", slash)) {
            nameStart = slash + 7;
        } else {
            return -1;
        }
        if (slash > floor) {
            char prev = s.charAt(slash - 1);
            // "C:/Users" is a Windows home; "host.com/home/x" or "app/home" is a URL or relative path
            if (Chars.isWordChar(prev) || prev == '.' || prev == '-' || prev == '_') {
                return -1;
            }
        }
        return name(s, nameStart, n);
    }

    /**
     * At the first of a run of {@code backslashes} backslashes: the user name of {@code \Users\NAME} (the
     * separators possibly JSON-escaped as {@code \\}), packed {@code start << 32 | end}; else -1.
     */
    static long matchBackslashHome(String s, int first, int backslashes, int n) {
        int p = first + backslashes;
        if (!(s.startsWith("Users", p) || s.startsWith("users", p))) {
            return -1;
        }
        p += 5;
        for (int k = 0; k < backslashes; k++) {
            if (p >= n || s.charAt(p) != '\\') {
                return -1;
            }
            p++;
        }
        return name(s, p, n);
    }

    private static long name(String s, int start, int n) {
        int p = start;
        while (p < n && p - start <= 64) {
            char c = s.charAt(p);
            if (!(Chars.isWordChar(c) || c == '.' || c == '_' || c == '-' || c == '$' || c == '@')) {
                break;
            }
            p++;
        }
        if (p == start || p - start > 64) {
            return -1;
        }
        for (String shared : SHARED_HOMES) {
            if (p - start == shared.length() && s.startsWith(shared, start)) {
                return -1;
            }
        }
        return (long) start << 32 | p;
    }

    /**
     * At {@code -----BEGIN }: the end of a PEM block whose label names a private key (through its
     * {@code -----END …-----} line, or the end of the text when that line is missing); else -1.
     */
    static int matchPrivateKey(String s, int start, int n) {
        if (!s.startsWith("-----BEGIN ", start)) {
            return -1;
        }
        int labelStart = start + 11;
        int labelEnd = -1;
        for (int p = labelStart; p < Math.min(n, labelStart + 45); p++) {
            if (s.startsWith("-----", p)) {
                labelEnd = p;
                break;
            }
        }
        if (labelEnd < labelStart + 11) {
            return -1;
        }
        if (!s.startsWith("PRIVATE KEY", labelEnd - 11) && !s.startsWith("PRIVATE KEY BLOCK", labelEnd - 17)) {
            return -1;
        }
        int endLine = s.indexOf("-----END ", labelEnd + 5);
        if (endLine < 0) {
            return n; // fail closed: a truncated key hides the rest
        }
        int close = s.indexOf("-----", endLine + 9);
        if (close < 0 || close - endLine > 60) {
            return n;
        }
        return close + 5;
    }
}
