package dev.monitor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Personal data and secrets planted in texts that leave the process, for generated tests of "scrub first, then cut":
 * payment card numbers with a valid Luhn digit, emails, IBANs with valid mod-97 check digits, and secret key/value
 * pairs ({@code password=...}, {@code "client_secret": "..."}), each placed at every position around a truncation
 * limit. {@link #assertNoneSurvives} then checks that no planted value, and no run of {@value #RUN} of its characters,
 * is left in what was shown, except the documented partial email mask {@code j***@domain} (the first letter and the
 * domain stay).
 */
public final class PlantedValues {

    /** The shortest run of a planted value's characters that counts as a leak. */
    public static final int RUN = 6;

    /** Letters and digits of generated values; no {@code 'w'}, the letter of {@link #filler}. */
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVXYZabcdefghjkmnpqrstuvxyz23456789";
    private static final String[] SECRET_FORMS = {"password=%s", "client_secret=%s", "token: %s", "\"api_key\": \"%s\"",
            "authorization=%s", "db.password=%s"};

    /** What kind of value was planted. */
    public enum Kind {
        /** A payment card number, spaced in groups of four or not. */
        CARD,
        /** An email address; only its local part after the first letter must go. */
        EMAIL,
        /** An IBAN, spaced or not. */
        IBAN,
        /** A secret after a sensitive key. */
        SECRET
    }

    /**
     * One planted value.
     *
     * @param kind what it is
     * @param text the text planted (for a secret, {@code key=value} as written)
     * @param secret the part that must not survive, not even {@value #RUN} characters of it
     */
    public record Planted(Kind kind, String text, String secret) {
    }

    private PlantedValues() {
    }

    /** A value of each kind, in turn, from {@code random}. */
    public static Planted next(SplittableRandom random, int index) {
        return switch (Kind.values()[index % Kind.values().length]) {
            case CARD -> card(random);
            case EMAIL -> email(random);
            case IBAN -> iban(random);
            case SECRET -> secret(random);
        };
    }

    /** The planted values of {@code count} cases: each kind in turn. */
    public static List<Planted> values(SplittableRandom random, int count) {
        List<Planted> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(next(random, i));
        }
        return values;
    }

    /** A Visa, Mastercard or Amex number with a valid Luhn check digit. */
    public static Planted card(SplittableRandom random) {
        String prefix = switch (random.nextInt(3)) {
            case 0 -> "4";
            case 1 -> "5" + (1 + random.nextInt(5));
            default -> "37";
        };
        int length = prefix.equals("37") ? 15 : 16;
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < length - 1) {
            digits.append(random.nextInt(10));
        }
        digits.append(luhnDigit(digits));
        String number = digits.toString();
        String text = random.nextBoolean() ? number : spaced(number);
        return new Planted(Kind.CARD, text, text);
    }

    /** An email address whose local part is 8 to 15 letters. */
    public static Planted email(SplittableRandom random) {
        String local = word(random, 8 + random.nextInt(8)).toLowerCase(java.util.Locale.ROOT);
        String text = local + "@" + word(random, 5).toLowerCase(java.util.Locale.ROOT) + ".example.com";
        return new Planted(Kind.EMAIL, text, local.substring(1));
    }

    /** A German IBAN with valid check digits, spaced in groups of four or not. */
    public static Planted iban(SplittableRandom random) {
        StringBuilder bban = new StringBuilder(18);
        for (int i = 0; i < 18; i++) {
            bban.append(random.nextInt(10));
        }
        // check digits: 98 - (BBAN + "DE00" as digits) mod 97, with D=13 and E=14
        java.math.BigInteger number = new java.math.BigInteger(bban + "131400");
        int check = 98 - number.mod(java.math.BigInteger.valueOf(97)).intValue();
        String iban = "DE" + (check < 10 ? "0" : "") + check + bban;
        String text = random.nextBoolean() ? iban : spaced(iban);
        return new Planted(Kind.IBAN, text, text);
    }

    /** A sensitive key with a random value of 10 to 20 letters and digits, in one of several notations. */
    public static Planted secret(SplittableRandom random) {
        String value = word(random, 10 + random.nextInt(11));
        String form = SECRET_FORMS[random.nextInt(SECRET_FORMS.length)];
        return new Planted(Kind.SECRET, String.format(form, value), value);
    }

    /**
     * {@code value} planted so that it starts at {@code start}: filler words before it, a space on each side, filler
     * after it up to {@code totalLength} (at least one word).
     */
    public static String plantAt(String value, int start, int totalLength) {
        StringBuilder text = new StringBuilder(filler(start));
        text.append(value).append(' ');
        text.append(filler(Math.max(6, totalLength - text.length())));
        return text.toString();
    }

    /** Words of {@code 'w'} and spaces, {@code length} characters, ending in a space (empty for 0). */
    public static String filler(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(text.length() % 6 == 5 ? ' ' : 'w');
        }
        if (length > 0) {
            text.setCharAt(length - 1, ' ');
        }
        return text.toString();
    }

    /**
     * Asserts that {@code shown} holds no part of {@code planted}: neither the value nor any run of {@value #RUN} of
     * its characters (spaces of a spaced number count as characters).
     *
     * @param context the seed and case index, put into the failure message
     */
    public static void assertNoneSurvives(String shown, Planted planted, String context) {
        String secret = planted.secret();
        assertThat(shown).as("%s: %s %s", context, planted.kind(), planted.text()).doesNotContain(secret);
        for (int i = 0; i + RUN <= secret.length(); i++) {
            String run = secret.substring(i, i + RUN);
            assertThat(shown).as("%s: %s %s (run '%s')", context, planted.kind(), planted.text(), run)
                    .doesNotContain(run);
        }
    }

    private static String word(SplittableRandom random, int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return word.toString();
    }

    private static String spaced(String compact) {
        StringBuilder spaced = new StringBuilder(compact.length() + compact.length() / 4);
        for (int i = 0; i < compact.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                spaced.append(' ');
            }
            spaced.append(compact.charAt(i));
        }
        return spaced.toString();
    }

    private static int luhnDigit(CharSequence payload) {
        int sum = 0;
        boolean twice = true; // the rightmost payload digit is doubled once the check digit is appended
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }
}
