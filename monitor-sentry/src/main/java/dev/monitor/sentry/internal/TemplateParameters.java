package dev.monitor.sentry.internal;

import dev.monitor.pii.Scrubber;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Judges the parameters of a message template ({@code "login with password=%s"}) by the text before their placeholder.
 * Sentry sends a formatted message (scrubbed as a whole, so {@code password=[secret]}) beside its template and its
 * parameters (an event's {@code message.params}, a log's {@code sentry.message.parameter.N} attributes); a parameter
 * under a key that marks a secret is redacted as a whole, as in the formatted message.
 */
final class TemplateParameters {

    private static final String PARAMETER_PREFIX = "sentry.message.parameter.";
    /** A key the scrubber treats as secret, to redact a parameter whose template context marks it as one. */
    private static final String SECRET_KEY = "secret";
    /** A text no detector flags, to find out whether a template's context redacts what follows it. */
    private static final String PROBE = "placeholdervalue";

    private final Scrubber scrubber;

    TemplateParameters(Scrubber scrubber) {
        this.scrubber = Objects.requireNonNull(scrubber, "scrubber");
    }

    /** The index of a log parameter attribute ({@code sentry.message.parameter.2} is 2), or -1. */
    static int attributeIndex(String key) {
        if (!key.startsWith(PARAMETER_PREFIX) || key.length() == PARAMETER_PREFIX.length()
                || key.length() > PARAMETER_PREFIX.length() + 4) {
            return -1;
        }
        int index = 0;
        for (int i = PARAMETER_PREFIX.length(); i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            index = index * 10 + (c - '0');
        }
        return index;
    }

    /**
     * Whether the text of {@code template} before its {@code index}-th placeholder ({@code %s}-style, or {@code {}})
     * puts whatever follows under a key that marks a secret: {@code "login with password=%s"}, {@code "token: {}"},
     * {@code "Authorization: Bearer %s"}.
     */
    boolean isSensitive(@Nullable String template, int index) {
        if (template == null || template.isEmpty()) {
            return false;
        }
        int at = placeholder(template, index);
        if (at < 0) {
            return false;
        }
        return !scrubber.scrub(template.substring(0, at) + PROBE).endsWith(PROBE);
    }

    /** {@code value} redacted as the value of a secret. */
    String redact(String value) {
        return scrubber.scrubValue(SECRET_KEY, value);
    }

    /**
     * {@code params} with every parameter whose placeholder in {@code template} follows a key that marks a secret
     * redacted as a whole; the same list when none is.
     */
    @Nullable List<String> redact(@Nullable String template, @Nullable List<String> params) {
        if (params == null || params.isEmpty() || template == null) {
            return params;
        }
        List<String> copy = null;
        for (int i = 0; i < params.size(); i++) {
            String param = params.get(i);
            if (param != null && !param.isEmpty() && isSensitive(template, i)) {
                String redacted = redact(param);
                if (!redacted.equals(param)) {
                    if (copy == null) {
                        copy = new ArrayList<>(params);
                    }
                    copy.set(i, redacted);
                }
            }
        }
        return copy == null ? params : copy;
    }

    /** Where the {@code index}-th placeholder of {@code template} starts, or -1. */
    static int placeholder(String template, int index) {
        int seen = 0;
        for (int i = 0; i < template.length() - 1; i++) {
            char c = template.charAt(i);
            if (c == '{' && template.charAt(i + 1) == '}') {
                if (seen++ == index) {
                    return i;
                }
                i++;
            } else if (c == '%') {
                int j = i + 1;
                while (j < template.length() && "0123456789$-#+ ,(.<".indexOf(template.charAt(j)) >= 0) {
                    j++;
                }
                if (j >= template.length()) {
                    return -1;
                }
                char conversion = template.charAt(j);
                if (conversion != '%' && conversion != 'n' && Character.isLetter(conversion) && seen++ == index) {
                    return i;
                }
                i = j;
            }
        }
        return -1;
    }
}
