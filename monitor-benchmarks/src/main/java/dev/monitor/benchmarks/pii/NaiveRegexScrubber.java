package dev.monitor.benchmarks.pii;

import java.util.List;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline: a typical hand-written scrubber, one {@code java.util.regex} pattern per detector applied in
 * sequence, with the same validations as the scrubber where a careful author would add them (Luhn for cards, mod-97
 * for IBANs, Verhoeff for Aadhaar, loopback addresses kept). It covers the same detectors so the comparison is fair.
 */
final class NaiveRegexScrubber {

    private record Rule(Pattern pattern, Function<MatchResult, String> replacement) {
    }

    private final List<Rule> rules = List.of(
            rule("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", "[email]"),
            new Rule(Pattern.compile("\\b(?:\\d[ -]?){12,18}\\d\\b"),
                    m -> luhn(m.group()) ? "[payment_card]" : quote(m.group())),
            new Rule(Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
                    m -> mod97(m.group()) ? "[iban]" : quote(m.group())),
            rule("\\b\\d{3}-\\d{2}-\\d{4}\\b", "[us_ssn]"),
            new Rule(Pattern.compile("\\b[2-9]\\d{3} ?\\d{4} ?\\d{4}\\b"),
                    m -> verhoeff(m.group()) ? "[aadhaar]" : quote(m.group())),
            rule("\\b[A-Z]{3}[PCHFATBLJGE][A-Z]\\d{4}[A-Z]\\b", "[indian_pan]"),
            rule("\\+\\d{1,3}[ -]?(?:\\(\\d{1,4}\\)[ -]?)?\\d{1,4}(?:[ .-]?\\d{1,4}){1,4}\\b", "[phone]"),
            new Rule(Pattern.compile("\\b(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\b"),
                    m -> m.group().startsWith("127.") || m.group().equals("0.0.0.0") ? quote(m.group())
                            : "[ip_address]"),
            rule("(?i)\\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\\b|\\b(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f]{1,4}\\b",
                    "[ip_address]"),
            rule("eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*", "[jwt]"),
            rule("(?i)\\b(?:Bearer|Basic) [A-Za-z0-9._~+/=-]{8,}", "[auth_credential]"),
            rule("\\b(?:AKIA|ASIA)[A-Z0-9]{16}\\b|\\bAIza[0-9A-Za-z_-]{35}\\b|\\bgh[pousr]_[A-Za-z0-9]{36,}\\b"
                    + "|\\bxox[baprs]-[A-Za-z0-9-]{10,}|\\b[sr]k_(?:live|test)_[A-Za-z0-9]{16,}|\\bsk-[A-Za-z0-9_-]{20,}"
                    + "|\\bglpat-[A-Za-z0-9_-]{20,}|\\bnpm_[A-Za-z0-9]{36}\\b|\\bhf_[A-Za-z]{30,}", "[api_key]"),
            rule("(?<=://)[^/\\s:@]+:[^/\\s@]+(?=@)", "[url_credentials]"),
            rule("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----", "[private_key]"),
            rule("(?<=/(?:home|Users)/)[^/\\s\"]+", "[home_path]"),
            new Rule(Pattern.compile("(?i)(\"?(?:password|passwd|pwd|secret|token|api[_-]?key|authorization|cookie"
                    + "|session|credentials?|private[_-]?key|client[_-]?secret|access[_-]?token|refresh[_-]?token)\"?"
                    + "\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s&,;\"]+)"), m -> quote(m.group(1)) + "[secret]"));

    String scrub(String text) {
        String result = text;
        for (Rule rule : rules) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }

    private static Rule rule(String regex, String marker) {
        return new Rule(Pattern.compile(regex), m -> marker);
    }

    private static String quote(String text) {
        return Matcher.quoteReplacement(text);
    }

    private static boolean luhn(String text) {
        int sum = 0;
        int count = 0;
        for (int p = text.length() - 1; p >= 0; p--) {
            char c = text.charAt(p);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if ((count++ & 1) == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static boolean mod97(String text) {
        String compact = text.replace(" ", "");
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (char c : rearranged.toCharArray()) {
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
    }

    private static boolean verhoeff(String text) {
        int[][] d = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
        int[][] p = {{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
            {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
            {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
        String digits = text.replace(" ", "");
        int check = 0;
        for (int i = 0; i < digits.length(); i++) {
            check = d[check][p[i % 8][digits.charAt(digits.length() - 1 - i) - '0']];
        }
        return check == 0;
    }
}
