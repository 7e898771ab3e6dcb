package dev.monitor.pii.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leak assertion over many plants at once: remembers what each case planted and where, then finds in an output
 * every planted secret, and every run of {@value Leaks#RUN} of its characters, that survived, naming the case that
 * planted it. One pass over the output whatever the number of plants, so a suite can check a whole batch of cases
 * (a health report of fifty checks, every request a dispatcher sent) against everything the batch planted.
 *
 * <p>What does not count, so that a leak found is a leak:
 * <ul>
 *   <li>the documented partial mask of an email, {@code j***@example.com}, also when it was cut
 *       ({@code j***@exa…}): its first letter and domain are not listed as secrets by {@link PiiSamples#email()};
 *   <li>a run that lies in a random identifier or a time of the output (a fingerprint, an event, trace or span id, a
 *       pseudonym, a UUID, a mail's Message-ID or MIME boundary, an ISO-8601 time or duration, a mail or HTTP date, an epoch number, a measured duration with
 *       six or more decimals): such digits can hold any six digits of a card number by chance. A secret that stands there whole
 *       still counts.
 * </ul>
 * Escapes are looked through: the output is also read with JSON ({@code \u0040}), HTML ({@code &#64;}) and URL
 * ({@code %40}, {@code +}) escapes undone, so an escaped secret counts as the secret.
 */
public final class LeakIndex {

    // the documented partial email mask, possibly cut after the '@'
    private static final Pattern EMAIL_MASK = Pattern.compile("[A-Za-z0-9]\\*\\*\\*@[A-Za-z0-9.\\-]*");
    // random ids as the library and the SDKs write them: 16 or more lowercase hex digits with at least one letter (a
    // card number has none; an IBAN's country code is upper case), or a UUID
    private static final Pattern HEX_ID = Pattern.compile(
            "(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9A-Za-z])"
                    + "|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
                    // Jakarta Mail's Message-ID <hashCode.counter.epochMillis@host> and MIME boundary
                    // ----=_Part_counter_hashCode.epochMillis: random and clock digits
                    + "|<\\d+\\.\\d+\\.\\d+@[^>\\s]*>|=_Part_\\d+_\\d+\\.\\d+");
    // ISO-8601 dates, times and durations (PT0.000275925S), epoch seconds with a fraction, epoch milliseconds,
    // measurements with six or more decimals
    private static final Pattern TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                    + "|\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d{1,9})?|PT[0-9.HMS]+"
                    + "|(?<![0-9.])1\\d{9}\\.\\d{1,9}(?![0-9])|(?<![0-9.])1\\d{12}(?![0-9.])|\\d+\\.\\d{6,}"
                    // mail and HTTP dates: "Sun, 6 Dec 2026 22:59:06 +0000", "Sun Dec 06 22:59:06 UTC 2026"
                    + "|(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),? (?:\\d{1,2} )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                    + " (?:\\d{1,2} )?(?:\\d{4} )?\\d{2}:\\d{2}:\\d{2}(?: [A-Z]{3,4}| [+-]\\d{4})?(?: \\d{4})?");

    /** A planted secret and the case that planted it. */
    private record Entry(Plant plant, String secret, String where) {
    }

    /** A run of {@value Leaks#RUN} characters of a secret: where it starts in the secret. */
    private record Run(Entry entry, int offset) {
    }

    /**
     * A secret found in an output.
     *
     * @param where the case that planted it, as given to {@link #add}
     * @param plant what was planted
     * @param secret the secret that leaked, whole or in part
     * @param run what of it was found: the secret itself or a run of {@value Leaks#RUN} of its characters
     * @param context the output around the find
     */
    public record Leak(String where, Plant plant, String secret, String run, String context) {
        @Override
        public String toString() {
            return where + ": " + plant.kind() + " '" + secret + "' leaked as '" + run + "' in: " + context;
        }
    }

    private static final long BASE = 1_000_003L;
    private static final int FILTER_BITS = 20;
    private static final long BASE_POWER; // BASE^(RUN-1), to roll the first character out

    static {
        long power = 1;
        for (int i = 1; i < Leaks.RUN; i++) {
            power *= BASE;
        }
        BASE_POWER = power;
    }

    // runs by a hash of their characters; a hit is confirmed character by character. The bit set answers "surely not
    // a run" for most positions of an output without boxing a key.
    private final Map<Long, List<Run>> runs = new HashMap<>();
    private final BitSet maybe = new BitSet(1 << FILTER_BITS);
    private final List<Entry> entries = new ArrayList<>();

    /** Remembers {@code plant} as planted by {@code where} (the seed, the case, what and where it was planted). */
    public LeakIndex add(Plant plant, String where) {
        for (String secret : plant.secrets()) {
            Entry entry = new Entry(plant, secret, where);
            entries.add(entry);
            for (int i = 0; i + Leaks.RUN <= secret.length(); i++) {
                long hash = hash(secret, i);
                runs.computeIfAbsent(hash, key -> new ArrayList<>(1)).add(new Run(entry, i));
                maybe.set(filterBit(hash));
            }
        }
        return this;
    }

    /** Whether nothing was planted. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Forgets every plant. */
    public void clear() {
        runs.clear();
        entries.clear();
        maybe.clear();
    }

    /**
     * Fails if {@code output} holds a planted secret or a run of {@value Leaks#RUN} of its characters, naming each leak
     * with the case that planted it.
     *
     * @param what what {@code output} is, for the message ({@code "the request to /webhook"})
     */
    public void assertNoneIn(String what, String output) {
        List<Leak> leaks = find(output);
        if (!leaks.isEmpty()) {
            StringBuilder message = new StringBuilder().append(leaks.size()).append(" planted value(s) left in ")
                    .append(what).append(':');
            for (Leak leak : leaks) {
                message.append("\n  ").append(leak);
            }
            throw new AssertionError(message.toString());
        }
    }

    /** The leaks of the planted secrets in {@code output}, at most one per secret. */
    public List<Leak> find(String output) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<Entry, Leak> found = new HashMap<>();
        for (String form : forms(output)) {
            scan(form, found);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        List<Leak> leaks = new ArrayList<>(found.size());
        for (Entry entry : entries) {
            Leak leak = found.get(entry);
            if (leak != null) {
                leaks.add(leak);
            }
        }
        return leaks;
    }

    private void scan(String form, Map<Entry, Leak> found) {
        int n = form.length();
        if (n < Leaks.RUN) {
            return;
        }
        char[] chars = form.toCharArray();
        BitSet ignored = null;
        Set<Entry> inIds = null;
        long hash = 0;
        for (int i = 0; i < Leaks.RUN; i++) {
            hash = hash * BASE + chars[i];
        }
        for (int i = 0; ; i++) {
            if (maybe.get(filterBit(hash))) {
                List<Run> hits = runs.get(hash);
                if (hits != null) {
                    for (Run hit : hits) {
                        Entry entry = hit.entry();
                        if (found.containsKey(entry) || !form.regionMatches(i, entry.secret(), hit.offset(), Leaks.RUN)) {
                            continue;
                        }
                        if (ignored == null) {
                            ignored = ignoredRegions(form);
                        }
                        int next = ignored.nextSetBit(i);
                        if (next >= 0 && next < i + Leaks.RUN) {
                            if (inIds == null) {
                                inIds = new LinkedHashSet<>();
                            }
                            inIds.add(entry);
                        } else {
                            found.put(entry, leak(entry, form, i, Leaks.RUN));
                        }
                    }
                }
            }
            if (i + Leaks.RUN >= n) {
                break;
            }
            hash = (hash - chars[i] * BASE_POWER) * BASE + chars[i + Leaks.RUN];
        }
        if (inIds != null) {
            for (Entry entry : inIds) {
                int at = form.indexOf(entry.secret());
                if (!found.containsKey(entry) && at >= 0) {
                    found.put(entry, leak(entry, form, at, entry.secret().length()));
                }
            }
        }
    }

    private static int filterBit(long hash) {
        long mixed = hash * 0x9E3779B97F4A7C15L;
        return (int) (mixed >>> (64 - FILTER_BITS));
    }

    private static long hash(String text, int from) {
        long hash = 0;
        for (int i = from; i < from + Leaks.RUN; i++) {
            hash = hash * BASE + text.charAt(i);
        }
        return hash;
    }

    private static Leak leak(Entry entry, String form, int at, int length) {
        String run = form.substring(at, at + length);
        int from = Math.max(0, at - 60);
        int to = Math.min(form.length(), at + length + 60);
        return new Leak(entry.where(), entry.plant(), entry.secret(), run,
                "…" + form.substring(from, to).replace("\n", "\\n").replace("\r", "\\r") + "…");
    }

    /** Where a run does not count unless its whole secret stands there: email masks, random ids, time stamps. */
    private static BitSet ignoredRegions(String form) {
        BitSet ignored = new BitSet(form.length());
        for (Pattern pattern : new Pattern[] {EMAIL_MASK, HEX_ID, TIME}) {
            Matcher m = pattern.matcher(form);
            while (m.find()) {
                ignored.set(m.start(), m.end());
            }
        }
        return ignored;
    }

    /**
     * The output with its JSON, HTML and percent escapes undone (if it has any); and that again with {@code +} read as
     * a space, as a form or query string means it (if it has a {@code +} and a {@code =} or {@code %}).
     */
    static List<String> forms(String output) {
        // No secret holds an escape (a backslash, a '%', an HTML entity): where the output holds one as written, its
        // decoded form holds it too, so the decoded form stands for both.
        String decoded = unescape(output);
        if (output.indexOf('+') >= 0 && (output.indexOf('=') >= 0 || output.indexOf('%') >= 0)) {
            return List.of(decoded, decoded.replace('+', ' ')); // perhaps a form or query string
        }
        return List.of(decoded);
    }

    /** One pass undoing JSON ({@code \u0040}, {@code \n}), HTML ({@code &#64;}, {@code &amp;}) and URL ({@code %40}) escapes. */
    private static String unescape(String text) {
        int n = text.length();
        int special = nextSpecial(text, 0);
        if (special >= n) {
            return text;
        }
        StringBuilder out = new StringBuilder(n);
        int copied = 0;
        for (int i = special; i < n; i = nextSpecial(text, i)) {
            char c = text.charAt(i);
            int end = -1; // the end of the escape at i, if it is one
            String decoded = null;
            if (c == '\\' && i + 1 < n) {
                char e = text.charAt(i + 1);
                int simple = "nrtbf\"\\/".indexOf(e);
                if (e == 'u' && isHex(text, i + 2, 4)) {
                    decoded = String.valueOf((char) Integer.parseInt(text, i + 2, i + 6, 16));
                    end = i + 6;
                } else if (simple >= 0) {
                    decoded = String.valueOf("\n\r\t\b\f\"\\/".charAt(simple));
                    end = i + 2;
                }
            } else if (c == '&') {
                int semicolon = text.indexOf(';', i);
                if (semicolon > i + 1 && semicolon - i <= 10) {
                    int codePoint = entity(text.substring(i + 1, semicolon));
                    if (codePoint >= 0 && Character.isValidCodePoint(codePoint)) {
                        decoded = new String(Character.toChars(codePoint));
                        end = semicolon + 1;
                    }
                }
            } else if (c == '%' && isHex(text, i + 1, 2)) {
                // a run of %XX escapes is UTF-8
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                end = i;
                while (end < n && text.charAt(end) == '%' && isHex(text, end + 1, 2)) {
                    bytes.write(Integer.parseInt(text, end + 1, end + 3, 16));
                    end += 3;
                }
                decoded = bytes.toString(StandardCharsets.UTF_8);
            }
            if (decoded == null) {
                i++;
                continue;
            }
            out.append(text, copied, i).append(decoded);
            copied = end;
            i = end;
        }
        return out.append(text, copied, n).toString();
    }

    /** The next backslash, ampersand or percent sign at or after {@code from}, or the length. */
    private static int nextSpecial(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '&' || c == '%') {
                return i;
            }
        }
        return text.length();
    }

    private static int entity(String name) {
        switch (name) {
            case "amp":
                return '&';
            case "lt":
                return '<';
            case "gt":
                return '>';
            case "quot":
                return '"';
            case "apos":
                return '\'';
            default:
                break;
        }
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) {
                return Integer.parseInt(name, 2, name.length(), 16);
            }
            if (name.startsWith("#")) {
                return Integer.parseInt(name, 1, name.length(), 10);
            }
        } catch (NumberFormatException notANumber) {
            return -1;
        }
        return -1;
    }

    private static boolean isHex(String text, int from, int count) {
        if (from + count > text.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
