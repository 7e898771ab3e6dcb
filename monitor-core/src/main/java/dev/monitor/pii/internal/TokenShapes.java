package dev.monitor.pii.internal;

/**
 * Well-known API key and token shapes: a literal prefix, then a body of a given alphabet and length.
 * Prefixes make these exact: a word like {@code skeleton} never matches {@code sk-}.
 */
final class TokenShapes {

    /** Body alphabets. */
    static final int ALNUM = 0;
    static final int BASE64URL = 1;
    static final int UPPER_ALNUM = 2;
    static final int HEX = 3;
    static final int LETTERS = 4;
    /** base64url plus {@code .} (SendGrid, Vault). */
    static final int DOTTED = 5;
    /** base64 plus {@code = + /} (Sentry). */
    static final int BASE64 = 6;
    /** letters, digits and {@code $} (Braintree). */
    static final int DOLLAR = 7;
    /** The fewest letters a Bearer credential without digits or punctuation needs to be taken for a random token. */
    static final int MIN_RANDOM_LETTERS = 20;

    /** A prefix and the body that must follow it. */
    record Shape(String prefix, int alphabet, int minBody, int maxBody) {
    }

    static final Shape[] SHAPES = {
        // cloud: AWS access key ids, Google API keys, DigitalOcean, Databricks, Vault
        aws("AKIA"), aws("ASIA"), aws("ABIA"), aws("ACCA"), aws("AGPA"), aws("AIDA"), aws("AIPA"), aws("ANPA"),
        aws("ANVA"), aws("AROA"), aws("APKA"), aws("ASCA"),
        new Shape("AIza", BASE64URL, 35, 35),
        new Shape("dop_v1_", HEX, 64, 64), new Shape("doo_v1_", HEX, 64, 64), new Shape("dor_v1_", HEX, 64, 64),
        new Shape("dapi", HEX, 32, 32),
        new Shape("hvs.", DOTTED, 24, 400), new Shape("hvb.", DOTTED, 24, 400),
        // VCS and package registries: GitHub, GitLab, npm, PyPI
        new Shape("ghp_", ALNUM, 30, 255), new Shape("gho_", ALNUM, 30, 255), new Shape("ghu_", ALNUM, 30, 255),
        new Shape("ghs_", ALNUM, 30, 255), new Shape("ghr_", ALNUM, 30, 255),
        new Shape("github_pat_", BASE64URL, 22, 255),
        new Shape("glpat-", BASE64URL, 20, 255), new Shape("gldt-", BASE64URL, 20, 255),
        new Shape("glrt-", BASE64URL, 20, 255),
        new Shape("npm_", ALNUM, 36, 36), new Shape("pypi-", BASE64URL, 50, 400),
        // chat: Slack tokens
        new Shape("xoxb-", BASE64URL, 10, 255), new Shape("xoxp-", BASE64URL, 10, 255),
        new Shape("xoxa-", BASE64URL, 10, 255), new Shape("xoxr-", BASE64URL, 10, 255),
        new Shape("xoxs-", BASE64URL, 10, 255), new Shape("xoxe-", BASE64URL, 10, 255),
        new Shape("xapp-", BASE64URL, 10, 255),
        // payment: Stripe secret/restricted/webhook keys, Square, Braintree, Shopify
        new Shape("sk_live_", ALNUM, 16, 255), new Shape("sk_test_", ALNUM, 16, 255),
        new Shape("rk_live_", ALNUM, 16, 255), new Shape("rk_test_", ALNUM, 16, 255),
        new Shape("whsec_", BASE64, 16, 255),
        new Shape("sq0atp-", BASE64URL, 22, 255), new Shape("sq0csp-", BASE64URL, 22, 255),
        new Shape("access_token$production$", DOLLAR, 16, 255),
        new Shape("access_token$sandbox$", DOLLAR, 16, 255),
        new Shape("shpat_", HEX, 32, 32), new Shape("shpca_", HEX, 32, 32), new Shape("shppa_", HEX, 32, 32),
        new Shape("shpss_", HEX, 32, 32),
        // AI providers: OpenAI (sk-, sk-proj-), Anthropic (sk-ant-), Hugging Face, Groq, Replicate, Perplexity, xAI
        new Shape("sk-", BASE64URL, 20, 400), new Shape("hf_", LETTERS, 30, 255), new Shape("gsk_", ALNUM, 40, 255),
        new Shape("r8_", ALNUM, 30, 255), new Shape("pplx-", ALNUM, 40, 255), new Shape("xai-", ALNUM, 40, 255),
        // email and observability: SendGrid, Mailgun, Sentry, New Relic, Postman, Grafana, Linear
        new Shape("SG.", DOTTED, 40, 255), new Shape("key-", HEX, 32, 32),
        new Shape("sntrys_", BASE64, 30, 400), new Shape("sntryu_", HEX, 64, 64),
        new Shape("NRAK-", UPPER_ALNUM, 27, 27), new Shape("PMAK-", BASE64URL, 50, 80),
        new Shape("glsa_", BASE64URL, 32, 80), new Shape("glc_", BASE64, 32, 400),
        new Shape("lin_api_", ALNUM, 40, 40),
    };

    /** Shapes by the first character of their prefix. */
    private static final Shape[][] BY_FIRST = new Shape[128][];

    static {
        for (int c = 0; c < 128; c++) {
            int count = 0;
            for (Shape shape : SHAPES) {
                if (shape.prefix().charAt(0) == c) {
                    count++;
                }
            }
            if (count > 0) {
                Shape[] shapes = new Shape[count];
                int k = 0;
                for (Shape shape : SHAPES) {
                    if (shape.prefix().charAt(0) == c) {
                        shapes[k++] = shape;
                    }
                }
                BY_FIRST[c] = shapes;
            }
        }
    }

    private TokenShapes() {
    }

    private static Shape aws(String prefix) {
        return new Shape(prefix, UPPER_ALNUM, 16, 16);
    }

    /** The end of a known key shape starting at {@code start}, or -1. */
    static int matchShape(String s, int start, int n) {
        Shape[] candidates = BY_FIRST[s.charAt(start)];
        if (candidates == null) {
            return -1;
        }
        for (Shape shape : candidates) {
            String prefix = shape.prefix();
            if (!s.startsWith(prefix, start)) {
                continue;
            }
            int bodyStart = start + prefix.length();
            int limit = Math.min(n, bodyStart + shape.maxBody() + 1);
            int p = bodyStart;
            while (p < limit && inAlphabet(s.charAt(p), shape.alphabet())) {
                p++;
            }
            int body = p - bodyStart;
            if (body < shape.minBody() || body > shape.maxBody()) {
                continue;
            }
            if (p < n && Chars.isWordChar(s.charAt(p))) {
                continue;
            }
            // a dotted body must not end with the sentence's full stop
            while (p > bodyStart && s.charAt(p - 1) == '.') {
                p--;
            }
            return p;
        }
        return -1;
    }

    static boolean inAlphabet(char c, int alphabet) {
        return switch (alphabet) {
            case ALNUM -> Chars.isAlnum(c);
            case BASE64URL -> Chars.isBase64Url(c);
            case UPPER_ALNUM -> Chars.isUpper(c) || Chars.isDigit(c);
            case HEX -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            case LETTERS -> Chars.isLetter(c);
            case DOTTED -> Chars.isBase64Url(c) || c == '.';
            case BASE64 -> Chars.isAlnum(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
            case DOLLAR -> Chars.isAlnum(c) || c == '$';
            default -> false;
        };
    }

    /**
     * The end of a JSON web token at {@code start} ({@code eyJ} seen): three base64url segments separated by dots,
     * header and payload at least 8 characters, the payload also a JSON object ({@code ey…}); or -1.
     */
    static int matchJwt(String s, int start, int n) {
        if (!s.startsWith("eyJ", start)) {
            return -1;
        }
        int p = segmentEnd(s, start, n);
        if (p - start < 8 || p >= n || s.charAt(p) != '.') {
            return -1;
        }
        int payload = p + 1;
        if (!s.startsWith("ey", payload)) {
            return -1;
        }
        p = segmentEnd(s, payload, n);
        if (p - payload < 8 || p >= n || s.charAt(p) != '.') {
            return -1;
        }
        p = segmentEnd(s, p + 1, n);
        if (p < n && (Chars.isWordChar(s.charAt(p)))) {
            return -1;
        }
        return p;
    }

    private static int segmentEnd(String s, int from, int n) {
        int p = from;
        while (p < n && Chars.isBase64Url(s.charAt(p))) {
            p++;
        }
        return p;
    }

    /**
     * For a token at {@code start} spelling {@code Bearer} or {@code Basic} (any case) and followed by spaces and a
     * credential, the credential packed as {@code start << 32 | end}; else -1. A Bearer credential must hold a digit
     * or one of {@code . _ ~ + / -}, or be a random-looking run of letters (so "Bearer authentication" and
     * "Bearer AuthenticationScheme" stay, and a random token that has no digit does not); a Basic one must be base64 of
     * {@code user:password}.
     */
    static long matchAuthScheme(String s, int start, int n) {
        boolean bearer;
        int p;
        if (Chars.matchesIgnoreCase(s, start, n, "bearer")) {
            bearer = true;
            p = start + 6;
        } else if (Chars.matchesIgnoreCase(s, start, n, "basic")) {
            bearer = false;
            p = start + 5;
        } else {
            return -1;
        }
        if (p >= n || s.charAt(p) != ' ') {
            return -1;
        }
        while (p < n && s.charAt(p) == ' ') {
            p++;
        }
        int credStart = p;
        boolean strong = false;
        while (p < n) {
            char c = s.charAt(p);
            if (Chars.isAlnum(c)) {
                strong |= Chars.isDigit(c);
            } else if (c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '-') {
                strong = true;
            } else if (c != '=') {
                break;
            }
            p++;
        }
        int credEnd = p;
        while (credEnd > credStart && s.charAt(credEnd - 1) == '.') {
            credEnd--;
        }
        if (credEnd - credStart < 8 || (p < n && Chars.isWordChar(s.charAt(p)))) {
            return -1;
        }
        if (bearer ? !strong && !isRandomLetters(s, credStart, credEnd) : !isBasicCredential(s, credStart, credEnd)) {
            return -1;
        }
        return (long) credStart << 32 | credEnd;
    }

    /**
     * Whether {@code s[start, end)} looks like a random token of letters: at least {@value #MIN_RANDOM_LETTERS} of
     * them, three or more of each case. A random base62 token has no digit now and then (one in 250 of 32
     * characters); a word has no capital or one, a camel-cased name of two words two.
     */
    static boolean isRandomLetters(String s, int start, int end) {
        if (end - start < MIN_RANDOM_LETTERS) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        for (int p = start; p < end; p++) {
            char c = s.charAt(p);
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            } else if (c != '=') {
                return false;
            }
        }
        return upper >= 3 && lower >= 3;
    }

    /** Whether {@code s[start, end)} is standard base64 whose decoded bytes contain ':' (user:password). */
    static boolean isBasicCredential(String s, int start, int end) {
        int bits = 0;
        int buffer = 0;
        boolean colon = false;
        for (int p = start; p < end; p++) {
            char c = s.charAt(p);
            int v;
            if (c >= 'A' && c <= 'Z') {
                v = c - 'A';
            } else if (c >= 'a' && c <= 'z') {
                v = c - 'a' + 26;
            } else if (c >= '0' && c <= '9') {
                v = c - '0' + 52;
            } else if (c == '+') {
                v = 62;
            } else if (c == '/') {
                v = 63;
            } else if (c == '=') {
                break;
            } else {
                return false;
            }
            buffer = (buffer << 6 | v) & 0xffff;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                int b = (buffer >>> bits) & 0xff;
                if (b == ':') {
                    colon = true;
                } else if (b < 0x20 && b != '\t') {
                    return false;
                }
            }
        }
        return colon;
    }

    /**
     * A Discord bot token at {@code start} (first letter M, N or O): 23-27 characters, a dot, 6-7, a dot, 27-40;
     * its end or -1.
     */
    static int matchDiscordToken(String s, int start, int n) {
        if (start + 24 >= n || !Chars.isAlnum(s.charAt(start + 23)) || !Chars.isAlnum(s.charAt(start + 11))) {
            return -1; // shorter than the first part: words such as "OrderService" or "Mozilla"
        }
        int p = start;
        int limit = Math.min(n, start + 28);
        while (p < limit && Chars.isAlnum(s.charAt(p))) {
            p++;
        }
        int first = p - start;
        if (first < 24 || first > 28 || p >= n || s.charAt(p) != '.') {
            return -1;
        }
        int second = p + 1;
        p = second;
        while (p < n && p - second <= 7 && Chars.isBase64Url(s.charAt(p))) {
            p++;
        }
        if (p - second < 6 || p - second > 7 || p >= n || s.charAt(p) != '.') {
            return -1;
        }
        int third = p + 1;
        p = third;
        while (p < n && p - third <= 40 && Chars.isBase64Url(s.charAt(p))) {
            p++;
        }
        if (p - third < 27 || p - third > 40 || (p < n && Chars.isWordChar(s.charAt(p)))) {
            return -1;
        }
        return p;
    }

    /**
     * A Telegram bot token at {@code start}: 8-10 digits, a colon and 35 base64url characters; its end or -1.
     */
    static int matchTelegramToken(String s, int start, int n) {
        int p = Chars.skipDigits(s, start, n, 11);
        int digits = p - start;
        if (digits < 8 || digits > 10 || p >= n || s.charAt(p) != ':') {
            return -1;
        }
        int body = p + 1;
        p = body;
        while (p < n && p - body <= 35 && Chars.isBase64Url(s.charAt(p))) {
            p++;
        }
        if (p - body != 35 || (p < n && Chars.isWordChar(s.charAt(p)))) {
            return -1;
        }
        return p;
    }

    /**
     * At a {@code /} that starts {@code /services/} after {@code hooks.slack.com} or {@code /api/webhooks/} after a
     * Discord host: the secret path that follows, packed {@code start << 32 | end}; else -1.
     */
    static long matchWebhookPath(String s, int slash, int n, int floor) {
        int secretStart;
        if (s.startsWith("/services/", slash) && endsWith(s, slash, floor, "hooks.slack.com")) {
            secretStart = slash + 10;
        } else if (s.startsWith("/api/webhooks/", slash)
                && (endsWith(s, slash, floor, "discord.com") || endsWith(s, slash, floor, "discordapp.com"))) {
            secretStart = slash + 14;
        } else {
            return -1;
        }
        int p = secretStart;
        while (p < n && p - secretStart < 200 && (Chars.isBase64Url(s.charAt(p)) || s.charAt(p) == '/')) {
            p++;
        }
        if (p - secretStart < 8) {
            return -1;
        }
        return (long) secretStart << 32 | p;
    }

    private static boolean endsWith(String s, int end, int floor, String suffix) {
        int start = end - suffix.length();
        return start >= floor && s.startsWith(suffix, start);
    }
}
