package dev.monitor.pii.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generates personal data and secrets the scrubber must catch, each valid for its detector (Luhn, mod-97,
 * Verhoeff, SSN ranges, PAN shape, E.164, token shapes), from a seeded {@link Random} so a failing case can be
 * replayed. One generator per detector family, plus secret key/value pairs whose value looks like nothing.
 */
public final class PiiSamples {

    /** The sensitive keys planted in pairs and maps: each must redact its value whatever the value looks like. */
    public static final List<String> SENSITIVE_KEYS = List.of("password", "client_secret", "token", "apiKey",
            "authorization", "session", "cookie", "private_key", "db.password", "authToken", "secret", "credentials",
            "api_key", "access_token", "refresh_token", "db_password");

    /** The sensitive keys that are also valid label and annotation names ({@code [A-Za-z_][A-Za-z0-9_]*}). */
    public static final List<String> SENSITIVE_LABEL_KEYS = SENSITIVE_KEYS.stream()
            .filter(key -> key.matches("[A-Za-z_][A-Za-z0-9_]*")).toList();

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    private static final String ALNUM = UPPER + LOWER + DIGITS;

    private final Random random;

    public PiiSamples(Random random) {
        this.random = random;
    }

    /** One sample of every family, in a fixed order. */
    public List<Plant> oneOfEach() {
        List<Plant> plants = new ArrayList<>();
        for (Function<PiiSamples, Plant> family : families()) {
            plants.add(family.apply(this));
        }
        return plants;
    }

    /** A sample of family {@code index} modulo their number: consecutive cases go through every family in turn. */
    public Plant nth(int index) {
        List<Function<PiiSamples, Plant>> families = families();
        return families.get(Math.floorMod(index, families.size())).apply(this);
    }

    /** A sample of a family picked at random. */
    public Plant any() {
        List<Function<PiiSamples, Plant>> families = families();
        return families.get(random.nextInt(families.size())).apply(this);
    }

    /** Every family's generator. */
    public static List<Function<PiiSamples, Plant>> families() {
        return List.of(PiiSamples::email, PiiSamples::card, PiiSamples::iban, PiiSamples::ssn, PiiSamples::aadhaar,
                PiiSamples::pan, PiiSamples::phone, PiiSamples::ipv4, PiiSamples::ipv6, PiiSamples::jwt,
                PiiSamples::bearer, PiiSamples::basic, PiiSamples::apiKey, PiiSamples::urlUserInfo,
                PiiSamples::credentialQuery, PiiSamples::privateKey, PiiSamples::homePath, PiiSamples::secretPair);
    }

    /** {@code first.last@domain}: the local part is secret, the first letter and the domain stay (partial mask). */
    public Plant email() {
        String local = letters(LOWER, 4 + random.nextInt(5)) + "." + letters(LOWER, 4 + random.nextInt(6));
        String domain = letters(LOWER, 5 + random.nextInt(5)) + (random.nextBoolean() ? ".com" : ".co.uk");
        String address = local + "@" + domain;
        return new Plant("email", address, List.of(local.substring(1)));
    }

    /** A payment card of a random brand with a valid Luhn digit, plain, spaced or dashed. */
    public Plant card() {
        String[][] brands = {{"4", "16"}, {"4", "13"}, {"51", "16"}, {"55", "16"}, {"2221", "16"}, {"2720", "16"},
            {"34", "15"}, {"37", "15"}, {"6011", "16"}, {"65", "16"}, {"3528", "16"}, {"62", "16"}, {"62", "19"},
            {"36", "14"}};
        String[] brand = brands[random.nextInt(brands.length)];
        String number = withLuhnDigit(digits(brand[0], Integer.parseInt(brand[1]) - 1));
        String text = switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> grouped(number, ' ');
            default -> grouped(number, '-');
        };
        return new Plant("payment_card", text, List.of(number, text));
    }

    /** An IBAN with correct mod-97 check digits, compact or spaced in groups of four. */
    public Plant iban() {
        String[] countries = {"DE22", "GB22", "FR27", "ES24", "IT27", "NL18", "BE16", "CH21", "AT20", "PL28"};
        String country = countries[random.nextInt(countries.length)];
        String iban = iban(country);
        String text = random.nextBoolean() ? iban : grouped(iban, ' ');
        return new Plant("iban", text, List.of(iban.substring(4), text));
    }

    /** A US SSN in its issued ranges, {@code AAA-GG-SSSS}. */
    public Plant ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        String text = String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
        return new Plant("us_ssn", text, List.of(text));
    }

    /** A 12-digit Aadhaar number with its Verhoeff digit, in groups of four. */
    public Plant aadhaar() {
        String number = aadhaarNumber();
        String text = grouped(number, ' ');
        return new Plant("aadhaar", text, List.of(number, text));
    }

    /** An Indian PAN: five letters (the fourth a holder type), four digits, a letter. */
    public Plant pan() {
        String text = letters(UPPER, 3) + "ABCFGHLJPT".charAt(random.nextInt(10)) + letters(UPPER, 1) + digits("", 4)
                + letters(UPPER, 1);
        return new Plant("indian_pan", text, List.of(text));
    }

    /** A phone number with a country code, {@code +44 20 7946 0958} style. */
    public Plant phone() {
        String country = new String[] {"44", "49", "33", "91", "1", "61"}[random.nextInt(6)];
        String text = "+" + country + " " + digits(String.valueOf(1 + random.nextInt(9)), 2) + " " + digits("", 4) + " "
                + digits("", 4);
        return new Plant("phone", text, List.of(text.substring(text.indexOf(' ') + 1)));
    }

    /** A public IPv4 address. */
    public Plant ipv4() {
        String text = (11 + random.nextInt(112)) + "." + (16 + random.nextInt(200)) + "." + (16 + random.nextInt(200))
                + "." + (16 + random.nextInt(200));
        return new Plant("ip_address", text, List.of(text));
    }

    /** A global IPv6 address, full form. */
    public Plant ipv6() {
        StringBuilder text = new StringBuilder("2a0").append((char) ('1' + random.nextInt(9)));
        for (int i = 0; i < 7; i++) {
            text.append(':').append(Integer.toHexString(0x1000 + random.nextInt(0xefff)));
        }
        return new Plant("ip_address", text.toString(), List.of(text.substring(5)));
    }

    /** A signed JWT. */
    public Plant jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = b64.encodeToString(("{\"sub\":\"" + letters(ALNUM, 12) + "\",\"iat\":" + (1_600_000_000
                + random.nextInt(100_000_000)) + "}").getBytes(StandardCharsets.UTF_8));
        String signature = letters(ALNUM + "-_", 43);
        String token = header + "." + payload + "." + signature;
        // the payload's random part only: its first and last characters encode {"sub":" and ","iat":1…, the same in
        // every token, which would make one token's leak look like every token's
        return new Plant("jwt", token, List.of(payload.substring(12, 24), signature));
    }

    /** {@code Bearer <token>}. */
    public Plant bearer() {
        String token = letters(ALNUM, 24 + random.nextInt(16));
        return new Plant("bearer", "Bearer " + token, List.of(token));
    }

    /** {@code Basic <base64(user:password)>}. */
    public Plant basic() {
        String credentials = Base64.getEncoder().encodeToString((letters(LOWER, 6) + ":" + letters(ALNUM, 12))
                .getBytes(StandardCharsets.UTF_8));
        return new Plant("basic", "Basic " + credentials, List.of(credentials.replace("=", "")));
    }

    /** An API key of a well-known shape (cloud, VCS, chat, payment, AI providers). */
    public Plant apiKey() {
        String body;
        String prefix;
        switch (random.nextInt(6)) {
            case 0 -> {
                prefix = "AKIA";
                body = letters(UPPER + "234567", 16);
            }
            case 1 -> {
                prefix = "ghp_";
                body = letters(ALNUM, 36);
            }
            case 2 -> {
                prefix = "xoxb-";
                body = digits("1", 11) + "-" + letters(ALNUM, 24);
            }
            case 3 -> {
                prefix = "sk_live_";
                body = letters(ALNUM, 24);
            }
            case 4 -> {
                prefix = "glpat-";
                body = letters(ALNUM, 20);
            }
            default -> {
                prefix = "sk-proj-";
                body = letters(ALNUM, 40);
            }
        }
        return new Plant("api_key", prefix + body, List.of(body));
    }

    /** An http(s) URL with a user name and password. */
    public Plant urlUserInfo() {
        String password = letters(ALNUM, 12);
        String text = "https://" + letters(LOWER, 6) + ":" + password + "@db" + random.nextInt(9) + ".internal:5432/orders";
        return new Plant("url_credentials", text, List.of(password));
    }

    /** A URL with a credential in its query string. */
    public Plant credentialQuery() {
        String token = letters(ALNUM, 20);
        String key = new String[] {"access_token", "api_key", "token", "password", "sig"}[random.nextInt(5)];
        String text = "https://api.internal/v1/items?page=2&" + key + "=" + token;
        return new Plant("credential_query", text, List.of(token));
    }

    /** A PEM private key block. */
    public Plant privateKey() {
        String body = Base64.getEncoder().encodeToString(bytes(96));
        String text = "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 64) + "\n" + body.substring(64)
                + "\n-----END PRIVATE KEY-----";
        return new Plant("private_key", text, List.of(body.substring(0, 64), body.substring(64)));
    }

    /** A home-directory path that names its user. */
    public Plant homePath() {
        String user = letters(LOWER, 8);
        String text = (random.nextBoolean() ? "/home/" : "/Users/") + user + "/.config/app/settings.yml";
        return new Plant("home_path", text, List.of(user));
    }

    /** A sensitive key with a value that looks like nothing in particular: only the key rules can catch it. */
    public Plant secretPair() {
        String key = sensitiveKey();
        String value = secretValue();
        String text = switch (random.nextInt(4)) {
            case 0 -> key + "=" + value;
            case 1 -> key + ": " + value;
            case 2 -> "\"" + key + "\":\"" + value + "\"";
            default -> "\"" + key + "\": \"" + value + "\"";
        };
        return new Plant("secret_pair", text, List.of(value));
    }

    /** A {@link #secretValue()} as a plant of its own, to put under a sensitive key: all of it is secret. */
    public Plant secret() {
        String value = secretValue();
        return new Plant("secret", value, List.of(value));
    }

    /** A random sensitive key. */
    public String sensitiveKey() {
        return SENSITIVE_KEYS.get(random.nextInt(SENSITIVE_KEYS.size()));
    }

    /** A random sensitive key that is also a valid label or annotation name. */
    public String sensitiveLabelKey() {
        return SENSITIVE_LABEL_KEYS.get(random.nextInt(SENSITIVE_LABEL_KEYS.size()));
    }

    /** A value for a sensitive key: letters and digits that no value detector would catch. */
    public String secretValue() {
        return letters(LOWER, 4) + letters(ALNUM, 8 + random.nextInt(8));
    }

    // ------------------------------------------------------------------ placing

    /**
     * Where to plant a value of {@code length} characters so that it ends before, straddles and starts after a
     * cut at {@code limit}: every start from {@code limit - length - 2} to {@code limit + 2}, and 0.
     */
    public static int[] positionsAround(int limit, int length) {
        int from = Math.max(0, limit - length - 2);
        int to = limit + 2;
        int[] positions = new int[to - from + 2];
        positions[0] = 0;
        for (int i = 0; i <= to - from; i++) {
            positions[i + 1] = from + i;
        }
        return positions;
    }

    /** Harmless words and spaces of exactly {@code length} characters, ending in a space when not empty. */
    public static String filler(int length) {
        StringBuilder text = new StringBuilder(length);
        String words = "the order was shipped late and the report ran long ";
        while (text.length() < length) {
            text.append(words.charAt(text.length() % words.length()));
        }
        if (length > 0) {
            text.setCharAt(length - 1, ' ');
        }
        return text.toString();
    }

    /** {@code filler(position) + plant + tail}: the plant starts at {@code position}. */
    public static String placed(Plant plant, int position) {
        return filler(position) + plant.text() + " and then some more words";
    }

    /**
     * {@code filler(position) + plant}, then harmless words up to {@code length} characters (at least a few): the plant
     * starts at {@code position} of a text long enough to be cut.
     */
    public static String placed(Plant plant, int position, int length) {
        String planted = filler(position) + plant.text() + " ";
        return planted + filler(Math.max(12, length - planted.length()));
    }

    // ------------------------------------------------------------------ checksums

    /** {@code partial} followed by its Luhn check digit. */
    public static String withLuhnDigit(String partial) {
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

    /** An IBAN of {@code country} (code and length, e.g. {@code "DE22"}) with a random BBAN and correct check digits. */
    public String iban(String country) {
        String code = country.substring(0, 2);
        int length = Integer.parseInt(country.substring(2));
        StringBuilder body = new StringBuilder();
        while (body.length() < length - 4) {
            body.append(body.length() < 4 && random.nextInt(4) == 0 ? (char) ('A' + random.nextInt(26))
                    : (char) ('0' + random.nextInt(10)));
        }
        StringBuilder numeric = new StringBuilder();
        for (char c : (body + code + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return code + String.format("%02d", check) + body;
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
    public String aadhaarNumber() {
        String body = digits(String.valueOf((char) ('2' + random.nextInt(8))), 11);
        int c = 0;
        for (int i = 0; i < body.length(); i++) {
            c = D[c][P[(i + 1) % 8][body.charAt(body.length() - 1 - i) - '0']];
        }
        return body + INV[c];
    }

    /** {@code prefix} followed by random digits up to {@code length}. */
    public String digits(String prefix, int length) {
        StringBuilder out = new StringBuilder(prefix);
        while (out.length() < length) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String letters(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private byte[] bytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private static String grouped(String text, char separator) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < text.length(); p += 4) {
            if (p > 0) {
                out.append(separator);
            }
            out.append(text, p, Math.min(text.length(), p + 4));
        }
        return out.toString();
    }
}
