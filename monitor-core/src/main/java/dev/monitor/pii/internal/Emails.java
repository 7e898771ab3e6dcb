package dev.monitor.pii.internal;

/** Email addresses and URL user-info, both anchored on {@code @} (or its URL encoding {@code %40}). */
final class Emails {

    /** Longest local part (RFC 5321). */
    private static final int MAX_LOCAL = 64;
    /** Longest domain (RFC 1035). */
    private static final int MAX_DOMAIN = 253;
    /** Longest URL user-info looked at. */
    private static final int MAX_USER_INFO = 256;

    /** Top-level "domains" that are file extensions: {@code icon@2x.png} is an asset name, not an address. */
    private static final String[] FILE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp",
        "tif", "tiff", "heic", "css", "js", "mjs", "cjs", "ts", "map", "json", "html", "htm", "txt", "pdf", "woff",
        "woff2", "ttf", "otf", "eot", "mp3", "mp4", "webm", "wav", "ogg", "csv", "xml", "yml", "yaml", "jar", "class",
        "java", "kt", "py", "rb", "go", "rs", "lock", "log"};

    private Emails() {
    }

    /**
     * An email address around the {@code @} at {@code at} (or the {@code %40} starting there when {@code encoded}),
     * packed {@code start << 32 | end}; else -1.
     */
    static long match(String s, int at, int n, int floor, boolean encoded) {
        // local part, read backwards; stops at anything outside the usual local-part alphabet
        int start = at;
        int limit = Math.max(floor, at - MAX_LOCAL - 1);
        while (start > limit) {
            char c = s.charAt(start - 1);
            if (!(Chars.isWordChar(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'')) {
                break;
            }
            // "\n" or "\t" of a JSON escape ends the local part
            if (Chars.isEscapeLetter(c) && start - 2 >= floor && s.charAt(start - 2) == '\\') {
                break;
            }
            start--;
        }
        if (start == limit && limit > floor && limit == at - MAX_LOCAL - 1) {
            return -1; // longer than any valid local part
        }
        while (start < at && !Chars.isWordChar(s.charAt(start))) {
            start++;
        }
        if (start == at) {
            return -1;
        }
        int domainStart = at + (encoded ? 3 : 1);
        int end = domainEnd(s, domainStart, n);
        return end < 0 ? -1 : (long) start << 32 | end;
    }

    /** The end of a domain name with at least two labels and an alphabetic top-level domain, or -1. */
    static int domainEnd(String s, int from, int n) {
        int p = from;
        int labelLength = 0;
        int lastDot = -1;
        int limit = Math.min(n, from + MAX_DOMAIN);
        while (p < limit) {
            char c = s.charAt(p);
            if (Chars.isWordChar(c)) {
                if (++labelLength > 63) {
                    return -1;
                }
            } else if (c == '-' && labelLength > 0) {
                labelLength++;
            } else if (c == '.' && labelLength > 0 && p + 1 < n && Chars.isWordChar(s.charAt(p + 1))) {
                if (s.charAt(p - 1) == '-') {
                    return -1;
                }
                lastDot = p;
                labelLength = 0;
            } else {
                break;
            }
            p++;
        }
        while (p > from && s.charAt(p - 1) == '-') {
            p--;
        }
        if (lastDot < 0 || p - lastDot - 1 < 2 || p < n && Chars.isWordChar(s.charAt(p))) {
            return -1;
        }
        for (int k = lastDot + 1; k < p; k++) {
            char c = s.charAt(k);
            if (c < 128 ? !Chars.isLetter(c) : !Character.isLetter(c)) {
                return -1;
            }
        }
        for (String extension : FILE_EXTENSIONS) {
            if (p - lastDot - 1 == extension.length() && s.regionMatches(true, lastDot + 1, extension, 0,
                    extension.length())) {
                return -1;
            }
        }
        return p;
    }

    /**
     * The user-info of a URL ({@code scheme://user:password@}) ending at the {@code @} at {@code at}, packed
     * {@code start << 32 | end}; else -1.
     */
    static long matchUrlUserInfo(String s, int at, int floor) {
        int start = at;
        int limit = Math.max(floor, at - MAX_USER_INFO);
        while (start > limit && isUserInfoChar(s.charAt(start - 1))) {
            start--;
        }
        if (start == at || start - 3 < floor || s.charAt(start - 1) != '/' || s.charAt(start - 2) != '/'
                || s.charAt(start - 3) != ':') {
            return -1;
        }
        return (long) start << 32 | at;
    }

    private static boolean isUserInfoChar(char c) {
        if (Chars.isAlnum(c)) {
            return true;
        }
        return switch (c) {
            case '-', '.', '_', '~', '%', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':' -> true;
            default -> false;
        };
    }
}
