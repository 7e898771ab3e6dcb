package dev.monitor.alert.channel.internal;

/**
 * Phone numbers as the SMS channel handles them: E.164 checks, and masking so that a number never appears
 * in full in a log line, an exception message or a failure detail.
 */
public final class PhoneNumbers {

    private static final int MIN_DIGITS = 7;

    private PhoneNumbers() {
    }

    /** Whether {@code number} is an E.164 number: {@code +}, a country code not starting with 0, 7 to 15 digits in all. */
    public static boolean isE164(String number) {
        if (number.length() < 8 || number.length() > 16 || number.charAt(0) != '+' || number.charAt(1) == '0') {
            return false;
        }
        for (int i = 1; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code +4915112345678} as {@code +49*********78}: the country code's first digits and the last two kept. */
    public static String mask(String number) {
        int keepStart = number.startsWith("+") ? 3 : 2;
        if (number.length() <= keepStart + 2) {
            return "*".repeat(number.length());
        }
        return number.substring(0, keepStart) + "*".repeat(number.length() - keepStart - 2) + number.substring(number.length() - 2);
    }

    /**
     * {@code text} with every run of 7 or more digits (optionally after {@code +} or {@code %2B}, with single
     * spaces, dots or dashes between digits) masked as by {@link #mask(String)}; the same instance if there is none.
     */
    public static String maskAll(String text) {
        StringBuilder out = null;
        int i = 0;
        int copied = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                i++;
                continue;
            }
            int start = i;
            int digits = 0;
            int end = i;
            while (i < text.length()) {
                char d = text.charAt(i);
                if (d >= '0' && d <= '9') {
                    digits++;
                    i++;
                    end = i;
                } else if ((d == ' ' || d == '-' || d == '.') && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1))) {
                    i++;
                } else {
                    break;
                }
            }
            if (digits >= MIN_DIGITS) {
                if (start > 0 && text.charAt(start - 1) == '+') {
                    start--;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, start).append(mask(text.substring(start, end)));
                copied = end;
            }
            i = Math.max(i, end);
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
