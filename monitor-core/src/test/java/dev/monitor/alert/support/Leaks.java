package dev.monitor.alert.support;

import dev.monitor.alert.Alert;
import dev.monitor.alert.AlertEvent;
import dev.monitor.alert.AlertHistoryEntry;
import dev.monitor.alert.AlertIncident;
import dev.monitor.alert.AlertNotification;
import dev.monitor.alert.AlertPreview;
import dev.monitor.alert.NotifiedAlert;
import dev.monitor.alert.channel.ChannelPayload;
import dev.monitor.pii.Scrubber;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Planted personal data and secrets, and the check that none of them (nor any run of {@value #RUN} of their
 * characters) left: generators for Luhn-valid card numbers, e-mail addresses and random secrets, and a checker that
 * knows which case planted what, for assertion messages that name the seed and the case.
 */
public final class Leaks {

    /** The shortest run of a planted value's characters that counts as a leak. */
    public static final int RUN = 6;

    /** Keys the scrubber treats as secret, valid as label and annotation names. */
    public static final List<String> SECRET_KEYS = List.of("password", "client_secret", "token", "apiKey", "authorization",
            "api_key", "access_token", "secret", "private_key", "db_password", "authToken", "refresh_token", "credentials",
            "cookie", "session");

    // the documented partial e-mail mask (first character, ***, the domain), possibly cut
    private static final Pattern EMAIL_MASK = Pattern.compile("[A-Za-z0-9]\\*\\*\\*@[A-Za-z0-9.\\-]*");
    // fingerprints, pseudonyms, event and dedup ids: random hex, which can hold any 6 digits by chance
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{16,}");
    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    // names and addresses take consonants, filler prose vowels: a run of one never appears in the other by chance
    private static final String LETTERS = "bcdfghjklmnpqrstvwxz";
    private static final String FILLER = "aeiouy";

    private final long seed;
    private final Map<String, String> runs = new HashMap<>();
    private final Map<String, String> planted = new HashMap<>();

    /** A checker for the values planted by the generated test of {@code seed}. */
    public Leaks(long seed) {
        this.seed = seed;
    }

    /** Remembers {@code value} as planted by {@code where} (e.g. {@code "case 12 label token"}); returns it. */
    public String plant(String value, String where) {
        planted.put(value, where);
        for (int i = 0; i + RUN <= value.length(); i++) {
            runs.putIfAbsent(value.substring(i, i + RUN), value);
        }
        return value;
    }

    /** Forgets every planted value. */
    public void clear() {
        planted.clear();
        runs.clear();
    }

    /**
     * Fails if {@code output} holds a planted value or a run of {@value #RUN} of its characters, apart from the
     * documented partial e-mail mask ({@code j***@example.com}).
     *
     * @param what what {@code output} is, for the message
     */
    public void assertNoneIn(String what, String output) {
        String text = HEX.matcher(EMAIL_MASK.matcher(output).replaceAll("<mask>")).replaceAll("<hex>");
        for (Map.Entry<String, String> value : planted.entrySet()) {
            if (output.contains(value.getKey())) {
                throw new AssertionError("seed " + seed + ", " + value.getValue() + ": the planted value '" + value.getKey()
                        + "' left in " + what + ":\n" + excerpt(output, output.indexOf(value.getKey())));
            }
        }
        for (int i = 0; i + RUN <= text.length(); i++) {
            String value = runs.get(text.substring(i, i + RUN));
            if (value != null) {
                throw new AssertionError("seed " + seed + ", " + planted.get(value) + ": part of the planted value '" + value
                        + "' ('" + text.substring(i, i + RUN) + "') left in " + what + ":\n" + excerpt(text, i));
            }
        }
    }

    private static String excerpt(String text, int at) {
        int from = Math.max(0, at - 120);
        int to = Math.min(text.length(), at + 120);
        return "…" + text.substring(from, to) + "…";
    }

    // ---- generators ----

    /** A random secret of 12 to 32 characters (letters and digits, never a word). */
    public static String secret(SplittableRandom random) {
        int length = 12 + random.nextInt(21);
        StringBuilder secret = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            secret.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return secret.toString();
    }

    /** A Luhn-valid 16-digit Visa number, compact or in groups of four. */
    public static String card(SplittableRandom random) {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            int d = digits[14 - i];
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder card = new StringBuilder(19);
        boolean grouped = random.nextBoolean();
        for (int i = 0; i < 16; i++) {
            if (grouped && i > 0 && i % 4 == 0) {
                card.append(' ');
            }
            card.append(digits[i]);
        }
        return card.toString();
    }

    /** A random address {@code local@domain.com} (or .org, .net), local part of 7 to 12 letters. */
    public static String email(SplittableRandom random) {
        return letters(random, 7 + random.nextInt(6)) + "@" + letters(random, 5 + random.nextInt(5))
                + List.of(".com", ".org", ".net").get(random.nextInt(3));
    }

    /** {@code count} random lowercase consonants. */
    public static String letters(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return text.toString();
    }

    /** Filler prose of exactly {@code length} characters: words of vowels and spaces, no digits, no consonants. */
    public static String filler(SplittableRandom random, int length) {
        StringBuilder text = new StringBuilder(length + 12);
        while (text.length() < length) {
            for (int i = 2 + random.nextInt(7); i > 0; i--) {
                text.append(FILLER.charAt(random.nextInt(FILLER.length())));
            }
            text.append(' ');
        }
        return text.substring(0, length);
    }

    /** A PEM private-key block of about 2.6 KB, which the scrubber replaces by a short marker. */
    public static String privateKey(SplittableRandom random) {
        StringBuilder pem = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
        for (int line = 0; line < 40; line++) {
            for (int i = 0; i < 64; i++) {
                pem.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
            }
            pem.append('\n');
        }
        return pem.append("-----END PRIVATE KEY-----").toString();
    }

    /** Whether the default scrubber treats every key of {@link #SECRET_KEYS} as a secret (a precondition). */
    public static boolean secretKeysAreSensitive() {
        for (String key : SECRET_KEYS) {
            if (!Scrubber.defaults().isSensitiveKey(key)) {
                return false;
            }
        }
        return true;
    }

    // ---- dumps of what the dispatcher exposes ----

    /** Every text of {@code alert}: name, labels and annotations (keys and values), summary, description, source. */
    public static String dump(Alert alert) {
        return alert.name() + "\n" + alert.labels() + "\n" + alert.annotations() + "\n" + alert.summary() + "\n"
                + alert.description() + "\n" + alert.source() + "\n" + alert.fingerprint() + "\n";
    }

    /** Every text of a notification. */
    public static String dump(AlertNotification notification) {
        StringBuilder text = new StringBuilder(notification.toString()).append('\n');
        for (NotifiedAlert shown : notification.alerts()) {
            text.append(dump(shown.alert())).append(shown.acknowledgement()).append('\n');
        }
        return text.toString();
    }

    /** Every text of a preview: the alert, routes, suppression, each payload (body and fields), render errors. */
    public static String dump(AlertPreview preview) {
        StringBuilder text = new StringBuilder(dump(preview.alert())).append(preview.routes()).append(preview.suppressedBy())
                .append(preview.renderErrors()).append('\n');
        for (Map.Entry<String, ChannelPayload> payload : preview.payloads().entrySet()) {
            text.append(payload.getKey()).append(": ").append(payload.getValue().body()).append('\n')
                    .append(payload.getValue().fields()).append('\n');
        }
        return text.toString();
    }

    /** Every text of the history, incidents (with timelines) and events the dispatcher exposes. */
    public static String dump(Collection<AlertHistoryEntry> history, Collection<AlertIncident> incidents,
            Collection<AlertEvent> events) {
        List<String> parts = new ArrayList<>();
        for (AlertHistoryEntry entry : history) {
            parts.add(entry.toString());
            parts.add(dump(entry.alert()));
        }
        for (AlertIncident incident : incidents) {
            parts.add(incident.toString());
            parts.add(dump(incident.alert()));
        }
        for (AlertEvent event : events) {
            parts.add(event.toString());
            if (event.alert() != null) {
                parts.add(dump(event.alert()));
            }
        }
        return String.join("\n", parts);
    }
}
