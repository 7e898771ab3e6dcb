package dev.monitor.config;

import dev.monitor.pii.Scrubber;
import org.jspecify.annotations.Nullable;

/**
 * The rules for names and label keys, applied by every builder and registry of the library.
 *
 * <ul>
 *   <li>A <b>name</b> (of a health check, health group, alert, channel, route, rule, uptime target, job or status
 *       component) is 1 to {@value #MAX_LENGTH} characters of ASCII letters, digits, {@code '.'}, {@code '_'} and
 *       {@code '-'}, and starts with a letter or digit: {@code database}, {@code payment-provider},
 *       {@code HighErrorRate}, {@code orders.db}.
 *   <li>A <b>label key</b> (of alert labels and {@code groupBy}) is 1 to {@value #MAX_LENGTH} characters of ASCII
 *       letters, digits and {@code '_'}, not starting with a digit, as in Prometheus: {@code service},
 *       {@code instance}, {@code error_kind}.
 * </ul>
 *
 * <p>Names reach URLs ({@code /health/checks/{name}}), log lines, metric tags, JSON and HTML; this set needs no
 * escaping in any of them. Anything else is refused at registration with an {@link IllegalArgumentException}
 * that names the setting and shows the refused value (escaped, scrubbed and shortened, since it may hold
 * anything).
 */
public final class Names {

    /** The longest name or label key accepted. */
    public static final int MAX_LENGTH = 64;

    /** The longest form of a refused value shown in an error message. */
    private static final int SHOWN_LENGTH = 80;

    private Names() {
    }

    /**
     * Returns {@code name} if it follows the name rule.
     *
     * @param setting what the name is of, for the message ({@code "health check name"})
     * @throws IllegalArgumentException naming {@code setting} and the rule if it does not
     * @throws NullPointerException if {@code name} is null
     */
    public static String requireName(String setting, @Nullable String name) {
        if (name == null) {
            throw new NullPointerException(setting + " must not be null");
        }
        if (!isValidName(name)) {
            throw new IllegalArgumentException(setting + " must be 1-" + MAX_LENGTH
                    + " characters of ASCII letters, digits, '.', '_' and '-', starting with a letter or digit, was "
                    + show(name));
        }
        return name;
    }

    /**
     * Returns {@code key} if it follows the label-key rule.
     *
     * @param setting what the key is of, for the message ({@code "label name"})
     * @throws IllegalArgumentException naming {@code setting} and the rule if it does not
     * @throws NullPointerException if {@code key} is null
     */
    public static String requireLabelKey(String setting, @Nullable String key) {
        if (key == null) {
            throw new NullPointerException(setting + " must not be null");
        }
        if (!isValidLabelKey(key)) {
            throw new IllegalArgumentException(setting + " must be 1-" + MAX_LENGTH
                    + " characters of ASCII letters, digits and '_', not starting with a digit ([a-zA-Z_][a-zA-Z0-9_]*), was "
                    + show(key));
        }
        return key;
    }

    /** Whether {@code name} follows the name rule. */
    public static boolean isValidName(String name) {
        int length = name.length();
        if (length == 0 || length > MAX_LENGTH || !isLetterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = name.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code key} follows the label-key rule. */
    public static boolean isValidLabelKey(String key) {
        int length = key.length();
        if (length == 0 || length > MAX_LENGTH || isDigit(key.charAt(0))) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (!isLetterOrDigit(c) && c != '_') {
                return false;
            }
        }
        return true;
    }

    /**
     * A refused value as an error message may show it: scrubbed (it may hold personal data), then with control
     * and non-ASCII characters escaped, then shortened, in single quotes.
     */
    static String show(String value) {
        String scrubbed = Scrubber.defaults().scrub(value);
        StringBuilder shown = new StringBuilder(Math.min(scrubbed.length(), SHOWN_LENGTH) + 8).append('\'');
        for (int i = 0; i < scrubbed.length(); i++) {
            if (shown.length() > SHOWN_LENGTH) {
                shown.append('…');
                break;
            }
            char c = scrubbed.charAt(i);
            if (c < 0x20 || c == 0x7f || c > 0x7e || c == '\'' || c == '\\') {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.append('\'').append(" (").append(value.length()).append(" characters)").toString();
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
