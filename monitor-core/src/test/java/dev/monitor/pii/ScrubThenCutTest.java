package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Text is scrubbed first and cut after: a value that straddles the limit never survives in part. */
class ScrubThenCutTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();

    @Test
    void aCardOrEmailStraddlingTheLimitAtAnyPositionLeavesNoPartOfIt() {
        int limit = 160;
        String[] planted = {"4111 1111 1111 1111", "john.doe@example.com", "DE89 3704 0044 0532 0130 00"};
        String[] parts = {"4111 1111", "1111 1111", "john.doe", "0532 0130", "3704 0044"};
        int cases = 0;
        for (String value : planted) {
            for (int start = limit - value.length() - 2; start <= limit + 2; start++) {
                String text = filler(start) + value + " tail";
                String shown = SCRUBBER.scrub(text, limit);
                assertThat(shown.length()).isLessThanOrEqualTo(limit);
                for (String part : parts) {
                    assertThat(shown).as("%s at %d", value, start).doesNotContain(part);
                }
                cases++;
            }
        }
        System.out.println("ScrubThenCutTest: " + cases + " straddling positions checked");
    }

    @Test
    void cleanShortTextIsReturnedAsIsAndLongTextEndsInAnEllipsisWithoutSplittingASurrogatePair() {
        String clean = "all good";
        assertThat(SCRUBBER.scrub(clean, 100)).isSameAs(clean);
        assertThat(SCRUBBER.scrub("abcdef", 4)).isEqualTo("abc…");
        assertThat(SCRUBBER.scrub("ab\uD83D\uDE00cd", 4)).isEqualTo("ab…");
        assertThat(SCRUBBER.scrubValue("password", "hunter2 and more", 5)).doesNotContain("hunter");
        assertThatThrownBy(() -> SCRUBBER.scrub("x", 0)).hasMessage("maxLength must be at least 1, was 0");
    }

    /** Words and spaces of exactly {@code length} characters, ending in a space so the value starts a word. */
    private static String filler(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(text.length() % 6 == 5 ? ' ' : 'w');
        }
        if (length > 0) {
            text.setCharAt(length - 1, ' ');
        }
        return text.toString();
    }
}
