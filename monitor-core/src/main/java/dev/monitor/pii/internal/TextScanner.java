package dev.monitor.pii.internal;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The single-pass scanner. It walks the text once, left to right, at about one table lookup per character:
 * <ul>
 *   <li>a letter starts a word, skipped through a pair table that also notes letter pairs of sensitive key words
 *       ({@code sw} of password, {@code ok} of token…). Only such a word looks ahead for a {@code :} or {@code =}
 *       assigning a value to its key. A word that may start a detection (a key prefix such as {@code ghp_} or
 *       {@code AKIA}, an IBAN country, {@code eyJ}, {@code Bearer}, {@code BEGIN} after dashes, {@code home} after a
 *       slash, a hex group before a colon) is handed to the detectors; others are skipped;</li>
 *   <li>a digit starts a number; its length and the character after it rule most numbers out at once, the rest go to
 *       the IPv4, IPv6, card, Aadhaar, SSN and Telegram checks;</li>
 *   <li>the anchors {@code @ % + \} trigger email and URL user-info, encoded characters, phone numbers, escapes and
 *       Windows homes; with custom key names, {@code :} and {@code =} trigger the key rules too;</li>
 *   <li>everything else is skipped.</li>
 * </ul>
 * Every look-back stops at the end of the previous redaction and every look-ahead is bounded or followed by a jump
 * past what it read, so the work is linear in the length of the text. Nothing is allocated until something is
 * redacted.
 */
final class TextScanner {

    /** Texts up to this length are scanned in a pooled buffer, without allocating. */
    static final int BUFFER_CHARS = 8192;
    /** Scan buffers, striped by thread id; a thread finding its slot empty allocates and returns its own. */
    private static final AtomicReferenceArray<char[]> BUFFERS = new AtomicReferenceArray<>(64);

    private static final String[] COOKIE_ATTRIBUTES = {"path", "domain", "expires", "max-age", "samesite", "secure",
        "httponly", "partitioned", "priority"};
    private static final String[] AUTH_SCHEMES = {"bearer", "basic", "digest", "token", "negotiate", "ntlm", "apikey",
        "mac", "hoba"};

    /**
     * For a character {@code c} following {@code prev} in a token, at index {@code prev << 7 | c}: 0 when {@code c}
     * is not an ASCII letter or digit (the token ends), else 1, or 3 when the pair, lower-cased, is a signal pair of a
     * sensitive word ({@link KeyRules#isSignalPair}). Skipping a token through this table costs about what an
     * alphanumeric check costs, and tells whether a key ending here may be sensitive.
     */
    private static final byte[] TOKEN_PAIRS = new byte[128 * 128];

    static {
        for (int prev = 0; prev < 128; prev++) {
            int lowerPrev = Chars.isUpper((char) prev) ? prev | 0x20 : prev;
            for (int c = 0; c < 128; c++) {
                if (Chars.isAlnum((char) c)) {
                    int lower = Chars.isUpper((char) c) ? c | 0x20 : c;
                    TOKEN_PAIRS[prev << 7 | c] = (byte) (KeyRules.isSignalPair(lowerPrev, lower) ? 3 : 1);
                }
            }
        }
    }

    private static final int FOLLOW_COLON = 1;
    private static final int FOLLOW_SEPARATOR = 2;
    private static final int FOLLOW_SPACE = 4;
    private static final int FOLLOW_SLASH = 8;
    /** What may continue a detection after a word: a colon (IPv6), {@code _ - . $}, a space, a slash. */
    private static final byte[] FOLLOWS_WORD = new byte[128];
    /** What may continue a detection after a number: a dot (IPv4), a colon (IPv6, Telegram), a space or a dash. */
    private static final byte[] FOLLOWS_NUMBER = new byte[128];

    static {
        FOLLOWS_WORD[':'] = FOLLOW_COLON;
        FOLLOWS_WORD['_'] = FOLLOW_SEPARATOR;
        FOLLOWS_WORD['-'] = FOLLOW_SEPARATOR;
        FOLLOWS_WORD['.'] = FOLLOW_SEPARATOR;
        FOLLOWS_WORD['$'] = FOLLOW_SEPARATOR;
        FOLLOWS_WORD[' '] = FOLLOW_SPACE;
        FOLLOWS_WORD['/'] = FOLLOW_SLASH;
        for (char c : ".: -".toCharArray()) {
            FOLLOWS_NUMBER[c] = 1;
        }
    }

    /** Characters of keys: letters, digits and {@code _ - . [ ] % $}. */
    private static final boolean[] KEY_CHARS = new boolean[128];

    static {
        for (int c = 0; c < 128; c++) {
            KEY_CHARS[c] = Chars.isAlnum((char) c) || "_-.[]%$".indexOf(c) >= 0;
        }
    }

    /**
     * Character classes for this scanner: {@link Chars#CLASS}, plus {@code :} and {@code =} as anchors when custom key
     * names are configured (built-in sensitive words are found through their letter pairs instead).
     */
    private final byte[] classes;
    private final ScrubEngine engine;
    private final KeyRules rules;
    private final boolean customNames;
    private final boolean email;
    private final boolean card;
    private final boolean iban;
    private final boolean ssn;
    private final boolean aadhaar;
    private final boolean pan;
    private final boolean phone;
    private final boolean ip;
    private final boolean jwt;
    private final boolean auth;
    private final boolean apiKey;
    private final boolean urlCredentials;
    private final boolean privateKey;
    private final boolean home;
    private final boolean secrets;
    private final boolean numbers;

    TextScanner(ScrubEngine engine, KeyRules rules, boolean[] enabled) {
        this.engine = engine;
        this.rules = rules;
        customNames = rules.hasCustomNames();
        classes = Chars.CLASS.clone();
        if (customNames && enabled[Kinds.SECRET]) {
            classes[':'] = Chars.ANCHOR;
            classes['='] = Chars.ANCHOR;
        }
        email = enabled[Kinds.EMAIL];
        card = enabled[Kinds.PAYMENT_CARD];
        iban = enabled[Kinds.IBAN];
        ssn = enabled[Kinds.US_SSN];
        aadhaar = enabled[Kinds.AADHAAR];
        pan = enabled[Kinds.INDIAN_PAN];
        phone = enabled[Kinds.PHONE];
        ip = enabled[Kinds.IP_ADDRESS];
        jwt = enabled[Kinds.JWT];
        auth = enabled[Kinds.AUTH_CREDENTIAL];
        apiKey = enabled[Kinds.API_KEY];
        urlCredentials = enabled[Kinds.URL_CREDENTIALS];
        privateKey = enabled[Kinds.PRIVATE_KEY];
        home = enabled[Kinds.HOME_PATH];
        secrets = enabled[Kinds.SECRET];
        numbers = card || ssn || aadhaar;
    }

    /** Scrubs {@code s}; returns {@code s} itself when nothing was redacted. */
    String scan(String s) {
        return scan(s, s, null);
    }

    /**
     * Scrubs from {@code source} what is found in {@code view}, a decoded reading of it (see {@link UrlEncodedView}):
     * {@code toSource} maps each position of the view to {@code source}, or is null when the positions are the same.
     * Returns {@code source} itself when nothing was redacted.
     */
    String scan(String view, String source, int @Nullable [] toSource) {
        String s = view;
        final int n = s.length();
        // the main loop reads a copy of the characters: array reads are cheaper than String.charAt in this loop
        int slot = (int) Thread.currentThread().getId() & (BUFFERS.length() - 1);
        char[] a = n <= BUFFER_CHARS ? BUFFERS.getAndSet(slot, null) : null;
        if (a == null) {
            a = new char[Math.max(n, BUFFER_CHARS)];
        }
        s.getChars(0, n, a, 0);
        try {
            return scan(s, a, n, source, toSource);
        } finally {
            if (a.length == BUFFER_CHARS) {
                Arrays.fill(a, 0, n, '\0'); // no copy of the text outlives the call
                BUFFERS.lazySet(slot, a);
            }
        }
    }

    private String scan(String s, char[] a, int n, String source, int @Nullable [] toSource) {
        final byte[] classes = this.classes;
        Output out = null;
        int floor = 0;
        int i = 0;
        while (i < n) {
            final char c = a[i];
            if (c >= 128) {
                i++;
                continue;
            }
            final byte cls = classes[c];
            if (cls == Chars.OTHER) {
                i++;
                continue;
            }
            long m = -1;
            if (cls == Chars.LETTER) {
                // skip the token, watching for letter pairs found in sensitive key words
                int prev = c;
                int signal = 0;
                int j = i + 1;
                while (j < n) {
                    char d = a[j];
                    if (d >= 128) {
                        break;
                    }
                    int pair = TOKEN_PAIRS[prev << 7 | d];
                    if (pair == 0) {
                        break;
                    }
                    signal |= pair;
                    prev = d;
                    j++;
                }
                int length = j - i;
                char after = j < n ? a[j] : ' ';
                if (signal == 3 && secrets) {
                    // a word of a sensitive key ("password", "authToken", "X-Api-Key"): is a value assigned to it?
                    int sep = separatorAfter(a, j, n);
                    if (sep >= 0) {
                        int key = keyAt(s, sep, n, floor);
                        if (key != 0) {
                            if (out == null) {
                                out = new Output(source, engine, toSource);
                            }
                            int next = redactValue(s, sep, n, key, out);
                            floor = Math.max(floor, out.copied());
                            i = Math.max(next, sep + 1);
                            continue;
                        }
                    }
                }
                // most words are short and followed by nothing that continues a detection
                int follow = after < 128 ? FOLLOWS_WORD[after] : 0;
                if (length < 8 && follow == 0 && !(length <= 4 && i >= 2 && a[i - 1] == ':')) {
                    i = j;
                    continue;
                }
                if (ip && length <= 4 && Chars.isHexRun(a, i, j)) {
                    if (after == ':') {
                        m = ipv6(s, j, n, floor, i);
                    } else if (i >= 2 && a[i - 1] == ':' && a[i - 2] == ':') {
                        m = ipv6(s, i - 2, n, floor, i);
                    }
                }
                // every other token detection needs a long token, or a short one continued by a separator
                // ("sk_", "xoxb-", "SG.", "home/") or a space ("Bearer ", "DE89 ", "BEGIN ")
                if (m < 0 && !((length >= 8 || (follow & FOLLOW_SEPARATOR) != 0
                        || (follow == FOLLOW_SPACE && length >= 4 && length <= 6)
                        || (follow == FOLLOW_SLASH && length >= 4 && length <= 5))
                        && Chars.mayStartToken(c, a[i + 1 < n ? i + 1 : i], i + 2 < n ? a[i + 2] : ' ')
                        && (m = letterToken(s, i, j, n, floor)) >= 0)) {
                    i = j;
                    continue;
                }
            } else if (cls == Chars.DIGIT) {
                // most numbers (line numbers, ports, parts of ids) are ruled out by their length and what follows
                int runEnd = i + 1;
                while (runEnd < n && runEnd - i < 20 && Chars.isDigit(a[runEnd])) {
                    runEnd++;
                }
                int run = runEnd - i;
                char next = runEnd < n ? a[runEnd] : ' ';
                int follow = next < 128 ? FOLLOWS_NUMBER[next] : 0;
                // an IPv6 group may mix digits and hex letters ("2a02:", "3d25:"): its end decides, not the run's
                int groupEnd = ip && run <= 4 ? hexGroupEnd(a, runEnd, i + 4, n) : runEnd;
                boolean groupColon = groupEnd < n && a[groupEnd] == ':' && groupEnd - i <= 4;
                if (run < 12 && follow == 0 && !(run <= 4 && i >= 2 && a[i - 1] == ':') && !groupColon) {
                    i = Chars.skipAlnum(a, runEnd, n);
                    continue;
                }
                if (ip && run <= 4) {
                    if (groupColon) {
                        m = ipv6(s, groupEnd, n, floor, i);
                    } else if (i >= 2 && a[i - 1] == ':' && a[i - 2] == ':') {
                        m = ipv6(s, i - 2, n, floor, i);
                    }
                }
                if (m < 0) {
                    if (!(run >= 12 || (next == '.' ? run <= 3 && dottedTwice(a, runEnd, n)
                            : next == ':' ? run >= 8 && run <= 10
                            : (next == ' ' || next == '-') && groupMayFollow(a, run, runEnd, n)))) {
                        i = Chars.skipAlnum(a, runEnd, n);
                        continue;
                    }
                    m = digitToken(s, i, n, floor);
                    if (m < 0) {
                        i = m == -1 ? Chars.skipAlnum(a, i + 1, n) : (int) (-2 - m);
                        continue;
                    }
                }
            } else {
                m = anchor(s, c, i, n, floor);
                if (m < 0) {
                    i = (int) (-1 - m);
                    continue;
                }
                if (Found.kind(m) == Found.KEY_VALUE) {
                    if (out == null) {
                        out = new Output(source, engine, toSource);
                    }
                    int next = redactValue(s, i, n, Found.end(m), out);
                    floor = Math.max(floor, out.copied());
                    i = Math.max(next, i + 1);
                    continue;
                }
            }
            int kind = Found.kind(m);
            int end = Found.end(m);
            if (kind == Kinds.KEEP) {
                i = Math.max(end, i + 1);
                continue;
            }
            if (out == null) {
                out = new Output(source, engine, toSource);
            }
            out.redact(kind, Found.start(m, i), end);
            floor = Math.max(floor, end);
            i = Math.max(end, i + 1);
        }
        return out == null ? source : out.finish();
    }

    /** The end of the hex digits from {@code from}, looking at most up to {@code limit} (exclusive of one more). */
    private static int hexGroupEnd(char[] a, int from, int limit, int n) {
        int p = from;
        while (p < n && p <= limit && Chars.isHex(a[p])) {
            p++;
        }
        return p;
    }

    /** An IPv6 address around the colon at {@code colon}, as a {@link Found} relative to {@code anchor}, or -1. */
    private static long ipv6(String s, int colon, int n, int floor, int anchor) {
        long m = IpAddresses.matchV6(s, colon, n, floor);
        if (m < 0) {
            return -1;
        }
        int start = (int) (m >>> 32);
        int end = IpAddresses.end(m);
        if (anchor - start >= 32768) {
            return -1;
        }
        return (m & IpAddresses.KEEP) != 0 ? Found.of(Kinds.KEEP, anchor, end, anchor)
                : Found.of(Kinds.IP_ADDRESS, start, end, anchor);
    }

    /**
     * After a word at {@code from}: the index of the {@code :} or {@code =} assigning a value to the key the word
     * belongs to (the rest of the key, a closing quote, escapes and spaces may come between), or -1.
     */
    private static int separatorAfter(char[] a, int from, int n) {
        int p = from;
        int limit = Math.min(n, from + 64);
        while (p < limit) {
            char k = a[p];
            if (k >= 128 || !KEY_CHARS[k]) {
                break;
            }
            p++;
        }
        limit = Math.min(n, p + 24);
        while (p < limit) {
            char k = a[p];
            if (k != ' ' && k != '"' && k != '\'' && k != '\\') {
                break;
            }
            p++;
        }
        if (p >= n) {
            return -1;
        }
        char sep = a[p];
        return sep == ':' || sep == '=' ? p : -1;
    }

    /** Whether an IPv4 address may start before the dot at {@code dot}: another one to three digits and a dot follow. */
    private static boolean dottedTwice(char[] a, int dot, int n) {
        int p = dot + 1;
        int digits = 0;
        while (p < n && digits < 4 && Chars.isDigit(a[p])) {
            p++;
            digits++;
        }
        return digits >= 1 && digits <= 3 && p < n && a[p] == '.';
    }

    /**
     * Whether a grouped SSN, Aadhaar or card number may start with a group of {@code run} digits ending at
     * {@code sep}: 3 digits then 2 (SSN), or 4 digits then at least 4 (Aadhaar, cards).
     */
    private static boolean groupMayFollow(char[] a, int run, int sep, int n) {
        if (run != 3 && run != 4) {
            return false;
        }
        int p = sep + 1;
        while (p < n && p - sep <= 6 && Chars.isDigit(a[p])) {
            p++;
        }
        int next = p - sep - 1;
        return run == 3 ? next == 2 : next >= 4;
    }

    /**
     * A detection packed in a {@code long}: end (31 bits), start as an offset from the anchor (16 bits, so look-backs
     * and look-aheads stay within ±32K), kind (6 bits). Negative values mean "no detection, continue at
     * {@code -1 - value}".
     */
    static final class Found {
        /** Pseudo-kind: a sensitive key; the end field holds {@link TextScanner#keyAt}'s description. */
        static final int KEY_VALUE = 62;

        private Found() {
        }

        static long of(int kind, int start, int end, int anchor) {
            return (long) kind << 47 | (long) (start - anchor + 32768) << 31 | end;
        }

        static long none(int next) {
            return -1L - next;
        }

        static int kind(long found) {
            return (int) (found >>> 47);
        }

        static int end(long found) {
            return (int) (found & 0x7fff_ffffL);
        }

        static int start(long found, int anchor) {
            return anchor + (int) ((found >>> 31) & 0xffff) - 32768;
        }
    }

    /** The detectors anchored on punctuation: {@code @ % + \}, and {@code : =} with custom key names. */
    private long anchor(String s, char c, int i, int n, int floor) {
        switch (c) {
            case '@' -> {
                long m = urlCredentials ? Emails.matchUrlUserInfo(s, i, floor) : -1;
                if (m >= 0) {
                    return Found.of(Kinds.URL_CREDENTIALS, (int) (m >>> 32), (int) m, i);
                }
                m = email ? Emails.match(s, i, n, floor, false) : -1;
                if (m >= 0) {
                    return Found.of(Kinds.EMAIL, (int) (m >>> 32), (int) m, i);
                }
            }
            case '%' -> {
                if (i + 2 >= n || !Chars.isHex(s.charAt(i + 1)) || !Chars.isHex(s.charAt(i + 2))) {
                    return Found.none(i + 1);
                }
                if (s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0' && email) {
                    long m = Emails.match(s, i, n, floor, true);
                    if (m >= 0) {
                        return Found.of(Kinds.EMAIL, (int) (m >>> 32), (int) m, i);
                    }
                } else if (s.charAt(i + 1) == '2' && (s.charAt(i + 2) | 0x20) == 'b' && phone
                        && !Chars.gluedLeft(s, i, floor)) {
                    int e = Phones.match(s, i + 3, n);
                    if (e > 0) {
                        return Found.of(Kinds.PHONE, i, e, i);
                    }
                }
                // any other escape ("%5B" in "user%5Bpassword%5D="): the character after it starts a token
                return Found.none(i + 3);
            }
            case '+' -> {
                if (phone && !Chars.gluedLeft(s, i, floor)) {
                    int e = Phones.match(s, i + 1, n);
                    if (e > 0) {
                        return Found.of(Kinds.PHONE, i, e, i);
                    }
                }
            }
            case ':', '=' -> {
                // an anchor only when custom sensitive key names are configured: they need not hold a signal pair
                int key = keyAt(s, i, n, floor);
                if (key != 0) {
                    return (long) Found.KEY_VALUE << 47 | key;
                }
            }
            case '\\' -> {
                int run = 1;
                while (i + run < n && s.charAt(i + run) == '\\') {
                    run++;
                }
                long m = home && run <= 4 ? Paths.matchBackslashHome(s, i, run, n) : -1;
                if (m >= 0) {
                    return Found.of(Kinds.HOME_PATH, (int) (m >>> 32), (int) m, i);
                }
                int next = i + run;
                // an escape such as \n or \u0040: the character after it starts a token
                if ((run & 1) == 1 && next < n) {
                    char e = s.charAt(next);
                    if (Chars.isEscapeLetter(e)) {
                        next++;
                    } else if (e == 'u' && next + 4 < n) {
                        next += 5;
                    }
                }
                return Found.none(next);
            }
            default -> {
                // every anchor character has its case
            }
        }
        return Found.none(i + 1);
    }

    /**
     * Detections starting at the token of letters {@code s[i, j)}: IBAN, PAN, key shapes, Discord tokens, JWTs,
     * Bearer/Basic credentials, and the word after a separator that completes a PEM header ({@code -----BEGIN}), a
     * home directory ({@code /home/}, {@code /Users/}) or a webhook path.
     */
    private long letterToken(String s, int i, int j, int n, int floor) {
        char c0 = s.charAt(i);
        char c1 = s.charAt(i + 1);
        int length = j - i;
        if (Chars.isUpper(c0) && Chars.isUpper(c1) && !Chars.gluedLeft(s, i, floor)) {
            if (iban && Ibans.length(c0, c1) > 0) {
                int e = Ibans.match(s, i, n);
                if (e > 0) {
                    return Found.of(Kinds.IBAN, i, e, i);
                }
            }
            if (pan && length == 10 && NationalIds.isPan(s, i, n)) {
                return Found.of(Kinds.INDIAN_PAN, i, i + 10, i);
            }
            if (privateKey && length == 5 && i - 5 >= floor && s.startsWith("BEGIN", i) && s.startsWith("-----", i - 5)) {
                int e = Paths.matchPrivateKey(s, i - 5, n);
                if (e > 0) {
                    return Found.of(Kinds.PRIVATE_KEY, i - 5, e, i);
                }
            }
        }
        if (i - 1 >= floor && s.charAt(i - 1) == '/') {
            if (home && (length == 4 || length == 5)) {
                long m = Paths.matchSlashHome(s, i - 1, n, floor);
                if (m >= 0) {
                    return Found.of(Kinds.HOME_PATH, (int) (m >>> 32), (int) m, i);
                }
            }
            if (apiKey && length == 8) {
                int slash = s.startsWith("webhooks", i) && i - 5 >= floor ? i - 5 : i - 1;
                long m = TokenShapes.matchWebhookPath(s, slash, n, floor);
                if (m >= 0) {
                    return Found.of(Kinds.API_KEY, (int) (m >>> 32), (int) m, i);
                }
            }
        }
        if (apiKey) {
            int e = TokenShapes.matchShape(s, i, n);
            if (e > 0) {
                return Found.of(Kinds.API_KEY, i, e, i);
            }
            if ((c0 == 'M' || c0 == 'N' || c0 == 'O') && length >= 24) {
                e = TokenShapes.matchDiscordToken(s, i, n);
                if (e > 0) {
                    return Found.of(Kinds.API_KEY, i, e, i);
                }
            }
        }
        if (jwt && c0 == 'e' && c1 == 'y') {
            int e = TokenShapes.matchJwt(s, i, n);
            if (e > 0) {
                return Found.of(Kinds.JWT, i, e, i);
            }
        }
        if (auth && (c0 == 'b' || c0 == 'B')) {
            long m = TokenShapes.matchAuthScheme(s, i, n);
            if (m >= 0 && (int) (m >>> 32) - i < 32768) {
                return Found.of(Kinds.AUTH_CREDENTIAL, (int) (m >>> 32), (int) m, i);
            }
        }
        return -1;
    }

    /** Detections starting at a token of digits: IPv4, Telegram tokens, cards, Aadhaar, SSN. */
    private long digitToken(String s, int i, int n, int floor) {
        if (Chars.gluedLeft(s, i, floor)) {
            return -1;
        }
        int firstEnd = Chars.skipDigits(s, i, n, 20);
        int first = firstEnd - i;
        char after = firstEnd < n ? s.charAt(firstEnd) : ' ';
        if (after == '.' && first <= 3) {
            if (ip && IpAddresses.v4MayStartAt(s, i, floor)) {
                long m = IpAddresses.matchV4(s, i, n);
                if (m >= 0) {
                    return Found.of((m & IpAddresses.KEEP) != 0 ? Kinds.KEEP : Kinds.IP_ADDRESS, i,
                            IpAddresses.end(m), i);
                }
            }
            return -1;
        }
        if (after == ':' && apiKey && first >= 8 && first <= 10) {
            int e = TokenShapes.matchTelegramToken(s, i, n);
            if (e > 0) {
                return Found.of(Kinds.API_KEY, i, e, i);
            }
        }
        if (!numbers || first < 3 || first > 19
                || (first < 12 && after != ' ' && after != '-')) { // one short group: no card, SSN or Aadhaar
            return -1;
        }
        if (i - 2 >= floor && Chars.isDigit(s.charAt(i - 2))) {
            // the continuation of a longer number ("1,234.56", "2024-01-15", "12:30", "1/2") starts nothing
            char prev = s.charAt(i - 1);
            if (prev == '-' || prev == '.' || prev == '/' || prev == ':'
                    || (prev == ',' && first == 3 && after != '-' && after != ' ')) { // 1,234
                return -1;
            }
        }
        long groups = DigitGroups.with(0, 0, first);
        int count = 1;
        int digits = first;
        int p = firstEnd;
        char sep = 0;
        while (count < DigitGroups.MAX_GROUPS && digits <= 19 && p + 1 < n) {
            char d = s.charAt(p);
            if (!((d == ' ' || d == '-') && (sep == 0 || sep == d) && Chars.isDigit(s.charAt(p + 1)))) {
                break;
            }
            int q = Chars.skipDigits(s, p + 1, n, 20);
            int len = q - p - 1;
            if (len > 19) {
                break;
            }
            sep = d;
            groups = DigitGroups.with(groups, count++, len);
            digits += len;
            p = q;
        }
        // the groups of a printed IBAN ("DE89 3704 0044 …") are not numbers of their own
        boolean ibanBody = isIbanBody(s, i, floor);
        // a number printed like a whole card is judged whole: its first groups are not a shorter card
        int all = DigitGroups.digits(groups, count);
        boolean wholeCard = all >= 12 && all <= 19 && PaymentCards.isCardGrouping(groups, count);
        for (int k = count; k >= 1 && !ibanBody && (k == count || !wholeCard); k--) {
            int total = DigitGroups.digits(groups, k);
            int end = i + total + (k - 1);
            if (end < n) {
                char a = s.charAt(end);
                if (Chars.isWordChar(a)) {
                    continue;
                }
                if (a == '.' && end + 1 < n && Chars.isDigit(s.charAt(end + 1))) {
                    continue; // a decimal number or a longer dotted one
                }
                if (k < count && sep == '-') {
                    continue; // part of a longer dashed number (an all-digit UUID, an ISBN)
                }
            }
            if (card && total >= 12 && PaymentCards.isCardGrouping(groups, k) && PaymentCards.isValid(s, i, end)) {
                return Found.of(Kinds.PAYMENT_CARD, i, end, i);
            }
            if (aadhaar && total == 12 && k == count && (k == 1 || (k == 3 && DigitGroups.length(groups, 0) == 4
                    && DigitGroups.length(groups, 1) == 4)) && NationalIds.isAadhaar(s, i, end)) {
                return Found.of(Kinds.AADHAAR, i, end, i);
            }
            if (ssn && k == 3 && count == 3 && DigitGroups.length(groups, 0) == 3 && DigitGroups.length(groups, 1) == 2
                    && DigitGroups.length(groups, 2) == 4 && NationalIds.isSsn(s, i)) {
                return Found.of(Kinds.US_SSN, i, end, i);
            }
        }
        // nothing in these groups: none of them starts a number either (a card with a wrong checksum does not
        // become an Aadhaar number from its second group on)
        return -2 - p;
    }

    /**
     * Whether the number at {@code i} continues a printed IBAN: it follows groups of four letters or digits, separated
     * by single spaces, back to a country code and check digits ({@code "DE89 3704 0044 …"}, {@code "FR37 62MA 8174 …"}).
     */
    private static boolean isIbanBody(String s, int i, int floor) {
        int p = i;
        for (int group = 0; group < 8; group++) {
            if (p - 5 < floor || s.charAt(p - 1) != ' ') {
                return false;
            }
            int start = p - 5;
            for (int k = start; k < p - 1; k++) {
                char c = s.charAt(k);
                if (!Chars.isDigit(c) && !Chars.isUpper(c)) {
                    return false;
                }
            }
            if (Chars.isUpper(s.charAt(start)) && Chars.isUpper(s.charAt(start + 1)) && Chars.isDigit(s.charAt(start + 2))
                    && Chars.isDigit(s.charAt(start + 3)) && !Chars.gluedLeft(s, start, floor)) {
                return true;
            }
            p = start;
        }
        return false;
    }

    /**
     * The key before the separator at {@code sep} ({@code :} or {@code =}), classified: 0 when there is no key or it
     * is not sensitive; else the {@link KeyRules} class, the key's quote escape level plus one (bits 4-11; 0 for an
     * unquoted key) and bit 12 when the key was double-quoted (JSON).
     */
    private int keyAt(String s, int sep, int n, int floor) {
        char c = s.charAt(sep);
        if (sep + 1 < n) {
            char next = s.charAt(sep + 1);
            if ((c == ':' && (next == ':' || next == '/')) || (c == '=' && next == '=')) {
                return 0;
            }
        }
        int e = sep;
        int limit = Math.max(floor, sep - 4);
        while (e > limit && s.charAt(e - 1) == ' ') {
            e--;
        }
        if (e <= floor) {
            return 0;
        }
        char last = s.charAt(e - 1);
        int level = -1;
        if (last == '"' || last == '\'') {
            e--;
            level = Chars.backslashesBefore(s, e, floor, 16);
            if (((level + 1) & level) != 0) {
                return 0;
            }
            e -= level;
            if (level == 0 && e - 1 > floor && s.charAt(e - 1) == last) {
                e--; // a quote escaped by doubling it: ""password"": ""value"" (SQL identifiers, CSV)
            }
        }
        int b = e;
        int keyLimit = Math.max(floor, e - 65);
        while (b > keyLimit) {
            char k = s.charAt(b - 1);
            if (k >= 128 || !KEY_CHARS[k]) {
                break;
            }
            b--;
        }
        if (b == e || e - b > 64) {
            return 0;
        }
        if (b - 2 >= floor && s.charAt(b - 1) == '/' && s.charAt(b - 2) == '/') {
            return 0; // "scheme://user:password@host" is URL user-info, found at its '@'
        }
        int cls = rules.classify(s, b, e);
        if (cls == KeyRules.PLAIN) {
            return 0;
        }
        return cls | (level + 1) << 4 | (last == '"' ? 1 << 12 : 0);
    }


    /**
     * Redacts the value after the separator at {@code sep} of a sensitive key described by {@code key} (see
     * {@link #keyAt}); returns where scanning continues.
     */
    private int redactValue(String s, int sep, int n, int key, Output out) {
        int cls = key & 0xf;
        int keyLevel = ((key >>> 4) & 0xff) - 1;
        boolean jsonKey = (key & 1 << 12) != 0;
        int v = sep + 1;
        if (s.charAt(sep) == '=' && v < n && s.charAt(v) == '>') {
            v++;
        }
        while (v < n && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
            v++;
        }
        if (v >= n) {
            return v;
        }
        // a quoted value, possibly escaped (JSON inside a JSON string)
        int backslashes = 0;
        while (v + backslashes < n && s.charAt(v + backslashes) == '\\' && backslashes < 16) {
            backslashes++;
        }
        char quote = v + backslashes < n ? s.charAt(v + backslashes) : 0;
        if (backslashes == 0 && (quote == '"' || quote == '\'') && isDoubledQuote(s, sep, v, n, quote)) {
            // quotes escaped by doubling them, as SQL identifiers and CSV fields do: ""password"": ""value""
            int contentStart = v + 2;
            int close = s.indexOf(String.valueOf(quote) + quote, contentStart);
            int contentEnd = close < 0 ? n : close;
            if (markerEnd(s, contentStart, contentEnd) != contentEnd) {
                out.redact(Kinds.SECRET, contentStart, contentEnd);
            }
            return contentEnd;
        }
        if ((quote == '"' || quote == '\'') && ((backslashes + 1) & backslashes) == 0) {
            int contentStart = v + backslashes + 1;
            int contentEnd = closingQuote(s, contentStart, n, quote, backslashes);
            if (contentEnd > contentStart && markerEnd(s, contentStart, contentEnd) != contentEnd) {
                if (cls == KeyRules.COOKIE) {
                    redactCookies(s, contentStart, contentEnd, out);
                } else {
                    out.redact(Kinds.SECRET, contentStart, contentEnd);
                }
            }
            return contentEnd;
        }
        char first = s.charAt(v);
        int marker = markerEnd(s, v, n);
        if (marker > 0) {
            return marker; // already redacted: scrubbing twice changes nothing
        }
        if (first == '{' || first == '[') {
            int level = Math.max(keyLevel, 0);
            int end = matchingBracket(s, v, n, level);
            out.redactAsJsonString(Kinds.SECRET, v, end, level);
            return end;
        }
        // a cookie header runs over its "name=value; " pairs; other values end at a delimiter
        boolean cookies = cls == KeyRules.COOKIE;
        int end = cookies ? cookiesEnd(s, v, n) : unquotedEnd(s, v, n);
        if (cookies && end == v) {
            // "cookie=abc123" holds no name=value pair: the value itself is the secret
            cookies = false;
            end = unquotedEnd(s, v, n);
        }
        if (!cookies && end < n && s.charAt(end) == ' ') {
            // a spaced number ("ssn: 078 05 1120", "phone=+44 20 7946 0958") is one value
            long number = Chars.isDigit(first) ? digitToken(s, v, n, out.copied())
                    : first == '+' && phone ? Found.of(Kinds.PHONE, v, Math.max(Phones.match(s, v + 1, n), 0), v) : -1;
            if (number >= 0 && Found.end(number) > end) {
                end = Found.end(number);
            }
        }
        if (!cookies && end < n && s.charAt(end) == ' ' && isAuthScheme(s, v, end)) {
            int credential = end;
            while (credential < n && s.charAt(credential) == ' ') {
                credential++;
            }
            int credentialEnd = unquotedEnd(s, credential, n);
            if (credentialEnd > credential) {
                end = credentialEnd;
            }
        }
        if (end == v || isLiteral(s, v, end)) {
            return end;
        }
        if (cookies) {
            redactCookies(s, v, end, out);
        } else if (jsonKey && s.charAt(sep) == ':' && keyLevel >= 0) {
            out.redactAsJsonString(Kinds.SECRET, v, end, keyLevel);
        } else {
            out.redact(Kinds.SECRET, v, end);
        }
        return end;
    }

    /**
     * Whether the value at {@code v} opens with a doubled {@code quote} that escapes a quote (not an empty string):
     * the key before {@code sep} closes with a doubled quote too, and a value character follows.
     */
    private static boolean isDoubledQuote(String s, int sep, int v, int n, char quote) {
        if (v + 2 >= n || s.charAt(v + 1) != quote) {
            return false;
        }
        char next = s.charAt(v + 2);
        if (next == quote || next <= ' ' || ",;}])&".indexOf(next) >= 0) {
            return false;
        }
        int k = sep;
        while (k > 0 && s.charAt(k - 1) == ' ') {
            k--;
        }
        return k >= 2 && s.charAt(k - 1) == quote && s.charAt(k - 2) == quote;
    }

    /**
     * The index where the content of a string opened at escape level {@code level} ends (the first backslash of
     * its closing quote), or {@code n} when it never closes (fail closed: the rest is the value).
     */
    private static int closingQuote(String s, int from, int n, char quote, int level) {
        int period = 2 * (level + 1);
        for (int p = from; p < n; p++) {
            if (s.charAt(p) == quote) {
                int b = Chars.backslashesBefore(s, p, from, 64);
                if (b % period == level) {
                    return p - level;
                }
            }
        }
        return n;
    }

    /** The end of the JSON object or array opening at {@code from}, or {@code n} when unbalanced. */
    private static int matchingBracket(String s, int from, int n, int level) {
        int period = 2 * (level + 1);
        int depth = 0;
        boolean inString = false;
        for (int p = from; p < n; p++) {
            char c = s.charAt(p);
            if (c == '"') {
                int b = Chars.backslashesBefore(s, p, from, 64);
                if (b % period == level) {
                    inString = !inString;
                }
            } else if (!inString) {
                if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (--depth == 0) {
                        return p + 1;
                    }
                }
            }
        }
        return n;
    }

    /**
     * The end of a cookie header value starting at {@code from}: {@code name=value} pairs (and {@code Set-Cookie}
     * flags such as {@code HttpOnly}) separated by {@code ;} and spaces, up to the first part that is not one.
     */
    private static int cookiesEnd(String s, int from, int n) {
        int end = from;
        int p = from;
        while (p < n) {
            int name = p;
            while (p < n && Chars.isAlnum(s.charAt(p)) || p < n && "_-.$!#%&'*+^`|~".indexOf(s.charAt(p)) >= 0) {
                p++;
            }
            if (p == name) {
                break;
            }
            if (p < n && s.charAt(p) == '=') {
                // cookie values hold no spaces, quotes, commas, semicolons or backslashes (RFC 6265)
                p++;
                while (p < n && s.charAt(p) > ' ' && ";,\"\\".indexOf(s.charAt(p)) < 0) {
                    p++;
                }
            } else if (!isCookieAttribute(s, name, p)) {
                break;
            }
            end = p;
            if (p < n && s.charAt(p) == ';') {
                p++;
                while (p < n && s.charAt(p) == ' ') {
                    p++;
                }
            } else {
                break;
            }
        }
        return end;
    }

    private static int unquotedEnd(String s, int from, int n) {
        int p = from;
        while (p < n) {
            char c = s.charAt(p);
            if (c <= ' ' || c == '&' || c == ',' || c == ';' || c == '"' || c == '\'' || c == ')' || c == ']'
                    || c == '}' || c == '<' || c == '>' || c == '\\' || c == '#') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * The end of a redaction marker ({@code [kind]} or {@code [kind:hex]}) starting at {@code from}, or -1.
     */
    static int markerEnd(String s, int from, int n) {
        if (from >= n || s.charAt(from) != '[') {
            return -1;
        }
        int p = from + 1;
        int limit = Math.min(n, from + 72);
        while (p < limit && (Chars.isAlnum(s.charAt(p)) && !Chars.isUpper(s.charAt(p)) || s.charAt(p) == '_')) {
            p++;
        }
        if (p == from + 1 || p >= limit) {
            return -1;
        }
        if (s.charAt(p) == ':') {
            int digest = ++p;
            while (p < limit && Chars.isHex(s.charAt(p))) {
                p++;
            }
            if (p - digest != 32) {
                return -1;
            }
        }
        return p < limit && s.charAt(p) == ']' ? p + 1 : -1;
    }

    /**
     * Words that state a credential's condition and cannot be one themselves: in {@code Invalid token: expired} or
     * {@code password: incorrect} the sensitive word is followed by what happened to it, not by its value.
     */
    private static final String[] STATE_WORDS = {"expired", "invalid", "missing", "revoked", "required", "empty",
        "none", "unset", "undefined", "unknown", "absent", "malformed", "rejected", "denied", "incorrect", "wrong",
        "valid", "disabled", "enabled", "unavailable"};

    /**
     * Values that cannot be secrets: JSON literals, SQL bind placeholders ({@code ?}, {@code ?1}, {@code $1}) and
     * the {@linkplain #STATE_WORDS state words}, matched case-insensitively as the whole value.
     */
    static boolean isLiteral(String s, int start, int end) {
        int len = end - start;
        if (len >= 1 && (s.charAt(start) == '?' || (s.charAt(start) == '$' && len >= 2))) {
            int digit = start + 1;
            while (digit < end && Chars.isDigit(s.charAt(digit))) {
                digit++;
            }
            if (digit == end) {
                return true;
            }
        }
        if ((len == 4 && (Chars.matchesIgnoreCase(s, start, end, "true") || Chars.matchesIgnoreCase(s, start, end,
                "null"))) || (len == 5 && Chars.matchesIgnoreCase(s, start, end, "false"))) {
            return true;
        }
        if (len < 4 || len > 11) {
            return false;
        }
        for (String word : STATE_WORDS) {
            if (word.length() == len && Chars.matchesIgnoreCase(s, start, end, word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAuthScheme(String s, int start, int end) {
        for (String scheme : AUTH_SCHEMES) {
            if (end - start == scheme.length() && Chars.matchesIgnoreCase(s, start, end, scheme)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Redacts cookie values in {@code s[start, end)} ({@code a=1; b=2}): names stay; values go unless the name is a
     * safe key or a {@code Set-Cookie} attribute.
     */
    void redactCookies(String s, int start, int end, Output out) {
        int p = start;
        while (p < end) {
            while (p < end && (s.charAt(p) == ' ' || s.charAt(p) == ';')) {
                p++;
            }
            int segment = p;
            int eq = -1;
            while (p < end && s.charAt(p) != ';') {
                if (eq < 0 && s.charAt(p) == '=') {
                    eq = p;
                }
                p++;
            }
            int segmentEnd = p;
            while (segmentEnd > segment && s.charAt(segmentEnd - 1) == ' ') {
                segmentEnd--;
            }
            if (segmentEnd == segment) {
                continue;
            }
            int nameEnd = eq < 0 ? segmentEnd : eq;
            if (!isCookieName(s, segment, nameEnd)) {
                // not a cookie (free text, a credential, an address): the name cannot be kept, the segment goes
                out.redact(Kinds.SECRET, segment, segmentEnd);
                continue;
            }
            if (isCookieAttribute(s, segment, nameEnd) || rules.isSafeName(s, segment, nameEnd)) {
                continue;
            }
            int valueStart = eq < 0 ? segment : eq + 1;
            while (valueStart < segmentEnd && s.charAt(valueStart) == ' ') {
                valueStart++;
            }
            if (valueStart < segmentEnd && markerEnd(s, valueStart, segmentEnd) != segmentEnd) {
                out.redact(Kinds.SECRET, valueStart, segmentEnd);
            }
        }
    }

    /** Whether {@code s[start, end)} is an RFC 6265 cookie name: a token without spaces or separators. */
    private static boolean isCookieName(String s, int start, int end) {
        if (start >= end) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCookieAttribute(String s, int start, int end) {
        for (String attribute : COOKIE_ATTRIBUTES) {
            if (end - start == attribute.length() && Chars.matchesIgnoreCase(s, start, end, attribute)) {
                return true;
            }
        }
        return false;
    }

    /** Scrubs a whole value known to be a cookie header. */
    String scanCookieHeader(String value) {
        Output out = new Output(value, engine);
        redactCookies(value, 0, value.length(), out);
        return out.finish();
    }
}
