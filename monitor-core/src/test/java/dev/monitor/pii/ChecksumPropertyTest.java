package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated numbers (seeded, so every run checks the same thousands of samples): valid card, IBAN and Aadhaar numbers
 * are always caught, in every format and context; the same numbers with a wrong check digit are left alone.
 */
class ChecksumPropertyTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();
    private static final int SAMPLES = 2_000;

    /** Issued prefixes and lengths per brand. */
    private record Brand(String name, String prefix, int length) {
    }

    private static final List<Brand> BRANDS = List.of(
            new Brand("Visa", "4", 16), new Brand("Visa 13", "4", 13), new Brand("Visa 19", "4", 19),
            new Brand("Mastercard", "51", 16), new Brand("Mastercard", "55", 16),
            new Brand("Mastercard 2-series", "2221", 16), new Brand("Mastercard 2-series", "2720", 16),
            new Brand("Mastercard 2-series", "26", 16), new Brand("Amex", "34", 15), new Brand("Amex", "37", 15),
            new Brand("Discover", "6011", 16), new Brand("Discover", "65", 16), new Brand("Discover", "644", 19),
            new Brand("JCB", "3528", 16), new Brand("JCB", "3589", 19), new Brand("Diners", "36", 14),
            new Brand("Diners", "300", 14), new Brand("Diners", "3095", 16), new Brand("UnionPay", "62", 16),
            new Brand("UnionPay", "62", 19), new Brand("UnionPay", "81", 16), new Brand("RuPay", "60", 16),
            new Brand("RuPay", "508", 16), new Brand("RuPay", "82", 16), new Brand("Maestro", "50", 16),
            new Brand("Maestro", "67", 18), new Brand("Mir", "2200", 16), new Brand("Mir", "2204", 19));

    private static final String[] IBAN_COUNTRIES = {"DE22", "GB22", "FR27", "ES24", "IT27", "NL18", "BE16", "CH21", "AT20",
        "PL28", "SE24", "NO15", "IE22", "PT25", "SA24", "AE23", "BR29", "DK18", "FI18", "LU20", "MT31", "LC32", "RU33"};

    private static final String[] CONTEXTS = {"card %s declined", "{\"number\":\"%s\"}", "%s", "paid with %s.",
        "a=1&value=%s&b=2", "log: [%s]", "84213,EUR,%s,129.90", "\"msg\":\"line\\n%s\""};

    @Test
    void validCardNumbersOfEveryBrandAreAlwaysCaught() {
        Random random = new Random(1);
        for (int k = 0; k < SAMPLES; k++) {
            Brand brand = BRANDS.get(random.nextInt(BRANDS.size()));
            String number = withLuhnDigit(randomDigits(random, brand.prefix(), brand.length() - 1));
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatCard(random, number));
            String scrubbed = SCRUBBER.scrub(text);
            assertThat(scrubbed).as("%s in %s", brand.name(), text).contains("[payment_card]")
                    .doesNotContain(number.substring(number.length() - 6));
        }
    }

    @Test
    void cardNumbersWithAWrongCheckDigitAreLeftAlone() {
        Random random = new Random(2);
        for (int k = 0; k < SAMPLES; k++) {
            Brand brand = BRANDS.get(random.nextInt(BRANDS.size()));
            String valid = withLuhnDigit(randomDigits(random, brand.prefix(), brand.length() - 1));
            String wrong = valid.substring(0, valid.length() - 1) + wrongDigit(random, valid.charAt(valid.length() - 1));
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatCard(random, wrong));
            assertThat(SCRUBBER.scrub(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void validIbansAreAlwaysCaughtSpacedOrNot() {
        Random random = new Random(3);
        for (int k = 0; k < SAMPLES; k++) {
            String iban = iban(random, IBAN_COUNTRIES[random.nextInt(IBAN_COUNTRIES.length)], null);
            String formatted = random.nextBoolean() ? spaced(iban) : iban;
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatted);
            assertThat(SCRUBBER.scrub(text)).as(text).contains("[iban]").doesNotContain(iban.substring(4, 12));
        }
    }

    @Test
    void ibansWithWrongCheckDigitsAreLeftAlone() {
        Random random = new Random(4);
        for (int k = 0; k < SAMPLES; k++) {
            String valid = iban(random, IBAN_COUNTRIES[random.nextInt(IBAN_COUNTRIES.length)], null);
            int check = Integer.parseInt(valid.substring(2, 4));
            int other = (check + 1 + random.nextInt(96)) % 97;
            if (other < 2) {
                other += 2;
            }
            String wrong = valid.substring(0, 2) + String.format("%02d", other) + valid.substring(4);
            String formatted = random.nextBoolean() ? spaced(wrong) : wrong;
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatted);
            assertThat(SCRUBBER.scrub(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void validAadhaarNumbersAreAlwaysCaught() {
        Random random = new Random(5);
        for (int k = 0; k < SAMPLES; k++) {
            String number = aadhaar(random);
            String formatted = switch (random.nextInt(3)) {
                case 0 -> number;
                case 1 -> number.substring(0, 4) + " " + number.substring(4, 8) + " " + number.substring(8);
                default -> number.substring(0, 4) + "-" + number.substring(4, 8) + "-" + number.substring(8);
            };
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatted);
            assertThat(SCRUBBER.scrub(text)).as(text).contains("[aadhaar]").doesNotContain(number.substring(8));
        }
    }

    @Test
    void aadhaarNumbersWithAWrongCheckDigitAreLeftAlone() {
        Random random = new Random(6);
        for (int k = 0; k < SAMPLES; k++) {
            String valid = aadhaar(random);
            String wrong = valid.substring(0, 11) + wrongDigit(random, valid.charAt(11));
            String formatted = random.nextBoolean() ? wrong
                    : wrong.substring(0, 4) + " " + wrong.substring(4, 8) + " " + wrong.substring(8);
            String text = String.format(CONTEXTS[random.nextInt(CONTEXTS.length)], formatted);
            assertThat(SCRUBBER.scrub(text)).as(text).isSameAs(text);
        }
    }

    // ------------------------------------------------------------------ generators

    private static String randomDigits(Random random, String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix);
        while (out.length() < length) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    static String withLuhnDigit(String partial) {
        int sum = 0;
        for (int i = 0; i < partial.length(); i++) {
            int d = partial.charAt(partial.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return partial + (10 - sum % 10) % 10;
    }

    private static char wrongDigit(Random random, char right) {
        return (char) ('0' + (right - '0' + 1 + random.nextInt(9)) % 10);
    }

    private static String formatCard(Random random, String number) {
        int length = number.length();
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> {
                char sep = random.nextBoolean() ? ' ' : '-';
                if (length == 15 || length == 14) {
                    yield number.substring(0, 4) + sep + number.substring(4, 10) + sep + number.substring(10);
                }
                StringBuilder out = new StringBuilder();
                for (int p = 0; p < length; p += 4) {
                    if (p > 0) {
                        out.append(sep);
                    }
                    out.append(number, p, Math.min(length, p + 4));
                }
                yield out.toString();
            }
            default -> number;
        };
    }

    /** An IBAN of the country (code + length, e.g. "DE22") with a random BBAN and correct check digits. */
    static String iban(Random random, String country, String bban) {
        String code = country.substring(0, 2);
        int length = Integer.parseInt(country.substring(2));
        String body = bban;
        if (body == null) {
            StringBuilder out = new StringBuilder();
            while (out.length() < length - 4) {
                out.append(out.length() < 4 && random.nextInt(4) == 0 ? (char) ('A' + random.nextInt(26))
                        : (char) ('0' + random.nextInt(10)));
            }
            body = out.toString();
        }
        String numeric = toDigits(body + code + "00");
        int check = 98 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
        return code + String.format("%02d", check) + body;
    }

    private static String toDigits(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return out.toString();
    }

    private static String spaced(String iban) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < iban.length(); p += 4) {
            if (p > 0) {
                out.append(' ');
            }
            out.append(iban, p, Math.min(iban.length(), p + 4));
        }
        return out.toString();
    }

    private static final int[][] D = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
        {2, 3, 4, 0, 1, 7, 8, 9, 5, 6}, {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
        {5, 9, 8, 7, 6, 0, 4, 3, 2, 1}, {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
        {8, 7, 6, 5, 9, 3, 2, 1, 0, 4}, {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
        {5, 8, 0, 3, 7, 9, 6, 1, 4, 2}, {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
        {4, 2, 8, 6, 5, 7, 3, 9, 0, 1}, {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final int[] INV = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};

    /** A 12-digit Aadhaar number: first digit 2-9, Verhoeff check digit last. */
    static String aadhaar(Random random) {
        String body = randomDigits(random, String.valueOf((char) ('2' + random.nextInt(8))), 11);
        int c = 0;
        for (int i = 0; i < body.length(); i++) {
            c = D[c][P[(i + 1) % 8][body.charAt(body.length() - 1 - i) - '0']];
        }
        return body + INV[c];
    }
}
