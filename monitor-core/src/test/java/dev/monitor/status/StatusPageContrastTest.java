package dev.monitor.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * WCAG AA contrast in both colour schemes, computed from the style sheet the page actually serves: text 4.5:1 against
 * what it is drawn on, uptime bars (graphical objects) 3:1 against the page.
 */
class StatusPageContrastTest {

    /** A text colour (or bar colour) and what it is drawn on, as custom properties of the served CSS, and the minimum. */
    private record Pair(String what, String foreground, String background, double minimum) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("body text", "--fg", "--bg", 4.5),
            new Pair("muted text (updated, meta, legend, descriptions)", "--muted", "--bg", 4.5),
            new Pair("banner: operational", "--on-state", "--ok", 4.5),
            new Pair("banner: degraded", "--on-state", "--warn", 4.5),
            new Pair("banner: outage", "--on-state", "--bad", 4.5),
            new Pair("banner: no data", "--on-state", "--none", 4.5),
            new Pair("banner: maintenance", "--on-state", "--maint", 4.5),
            new Pair("state word: operational", "--ok", "--bg", 4.5),
            new Pair("state word: degraded", "--warn", "--bg", 4.5),
            new Pair("state word: outage", "--bad", "--bg", 4.5),
            new Pair("state word: maintenance", "--maint", "--bg", 4.5),
            new Pair("bar: no data", "--none", "--bg", 3),
            new Pair("bar: up", "--ok", "--bg", 3),
            new Pair("bar: partial", "--warn", "--bg", 3),
            new Pair("bar: down", "--bad", "--bg", 3));

    @Test
    void everyTextAndBarColourMeetsWcagAaInTheLightAndTheDarkScheme() {
        StatusPage page = StatusPage.builder("Orders status").build();
        String html = new String(page.handle(new StatusRequest("GET", "", null, null, "/status", false)).join().body(),
                StandardCharsets.UTF_8);
        Matcher style = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL).matcher(html);
        assertThat(style.find()).isTrue();
        String css = style.group(1);
        int dark = css.indexOf("@media (prefers-color-scheme:dark)");
        assertThat(dark).as("the served CSS has a dark scheme").isPositive();
        Map<String, String> light = variables(css.substring(0, dark));
        Map<String, String> darkScheme = new LinkedHashMap<>(light);
        darkScheme.putAll(variables(css.substring(dark, css.indexOf("}}", dark) + 2)));

        // every colour the rules use is a variable covered above: no literal colour hides from this test
        Matcher literal = Pattern.compile("(?:color|background):(#[0-9a-fA-F]{3,6})").matcher(css);
        assertThat(literal.find()).as("a literal colour in a rule").isFalse();
        assertThat(css).contains(".overall{padding:.9rem 1.1rem;border-radius:.5rem;color:var(--on-state)");

        for (Map.Entry<String, Map<String, String>> scheme : Map.of("light", light, "dark", darkScheme).entrySet()) {
            for (Pair pair : PAIRS) {
                double ratio = ratio(scheme.getValue().get(pair.foreground()), scheme.getValue().get(pair.background()));
                System.out.printf("%s scheme, %s: %.2f:1%n", scheme.getKey(), pair.what(), ratio);
                assertThat(ratio).as("%s scheme, %s (%s on %s)", scheme.getKey(), pair.what(),
                        scheme.getValue().get(pair.foreground()), scheme.getValue().get(pair.background()))
                        .isGreaterThanOrEqualTo(pair.minimum());
            }
        }
    }

    private static Map<String, String> variables(String css) {
        Map<String, String> variables = new LinkedHashMap<>();
        Matcher matcher = Pattern.compile("(--[a-z-]+):(#[0-9a-fA-F]{6})").matcher(css);
        while (matcher.find()) {
            variables.put(matcher.group(1), matcher.group(2));
        }
        return variables;
    }

    /** The WCAG 2 contrast ratio of two {@code #rrggbb} colours. */
    static double ratio(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] channels = new double[3];
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            channels[i] = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    }

    @Test
    void theOldDarkBannerWouldHaveFailed() {
        assertThat(ratio("#ffffff", "#d29922")).isLessThan(4.5); // the colours the issue reported, about 2.5:1
    }
}
