package dev.monitor.sentry.internal;

import dev.monitor.config.internal.ArgumentChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Request paths to match without regular expressions: an exact path ({@code /status}) or a subtree ({@code /actuator/**},
 * which matches {@code /actuator} itself and everything below it). Matching is case-sensitive and ignores a query
 * string or fragment left on the path.
 */
public final class RoutePatterns {

    private static final String SUBTREE = "/**";
    private static final int MAX_PATTERN_LENGTH = 200;
    private static final int MAX_PATTERNS = 100;

    private final List<String> patterns;
    private final String[] exact;
    private final String[] subtrees;

    private RoutePatterns(List<String> patterns, String[] exact, String[] subtrees) {
        this.patterns = patterns;
        this.exact = exact;
        this.subtrees = subtrees;
    }

    /**
     * Compiles {@code patterns}.
     *
     * @param option the option's name, for error messages
     * @throws IllegalArgumentException naming {@code option} and the refused pattern when one does not start with
     *     {@code /}, holds whitespace or a {@code *} anywhere but a trailing {@code /**}, or is longer than 200
     *     characters; or when there are more than 100
     */
    public static RoutePatterns compile(String option, List<String> patterns) {
        Objects.requireNonNull(patterns, option);
        if (patterns.size() > MAX_PATTERNS) {
            throw new IllegalArgumentException(option + " holds " + patterns.size() + " patterns, at most "
                    + MAX_PATTERNS + " are allowed");
        }
        List<String> kept = new ArrayList<>(patterns.size());
        List<String> exact = new ArrayList<>();
        List<String> subtrees = new ArrayList<>();
        for (String pattern : patterns) {
            String checked = check(option, pattern);
            kept.add(checked);
            if (checked.endsWith(SUBTREE)) {
                subtrees.add(checked.substring(0, checked.length() - SUBTREE.length()));
            } else {
                exact.add(checked);
            }
        }
        return new RoutePatterns(List.copyOf(kept), exact.toArray(String[]::new), subtrees.toArray(String[]::new));
    }

    /** The patterns as given (stripped). */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether no pattern is set. */
    public boolean isEmpty() {
        return patterns.isEmpty();
    }

    /** Whether {@code path} (a request path, possibly with a query string) matches one of the patterns. */
    public boolean matches(String path) {
        int end = path.length();
        for (int i = 0; i < end; i++) {
            char c = path.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        for (String candidate : exact) {
            if (candidate.length() == end && path.startsWith(candidate)) {
                return true;
            }
        }
        for (String prefix : subtrees) {
            int length = prefix.length();
            if (end >= length && path.startsWith(prefix) && (end == length || path.charAt(length) == '/')) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }

    private static String check(String option, String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException(option + " must not hold null patterns");
        }
        String stripped = pattern.strip();
        String shown = ArgumentChecks.printable(stripped);
        if (stripped.length() > MAX_PATTERN_LENGTH) {
            throw new IllegalArgumentException(option + " holds a pattern of " + stripped.length()
                    + " characters, at most " + MAX_PATTERN_LENGTH + " are allowed: '" + shown + "'");
        }
        if (!stripped.startsWith("/")) {
            throw new IllegalArgumentException(option + " patterns must start with '/' (e.g. /health or /actuator/**), "
                    + "was '" + shown + "'");
        }
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '?' || c == '#') {
                throw new IllegalArgumentException(option + " patterns must be paths without whitespace, query or "
                        + "fragment, was '" + shown + "'");
            }
        }
        int star = stripped.indexOf('*');
        if (star >= 0 && !(stripped.endsWith(SUBTREE) && star == stripped.length() - 2)) {
            throw new IllegalArgumentException(option + " patterns may use '*' only as a trailing '/**' (a path and "
                    + "everything below it), was '" + shown + "'");
        }
        return stripped;
    }
}
