package dev.monitor.pii.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leak assertion of the generative suites: no planted secret, and no run of {@value #RUN} or more of its
 * characters, survives in an output. The one exception is the documented partial mask of an email
 * ({@code j***@example.com}), whose first letter and domain are meant to stay and are not listed as secrets.
 */
public final class Leaks {

    /** The shortest run of a secret's characters that counts as a leak. */
    public static final int RUN = 6;

    private static final Pattern JSON_UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");

    private Leaks() {
    }

    /**
     * The leaks of {@code plants} in {@code output}: each one names the plant's kind, the secret and the run found,
     * with some context. Also looks at the output with JSON, HTML and URL escapes undone, so an escaped secret
     * ({@code \u0040}, {@code &#64;}, {@code %40}) counts as the secret.
     */
    public static List<String> find(String output, List<Plant> plants) {
        List<String> found = new ArrayList<>();
        List<String> forms = forms(output);
        for (Plant plant : plants) {
            for (String secret : plant.secrets()) {
                String leak = firstRun(forms, secret);
                if (leak != null) {
                    found.add(plant.kind() + " '" + secret + "' leaked as '" + leak + "' in: " + context(forms, leak));
                }
            }
        }
        return found;
    }

    /** {@link #find} for one plant. */
    public static List<String> find(String output, Plant plant) {
        return find(output, List.of(plant));
    }

    private static String firstRun(List<String> forms, String secret) {
        for (String form : forms) {
            if (form.contains(secret)) {
                return secret;
            }
        }
        for (int i = 0; i + RUN <= secret.length(); i++) {
            String run = secret.substring(i, i + RUN);
            for (String form : forms) {
                if (form.contains(run)) {
                    return run;
                }
            }
        }
        return null;
    }

    private static List<String> forms(String output) {
        List<String> forms = new ArrayList<>(3);
        forms.add(output);
        String unescaped = unescape(output);
        if (!unescaped.equals(output)) {
            forms.add(unescaped);
        }
        return forms;
    }

    private static String unescape(String text) {
        Matcher m = JSON_UNICODE_ESCAPE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString()
                .replace("\\n", "\n").replace("\\\"", "\"").replace("\\/", "/").replace("\\\\", "\\")
                .replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#x27;", "'").replace("&#64;", "@").replace("&#x40;", "@")
                .replace("%40", "@").replace("%3A", ":").replace("%2B", "+").replace("%20", " ");
    }

    private static String context(List<String> forms, String run) {
        for (String form : forms) {
            int at = form.indexOf(run);
            if (at >= 0) {
                int from = Math.max(0, at - 40);
                int to = Math.min(form.length(), at + run.length() + 40);
                return "…" + form.substring(from, to).replace("\n", "\\n") + "…";
            }
        }
        return "";
    }
}
