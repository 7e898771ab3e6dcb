package dev.monitor.uptime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code ${variable}} substitution for scenario steps. Not API. */
public final class Templates {

    private Templates() {
    }

    /** Whether {@code name} is a variable name: 1-64 ASCII letters, digits, '_', '-' and '.', starting with a letter or '_'. */
    public static boolean isVariableName(String name) {
        if (name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
            boolean other = c >= '0' && c <= '9' || c == '-' || c == '.';
            if (!(letter || i > 0 && other)) {
                return false;
            }
        }
        return true;
    }

    /** The variables {@code text} uses, in order. */
    public static List<String> variables(String text) {
        List<String> names = new ArrayList<>();
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = text.indexOf('}', at + 2);
            if (end < 0) {
                break;
            }
            names.add(text.substring(at + 2, end));
            at = text.indexOf("${", end + 1);
        }
        return names;
    }

    /**
     * {@code text} with every {@code ${name}} replaced by its value.
     *
     * @return the text, or {@code null} when it uses a variable without a value (see {@link #missing})
     */
    public static @Nullable String substitute(String text, Map<String, String> values) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 32);
        int from = 0;
        int at = text.indexOf("${");
        while (at >= 0) {
            int end = text.indexOf('}', at + 2);
            if (end < 0) {
                break;
            }
            String value = values.get(text.substring(at + 2, end));
            if (value == null) {
                return null;
            }
            out.append(text, from, at).append(value);
            from = end + 1;
            at = text.indexOf("${", from);
        }
        return out.append(text, from, text.length()).toString();
    }

    /** The first variable {@code text} uses without a value, or {@code null}. */
    public static @Nullable String missing(String text, Map<String, String> values) {
        for (String name : variables(text)) {
            if (!values.containsKey(name)) {
                return name;
            }
        }
        return null;
    }
}
