package dev.monitor.pii.internal;

/**
 * Payment card validation: IIN (issuer) ranges per brand with the lengths each brand issues, and the
 * Luhn checksum. Separators inside the span are ignored.
 */
final class PaymentCards {

    private PaymentCards() {
    }

    /** Whether the digits of {@code s[start, end)} form a card number of a known brand with a valid checksum. */
    static boolean isValid(String s, int start, int end) {
        int count = 0;
        int sum = 0;
        for (int p = end - 1; p >= start; p--) {
            char c = s.charAt(p);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if ((count & 1) == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            count++;
        }
        if (count < 12 || count > 19 || sum % 10 != 0) {
            return false;
        }
        int prefix = 0;
        int taken = 0;
        for (int p = start; p < end && taken < 6; p++) {
            char c = s.charAt(p);
            if (c >= '0' && c <= '9') {
                prefix = prefix * 10 + (c - '0');
                taken++;
            }
        }
        return brandIssues(prefix, count);
    }

    /** Whether a card brand issues numbers of {@code length} digits starting with the six digits {@code iin}. */
    static boolean brandIssues(int iin, int length) {
        int p1 = iin / 100_000;
        int p2 = iin / 10_000;
        int p3 = iin / 1_000;
        int p4 = iin / 100;
        boolean len16to19 = length >= 16 && length <= 19;
        // Visa
        if (p1 == 4) {
            return length == 13 || length == 16 || length == 19;
        }
        // Mastercard, including the 2-series (2221-2720)
        if ((p2 >= 51 && p2 <= 55) || (iin >= 222_100 && iin <= 272_099)) {
            return length == 16;
        }
        // Mir (2200-2204)
        if (p4 >= 2200 && p4 <= 2204) {
            return len16to19;
        }
        // American Express
        if (p2 == 34 || p2 == 37) {
            return length == 15;
        }
        // JCB (3528-3589); RuPay co-branded JCB 353, 356
        if (p4 >= 3528 && p4 <= 3589) {
            return len16to19;
        }
        // Diners Club International / Carte Blanche (300-305, 3095, 36, 38-39)
        if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 || p2 == 39) {
            return length >= 14 && length <= 19;
        }
        // Discover (6011, 622126-622925, 644-649, 65)
        if (p4 == 6011 || (iin >= 622_126 && iin <= 622_925) || (p3 >= 644 && p3 <= 649) || p2 == 65) {
            return len16to19;
        }
        // UnionPay (62, 81)
        if (p2 == 62 || p2 == 81) {
            return len16to19;
        }
        // RuPay (60, 82, 508, 6521-6522; 65 and 81 above)
        if (p2 == 60 || p2 == 82 || p3 == 508) {
            return length == 16;
        }
        // Maestro (50, 56-69) at the lengths still issued
        if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
            return len16to19;
        }
        return false;
    }

    /**
     * Whether digit groups (lengths packed by {@link DigitGroups}) follow a way cards are printed: one block;
     * fours with a shorter last group (4-4-4-4, 4-4-4-4-3, 4-4-4-1); or 4-6-5 / 4-6-4 (Amex, Diners).
     */
    static boolean isCardGrouping(long groups, int count) {
        if (count == 1) {
            return true;
        }
        int first = DigitGroups.length(groups, 0);
        if (first != 4) {
            return false;
        }
        if (count == 3 && DigitGroups.length(groups, 1) == 6) {
            int last = DigitGroups.length(groups, 2);
            return last == 5 || last == 4;
        }
        for (int g = 1; g < count - 1; g++) {
            if (DigitGroups.length(groups, g) != 4) {
                return false;
            }
        }
        int last = DigitGroups.length(groups, count - 1);
        return last >= 1 && last <= 4;
    }
}
