package dev.monitor.pii.internal;

/**
 * IPv4 and IPv6 addresses. Loopback ({@code 127.0.0.0/8}, {@code ::1}) and unspecified ({@code 0.0.0.0},
 * {@code ::}) addresses, also IPv4-mapped, are not personal data: they are recognised (so that their digits are not
 * taken for something else) and kept.
 */
final class IpAddresses {

    /** Result flag in the low word (ends never reach 2^31): the address is loopback or unspecified and stays. */
    static final long KEEP = 1L << 31;

    /** The end position of a result, without the {@link #KEEP} flag. */
    static int end(long result) {
        return (int) (result & 0x7fff_ffffL);
    }

    private IpAddresses() {
    }

    /**
     * The end of an IPv4 address starting at {@code start}, or -1; {@link #KEEP} is or-ed in for loopback and
     * unspecified addresses. The caller checks the left boundary.
     */
    static long matchV4(String s, int start, int n) {
        int p = start;
        int first = -1;
        boolean allZero = true;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (p >= n || s.charAt(p) != '.') {
                    return -1;
                }
                p++;
            }
            int digitsEnd = Chars.skipDigits(s, p, n, 4);
            int digits = digitsEnd - p;
            if (digits < 1 || digits > 3) {
                return -1;
            }
            int value = 0;
            for (int k = p; k < digitsEnd; k++) {
                value = value * 10 + (s.charAt(k) - '0');
            }
            if (value > 255) {
                return -1;
            }
            if (octet == 0) {
                first = value;
            }
            allZero &= value == 0;
            p = digitsEnd;
        }
        if (p < n) {
            char next = s.charAt(p);
            // a fifth part (1.2.3.4.5) or a glued word is something else
            if (Chars.isWordChar(next) || (next == '.' && p + 1 < n && Chars.isDigit(s.charAt(p + 1)))) {
                return -1;
            }
        }
        return first == 127 || allZero ? p | KEEP : p;
    }

    /**
     * Whether an IPv4 candidate may start at {@code start}: not glued to a word, not the tail of a longer dotted
     * number, and not a product version such as {@code Chrome/120.0.0.0}.
     */
    static boolean v4MayStartAt(String s, int start, int floor) {
        if (start <= floor) {
            return true;
        }
        char prev = s.charAt(start - 1);
        if (Chars.isWordChar(prev) && Chars.gluedLeft(s, start, floor)) {
            return false;
        }
        if (prev == '.') {
            return false;
        }
        return !(prev == '/' && start - 2 >= floor && Chars.isAlnum(s.charAt(start - 2)));
    }

    /**
     * An IPv6 address around the colon at {@code colon}, packed {@code start << 32 | end} with {@link #KEEP} or-ed
     * into the end for loopback and unspecified addresses; or -1. Handles {@code ::} compression, embedded IPv4
     * ({@code ::ffff:192.0.2.1}) and zone ids ({@code fe80::1%eth0}).
     */
    static long matchV6(String s, int colon, int n, int floor) {
        boolean hexBefore = colon > floor && Chars.isHex(s.charAt(colon - 1));
        boolean doubleColon = colon + 1 < n && s.charAt(colon + 1) == ':';
        if (!hexBefore && !doubleColon) {
            return -1;
        }
        int start = colon;
        int limit = Math.max(floor, colon - 40);
        while (start > limit) {
            char c = s.charAt(start - 1);
            if (!Chars.isHex(c) && c != ':') {
                break;
            }
            start--;
        }
        // start at a group or at "::"
        while (start < colon && s.charAt(start) == ':' && !(start + 1 < n && s.charAt(start + 1) == ':')) {
            start++;
        }
        if (start > floor && (Chars.isWordChar(s.charAt(start - 1)) || s.charAt(start - 1) == ':'
                || s.charAt(start - 1) == '.')) {
            return -1;
        }
        return parseV6(s, start, n);
    }

    private static long parseV6(String s, int start, int n) {
        int p = start;
        int groups = 0;
        boolean compressed = false;
        boolean endsCompressed = false;
        boolean decimalDigit = false;
        int nonZero = 0;
        int lastValue = 0;
        boolean v4Tail = false;
        long v4 = 0;
        if (s.startsWith("::", p)) {
            compressed = true;
            endsCompressed = true;
            p += 2;
        }
        while (p < n) {
            int q = p;
            int value = 0;
            while (q < n && q - p < 5 && Chars.isHex(s.charAt(q))) {
                char c = s.charAt(q);
                decimalDigit |= Chars.isDigit(c);
                value = value * 16 + Chars.hexValue(c);
                q++;
            }
            int digits = q - p;
            if (digits == 0) {
                break;
            }
            if (q < n && s.charAt(q) == '.') {
                long tail = matchV4(s, p, n);
                if (tail < 0 || groups > 6) {
                    return -1;
                }
                v4Tail = true;
                v4 = tail;
                groups += 2;
                p = end(tail);
                endsCompressed = false;
                decimalDigit = true;
                break;
            }
            if (digits > 4) {
                return -1;
            }
            groups++;
            if (value != 0) {
                nonZero++;
            }
            lastValue = value;
            endsCompressed = false;
            p = q;
            if (p + 1 < n && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
                if (compressed) {
                    break;
                }
                compressed = true;
                endsCompressed = true;
                p += 2;
            } else if (p + 1 < n && s.charAt(p) == ':' && Chars.isHex(s.charAt(p + 1))) {
                p++;
            } else {
                break;
            }
        }
        if (compressed ? groups > 7 : groups != 8) {
            return -1;
        }
        // zone id
        if (p + 1 < n && s.charAt(p) == '%' && Chars.isAlnum(s.charAt(p + 1))) {
            p++;
            while (p < n && (Chars.isAlnum(s.charAt(p)) || s.charAt(p) == '.' || s.charAt(p) == '_'
                    || s.charAt(p) == '-')) {
                p++;
            }
        }
        if (p < n && (Chars.isWordChar(s.charAt(p)) || (s.charAt(p) == ':' && p + 1 < n
                && Chars.isHex(s.charAt(p + 1))))) {
            return -1;
        }
        boolean keep;
        if (v4Tail) {
            // ::ffff:127.0.0.1 and ::127.0.0.1 keep when the IPv4 part is loopback or unspecified
            keep = (v4 & KEEP) != 0 && (nonZero == 0 || (nonZero == 1 && lastValue == 0xffff));
        } else {
            keep = nonZero == 0 || (nonZero == 1 && lastValue == 1 && !endsCompressed);
        }
        if (!keep && !decimalDigit) {
            return -1; // words such as "cafe::add" or "dead:beef" are code, not addresses
        }
        return (long) start << 32 | p | (keep ? KEEP : 0);
    }
}
