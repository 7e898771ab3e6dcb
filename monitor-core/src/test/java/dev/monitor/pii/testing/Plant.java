package dev.monitor.pii.testing;

import java.util.List;

/**
 * A value planted in a field to see whether it leaves the process.
 *
 * @param kind which detector family or key rule should catch it ({@code payment_card}, {@code secret_pair}, ...)
 * @param text what is planted, as a user would write it ({@code "4111 1111 1111 1111"}, {@code "password=hunter2x"})
 * @param secrets the parts that must not survive, not even as a run of {@value Leaks#RUN} characters; the rest
 *     of {@code text} (a key name, a URL scheme, an email's domain) may
 */
public record Plant(String kind, String text, List<String> secrets) {

    public Plant {
        secrets = List.copyOf(secrets);
        for (String secret : secrets) {
            if (secret.length() < Leaks.RUN) {
                throw new IllegalArgumentException("secret '" + secret + "' is shorter than " + Leaks.RUN);
            }
        }
    }

    /** {@code text} as a JSON string body would carry it (quotes and backslashes escaped, line breaks as \n). */
    public String jsonEscaped() {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
