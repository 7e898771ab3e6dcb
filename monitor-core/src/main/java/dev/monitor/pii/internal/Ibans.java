package dev.monitor.pii.internal;

/** IBAN detection: country code with its registered length, then the mod-97 check, plain or in groups of four. */
final class Ibans {

    /** IBAN length by country code (index (c0 - 'A') * 26 + (c1 - 'A')); 0 when the country has no IBAN. */
    private static final byte[] LENGTHS = new byte[26 * 26];

    static {
        String registry = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27 "
                + "DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21 HU28 IE22 IL23 "
                + "IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 "
                + "MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 "
                + "SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
        for (String entry : registry.split(" ")) {
            LENGTHS[(entry.charAt(0) - 'A') * 26 + (entry.charAt(1) - 'A')] = Byte.parseByte(entry.substring(2));
        }
    }

    private Ibans() {
    }

    /** The registered IBAN length of a country, or 0. */
    static int length(char c0, char c1) {
        if (!Chars.isUpper(c0) || !Chars.isUpper(c1)) {
            return 0;
        }
        return LENGTHS[(c0 - 'A') * 26 + (c1 - 'A')];
    }

    /**
     * The end of an IBAN starting at {@code start} (two upper-case letters already seen), or -1. Accepts the
     * compact form and the printed form in groups of four separated by single spaces.
     */
    static int match(String s, int start, int n) {
        int length = length(s.charAt(start), s.charAt(start + 1));
        if (length == 0 || start + 4 > n || !Chars.isDigit(s.charAt(start + 2)) || !Chars.isDigit(s.charAt(start + 3))) {
            return -1;
        }
        int p = start;
        int taken = 0;
        boolean spaced = false;
        while (taken < length) {
            if (p >= n) {
                return -1;
            }
            char c = s.charAt(p);
            if (Chars.isDigit(c) || Chars.isUpper(c)) {
                taken++;
                p++;
            } else if (c == ' ' && taken % 4 == 0 && taken > 0 && (spaced || taken == 4) && p + 1 < n
                    && Chars.isAlnum(s.charAt(p + 1))) {
                spaced = true;
                p++;
            } else {
                return -1;
            }
        }
        if (p < n && Chars.isWordChar(s.charAt(p))) {
            return -1;
        }
        return checksumValid(s, start, p) ? p : -1;
    }

    /** ISO 13616 mod-97: move the first four characters to the end, letters count as 10-35, remainder must be 1. */
    static boolean checksumValid(String s, int start, int end) {
        int remainder = 0;
        int skipped = 0;
        int p = start;
        // BBAN first, then country code and check digits
        while (p < end) {
            char c = s.charAt(p++);
            if (c == ' ') {
                continue;
            }
            if (skipped < 4) {
                skipped++;
                continue;
            }
            remainder = step(remainder, c);
        }
        int taken = 0;
        p = start;
        while (taken < 4) {
            char c = s.charAt(p++);
            remainder = step(remainder, c);
            taken++;
        }
        return remainder == 1;
    }

    private static int step(int remainder, char c) {
        if (c <= '9') {
            return (remainder * 10 + (c - '0')) % 97;
        }
        return (remainder * 100 + (c - 'A' + 10)) % 97;
    }
}
