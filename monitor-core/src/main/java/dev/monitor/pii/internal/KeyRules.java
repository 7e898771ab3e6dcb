package dev.monitor.pii.internal;

import java.util.List;

/**
 * Word-aware key rules. A key is split into words ({@code authToken} → auth, token; {@code db.password} → db,
 * password; {@code X-API-Key} → x, api, key; {@code PGPASSWORD} → pgpassword) and is sensitive when a sensitive
 * word appears and no descriptor follows the last one: {@code token_count}, {@code password_reset_sent},
 * {@code secret_name} describe a secret without holding it, {@code authorId} holds no sensitive word at all.
 * Exact custom names ({@code sensitiveKeys}, {@code safeKeys}) win over the words.
 */
final class KeyRules {

    static final int PLAIN = 0;
    static final int SENSITIVE = 1;
    /** {@code Cookie}, {@code Set-Cookie}: names stay, values go. */
    static final int COOKIE = 2;
    /** {@code Authorization}, {@code Proxy-Authorization}: the value runs to the end of the line. */
    static final int AUTHORIZATION = 3;

    private static final int W_SENSITIVE = 1;
    private static final int W_DESCRIPTOR = 2;
    private static final int W_QUALIFIER = 4;
    private static final int W_KEY = 8;
    private static final int W_COOKIE = 16;
    private static final int W_SET = 32;
    private static final int W_AUTHORIZATION = 64;
    private static final int W_PROXY = 128;
    private static final int W_ID = 256;

    private static final int MAX_KEY = 64;

    private static final String SENSITIVE_WORDS = "password passwords passwd pwd pass passphrase passcode secret secrets "
            + "token auth authorization credential credentials creds cookie cookies session sessionid jsessionid "
            + "phpsessid csrf xsrf csrftoken xsrftoken otp totp pin cvv cvc ssn signature sig bearer apikey apitoken "
            + "accesstoken refreshtoken idtoken authtoken privatekey secretkey accesskey";
    private static final String QUALIFIERS = "api private secret access signing encryption master client license "
            + "licence subscription account app auth shared session service webhook admin root storage hmac jwt ssh gpg "
            + "pgp aes crypto";
    private static final String DESCRIPTORS = "count counts length len size type types kind expires expiry expiration "
            + "exp expired expire ttl at time timestamp date sent enabled disabled enable required policy policies "
            + "strength changed updated created set valid validity rotated rotation version name names url uri endpoint "
            + "field fields format limit limits min max minimum maximum attempts attempt retries error errors failures "
            + "failed status state mode label description provider scheme method methods flow duration timeout age "
            + "remaining used usage total rate index present exists missing ok check checked algorithm alg issuer "
            + "audience scope scopes location path file dir directory service manager handler validator filter "
            + "controller client store repository factory util utils helper config configuration settings prefix "
            + "suffix masked redacted source "
            // file extensions: "TokenService.java:42" in a stack trace is a file name and a line number
            + "java kt kts scala groovy py rb js mjs ts tsx jsx go rs c cc cpp h hpp cs php swift xml yml yaml json "
            + "properties sql html htm txt md log conf cfg ini toml class jar war";
    /** Sensitive words also recognised glued to the end of a longer word: {@code PGPASSWORD}, {@code githubtoken}. */
    private static final String[] GLUED_SUFFIXES = {"password", "passwd", "secret", "token", "apikey", "sessionid",
        "privatekey", "secretkey", "accesskey", "credential", "credentials", "passphrase"};
    /** Sensitive words also recognised glued to the start of a longer word: {@code passwordhash}. */
    private static final String[] GLUED_PREFIXES = {"password", "passwd"};

    /**
     * Letter pairs of which every sensitive word contains at least one (password: sw, token: ok, secret: cr, …), as
     * a 128×128 bit set over lower-cased characters: a key without any of them is plain, and the word split is
     * skipped. Most keys of a typical event ({@code timestamp}, {@code level}, {@code trace_id}) have none.
     */
    private static final long[] SIGNAL_PAIRS = new long[128 * 128 / 64];
    private static final String SIGNALS = "sw pw ss cr ok au ig sr tp pi cv be ke";

    private static final int TABLE_SIZE = 1024;
    private static final int[] TABLE_HASH = new int[TABLE_SIZE];
    private static final int[] TABLE_TYPE = new int[TABLE_SIZE];
    private static final String[] TABLE_WORD = new String[TABLE_SIZE];

    static {
        for (String pair : SIGNALS.split(" ")) {
            int bit = pair.charAt(0) << 7 | pair.charAt(1);
            SIGNAL_PAIRS[bit >>> 6] |= 1L << bit;
        }
        register(SENSITIVE_WORDS, W_SENSITIVE);
        register(QUALIFIERS, W_QUALIFIER);
        register(DESCRIPTORS, W_DESCRIPTOR);
        register("key", W_KEY);
        register("cookie cookies", W_COOKIE);
        register("set", W_SET);
        register("authorization", W_AUTHORIZATION);
        register("proxy", W_PROXY);
        register("id", W_ID);
    }

    private final NameSet sensitiveNames;
    private final NameSet safeNames;

    KeyRules(List<String> sensitiveNames, List<String> safeNames) {
        this.sensitiveNames = new NameSet(sensitiveNames);
        this.safeNames = new NameSet(safeNames);
    }

    /** Whether {@code s[start, end)} is one of the custom safe key names. */
    boolean isSafeName(CharSequence s, int start, int end) {
        return !safeNames.isEmpty() && safeNames.contains(s, start, end);
    }

    private static void register(String words, int type) {
        for (String word : words.split(" ")) {
            int slot = slot(hash(word, 0, word.length()));
            while (TABLE_WORD[slot] != null && !TABLE_WORD[slot].equals(word)) {
                slot = (slot + 1) & (TABLE_SIZE - 1);
            }
            TABLE_WORD[slot] = word;
            TABLE_HASH[slot] = hash(word, 0, word.length());
            TABLE_TYPE[slot] |= type;
        }
    }

    private static int slot(int hash) {
        return (hash ^ (hash >>> 10)) & (TABLE_SIZE - 1);
    }

    /** Hash of the lower-cased characters (callers pass ASCII letters and digits only). */
    private static int hash(CharSequence s, int start, int end) {
        int h = end - start;
        for (int p = start; p < end; p++) {
            h = 31 * h + (s.charAt(p) | 0x20);
        }
        return h;
    }

    private static int wordType(CharSequence s, int start, int end) {
        int h = hash(s, start, end);
        int slot = slot(h);
        int len = end - start;
        while (TABLE_WORD[slot] != null) {
            String word = TABLE_WORD[slot];
            if (TABLE_HASH[slot] == h && word.length() == len && regionEqualsIgnoreCase(s, start, word)) {
                return TABLE_TYPE[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        return 0;
    }

    private static boolean regionEqualsIgnoreCase(CharSequence s, int start, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            char c = s.charAt(start + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c | 0x20);
            }
            if (c != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the lower-cased pair {@code a b} is a signal pair (see {@link #SIGNAL_PAIRS}). */
    static boolean isSignalPair(int a, int b) {
        int bit = a << 7 | b;
        return (SIGNAL_PAIRS[bit >>> 6] & 1L << bit) != 0;
    }

    /** Whether exact custom names are configured (they must be checked even without a signal pair). */
    boolean hasCustomNames() {
        return !safeNames.isEmpty() || !sensitiveNames.isEmpty();
    }

    /**
     * Whether the key {@code s[start, end)} may hold a sensitive word: it contains one of the signal letter pairs.
     * Every sensitive word of the built-in rules does (checked by the tests), so a {@code false} is final.
     */
    static boolean mayBeSensitive(CharSequence s, int start, int end) {
        int prev = 0;
        for (int p = start; p < end; p++) {
            int c = s.charAt(p);
            if (c >= 'A' && c <= 'Z') {
                c |= 0x20;
            } else if (c >= 128) {
                c = 0;
            }
            int bit = prev << 7 | c;
            if ((SIGNAL_PAIRS[bit >>> 6] & 1L << bit) != 0) {
                return true;
            }
            prev = c;
        }
        return false;
    }

    /** The built-in sensitive words, for the test that checks {@link #mayBeSensitive} against each of them. */
    static List<String> sensitiveWords() {
        List<String> words = new java.util.ArrayList<>(List.of(SENSITIVE_WORDS.split(" ")));
        words.addAll(List.of(GLUED_SUFFIXES));
        words.addAll(List.of(GLUED_PREFIXES));
        words.add("key");
        return words;
    }

    /** Classifies the key {@code s[start, end)}: {@link #PLAIN}, {@link #SENSITIVE}, {@link #COOKIE} or {@link #AUTHORIZATION}. */
    int classify(CharSequence s, int start, int end) {
        if (end - start > MAX_KEY || end <= start) {
            return PLAIN;
        }
        if (!safeNames.isEmpty() && safeNames.contains(s, start, end)) {
            return PLAIN;
        }
        if (!sensitiveNames.isEmpty() && sensitiveNames.contains(s, start, end)) {
            return SENSITIVE;
        }
        if (!mayBeSensitive(s, start, end)) {
            return PLAIN;
        }
        boolean sensitive = false;
        boolean described = false;
        boolean previousQualifier = false;
        boolean keyWord = false;
        int words = 0;
        int firstType = 0;
        int lastType = 0;
        int wordStart = -1;
        int p = start;
        while (p <= end) {
            char c = p < end ? s.charAt(p) : ' ';
            boolean letterOrDigit = c < 128 && (Chars.CLASS[c] == Chars.LETTER || Chars.CLASS[c] == Chars.DIGIT);
            if (letterOrDigit) {
                if (wordStart < 0) {
                    wordStart = p++;
                    continue;
                }
                char prev = s.charAt(p - 1);
                boolean upper = Chars.isUpper(c);
                boolean boundary = Chars.isDigit(prev) != Chars.isDigit(c)
                        || (upper && prev >= 'a' && prev <= 'z')
                        || (upper && Chars.isUpper(prev) && p + 1 < end && s.charAt(p + 1) >= 'a'
                                && s.charAt(p + 1) <= 'z');
                if (!boundary) {
                    p++;
                    continue;
                }
            }
            if (wordStart >= 0) {
                int type = wordType(s, wordStart, p);
                if (type == 0 && p - wordStart > 5) {
                    type = gluedType(s, wordStart, p);
                }
                words++;
                if (words == 1) {
                    firstType = type;
                }
                lastType = type;
                if ((type & W_SENSITIVE) != 0 || ((type & W_KEY) != 0 && previousQualifier)) {
                    sensitive = true;
                    described = false;
                    keyWord = (type & W_KEY) != 0;
                } else if (sensitive && ((type & W_DESCRIPTOR) != 0 || ((type & W_ID) != 0 && keyWord))) {
                    described = true; // "token_count", "password_reset_sent"; "api_key_id" names a key, holds none
                }
                previousQualifier = (type & W_QUALIFIER) != 0;
                wordStart = -1;
            }
            if (letterOrDigit) {
                wordStart = p++;
            } else if (c == '%' && p + 2 < end && Chars.isHex(s.charAt(p + 1)) && Chars.isHex(s.charAt(p + 2))) {
                p += 3; // "%5B" in an encoded form key is a bracket
            } else {
                p++;
            }
        }
        if (!sensitive || described) {
            return PLAIN;
        }
        if (words == 1 && (firstType & W_COOKIE) != 0 || words == 2 && (firstType & W_SET) != 0
                && (lastType & W_COOKIE) != 0) {
            return COOKIE;
        }
        if (words == 1 && (firstType & W_AUTHORIZATION) != 0 || words == 2 && (firstType & W_PROXY) != 0
                && (lastType & W_AUTHORIZATION) != 0) {
            return AUTHORIZATION;
        }
        return SENSITIVE;
    }

    private static int gluedType(CharSequence s, int start, int end) {
        int len = end - start;
        char last = (char) (s.charAt(end - 1) | 0x20);
        for (String suffix : GLUED_SUFFIXES) {
            if (len > suffix.length() && suffix.charAt(suffix.length() - 1) == last
                    && regionEqualsIgnoreCase(s, end - suffix.length(), suffix)) {
                return W_SENSITIVE;
            }
        }
        if ((s.charAt(start) | 0x20) == 'p') {
            for (String prefix : GLUED_PREFIXES) {
                if (len > prefix.length() && regionEqualsIgnoreCase(s, start, prefix)) {
                    return W_SENSITIVE;
                }
            }
        }
        return 0;
    }

    /**
     * Exact key names compared ignoring case and every character other than ASCII letters and digits, without
     * allocating: a hash of the normalised name selects candidates, which are then compared character by character.
     */
    static final class NameSet {
        private final String[] names;
        private final int[] hashes;

        NameSet(List<String> rawNames) {
            names = new String[rawNames.size()];
            hashes = new int[rawNames.size()];
            for (int k = 0; k < names.length; k++) {
                String raw = rawNames.get(k);
                names[k] = normalise(raw);
                hashes[k] = normalisedHash(raw, 0, raw.length());
            }
        }

        boolean isEmpty() {
            return names.length == 0;
        }

        boolean contains(CharSequence s, int start, int end) {
            int h = normalisedHash(s, start, end);
            for (int k = 0; k < names.length; k++) {
                if (hashes[k] == h && equalsNormalised(s, start, end, names[k])) {
                    return true;
                }
            }
            return false;
        }

        static String normalise(String raw) {
            StringBuilder out = new StringBuilder(raw.length());
            for (int p = 0; p < raw.length(); p++) {
                char c = raw.charAt(p);
                if (Chars.isAlnum(c)) {
                    out.append((char) (Chars.isUpper(c) ? c | 0x20 : c));
                }
            }
            return out.toString();
        }

        private static int normalisedHash(CharSequence s, int start, int end) {
            int h = 0;
            for (int p = start; p < end; p++) {
                char c = s.charAt(p);
                if (Chars.isAlnum(c)) {
                    h = 31 * h + (Chars.isUpper(c) ? c | 0x20 : c);
                }
            }
            return h;
        }

        private static boolean equalsNormalised(CharSequence s, int start, int end, String name) {
            int k = 0;
            for (int p = start; p < end; p++) {
                char c = s.charAt(p);
                if (!Chars.isAlnum(c)) {
                    continue;
                }
                if (k >= name.length() || (Chars.isUpper(c) ? c | 0x20 : c) != name.charAt(k)) {
                    return false;
                }
                k++;
            }
            return k == name.length();
        }
    }
}
