package dev.monitor.pii.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner only looks at keys whose words hold a signal pair; this checks that no built-in sensitive word can be
 * missed that way, in any case.
 */
class KeyRulesSignalTest {

    @Test
    void everySensitiveWordHoldsASignalPair() {
        List<String> words = KeyRules.sensitiveWords();
        assertThat(words).hasSizeGreaterThan(40);
        for (String word : words) {
            assertThat(KeyRules.mayBeSensitive(word, 0, word.length())).as(word).isTrue();
            String upper = word.toUpperCase(java.util.Locale.ROOT);
            assertThat(KeyRules.mayBeSensitive(upper, 0, upper.length())).as(upper).isTrue();
        }
    }

    @Test
    void commonEventKeysHoldNoSignalPair() {
        for (String key : List.of("timestamp", "level", "logger", "platform", "event_id", "trace_id", "span_id", "module",
                "function", "filename", "lineno", "in_app", "environment", "release", "status", "method", "url", "tags")) {
            assertThat(KeyRules.mayBeSensitive(key, 0, key.length())).as(key).isFalse();
        }
    }
}
