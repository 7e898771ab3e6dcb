package dev.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The name and label-key rules: what they accept, what they refuse, and what a refusal message shows. */
class NamesTest {

    @Test
    void namesOfLettersDigitsDotsUnderscoresAndHyphensAreAccepted() {
        for (String name : new String[] {"database", "payment-provider", "HighErrorRate", "orders.db", "a", "0", "x_1",
            "a".repeat(Names.MAX_LENGTH)}) {
            assertThat(Names.requireName("health check name", name)).isSameAs(name);
        }
    }

    @Test
    void namesWithNewlinesMarkupSpacesSlashesOrTooLongAreRefusedNamingTheSetting() {
        for (String name : new String[] {"", " db", "db ", "two words", "line\nbreak", "<script>", "a/b", "a:b", "-lead",
            ".hidden", "_under", "é", "a".repeat(Names.MAX_LENGTH + 1), "tab\there", "q\"uote"}) {
            assertThatThrownBy(() -> Names.requireName("health check name", name))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("health check name must be 1-64 characters");
        }
        assertThatThrownBy(() -> Names.requireName("alert name", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("alert name must not be null");
    }

    @Test
    void generatedStringsAreAcceptedExactlyWhenEveryCharacterIsInTheSafeSet() {
        long seed = 17L;
        Random random = new Random(seed);
        String alphabet = "aZ09._-/ :\n<>\"'é\u0000\u202e@";
        int cases = 20_000;
        for (int k = 0; k < cases; k++) {
            int length = random.nextInt(Names.MAX_LENGTH + 3);
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < length; i++) {
                name.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String candidate = name.toString();
            boolean expected = candidate.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
            assertThat(Names.isValidName(candidate)).as("seed %d case %d: '%s'", seed, k, candidate).isEqualTo(expected);
            boolean expectedKey = candidate.matches("[A-Za-z_][A-Za-z0-9_]{0,63}");
            assertThat(Names.isValidLabelKey(candidate)).as("seed %d case %d: '%s'", seed, k, candidate)
                    .isEqualTo(expectedKey);
        }
        System.out.println("NamesTest: " + cases + " generated names checked (seed " + seed + ")");
    }

    @Test
    void aRefusedValueIsShownScrubbedEscapedAndShortenedNeverRaw() {
        String name = "john.doe@example.com\n<b>" + "x".repeat(200);
        assertThatThrownBy(() -> Names.requireName("alert name", name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("john.doe")
                .hasMessageNotContaining("\n")
                .hasMessageContaining("\\u000a")
                .hasMessageContaining("(" + name.length() + " characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void labelKeysFollowThePrometheusRule() {
        assertThat(Names.isValidLabelKey("service")).isTrue();
        assertThat(Names.isValidLabelKey("_private")).isTrue();
        assertThat(Names.isValidLabelKey("9lives")).isFalse();
        assertThat(Names.isValidLabelKey("with-dash")).isFalse();
        assertThat(Names.isValidLabelKey("with.dot")).isFalse();
        assertThatThrownBy(() -> Names.requireLabelKey("label name", "a b"))
                .hasMessageStartingWith("label name must be 1-64 characters of ASCII letters, digits and '_'");
    }
}
