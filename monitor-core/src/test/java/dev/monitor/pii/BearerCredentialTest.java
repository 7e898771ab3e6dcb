package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Found by the leak suite: a Bearer token of letters only (no digit by chance) was not recognised as a credential. */
class BearerCredentialTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void aBearerTokenOfLettersOnlyIsRedacted() {
        assertThat(SCRUBBER.scrub("the rep Bearer beHfYEoWBZbzOPljuTCbmywiOQvpLFIeT and then"))
                .isEqualTo("the rep Bearer [auth_credential] and then");
        assertThat(SCRUBBER.scrub("sent Bearer fLIRTmeoPPyNFxEuDpUNFAZqmjCx"))
                .isEqualTo("sent Bearer [auth_credential]");
    }

    @Test
    void aRandomBearerTokenOfTwentyOrMoreLettersIsRedacted() {
        long seed = Long.getLong("monitor.test.seed", 0x5EEDL);
        SplittableRandom random = new SplittableRandom(seed);
        int cases = 2_000;
        for (int c = 0; c < cases; c++) {
            StringBuilder token = new StringBuilder();
            for (int i = 20 + random.nextInt(25); i > 0; i--) {
                token.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
            }
            assertThat(SCRUBBER.scrub("call with Bearer " + token + " today")).as("seed %s case %s", seed, c)
                    .isEqualTo("call with Bearer [auth_credential] today");
        }
        System.out.println("BearerCredentialTest: " + cases + " cases, seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer authentication is required", "Bearer AuthenticationScheme is deprecated",
            "Bearer token", "Bearer ABCDEFGHIJKLMNOPQRSTU", "Bearer abcdefghijklmnopqrstuvwxyz"})
    void wordsAfterBearerStay(String text) {
        assertThat(SCRUBBER.scrub(text)).isEqualTo(text);
    }
}
