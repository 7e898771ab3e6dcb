package dev.monitor.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to defeat backtracking and recursion. Each runs on a thread with a 256 KiB stack, so recursion over the
 * input would overflow, under a hang guard of 20 s (linear work takes milliseconds; the guard is not a speed check,
 * the benchmark is).
 */
class PathologicalInputTest {

    private static final Scrubber SCRUBBER = Scrubber.defaults();
    private static final int MB = 1 << 20;
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    private static <T> T onSmallStack(Supplier<T> work) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            AtomicReference<T> result = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(null, () -> {
                try {
                    result.set(work.get());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "small-stack", 256 * 1024);
            thread.start();
            thread.join();
            if (failure.get() != null) {
                throw new AssertionError("scrubbing failed", failure.get());
            }
            return result.get();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"@", "0", "a", "7", "@a", "a@", "a.", "a=", "=", ":", "::", "a:", "\\", "\\\\\"", "%", "%40", "+", "+1",
        "-", "/", "/home/", "{", "[", "\"", "\"a\":", "\\\"a\\\":", "1.", "1 ", "1-", "12:", "eyJ", "eyJa.", "sk-", "ghp_", "AKIA",
        "DE89 ", "Bearer ", "x://", "@@a.b", "a@b.", "-----BEGIN ", "M", "key=", "password", "password=", "token:", "ok_",
        "ok=", "a:a:", "1:", "fe80:", "1234 ", "%40a.", "%2B1", "/home/x/", "\\Users\\x\\", "\\u0040", "sk_live_"})
    void aMegabyteOfOneRepeatedPatternFinishesWithoutOverflow(String unit) {
        String text = unit.repeat(MB / unit.length());
        String scrubbed = onSmallStack(() -> SCRUBBER.scrub(text));
        assertThat(scrubbed).isNotNull();
    }

    @Test
    void aMegabyteOfAtSignsAndAMegabyteOfDigitsComeBackUnchanged() {
        String ats = "@".repeat(MB);
        String digits = "3".repeat(MB);
        assertThat(onSmallStack(() -> SCRUBBER.scrub(ats))).isSameAs(ats);
        assertThat(onSmallStack(() -> SCRUBBER.scrub(digits))).isSameAs(digits);
    }

    @Test
    void aMegabyteWithoutSpacesEndingInAnEmailIsScrubbed() {
        String text = "x".repeat(MB) + ",maria@example.com";
        assertThat(onSmallStack(() -> SCRUBBER.scrub(text))).endsWith(",m***@example.com");
    }

    @Test
    void jsonNested10000DeepFinishesAndAnInnerSecretIsStillFound() {
        int depth = 10_000;
        String deep = "{\"a\":".repeat(depth) + "{\"password\":\"hunter2\"}" + "}".repeat(depth);
        String scrubbed = onSmallStack(() -> SCRUBBER.scrub(deep));
        assertThat(scrubbed).contains("\"password\":\"[secret]\"").doesNotContain("hunter2");

        String arrays = "[".repeat(depth) + "\"john.doe@example.com\"" + "]".repeat(depth);
        assertThat(onSmallStack(() -> SCRUBBER.scrub(arrays))).contains("j***@example.com");
    }

    @Test
    void jsonNested10000DeepUnderASensitiveKeyIsRemovedWhole() {
        int depth = 10_000;
        String deep = "{\"credentials\":" + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + ",\"next\":true}";
        assertThat(onSmallStack(() -> SCRUBBER.scrub(deep))).isEqualTo("{\"credentials\":\"[secret]\",\"next\":true}");
    }

    @Test
    void unbalancedDeepJsonUnderASensitiveKeyHidesTheRest() {
        String deep = "{\"secret\":" + "[".repeat(100_000) + "x";
        assertThat(onSmallStack(() -> SCRUBBER.scrub(deep))).isEqualTo("{\"secret\":\"[secret]\"");
    }

    @Test
    void jsonEscapedManyLevelsDeepFinishes() {
        String text = "{\"a\":\"" + "\\".repeat(MB) + "\"password\\\":\\\"x\\\"}\"}";
        assertThat(onSmallStack(() -> SCRUBBER.scrub(text))).isNotNull();
    }

    @Test
    void aMapNested10000DeepFinishesWithoutOverflow() {
        Map<String, Object> root = new HashMap<>();
        Map<String, Object> current = root;
        for (int k = 0; k < 10_000; k++) {
            Map<String, Object> child = new HashMap<>();
            current.put("a", child);
            current = child;
        }
        assertThat(onSmallStack(() -> SCRUBBER.scrubMap(root))).isNotSameAs(root);
    }

    @Test
    void aFiveMegabyteLogLineLosesEveryPersonalValue() {
        String clean = "2026-02-08 12:00:01.123 INFO [exec-7] c.e.OrderService - order 84213 shipped in 14 ms, "
                + "status=ok region=eu-west-1 trace=4bf92f3577b34da6a3ce929d0e0e4736; ";
        String personal = "customer maria.garcia@example.com paid with 4111 1111 1111 1111 from 203.0.113.7 "
                + "password=hunter2 Authorization: Bearer 8f3kd92jfk3l0s9dk3k2; ";
        StringBuilder line = new StringBuilder(5 * MB + 1024);
        int personalCount = 0;
        while (line.length() < 5 * MB) {
            line.append(clean);
            if (line.length() % 7 == 0) {
                line.append(personal);
                personalCount++;
            }
        }
        line.append(personal);
        personalCount++;
        String text = line.toString();
        String scrubbed = onSmallStack(() -> SCRUBBER.scrub(text));
        assertThat(personalCount).isGreaterThan(1);
        assertThat(scrubbed).doesNotContain("maria.garcia", "4111 1111", "203.0.113.7", "hunter2", "8f3kd92jfk3l0s9dk3k2");
        assertThat(countOf(scrubbed, "[payment_card]")).isEqualTo(personalCount);
        assertThat(scrubbed).contains(clean);
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int p = text.indexOf(part); p >= 0; p = text.indexOf(part, p + 1)) {
            count++;
        }
        return count;
    }
}
