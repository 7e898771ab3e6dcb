package dev.monitor.pii.internal;

/** Checks of national identifiers: Aadhaar (Verhoeff), US SSN ranges, Indian PAN shape. */
final class NationalIds {

    private static final int[][] VERHOEFF_D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] VERHOEFF_P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

    /** PAN holder types (fourth letter): person, company, HUF, firm, AOP, trust, BOI, local authority, juridical, government, ... */
    private static final String PAN_HOLDER_TYPES = "PCHFATBLJGE";

    private NationalIds() {
    }

    /** Whether the digits of {@code s[start, end)} pass the Verhoeff check (separators ignored). */
    static boolean verhoeffValid(String s, int start, int end) {
        int check = 0;
        int position = 0;
        for (int p = end - 1; p >= start; p--) {
            char c = s.charAt(p);
            if (c < '0' || c > '9') {
                continue;
            }
            check = VERHOEFF_D[check][VERHOEFF_P[position % 8][c - '0']];
            position++;
        }
        return check == 0;
    }

    /** The Verhoeff check digit for the digits in {@code digits} (used by tests to build valid numbers). */
    static int verhoeffDigit(String digits) {
        int check = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            check = VERHOEFF_D[check][VERHOEFF_P[(i + 1) % 8][d]];
        }
        int[] inverse = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};
        return inverse[check];
    }

    /** Aadhaar numbers are 12 digits, never start with 0 or 1, and pass Verhoeff. */
    static boolean isAadhaar(String s, int start, int end) {
        char first = s.charAt(start);
        return first >= '2' && first <= '9' && verhoeffValid(s, start, end);
    }

    /**
     * SSN parts: area 001-899 except 666, group 01-99, serial 0001-9999 (digits at {@code s[start]} in the
     * 3-2-4 layout with one separator between groups).
     */
    static boolean isSsn(String s, int start) {
        int area = number(s, start, 3);
        int group = number(s, start + 4, 2);
        int serial = number(s, start + 7, 4);
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
    }

    /** Indian PAN: five letters (the fourth a holder type), four digits, a letter; exactly ten characters. */
    static boolean isPan(String s, int start, int n) {
        int end = start + 10;
        if (end > n || (end < n && Chars.isWordChar(s.charAt(end)))) {
            return false;
        }
        for (int k = 0; k < 5; k++) {
            if (!Chars.isUpper(s.charAt(start + k))) {
                return false;
            }
        }
        if (PAN_HOLDER_TYPES.indexOf(s.charAt(start + 3)) < 0) {
            return false;
        }
        for (int k = 5; k < 9; k++) {
            if (!Chars.isDigit(s.charAt(start + k))) {
                return false;
            }
        }
        return Chars.isUpper(s.charAt(start + 9));
    }

    private static int number(String s, int at, int digits) {
        int value = 0;
        for (int k = 0; k < digits; k++) {
            value = value * 10 + (s.charAt(at + k) - '0');
        }
        return value;
    }
}
