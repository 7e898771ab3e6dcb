package dev.monitor.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the sanitizer corpus in {@code src/test/resources/jdbc/sanitizer-corpus.txt}: each
 * statement, in each dialect it names, must sanitize to exactly the expected text.
 */
class SqlSanitizerCorpusTest {

    record CorpusCase(String name, Set<SqlDialect> dialects, String input, String expected) {
    }

    static List<CorpusCase> corpus() throws IOException {
        String text;
        try (InputStream in = SqlSanitizerCorpusTest.class.getResourceAsStream("/jdbc/sanitizer-corpus.txt")) {
            assertThat(in).as("corpus resource").isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<CorpusCase> cases = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length && !lines[i].startsWith("### ")) {
            i++;
        }
        while (i < lines.length) {
            String header = lines[i++].substring(4);
            int colon = header.indexOf(':');
            Set<SqlDialect> dialects = EnumSet.noneOf(SqlDialect.class);
            for (String d : header.substring(0, colon).split(",")) {
                dialects.add(SqlDialect.valueOf(d.trim()));
            }
            String name = header.substring(colon + 1).trim();
            StringBuilder input = new StringBuilder();
            while (!lines[i].equals("---")) {
                input.append(input.length() > 0 || !input.isEmpty() ? "\n" : "").append(lines[i++]);
            }
            i++;
            List<String> expected = new ArrayList<>();
            while (i < lines.length && !lines[i].startsWith("### ")) {
                expected.add(lines[i++]);
            }
            while (!expected.isEmpty() && expected.get(expected.size() - 1).isEmpty()) {
                expected.remove(expected.size() - 1);
            }
            cases.add(new CorpusCase(name, dialects, joinInput(input), String.join("\n", expected)));
        }
        return cases;
    }

    private static String joinInput(StringBuilder input) {
        return input.toString();
    }

    @Test
    void corpusHoldsAtLeast150StatementsCoveringEveryDialect() throws IOException {
        List<CorpusCase> cases = corpus();
        assertThat(cases.stream().map(CorpusCase::input).distinct().count()).isGreaterThanOrEqualTo(150);
        for (SqlDialect dialect : SqlDialect.values()) {
            assertThat(cases.stream().filter(c -> c.dialects().contains(dialect)).count())
                    .as("cases for %s", dialect).isGreaterThanOrEqualTo(60);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusStatementSanitizesToItsExpectedText() throws IOException {
        return corpus().stream().flatMap(c -> c.dialects().stream().map(dialect -> DynamicTest.dynamicTest(
                dialect + ": " + c.name(), () -> {
                    SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
                    String sanitized = sanitizer.sanitize(c.input());
                    assertThat(sanitized).as("sanitized %s", c.name()).isEqualTo(c.expected());
                    assertThat(sanitized.toLowerCase(Locale.ROOT)).doesNotContain("secret");
                    // sanitizing is stable: the output of the sanitizer is its own sanitized form
                    assertThat(sanitizer.sanitize(sanitized)).isEqualTo(sanitized);
                    // the cached sanitizer gives the same answer, twice
                    SqlSanitizer cached = sanitizer.withCache(8);
                    assertThat(cached.sanitize(c.input())).isEqualTo(c.expected());
                    assertThat(cached.sanitize(c.input())).isEqualTo(c.expected());
                })));
    }

    @TestFactory
    Stream<DynamicTest> everyPrefixOfEveryCorpusStatementHidesItsSecrets() throws IOException {
        return corpus().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            for (SqlDialect dialect : c.dialects()) {
                SqlSanitizer sanitizer = SqlSanitizer.forDialect(dialect);
                for (int end = 0; end <= c.input().length(); end++) {
                    String prefix = c.input().substring(0, end);
                    String sanitized = sanitizer.sanitize(prefix);
                    assertThat(sanitized.toLowerCase(Locale.ROOT)).as("%s prefix %s", dialect, prefix)
                            .doesNotContain("secr");
                }
            }
        }));
    }
}
